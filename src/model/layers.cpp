#include "corridor/model/layers.hpp"

#include <cmath>
#include <string>

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;

// Values are rounded to the decimals their shapefile column holds, so every format
// carries the same number.
Cell rounded(double v, int decimals) {
    const double k = std::pow(10.0, decimals);
    return std::round(v * k) / k;
}
Cell rounded(const std::optional<double>& v, int decimals) {
    return v ? rounded(*v, decimals) : Cell{};
}
Cell text(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
    return out;
}

}  // namespace

io::Table places_table(const Network& net) {
    io::Table t;
    t.name = "places";
    t.geom = io::GeomType::point;
    t.fields = {{"id"}, {"name"}, {"name_local"}, {"country"}, {"kind"}, {"source"},
                {"capacity", FieldType::real, 16, 3}, {"note"}};
    for (const auto& p : net.places) {
        t.rows.push_back({p.id, p.name, text(p.name_local), p.country, p.kind, text(p.source), rounded(p.capacity, 3),
                          text(p.note)});
        t.geometries.push_back({p.pos});
    }
    return t;
}

io::Table routes_table(const Network& net, const std::vector<RouteMeasure>& measures) {
    io::Table t;
    t.name = "routes";
    t.geom = io::GeomType::line;
    t.fields = {
        {"id"},        {"name"},       {"mode"},      {"commodity"},
        {"from_id"},   {"to_id"},      {"two_way", FieldType::boolean, 1, 0},
        {"length_km", FieldType::real, 12, 3},        {"hours", FieldType::real, 10, 2},
        {"payload_t", FieldType::real, 14, 3},        {"trips_mo", FieldType::real, 10, 3},
        {"annual_t", FieldType::real, 16, 3},         {"capacity", FieldType::real, 16, 3},
        {"cap_rule"},  {"pax_trip", FieldType::real, 10, 1}, {"pax_mo", FieldType::real, 12, 1},
        {"observed", FieldType::real, 16, 3},         {"obs_ratio", FieldType::real, 10, 4},
        {"basis"},     {"source"},     {"quote"},     {"note"},
        {"obs_quote"}, {"obs_source"},
    };
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        const Route& r = net.routes[i];
        const RouteMeasure& m = measures.at(i);
        const Figures& f = r.figures;
        const MonthlyCapacity& c = m.capacity;
        const bool has_obs = c.observed.has_value();
        t.rows.push_back({
            r.id, r.name, std::string(mode_name(r.mode)), joined(r.commodities), r.from_id, r.to_id, r.two_way,
            rounded(m.length.value, 3), rounded(m.hours.value, 2), rounded(f.payload_t, 3), rounded(f.trips_mo, 3),
            rounded(f.annual_t, 3), rounded(c.tonnes.value, 3), std::string(rule_name(c.rule)), rounded(f.pax_trip, 1),
            f.pax_trip ? rounded(c.passengers.value, 1) : Cell{},
            has_obs ? rounded(c.observed->value, 3) : Cell{}, rounded(c.observed_ratio, 4),
            std::string(basis_name(r.basis)), text(r.source), text(r.quote), text(r.note),
            has_obs ? text(r.obs_quote) : Cell{}, has_obs ? text(r.obs_source) : Cell{},
        });
        t.geometries.push_back(r.line);
    }
    return t;
}

}  // namespace corridor
