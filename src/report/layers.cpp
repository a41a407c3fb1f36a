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
using namespace report_detail;

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

// One place of places_table, as its columns read it.
struct PlaceRow {
    std::size_t i;
    const Place& p;
    const Analysis* analysis;    // null: no flow fields
    const UncertaintyResult* u;  // null: no uncertainty fields
};

Cell place_flow(const PlaceRow& x, const std::vector<Flow>& flows) {
    return x.analysis ? Cell{std::int64_t{flows.at(x.i)}} : Cell{};
}

const Column<PlaceRow> kPlaceColumns[] = {
    {{"id"}, [](const PlaceRow& x, Cell& c) { set(c, x.p.id); }},
    {{"name"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.name); }},
    {{"name_local"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.name_local); }},
    {{"country"}, [](const PlaceRow& x, Cell& c) { set(c, x.p.country); }},
    {{"kind"}, [](const PlaceRow& x, Cell& c) { set(c, x.p.kind); }},
    {{"source"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.source); }},
    {{"capacity", FieldType::real, 20, 3}, [](const PlaceRow& x, Cell& c) { c = rounded(x.p.capacity, 3); }},
    {{"note"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.note); }},
    {{"in_t_mo", FieldType::integer64, 18, 0},
     [](const PlaceRow& x, Cell& c) { c = x.analysis ? place_flow(x, x.analysis->result.place_in) : Cell{}; }},
    {{"out_t_mo", FieldType::integer64, 18, 0},
     [](const PlaceRow& x, Cell& c) { c = x.analysis ? place_flow(x, x.analysis->result.place_out) : Cell{}; }},
    {{"transfer"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.transfer); }},
    {{"conv_from"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.converts_from); }},
    {{"conv_to"}, [](const PlaceRow& x, Cell& c) { set_text(c, x.p.converts_to); }},
    {{"open_from"}, [](const PlaceRow& x, Cell& c) { c = open_from(x.p.open); }},
    {{"open_until"}, [](const PlaceRow& x, Cell& c) { c = open_until(x.p.open); }},
};

// With an uncertainty run: the share of draws with the place on the minimum cut.
const Column<PlaceRow> kPlaceUncertaintyColumns[] = {
    {kCutProb,
     [](const PlaceRow& x, Cell& c) { c = x.p.capacity ? rounded(x.u->place_cut_probability.at(x.i), 4) : Cell{}; }},
};

// One route of routes_table, as its columns read it.
struct RouteRow {
    std::size_t i;
    const Route& r;
    const RouteMeasure& m;
    const Analysis* analysis;    // null: no flow fields
    const UncertaintyResult* u;  // null: no uncertainty fields

    bool observed() const { return m.capacity.observed.has_value(); }
    Flow flow() const { return analysis->result.route_flow.at(i); }
    // The capacity the flow is measured against: passengers/month for a passenger flow.
    double flow_capacity() const {
        return analysis->result.passengers ? m.capacity.passengers.value : m.capacity.tonnes.value;
    }
};

Cell route_util(const RouteRow& x) {
    if (!x.analysis || x.flow_capacity() <= 0) return {};
    return rounded(static_cast<double>(x.flow()) / x.flow_capacity(), 4);
}

