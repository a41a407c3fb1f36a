#include "corridor/report/assign_layers.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "corridor/graph/multicommodity.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {

using io::FieldType;

double milli(double v) {
    const double r = std::round(v * 1000) / 1000;
    return r == 0 ? 0.0 : r;
}

io::Table routes_table(const Network& net, const Assignment& a) {
    const AssignmentResult& r = a.result;
    io::Table t;
    t.name = "assigned_routes";
    t.geom = io::GeomType::line;
    t.fields = {{"id"},
                {"name"},
                {"mode"},
                {"from_id"},
                {"to_id"},
                {"cap_t_mo", FieldType::integer64},
                {"assigned_t_mo", FieldType::integer64},
                {"spare_t_mo", FieldType::integer64},
                {"util", FieldType::real, 8, 4},
                {"cost_per_t", FieldType::real, 12, 3}};
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        const Route& route = net.routes[i];
        const Flow cap = whole_tonnes(r.route_capacity[i]), load = std::min(cap, whole_tonnes(r.route_load[i]));
        const double util = cap > 0 ? std::round(r.route_load[i] / static_cast<double>(cap) * 10000) / 10000 : 0.0;
        t.rows.push_back({route.id, route.name, std::string(mode_name(route.mode)), route.from_id, route.to_id,
                          std::int64_t{cap}, std::int64_t{load}, std::int64_t{cap - load}, util,
                          milli(a.route_cost[i])});
        t.geometries.push_back(route.line);
    }
    return t;
}

io::Table by_commodity_table(const Network& net, const AssignmentResult& r) {
    io::Table t;
    t.name = "assigned_by_commodity";
    t.geom = io::GeomType::none;
    t.fields = {{"route_id"}, {"commodity"}, {"assigned_t_mo", FieldType::real, 16, 3}};
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        for (std::size_t k = 0; k < r.commodities.size(); ++k) {
            const double v = milli(r.route_by_commodity[k][i]);
            if (v <= 0) continue;
            t.rows.push_back({net.routes[i].id, r.commodities[k], v});
            t.geometries.push_back({});
        }
    return t;
}

io::Table demands_table(const Network& net, const Assignment& a) {
    io::Table t;
    t.name = "assigned_demands";
    t.geom = io::GeomType::none;
    t.fields = {{"id"},
                {"from"},
                {"to"},
                {"commodity"},
                {"priority", FieldType::integer},
                {"t_mo", FieldType::real, 16, 3},
                {"met_t_mo", FieldType::real, 16, 3},
                {"unmet_t_mo", FieldType::real, 16, 3},
                {"cost", FieldType::real, 18, 3},
                {"cannot_serve"},
                {"binding"},
                {"quote"},
                {"source"}};
    for (std::size_t i = 0; i < a.demands.size(); ++i) {
        const Demand& d = a.demands[i].demand;
        const DemandResult& r = a.result.demands[i];
        std::vector<std::string> ids;
        for (const auto& b : r.binding)
            ids.push_back(b.is_place ? "place " + net.places[b.index].id : net.routes[b.index].id);
        for (std::size_t l : r.binding_limits) ids.push_back(a.limits[l].label);
        t.rows.push_back({d.id, d.from, d.to, d.commodity, std::int64_t{d.priority}, milli(d.t_mo), milli(r.met_t_mo),
                          milli(r.unmet_t_mo), milli(r.cost), r.cannot_serve, joined(ids, ";"), a.demands[i].quote,
                          a.demands[i].source});
        t.geometries.push_back({});
    }
    return t;
}

}  // namespace

std::vector<NamedTable> assignment_tables(const Network& net, const Assignment& assignment) {
    return {{"assigned_routes.geojson", io::Format::geojson, routes_table(net, assignment)},
            {"assigned_by_commodity.csv", io::Format::csv, by_commodity_table(net, assignment.result)},
            {"assigned_demands.csv", io::Format::csv, demands_table(net, assignment)}};
}

std::vector<std::filesystem::path> stage_assignment(io::OutputSet& set, const Network& net,
                                                    const Assignment& assignment) {
    const auto tables = assignment_tables(net, assignment);
    std::vector<io::OutputFile> files;
    for (const auto& t : tables) files.push_back({t.file, t.format, {&t.table}});
    return set.stage([&](const std::filesystem::path& dir) { return io::stage_files(files, dir); });
}

std::string assignment_title(const Assignment& a) {
    double asked = 0;
    for (const auto& d : a.demands) asked += d.demand.t_mo;
    const char* by = a.cost == CostBy::distance ? "least distance"
                     : a.cost == CostBy::time   ? "least time"
                                                : "least tariff";
    return fmt::format("{} demands: {} of {} t/month met ({}{})", a.demands.size(),
                       thousands(static_cast<Flow>(std::llround(a.result.met_t_mo))),
                       thousands(static_cast<Flow>(std::llround(asked))), by, a.month ? ", " + a.month->text() : "");
}

std::string assignment_subtitle(const Assignment& a) {
    if (whole_tonnes(a.result.unmet_t_mo) <= 0) return "every demand met in full";
    std::set<std::pair<bool, std::size_t>> items;
    std::set<std::size_t> limits;
    std::size_t unservable = 0;
    for (const auto& d : a.result.demands) {
        for (const auto& b : d.binding) items.insert({b.is_place, b.index});
        limits.insert(d.binding_limits.begin(), d.binding_limits.end());
        unservable += !d.cannot_serve.empty();
    }
    std::size_t routes = 0, places = 0;
    for (const auto& [is_place, index] : items) (is_place ? places : routes)++;
    auto count = [](std::size_t n, const char* what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); };
    std::vector<std::string> why;
    if (routes) why.push_back(count(routes, "route"));
    if (places) why.push_back(count(places, "place"));
    if (!limits.empty()) why.push_back(count(limits.size(), "national cap"));
    std::string text = fmt::format("{} t/month unmet", thousands(static_cast<Flow>(std::llround(a.result.unmet_t_mo))));
    if (!why.empty()) text += "; full: " + joined(why, ", ");
    if (unservable) text += fmt::format("; {} that no route can serve", count(unservable, "demand"));
    return text;
}

}  // namespace corridor
