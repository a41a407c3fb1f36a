#include "corridor/report/layers.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/text/strings.hpp"

#include "cells.hpp"

#include <fmt/format.h>

#include <cmath>
#include <span>
#include <string>

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;
using report_detail::set;
using report_detail::set_joined;
using report_detail::set_text;
using report_detail::text;

// Values are rounded to the decimals their shapefile column holds, so every format
// carries the same number. Shapefile widths hold the largest figure the loader accepts
// (10^15 t/month, kMaxMonthlyCapacity; annual_t 12 times that) and flows up to 18 digits.
Cell rounded(double v, int decimals) {
    const double k = std::pow(10.0, decimals);
    return std::round(v * k) / k;
}
Cell rounded(const std::optional<double>& v, int decimals) { return v ? rounded(*v, decimals) : Cell{}; }

bool on_cut(const Analysis& a, bool place, std::size_t index) {
    for (const auto& c : limits_of(a))
        if (c.is_place == place && c.index == index) return true;
    return false;
}

// The analysis' uncertainty run, if any: its fields are added to the layers only then, so
// exports without one stay as they were.
const UncertaintyResult* uncertainty_of(const Analysis* a) {
    return a != nullptr && a->uncertainty ? &*a->uncertainty : nullptr;
}

const io::FieldDef kCutProb{"cut_prob", FieldType::real, 10, 4};

}  // namespace

std::string thousands(Flow v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

std::string whole_thousands(double per_month) { return thousands(whole_tonnes(per_month)); }

io::Table places_table(const Network& net, const Analysis* analysis) {
    io::Table t;
    t.name = "places";
    t.geom = io::GeomType::point;
    t.fields = {{"id"},
                {"name"},
                {"name_local"},
                {"country"},
                {"kind"},
                {"source"},
                {"capacity", FieldType::real, 20, 3},
                {"note"},
                {"in_t_mo", FieldType::integer64, 18, 0},
                {"out_t_mo", FieldType::integer64, 18, 0},
                {"transfer"},
                {"conv_from"},
                {"conv_to"}};
    const UncertaintyResult* u = uncertainty_of(analysis);
    if (u) t.fields.push_back(kCutProb);
    // Rows are made when written and points read in place (a big network is never held
    // twice); net and analysis must outlive the table.
    t.count = net.places.size();
    // Called from several writer threads at once: reads only, into the caller's row.
    t.make_row = [&net, analysis, u](std::size_t i, std::vector<Cell>& row) {
        const Place& p = net.places[i];
        row.resize(u ? 14 : 13);
        set(row[0], p.id);
        set_text(row[1], p.name);
        set_text(row[2], p.name_local);
        set(row[3], p.country);
        set(row[4], p.kind);
        set_text(row[5], p.source);
        row[6] = rounded(p.capacity, 3);
        set_text(row[7], p.note);
        if (analysis) {
            row[8] = std::int64_t{analysis->result.place_in.at(i)};
            row[9] = std::int64_t{analysis->result.place_out.at(i)};
        } else {
            row[8] = row[9] = std::monostate{};
        }
        set_text(row[10], p.transfer);
        set_text(row[11], p.converts_from);
        set_text(row[12], p.converts_to);
        if (u) row[13] = p.capacity ? rounded(u->place_cut_probability.at(i), 4) : Cell{};
    };
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(&net.places[i].pos, 1); };
    return t;
}