const Column<RouteRow> kRouteColumns[] = {
    {{"id"}, [](const RouteRow& x, Cell& c) { set(c, x.r.id); }},
    {{"name"}, [](const RouteRow& x, Cell& c) { set_text(c, x.r.name); }},
    {{"mode"}, [](const RouteRow& x, Cell& c) { set(c, mode_name(x.r.mode)); }},
    {{"commodity"}, [](const RouteRow& x, Cell& c) { set_joined(c, x.r.commodities); }},
    {{"from_id"}, [](const RouteRow& x, Cell& c) { set(c, x.r.from_id); }},
    {{"to_id"}, [](const RouteRow& x, Cell& c) { set(c, x.r.to_id); }},
    {{"two_way", FieldType::boolean, 1, 0}, [](const RouteRow& x, Cell& c) { c = x.r.two_way; }},
    {{"length_km", FieldType::real, 12, 3}, [](const RouteRow& x, Cell& c) { c = rounded(x.m.length.value, 3); }},
    {{"hours", FieldType::real, 10, 2}, [](const RouteRow& x, Cell& c) { c = rounded(x.m.hours.value, 2); }},
    {{"payload_t", FieldType::real, 20, 3}, [](const RouteRow& x, Cell& c) { c = rounded(x.r.figures.payload_t, 3); }},
    {{"trips_mo", FieldType::real, 10, 3}, [](const RouteRow& x, Cell& c) { c = rounded(x.r.figures.trips_mo, 3); }},
    {{"annual_t", FieldType::real, 21, 3}, [](const RouteRow& x, Cell& c) { c = rounded(x.r.figures.annual_t, 3); }},
    {{"capacity", FieldType::real, 20, 3},
     [](const RouteRow& x, Cell& c) { c = rounded(x.m.capacity.tonnes.value, 3); }},
    {{"cap_rule"}, [](const RouteRow& x, Cell& c) { set(c, rule_name(x.m.capacity.rule)); }},
    {{"pax_trip", FieldType::real, 10, 1}, [](const RouteRow& x, Cell& c) { c = rounded(x.r.figures.pax_trip, 1); }},
    {{"pax_mo", FieldType::real, 12, 1},
     [](const RouteRow& x, Cell& c) { c = x.r.figures.pax_trip ? rounded(x.m.capacity.passengers.value, 1) : Cell{}; }},
    {{"observed", FieldType::real, 20, 3},
     [](const RouteRow& x, Cell& c) { c = x.observed() ? rounded(x.m.capacity.observed->value, 3) : Cell{}; }},
    {{"obs_ratio", FieldType::real, 10, 4},
     [](const RouteRow& x, Cell& c) { c = rounded(x.m.capacity.observed_ratio, 4); }},
    {{"basis"}, [](const RouteRow& x, Cell& c) { set(c, basis_name(x.r.basis)); }},
    {{"seed"}, [](const RouteRow& x, Cell& c) { set_text(c, x.r.seed); }},
    {{"quote"}, [](const RouteRow& x, Cell& c) { set_text(c, x.r.quote); }},
    {{"note"}, [](const RouteRow& x, Cell& c) { set_text(c, x.r.note); }},
    {{"obs_quote"},
     [](const RouteRow& x, Cell& c) {
         if (x.observed()) set_text(c, x.r.obs_quote);
         else c = std::monostate{};
     }},
    {{"obs_seed"},
     [](const RouteRow& x, Cell& c) {
         if (x.observed()) set_text(c, x.r.obs_seed);
         else c = std::monostate{};
     }},
    {{"flow", FieldType::integer64, 18, 0},
     [](const RouteRow& x, Cell& c) { c = x.analysis ? Cell{std::int64_t{x.flow()}} : Cell{}; }},
    {{"util", FieldType::real, 10, 4}, [](const RouteRow& x, Cell& c) { c = route_util(x); }},
    {{"bottleneck", FieldType::integer, 1, 0},
     [](const RouteRow& x, Cell& c) {
         c = x.analysis ? Cell{std::int64_t{on_cut(*x.analysis, false, x.i) ? 1 : 0}} : Cell{};
     }},
    {{"flow_dir"},
     [](const RouteRow& x, Cell& c) {
         if (x.analysis && x.flow() > 0) set(c, x.analysis->result.route_backward.at(x.i) ? "backward" : "forward");
         else c = std::monostate{};
     }},
    {{"gauge"},
     [](const RouteRow& x, Cell& c) {
         if (x.r.gauge != kNoGauge) set(c, gauge_name(x.r.gauge));
         else c = std::monostate{};
     }},
    {{"open_from"}, [](const RouteRow& x, Cell& c) { c = open_from(x.r.open); }},
    {{"open_until"}, [](const RouteRow& x, Cell& c) { c = open_until(x.r.open); }},
};

// With an uncertainty run: the capacity's range (query_capacity_range) and the share of
// draws with the route on the minimum cut.
const Column<RouteRow> kRouteUncertaintyColumns[] = {
    {{"cap_low", FieldType::real, 20, 3},
     [](const RouteRow& x, Cell& c) {
         c = rounded(query_capacity_range(x.m.capacity, x.r.figures).low.tonnes.value, 3);
     }},
    {{"cap_high", FieldType::real, 20, 3},
     [](const RouteRow& x, Cell& c) {
         c = rounded(query_capacity_range(x.m.capacity, x.r.figures).high.tonnes.value, 3);
     }},
    {kCutProb, [](const RouteRow& x, Cell& c) { c = rounded(x.u->cut_probability.at(x.i), 4); }},
};

