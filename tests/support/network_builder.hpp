// Small networks built in memory for unit tests: places on a line, routes between them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/model/network.hpp"

namespace corridor::test {

struct RouteSpec {
    Mode mode = Mode::rail;
    bool two_way = false;
    std::vector<std::string> commodities = {"cargo"};
};

class NetBuilder {
public:
    // A place 0.1 degree east of the previous one.
    NetBuilder& place(const std::string& id, const std::string& country = "RU",
                      std::optional<double> capacity = std::nullopt) {
        return place_at(id, country, {130.0 + 0.1 * static_cast<double>(net_.places.size()), 42.0}, capacity);
    }
    NetBuilder& place_at(const std::string& id, const std::string& country, LonLat pos,
                         std::optional<double> capacity = std::nullopt) {
        Place p;
        p.id = id;
        p.name = id;
        p.country = country;
        p.kind = "city";
        p.pos = pos;
        p.capacity = capacity;
        net_.places.push_back(p);
        net_.build_index();
        return *this;
    }
    // A route with a capacity in t/month.
    NetBuilder& route(const std::string& id, const std::string& from, const std::string& to, double capacity,
                      const RouteSpec& spec = {}) {
        Figures f;
        f.capacity = capacity;
        return route(id, from, to, f, spec);
    }
    NetBuilder& route(const std::string& id, const std::string& from, const std::string& to, const Figures& f,
                      const RouteSpec& spec) {
        Route r;
        r.id = id;
        r.name = id;
        r.mode = spec.mode;
        r.from_id = from;
        r.to_id = to;
        r.two_way = spec.two_way;
        r.commodities = spec.commodities;
        r.figures = f;
        r.line = {net_.place(from).pos, net_.place(to).pos};
        net_.routes.push_back(r);
        return *this;
    }
    Network build() {
        net_.build_index();
        return net_;
    }

private:
    Network net_;
};

// For transit rules: ru (RU) → kp (KP) on route a (rail) and kp → cn (CN) on b (sea), 100
// t/month each, carrying `via_kp`; ru → cn direct on d (cargo, 30); kp → kp2 on e (cargo, 10).
inline Network ru_kp_cn(const std::vector<std::string>& via_kp) {
    NetBuilder b;
    for (const auto& [id, country] : {std::pair{"ru", "RU"}, {"kp", "KP"}, {"cn", "CN"}, {"kp2", "KP"}})
        b.place(id, country);
    return b.route("a", "ru", "kp", 100, {Mode::rail, false, via_kp})
        .route("b", "kp", "cn", 100, {Mode::bulk, false, via_kp})
        .route("d", "ru", "cn", 30)
        .route("e", "kp", "kp2", 10)
        .build();
}

// A rule letting `commodities` (empty: every one) from exporter to importer cross KP on a and b.
inline TransitRule via_kp_rule(const std::string& exporter, const std::string& importer,
                               std::vector<std::string> commodities) {
    return {"via_kp", exporter, "KP", importer, {"a", "b"}, std::move(commodities), "", "", "test"};
}

}  // namespace corridor::test