io::Table routes_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis) {
    io::Table t;
    t.name = "routes";
    t.geom = io::GeomType::line;
    t.fields = {
        {"id"},
        {"name"},
        {"mode"},
        {"commodity"},
        {"from_id"},
        {"to_id"},
        {"two_way", FieldType::boolean, 1, 0},
        {"length_km", FieldType::real, 12, 3},
        {"hours", FieldType::real, 10, 2},
        {"payload_t", FieldType::real, 20, 3},
        {"trips_mo", FieldType::real, 10, 3},
        {"annual_t", FieldType::real, 21, 3},
        {"capacity", FieldType::real, 20, 3},
        {"cap_rule"},
        {"pax_trip", FieldType::real, 10, 1},
        {"pax_mo", FieldType::real, 12, 1},
        {"observed", FieldType::real, 20, 3},
        {"obs_ratio", FieldType::real, 10, 4},
        {"basis"},
        {"seed"},
        {"quote"},
        {"note"},
        {"obs_quote"},
        {"obs_seed"},
        {"flow", FieldType::integer64, 18, 0},
        {"util", FieldType::real, 10, 4},
        {"bottleneck", FieldType::integer, 1, 0},
        {"flow_dir"},
        {"gauge"},
    };
    const UncertaintyResult* u = uncertainty_of(analysis);
    if (u)
        t.fields.insert(t.fields.end(),
                        {{"cap_low", FieldType::real, 20, 3}, {"cap_high", FieldType::real, 20, 3}, kCutProb});
    t.count = net.routes.size();
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(net.routes[i].line); };
    // Called from several writer threads at once: reads only, into the caller's row.
    t.make_row = [&net, &measures, analysis, u](std::size_t i, std::vector<Cell>& row) {
        const Route& r = net.routes[i];
        const RouteMeasure& m = measures.at(i);
        const Figures& f = r.figures;
        const MonthlyCapacity& c = m.capacity;
        const bool has_obs = c.observed.has_value();
        row.resize(u ? 32 : 29);
        set(row[0], r.id);
        set_text(row[1], r.name);
        set(row[2], mode_name(r.mode));
        set_joined(row[3], r.commodities);
        set(row[4], r.from_id);
        set(row[5], r.to_id);
        row[6] = r.two_way;
        row[7] = rounded(m.length.value, 3);
        row[8] = rounded(m.hours.value, 2);
        row[9] = rounded(f.payload_t, 3);
        row[10] = rounded(f.trips_mo, 3);
        row[11] = rounded(f.annual_t, 3);
        row[12] = rounded(c.tonnes.value, 3);
        set(row[13], rule_name(c.rule));
        row[14] = rounded(f.pax_trip, 1);
        row[15] = f.pax_trip ? rounded(c.passengers.value, 1) : Cell{};
        row[16] = has_obs ? rounded(c.observed->value, 3) : Cell{};
        row[17] = rounded(c.observed_ratio, 4);
        set(row[18], basis_name(r.basis));
        set_text(row[19], r.seed);
        set_text(row[20], r.quote);
        set_text(row[21], r.note);
        if (has_obs) {
            set_text(row[22], r.obs_quote);
            set_text(row[23], r.obs_seed);
        } else {
            row[22] = row[23] = std::monostate{};
        }
        row[24] = row[25] = row[26] = row[27] = std::monostate{};  // flow, util, bottleneck, flow_dir
        if (analysis) {
            const Flow fl = analysis->result.route_flow.at(i);
            const double cap = analysis->result.passengers ? c.passengers.value : c.tonnes.value;
            row[24] = std::int64_t{fl};
            if (cap > 0) row[25] = rounded(static_cast<double>(fl) / cap, 4);
            row[26] = std::int64_t{on_cut(*analysis, false, i) ? 1 : 0};
            if (fl > 0) set(row[27], analysis->result.route_backward.at(i) ? "backward" : "forward");
        }
        if (r.gauge != kNoGauge) set(row[28], gauge_name(r.gauge));
        else row[28] = std::monostate{};
        if (u) {
            const CapacityRange range = query_capacity_range(c, f);
            row[29] = rounded(range.low.tonnes.value, 3);
            row[30] = rounded(range.high.tonnes.value, 3);
            row[31] = rounded(u->cut_probability.at(i), 4);
        }
    };
    return t;
}

io::Table flows_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis& analysis) {
    io::Table t;
    t.name = "flows";
    t.geom = io::GeomType::none;
    t.fields = {{"route_id"},
                {"origin"},
                {"destination"},
                {"origin_lon", FieldType::real},
                {"origin_lat", FieldType::real},
                {"dest_lon", FieldType::real},
                {"dest_lat", FieldType::real},
                {"flow_t_mo", FieldType::integer64},
                {"capacity", FieldType::real},
                {"util", FieldType::real}};
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        const Flow fl = analysis.result.route_flow.at(i);
        if (fl <= 0) continue;
        const Route& r = net.routes[i];
        const Place* a = &net.places[net.from_index(r)];
        const Place* b = &net.places[net.to_index(r)];
        if (analysis.result.route_backward.at(i)) std::swap(a, b);
        const double cap =
            analysis.result.passengers ? measures[i].capacity.passengers.value : measures[i].capacity.tonnes.value;
        t.rows.push_back({r.id, a->id, b->id, a->pos.lon, a->pos.lat, b->pos.lon, b->pos.lat, std::int64_t{fl},
                          rounded(cap, 3), cap > 0 ? rounded(static_cast<double>(fl) / cap, 4) : Cell{}});
        t.geometries.push_back({});
    }
    return t;
}

io::Table flows_by_commodity_table(const Network& net, const Analysis& analysis) {
    io::Table t;
    t.name = "flows_by_commodity";
    t.geom = io::GeomType::none;
    t.fields = {{"route_id"}, {"commodity"}, {"origin"}, {"destination"}, {"flow_t_mo", FieldType::integer64}};
    if (!analysis.joint) return t;
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        for (const auto& f : analysis.joint->flows) {
            const Flow fl = whole_tonnes(f.route_flow.at(i));
            if (fl <= 0) continue;
            const Route& r = net.routes[i];
            const bool back = f.route_backward.at(i);
            t.rows.push_back(
                {r.id, f.commodity, back ? r.to_id : r.from_id, back ? r.from_id : r.to_id, std::int64_t{fl}});
            t.geometries.push_back({});
        }
    return t;
}