// One route on the minimum cut, as bottlenecks_table's columns read it.
struct BottleneckRow {
    std::size_t i;
    const Route& r;
    const RouteMeasure& m;
    const Analysis& analysis;
    const std::string& sentence;
    const UncertaintyResult& u() const { return *analysis.uncertainty; }
};

const Column<BottleneckRow> kBottleneckColumns[] = {
    {{"id"}, [](const BottleneckRow& x, Cell& c) { c = x.r.id; }},
    {{"name"}, [](const BottleneckRow& x, Cell& c) { c = x.r.name; }},
    {{"mode"}, [](const BottleneckRow& x, Cell& c) { c = std::string(mode_name(x.r.mode)); }},
    {{"capacity", FieldType::real, 20, 3},
     [](const BottleneckRow& x, Cell& c) {
         c = rounded(x.analysis.result.passengers ? x.m.capacity.passengers.value : x.m.capacity.tonnes.value, 3);
     }},
    {{"flow", FieldType::integer64, 18, 0},
     [](const BottleneckRow& x, Cell& c) { c = std::int64_t{x.analysis.result.route_flow[x.i]}; }},
    {{"basis"}, [](const BottleneckRow& x, Cell& c) { c = std::string(basis_name(x.r.basis)); }},
    {{"quote"}, [](const BottleneckRow& x, Cell& c) { c = text(x.r.quote); }},
    {{"note"}, [](const BottleneckRow& x, Cell& c) { c = text(x.r.note); }},
    {{"sentence"}, [](const BottleneckRow& x, Cell& c) { c = x.sentence; }},
};

// With an uncertainty run: the route's cut probability and the throughput's percentiles.
const Column<BottleneckRow> kBottleneckUncertaintyColumns[] = {
    {kCutProb, [](const BottleneckRow& x, Cell& c) { c = rounded(x.u().cut_probability.at(x.i), 4); }},
    {{"p10", FieldType::integer64, 18, 0}, [](const BottleneckRow& x, Cell& c) { c = std::int64_t{x.u().p10}; }},
    {{"p50", FieldType::integer64, 18, 0}, [](const BottleneckRow& x, Cell& c) { c = std::int64_t{x.u().p50}; }},
    {{"p90", FieldType::integer64, 18, 0}, [](const BottleneckRow& x, Cell& c) { c = std::int64_t{x.u().p90}; }},
};

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
    const UncertaintyResult* u = uncertainty_of(analysis);
    return column_layer<PlaceRow>(
        "places", io::GeomType::point, columns_with<PlaceRow>(kPlaceColumns, kPlaceUncertaintyColumns, u != nullptr),
        net.places.size(),
        [&net, analysis, u](std::size_t i) {
            return PlaceRow{i, net.places[i], analysis, u};
        },
        place_points(net));
}

io::Table routes_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis) {
    const UncertaintyResult* u = uncertainty_of(analysis);
    return column_layer<RouteRow>(
        "routes", io::GeomType::line, columns_with<RouteRow>(kRouteColumns, kRouteUncertaintyColumns, u != nullptr),
        net.routes.size(),
        [&net, &measures, analysis, u](std::size_t i) {
            return RouteRow{i, net.routes[i], measures.at(i), analysis, u};
        },
        route_lines(net));
}

