#include "corridor/report/assign_layers.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "corridor/analysis/outputs.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/text/strings.hpp"

#include "cells.hpp"

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;
using namespace report_detail;

double milli(double v) {
    const double r = std::round(v * 1000) / 1000;
    return r == 0 ? 0.0 : r;
}

// One route of assigned_routes, as its columns read it.
struct AssignedRouteRow {
    std::size_t i;
    const Route& route;
    const Assignment& a;
    Flow cap() const { return whole_tonnes(a.result.route_capacity[i]); }
    // Never more than the capacity: whole tonnes are rounded down, the load to at most cap.
    Flow load() const { return std::min(cap(), whole_tonnes(a.result.route_load[i])); }
};

const Column<AssignedRouteRow> kAssignedRouteColumns[] = {
    {{"id"}, [](const AssignedRouteRow& x, Cell& c) { c = x.route.id; }},
    {{"name"}, [](const AssignedRouteRow& x, Cell& c) { c = x.route.name; }},
    {{"mode"}, [](const AssignedRouteRow& x, Cell& c) { c = std::string(mode_name(x.route.mode)); }},
    {{"from_id"}, [](const AssignedRouteRow& x, Cell& c) { c = x.route.from_id; }},
    {{"to_id"}, [](const AssignedRouteRow& x, Cell& c) { c = x.route.to_id; }},
    {{"cap_t_mo", FieldType::integer64}, [](const AssignedRouteRow& x, Cell& c) { c = std::int64_t{x.cap()}; }},
    {{"assigned_t_mo", FieldType::integer64}, [](const AssignedRouteRow& x, Cell& c) { c = std::int64_t{x.load()}; }},
    {{"spare_t_mo", FieldType::integer64},
     [](const AssignedRouteRow& x, Cell& c) { c = std::int64_t{x.cap() - x.load()}; }},
    {{"util", FieldType::real, 8, 4},
     [](const AssignedRouteRow& x, Cell& c) {
         const Flow cap = x.cap();
         c = cap > 0 ? std::round(x.a.result.route_load[x.i] / static_cast<double>(cap) * 10000) / 10000 : 0.0;
     }},
    {{"cost_per_t", FieldType::real, 12, 3},
     [](const AssignedRouteRow& x, Cell& c) { c = milli(x.a.route_cost[x.i]); }},
};

io::Table routes_table(const Network& net, const Assignment& a) {
    return io::materialised(column_layer<AssignedRouteRow>(
        "assigned_routes", io::GeomType::line, kAssignedRouteColumns, net.routes.size(),
        [&net, &a](std::size_t i) {
            return AssignedRouteRow{i, net.routes[i], a};
        },
        route_lines(net)));
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

// One demand of assigned_demands, as its columns read it.
struct AssignedDemandRow {
    const Network& net;
    const Assignment& a;
    const DemandRow& loaded;
    const DemandResult& r;
    const Demand& d() const { return loaded.demand; }
};

// What stopped more of a demand: the full routes and places, and the national caps.
std::string binding_ids(const AssignedDemandRow& x) {
    std::vector<std::string> ids;
    for (const auto& b : x.r.binding)
        ids.push_back(b.is_place ? "place " + x.net.places[b.index].id : x.net.routes[b.index].id);
    for (std::size_t l : x.r.binding_limits) ids.push_back(x.a.limits[l].label);
    return joined(ids, ";");
}

const Column<AssignedDemandRow> kAssignedDemandColumns[] = {
    {{"id"}, [](const AssignedDemandRow& x, Cell& c) { c = x.d().id; }},
    {{"from"}, [](const AssignedDemandRow& x, Cell& c) { c = x.d().from; }},
    {{"to"}, [](const AssignedDemandRow& x, Cell& c) { c = x.d().to; }},
    {{"commodity"}, [](const AssignedDemandRow& x, Cell& c) { c = x.d().commodity; }},
    {{"priority", FieldType::integer}, [](const AssignedDemandRow& x, Cell& c) { c = std::int64_t{x.d().priority}; }},
    {{"t_mo", FieldType::real, 16, 3}, [](const AssignedDemandRow& x, Cell& c) { c = milli(x.d().t_mo); }},
    {{"met_t_mo", FieldType::real, 16, 3}, [](const AssignedDemandRow& x, Cell& c) { c = milli(x.r.met_t_mo); }},
    {{"unmet_t_mo", FieldType::real, 16, 3}, [](const AssignedDemandRow& x, Cell& c) { c = milli(x.r.unmet_t_mo); }},
    {{"cost", FieldType::real, 18, 3}, [](const AssignedDemandRow& x, Cell& c) { c = milli(x.r.cost); }},
    {{"cannot_serve"}, [](const AssignedDemandRow& x, Cell& c) { c = x.r.cannot_serve; }},
    {{"binding"}, [](const AssignedDemandRow& x, Cell& c) { c = binding_ids(x); }},
    {{"quote"}, [](const AssignedDemandRow& x, Cell& c) { c = x.loaded.quote; }},
    {{"source"}, [](const AssignedDemandRow& x, Cell& c) { c = x.loaded.source; }},
};

io::Table demands_table(const Network& net, const Assignment& a) {
    return io::materialised(column_layer<AssignedDemandRow>(
        "assigned_demands", io::GeomType::none, kAssignedDemandColumns, a.demands.size(), [&net, &a](std::size_t i) {
            return AssignedDemandRow{net, a, a.demands[i], a.result.demands[i]};
        }));
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

std::optional<Assigned> assign_said(const NetworkRequest& request, AssignRequest assign, const Feedback& feedback) {
    auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    const auto measures = measure_routes(*net, request.input.speed_table());
    feedback.done("measure");
    assign.analysis = request.question;
    Assignment assignment = assign_demands(*net, measures, request.input, assign);
    feedback.done("assign");
    return Assigned{std::move(*net), std::move(assignment)};
}

void write_assignment(const std::filesystem::path& dir, const NetworkRequest& request, const Network& net,
                      const Assignment& assignment, const Feedback& feedback) {
    check_output_folder(dir, request.input, request.overwrite);
    const auto set = open_output_set(dir);
    const auto staged = stage_assignment(*set, net, assignment);
    for (const auto& f : commit_outputs(*set, staged, {"assign", request.input.geodata, nullptr, nullptr, false}))
        feedback.say("wrote " + f.string());
    feedback.done("write");
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

namespace assign_flags {
const OptionText kOut{
    "out",
    "Also write the layers into this folder: assigned_routes.geojson, assigned_by_commodity.csv, assigned_demands.csv"};
}  // namespace assign_flags

}  // namespace corridor