std::vector<NamedTable> analysis_tables(const Network& net, const std::vector<RouteMeasure>& measures,
                                        const Analysis& analysis) {
    std::vector<NamedTable> out;
    out.push_back({"flows.csv", io::Format::csv, flows_table(net, measures, analysis)});
    if (analysis.joint)
        out.push_back({"flows_by_commodity.csv", io::Format::csv, flows_by_commodity_table(net, analysis)});
    out.push_back({"bottlenecks.geojson", io::Format::geojson, bottlenecks_table(net, measures, analysis)});
    return out;
}

std::vector<io::Table> tile_layers(const Network& net, const std::vector<RouteMeasure>& measures,
                                   const Analysis* analysis) {
    std::vector<io::Table> out{places_table(net, analysis), routes_table(net, measures, analysis)};
    if (analysis) out.push_back(bottlenecks_table(net, measures, *analysis));
    return out;
}

std::string uncertainty_sentence(const Analysis& analysis) {
    if (!analysis.uncertainty) return "";
    const UncertaintyResult& u = *analysis.uncertainty;
    return fmt::format("over {} draws (seed {}) of {} ranged figures: P10 {}, P50 {}, P90 {} {}", u.draws,
                       analysis.seed, u.figures.size(), thousands(u.p10), thousands(u.p50), thousands(u.p90),
                       u.passengers ? "passengers/month" : "t/month");
}

std::string bottleneck_sentence(const Analysis& analysis) {
    std::size_t routes = 0, places = 0;
    for (const auto& c : limits_of(analysis)) (c.is_place ? places : routes)++;
    const std::size_t caps = analysis.joint ? analysis.joint->binding_limits.size() : 0;
    auto count = [](std::size_t n, const char* what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); };
    std::vector<std::string> what;
    if (routes > 0) what.push_back(count(routes, "route"));
    if (places > 0) what.push_back(count(places, "place"));
    if (caps > 0) what.push_back(count(caps, "national cap"));
    const std::size_t n = routes + places + caps;
    const std::string single = routes == 1 ? "route" : places == 1 ? "place" : "national cap";
    const std::string subject = n == 0   ? std::string("the network caps")
                                : n == 1 ? fmt::format("this {} caps", single)
                                         : fmt::format("these {} cap", joined(what, " and "));
    const std::string unit = analysis.result.passengers ? "passengers/month" : "t/month";
    const std::string of = analysis.commodity.empty() ? "" : " for " + analysis.commodity;
    const std::string under = analysis.scenario.empty() ? "" : " under scenario " + analysis.scenario;
    return fmt::format("{} {} to {}{} at {} {}{}", subject, analysis.from, analysis.to, of,
                       thousands(analysis.result.throughput), unit, under);
}

io::Table bottlenecks_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis& analysis) {
    io::Table t;
    t.name = "bottlenecks";
    t.geom = io::GeomType::line;
    t.fields = {{"id"},
                {"name"},
                {"mode"},
                {"capacity", FieldType::real, 20, 3},
                {"flow", FieldType::integer64, 18, 0},
                {"basis"},
                {"quote"},
                {"note"},
                {"sentence"}};
    const UncertaintyResult* u = uncertainty_of(&analysis);
    if (u)
        t.fields.insert(t.fields.end(), {kCutProb,
                                         {"p10", FieldType::integer64, 18, 0},
                                         {"p50", FieldType::integer64, 18, 0},
                                         {"p90", FieldType::integer64, 18, 0}});
    const std::string sentence = bottleneck_sentence(analysis);
    for (const auto& c : limits_of(analysis)) {
        if (c.is_place) continue;
        const Route& r = net.routes[c.index];
        const double cap = analysis.result.passengers ? measures[c.index].capacity.passengers.value
                                                      : measures[c.index].capacity.tonnes.value;
        t.rows.push_back({r.id, r.name, std::string(mode_name(r.mode)), rounded(cap, 3),
                          std::int64_t{analysis.result.route_flow[c.index]}, std::string(basis_name(r.basis)),
                          text(r.quote), text(r.note), sentence});
        if (u)
            t.rows.back().insert(t.rows.back().end(), {rounded(u->cut_probability.at(c.index), 4), std::int64_t{u->p10},
                                                       std::int64_t{u->p50}, std::int64_t{u->p90}});
        t.geometries.push_back(r.line);
    }
    return t;
}

}  // namespace corridor