namespace {

// One route carrying flow, in the direction of the flow, as flows.csv's columns read it.
struct FlowRow {
    const Route& route;
    const Place& origin;
    const Place& destination;
    Flow flow;
    double capacity;  // t/month, or passengers/month for a passenger flow
};

const Column<FlowRow> kFlowColumns[] = {
    {{"route_id"}, [](const FlowRow& x, Cell& c) { c = x.route.id; }},
    {{"origin"}, [](const FlowRow& x, Cell& c) { c = x.origin.id; }},
    {{"destination"}, [](const FlowRow& x, Cell& c) { c = x.destination.id; }},
    {{"origin_lon", FieldType::real}, [](const FlowRow& x, Cell& c) { c = x.origin.pos.lon; }},
    {{"origin_lat", FieldType::real}, [](const FlowRow& x, Cell& c) { c = x.origin.pos.lat; }},
    {{"dest_lon", FieldType::real}, [](const FlowRow& x, Cell& c) { c = x.destination.pos.lon; }},
    {{"dest_lat", FieldType::real}, [](const FlowRow& x, Cell& c) { c = x.destination.pos.lat; }},
    {{"flow_t_mo", FieldType::integer64}, [](const FlowRow& x, Cell& c) { c = std::int64_t{x.flow}; }},
    {{"capacity", FieldType::real}, [](const FlowRow& x, Cell& c) { c = rounded(x.capacity, 3); }},
    {{"util", FieldType::real},
     [](const FlowRow& x, Cell& c) {
         c = x.capacity > 0 ? rounded(static_cast<double>(x.flow) / x.capacity, 4) : Cell{};
     }},
};

// One commodity's flow on a route, in its direction, as flows_by_commodity.csv's columns read it.
struct CommodityFlowRow {
    const Route& route;
    const std::string& commodity;
    bool backward;
    Flow flow;
};

const Column<CommodityFlowRow> kCommodityFlowColumns[] = {
    {{"route_id"}, [](const CommodityFlowRow& x, Cell& c) { c = x.route.id; }},
    {{"commodity"}, [](const CommodityFlowRow& x, Cell& c) { c = x.commodity; }},
    {{"origin"}, [](const CommodityFlowRow& x, Cell& c) { c = x.backward ? x.route.to_id : x.route.from_id; }},
    {{"destination"}, [](const CommodityFlowRow& x, Cell& c) { c = x.backward ? x.route.from_id : x.route.to_id; }},
    {{"flow_t_mo", FieldType::integer64}, [](const CommodityFlowRow& x, Cell& c) { c = std::int64_t{x.flow}; }},
};

}  // namespace

io::Table flows_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis& analysis) {
    io::Table t;
    t.name = "flows";
    t.geom = io::GeomType::none;
    t.fields = fields_of<FlowRow>(kFlowColumns);
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        const Flow fl = analysis.result.route_flow.at(i);
        if (fl <= 0) continue;
        const Route& r = net.routes[i];
        const Place* a = &net.places[net.from_index(r)];
        const Place* b = &net.places[net.to_index(r)];
        if (analysis.result.route_backward.at(i)) std::swap(a, b);
        const double cap =
            analysis.result.passengers ? measures[i].capacity.passengers.value : measures[i].capacity.tonnes.value;
        fill_row<FlowRow>(kFlowColumns, {r, *a, *b, fl, cap}, t.rows.emplace_back());
        t.geometries.push_back({});
    }
    return t;
}

io::Table flows_by_commodity_table(const Network& net, const Analysis& analysis) {
    io::Table t;
    t.name = "flows_by_commodity";
    t.geom = io::GeomType::none;
    t.fields = fields_of<CommodityFlowRow>(kCommodityFlowColumns);
    if (!analysis.joint) return t;
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        for (const auto& f : analysis.joint->flows) {
            const Flow fl = whole_tonnes(f.route_flow.at(i));
            if (fl <= 0) continue;
            fill_row<CommodityFlowRow>(kCommodityFlowColumns, {net.routes[i], f.commodity, f.route_backward.at(i), fl},
                                       t.rows.emplace_back());
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
    const UncertaintyResult* u = uncertainty_of(&analysis);
    const auto columns = columns_with<BottleneckRow>(kBottleneckColumns, kBottleneckUncertaintyColumns, u != nullptr);
    t.fields = fields_of<BottleneckRow>(columns);
    const std::string sentence = bottleneck_sentence(analysis);
    for (const auto& c : limits_of(analysis)) {
        if (c.is_place) continue;
        const Route& r = net.routes[c.index];
        fill_row<BottleneckRow>(columns, {c.index, r, measures[c.index], analysis, sentence}, t.rows.emplace_back());
        t.geometries.push_back(r.line);
    }
    return t;
}

}  // namespace corridor
