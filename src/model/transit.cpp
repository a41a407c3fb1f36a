#include "corridor/model/transit.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/model/network.hpp"
#include "json_fields.hpp"

namespace corridor {
namespace {

using json_fields::Fields;
using nlohmann::json;

bool touches(const Network& net, const Route& r, const std::string& country) {
    return net.places[net.from_index(r)].country == country || net.places[net.to_index(r)].country == country;
}

void check_countries(const Fields& in, const Network& net, const TransitRule& t) {
    for (const auto& [field, code] : {std::pair{"exporter", &t.exporter}, {"via", &t.via}, {"importer", &t.importer}})
        if (!json_fields::is_country(net, *code))
            in.fail(field, fmt::format("\"{}\" is not the country code of any place", *code));
    if (t.via == t.exporter || t.via == t.importer)
        in.fail("via", fmt::format("\"{}\" is the exporter or the importer, not a third country", t.via));
}

void check_routes(const Fields& in, const Network& net, const TransitRule& t) {
    for (const auto& id : t.routes) {
        const auto r = net.route_index(id);
        if (!r) in.fail("routes", fmt::format("unknown route id \"{}\"", id));
        if (!touches(net, net.routes[*r], t.via))
            in.fail("routes", fmt::format("route \"{}\" does not touch {}, the country crossed", id, t.via));
    }
}

TransitRule read_rule(const json& j, const Network& net, const std::string& file, std::size_t n) {
    if (!j.is_object()) throw input_error({file, json_fields::item_number(n), ""}, "each transit rule is an object");
    TransitRule t;
    t.id = Fields(file, json_fields::item_number(n)).text(j, "id", true);
    const Fields in(file, t.id);
    t.exporter = in.text(j, "exporter", true);
    t.via = in.text(j, "via", true);
    t.importer = in.text(j, "importer", true);
    check_countries(in, net, t);
    t.routes = in.strings(j, "routes", true);
    check_routes(in, net, t);
    t.commodities = in.strings(j, "commodities", false);
    t.quote = in.text(j, "quote", false);
    t.source = in.text(j, "source", !t.quote.empty());
    t.note = in.text(j, "note", t.quote.empty());
    return t;
}

// The commodities the rules for exporter -> importer let route r carry across `third`; a
// rule without commodities lets it carry all of its own.
std::vector<std::string> allowed_commodities(const Network& net, const std::vector<TransitRule>& rules,
                                             const std::string& exporter, const std::string& importer, std::size_t r) {
    const Route& route = net.routes[r];
    std::set<std::string> allowed;
    for (const auto& t : rules) {
        if (t.exporter != exporter || t.importer != importer) continue;
        if (std::find(t.routes.begin(), t.routes.end(), route.id) == t.routes.end()) continue;
        if (t.commodities.empty()) return route.commodities;
        allowed.insert(t.commodities.begin(), t.commodities.end());
    }
    std::vector<std::string> out;
    for (const auto& c : route.commodities)
        if (allowed.count(c)) out.push_back(c);
    return out;
}

}  // namespace

std::vector<TransitRule> load_transits(const std::filesystem::path& file, const Network& net) {
    return json_fields::read_items(file, "transits", [&](const json& item, const std::string& path, std::size_t n) {
        return read_rule(item, net, path, n);
    });
}

std::optional<std::string> country_of(const Network& net, const std::vector<std::size_t>& places) {
    if (places.empty()) return std::nullopt;
    const std::string& first = net.places[places.front()].country;
    if (first.empty()) return std::nullopt;
    for (std::size_t p : places)
        if (net.places[p].country != first) return std::nullopt;
    return first;
}

std::vector<std::optional<std::vector<std::string>>> transit_commodities(const Network& net,
                                                                         const std::vector<TransitRule>& rules,
                                                                         const std::string& exporter,
                                                                         const std::string& importer) {
    std::vector<std::optional<std::vector<std::string>>> out(net.routes.size());
    if (rules.empty()) return out;
    auto third = [&](const std::string& country) {
        return !country.empty() && country != exporter && country != importer;
    };
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        if (third(net.places[net.from_index(route)].country) || third(net.places[net.to_index(route)].country))
            out[r] = allowed_commodities(net, rules, exporter, importer, r);
    }
    return out;
}

}  // namespace corridor
