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

}  // namespace corridor::test
