#include "corridor/analysis/json.hpp"

#include "corridor/analysis/parameters.hpp"
#include "corridor/io/json_values.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace corridor {
namespace {

using nlohmann::ordered_json;

// A month answered, "YYYY-MM"; null when dates were not applied.
ordered_json month_json(const std::optional<Month>& m) { return m ? ordered_json(m->text()) : ordered_json(nullptr); }

const char* unit_key(bool passengers) { return passengers ? "pax_mo" : "t_mo"; }

ordered_json cut_detail(const Network& net, const CutItem& c, const char* unit) {
    if (c.is_place) {
        const Place& p = net.places[c.index];
        return {{"place", p.id}, {fmt::format("capacity_{}", unit), c.capacity}, {"note", p.note}};
    }
    const Route& rt = net.routes[c.index];
    return {{"route", rt.id},
            {fmt::format("capacity_{}", unit), c.capacity},
            {"basis", basis_name(rt.basis)},
            {"seed", rt.seed},
            {"quote", rt.quote},
            {"note", rt.note}};
}

// Tonnes per month per commodity: the joint flow's split, or the one commodity asked; null
// when a union max-flow answered several commodities (any split of it is one of many).
ordered_json by_commodity_json(const Analysis& a) {
    if (a.joint) {
        ordered_json j = ordered_json::object();
        for (const auto& [c, t] : a.joint->by_commodity) j[c] = std::round(t * 10) / 10;
        return j;
    }
    if (!a.commodity.empty() && a.commodity.find(',') == std::string::npos)
        return ordered_json{{a.commodity, a.result.throughput}};
    return nullptr;
}

// The joint flow's binding routes and places with their capacities (in the question's unit)
// and shadow prices; [] without one.
ordered_json binding_json(const Network& net, const std::optional<JointFlowResult>& joint, const char* unit) {
    ordered_json out = ordered_json::array();
    if (!joint) return out;
    for (const auto& b : joint->binding)
        out.push_back({{b.is_place ? "place" : "route", b.is_place ? net.places[b.index].id : net.routes[b.index].id},
                       {fmt::format("capacity_{}", unit), b.capacity},
                       {"shadow_price", std::round(b.dual * 1e6) / 1e6}});
    return out;
}

ordered_json paths_json(const Network& net, const FlowResult& r, const char* unit) {
    ordered_json paths = ordered_json::array();
    for (const auto& p : r.paths) {
        ordered_json ids = ordered_json::array();
        for (std::size_t i : p.routes) ids.push_back(net.routes[i].id);
        paths.push_back({{"routes", ids}, {fmt::format("flow_{}", unit), p.flow}});
    }
    return paths;
}

ordered_json cut_probabilities(const Network& net, const UncertaintyResult& u, bool places) {
    ordered_json out = ordered_json::object();
    if (places) {
        for (std::size_t p = 0; p < net.places.size(); ++p)
            if (u.place_cut_probability[p] > 0) out[net.places[p].id] = u.place_cut_probability[p];
    } else {
        for (std::size_t r = 0; r < net.routes.size(); ++r)
            if (u.cut_probability[r] > 0) out[net.routes[r].id] = u.cut_probability[r];
    }
    return out;
}

ordered_json sensitivity_json(const Network& net, const UncertaintyResult& u) {
    const char* unit = unit_key(u.passengers);
    ordered_json sens = ordered_json::array();
    for (const auto& s : u.sensitivity)
        sens.push_back({{"figure", figure_label(net, s.ref)},
                        {s.ref.is_place ? "place" : "route",
                         s.ref.is_place ? net.places[s.ref.index].id : net.routes[s.ref.index].id},
                        {"field", figure_name(s.ref.figure)},
                        {"low", s.ref.range.low},
                        {"value", s.ref.range.value},
                        {"high", s.ref.range.high},
                        {fmt::format("low_{}", unit), s.low},
                        {fmt::format("high_{}", unit), s.high},
                        {fmt::format("swing_{}", unit), s.swing()}});
    return sens;
}

ordered_json fact_json(const Fact& f) {
    ordered_json j;
    j["file"] = f.file;
    j["line"] = f.line;
    j["sentence"] = f.sentence;
    j["text"] = f.text;
    j["kind"] = std::string(fact_kind_name(f.kind));
    j["value"] = or_null(f.value);
    if (f.low) {
        j["low"] = *f.low;
        j["high"] = *f.high;
    }
    j["unit"] = f.unit;
    if (!f.date.empty()) j["date"] = f.date;
    j["hedge"] = f.hedge;
    ordered_json ids = ordered_json::array();
    ordered_json uses = ordered_json::array();
    for (const auto& u : f.uses) {
        if (std::find(ids.begin(), ids.end(), u.id) == ids.end()) ids.push_back(u.id);
        uses.push_back({{"layer", u.layer}, {"id", u.id}, {"field", u.field}});
    }
    j["used_by"] = std::move(ids);
    j["uses"] = std::move(uses);
    return j;
}

// The path's routes' lines in travel order, each reversed where it is travelled to_id →
// from_id; a line that starts where the previous one ends continues it (the shared vertex
// once), any other starts a new part.
std::vector<Polyline> path_parts(const Network& net, const PathResult& path) {
    std::vector<Polyline> parts;
    for (std::size_t k = 0; k < path.routes.size(); ++k) {
        Polyline line = net.routes[path.routes[k]].line;
        if (path.backward[k]) std::reverse(line.begin(), line.end());
        if (line.empty()) continue;
        if (!parts.empty() && parts.back().back() == line.front())
            parts.back().insert(parts.back().end(), line.begin() + 1, line.end());
        else parts.push_back(std::move(line));
    }
    return parts;
}

ordered_json coordinates(const Polyline& line) {
    ordered_json out = ordered_json::array();
    for (const LonLat& p : line) out.push_back({p.lon, p.lat});
    return out;
}

}  // namespace

std::string figure_label(const Network& net, const RangedRef& ref) {
    if (ref.is_place) return fmt::format("place {}.{}", net.places[ref.index].id, figure_name(ref.figure));
    return fmt::format("{}.{}", net.routes[ref.index].id, figure_name(ref.figure));
}

std::vector<std::string> cut_ids(const Network& net, const std::vector<CutItem>& cut) {
    std::vector<std::string> ids;
    for (const auto& c : cut) ids.push_back(c.is_place ? net.places[c.index].id : net.routes[c.index].id);
    return ids;
}

const char* path_criterion_name(PathCriterion c) {
    switch (c) {
        case PathCriterion::distance:
            return "distance";
        case PathCriterion::time:
            return "time";
        case PathCriterion::capacity:
            return "capacity";
    }
    return "distance";
}

ordered_json question_json(const std::string& from, const std::string& to, const std::string& commodity,
                           const std::string& scenario) {
    return {{"version", kJsonVersion},
            {"from", from},
            {"to", to},
            {"commodity", or_null(commodity)},
            {"scenario", or_null(scenario)}};
}

ordered_json capacity_json(const Network& net, const Analysis& a) {
    const FlowResult& r = a.result;
    const char* unit = unit_key(r.passengers);
    ordered_json j = question_json(a.from, a.to, a.commodity, a.scenario);
    j["month"] = month_json(a.month);
    j["unit"] = r.passengers ? "passengers/month" : "t/month";
    j[fmt::format("throughput_{}", unit)] = r.throughput;
    ordered_json cut = ordered_json::array(), detail = ordered_json::array();
    for (const auto& c : r.min_cut) {
        if (!c.is_place) cut.push_back(net.routes[c.index].id);
        detail.push_back(cut_detail(net, c, unit));
    }
    j["method"] = a.joint ? "joint multi-commodity flow (linear program, COIN-OR CLP)" : "max-flow (Boost.Graph)";
    j["by_commodity"] = by_commodity_json(a);
    j["min_cut"] = cut;
    j["min_cut_detail"] = detail;
    j["binding"] = binding_json(net, a.joint, unit);
    j["paths"] = paths_json(net, r, unit);
    ordered_json flows = ordered_json::object();
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        if (r.route_flow[i] > 0) flows[net.routes[i].id] = r.route_flow[i];
    j["flows"] = flows;
    if (a.uncertainty) add_uncertainty_json(j, net, *a.uncertainty, a.seed);
    return j;
}

void add_uncertainty_json(ordered_json& j, const Network& net, const UncertaintyResult& u, std::uint64_t seed) {
    const char* unit = unit_key(u.passengers);
    j["draws"] = u.draws;
    j["seed"] = seed;
    j["distribution"] = "triangular(low, value, high) per ranged figure, independent";
    j["ranged_figures"] = u.figures.size();
    j[fmt::format("p10_{}", unit)] = u.p10;
    j[fmt::format("p50_{}", unit)] = u.p50;
    j[fmt::format("p90_{}", unit)] = u.p90;
    j[fmt::format("min_{}", unit)] = u.min;
    j[fmt::format("max_{}", unit)] = u.max;
    j[fmt::format("mean_{}", unit)] = std::round(u.mean * 10) / 10;
    j["infeasible_draws"] = u.infeasible;
    j["cut_probability"] = cut_probabilities(net, u, false);
    j["place_cut_probability"] = cut_probabilities(net, u, true);
    j["sensitivity"] = sensitivity_json(net, u);
}

ordered_json scenarios_json(const Network& net, const ScenarioComparison& c) {
    ordered_json arr = ordered_json::array();
    for (const auto& o : c.outcomes) {
        const ordered_json cut = o.result ? ordered_json(limit_ids(net, *o.result, o.joint)) : ordered_json::array();
        arr.push_back({{"scenario", o.name},
                       {"throughput_t_mo", o.throughput()},
                       {"change_t_mo", o.throughput() - c.baseline()},
                       {"min_cut", cut},
                       {"infeasible", o.result ? ordered_json(nullptr) : ordered_json(o.why)}});
    }
    return {{"version", kJsonVersion},      {"from", c.from},  {"to", c.to}, {"commodity", or_null(c.commodity)},
            {"month", month_json(c.month)}, {"scenarios", arr}};
}

ordered_json path_feature(const Network& net, const RouteAnswer& a) {
    const std::vector<Polyline> parts = path_parts(net, a.path);
    ordered_json geometry;
    if (parts.size() == 1) {
        geometry = {{"type", "LineString"}, {"coordinates", coordinates(parts.front())}};
    } else {
        ordered_json lines = ordered_json::array();
        for (const auto& part : parts) lines.push_back(coordinates(part));
        geometry = {{"type", "MultiLineString"}, {"coordinates", lines}};
    }
    return {{"type", "Feature"},
            {"properties", {{"from", a.from}, {"to", a.to}, {"by", path_criterion_name(a.by)}}},
            {"geometry", geometry}};
}

ordered_json route_json(const Network& net, const RouteAnswer& a) {
    ordered_json ids = ordered_json::array();
    for (std::size_t r : a.path.routes) ids.push_back(net.routes[r].id);
    ordered_json changes = ordered_json::array();
    for (std::size_t p : a.path.gauge_changes) changes.push_back(net.places[p].id);
    return {{"version", kJsonVersion},
            {"from", a.from},
            {"to", a.to},
            {"by", path_criterion_name(a.by)},
            {"routes", ids},
            {"length_km", std::round(a.path.length.value * 1000) / 1000},
            {"hours", std::round(a.path.hours.value * 100) / 100},
            {"bottleneck_t_mo", a.path.bottleneck},
            {"gauge_changes", changes},
            {"geometry", path_feature(net, a)}};
}

ordered_json facts_json(const std::vector<Fact>& facts) {
    ordered_json arr = ordered_json::array();
    for (const auto& f : facts) arr.push_back(fact_json(f));
    return arr;
}

namespace {

// Tonnes to one decimal: LP and pro-rata figures are not whole.
double tenths(double v) { return std::round(v * 10) / 10; }

}  // namespace

ordered_json observations_json(const std::vector<ObservationCheck>& checks) {
    ordered_json arr = ordered_json::array();
    for (const auto& c : checks) {
        const Observation& o = c.observation;
        arr.push_back({{"id", o.id},
                       {"from", o.from},
                       {"to", o.to},
                       {"commodity", or_null(o.commodity)},
                       {"period", {{"from", date_text(o.period.from)}, {"until", date_text(o.period.until)}}},
                       {"tonnes", o.tonnes},
                       {"months", std::round(c.months * 1000) / 1000},
                       {"observed_t_mo", tenths(c.observed_t_mo)},
                       {"capacity_t_mo", tenths(c.capacity_t_mo)},
                       {"capacity_t", tenths(c.capacity_t)},
                       {"ratio", c.ratio ? ordered_json(std::round(*c.ratio * 1000) / 1000) : ordered_json(nullptr)},
                       {"verdict", verdict_name(c.verdict)},
                       {"binding", c.binding},
                       {"closed_months", c.closed},
                       {"quote", or_null(o.quote)},
                       {"source", or_null(o.source)},
                       {"note", or_null(o.note)}});
    }
    return arr;
}

namespace {

double milli(double v) {
    const double r = std::round(v * 1000) / 1000;
    return r == 0 ? 0.0 : r;  // no -0
}

ordered_json binding_json(const Network& net, const std::vector<BindingItem>& items) {
    ordered_json out = ordered_json::array();
    for (const auto& b : items)
        out.push_back({{"kind", b.is_place ? "place" : "route"},
                       {"id", b.is_place ? net.places[b.index].id : net.routes[b.index].id},
                       {"capacity_t_mo", milli(b.capacity)}});
    return out;
}

ordered_json demand_json(const Network& net, const Assignment& a, std::size_t i) {
    const DemandRow& row = a.demands[i];
    const DemandResult& r = a.result.demands[i];
    ordered_json paths = ordered_json::array();
    for (const auto& p : r.paths) {
        ordered_json ids = ordered_json::array();
        for (std::size_t route : p.routes) ids.push_back(net.routes[route].id);
        paths.push_back(
            {{"routes", ids}, {"carried", p.carried}, {"t_mo", milli(p.t_mo)}, {"cost_per_t", milli(p.cost_per_t)}});
    }
    ordered_json limits = ordered_json::array();
    for (std::size_t l : r.binding_limits) limits.push_back(a.limits[l].label);
    return {{"id", row.demand.id},
            {"from", row.demand.from},
            {"to", row.demand.to},
            {"commodity", row.demand.commodity},
            {"priority", row.demand.priority},
            {"t_mo", milli(row.demand.t_mo)},
            {"met_t_mo", milli(r.met_t_mo)},
            {"unmet_t_mo", milli(r.unmet_t_mo)},
            {"cost", milli(r.cost)},
            {"cannot_serve", or_null(r.cannot_serve)},
            {"binding", binding_json(net, r.binding)},
            {"binding_limits", limits},
            {"paths", paths},
            {"quote", or_null(row.quote)},
            {"source", or_null(row.source)}};
}

}  // namespace

ordered_json assignment_json(const Network& net, const Assignment& a) {
    const AssignmentResult& r = a.result;
    ordered_json demands = ordered_json::array();
    for (std::size_t i = 0; i < a.demands.size(); ++i) demands.push_back(demand_json(net, a, i));
    ordered_json routes = ordered_json::array();
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        if (milli(r.route_load[i]) <= 0) continue;
        ordered_json by = ordered_json::object();
        for (std::size_t k = 0; k < r.commodities.size(); ++k)
            if (milli(r.route_by_commodity[k][i]) > 0) by[r.commodities[k]] = milli(r.route_by_commodity[k][i]);
        const double cap = r.route_capacity[i];
        routes.push_back({{"id", net.routes[i].id},
                          {"capacity_t_mo", milli(cap)},
                          {"assigned_t_mo", milli(r.route_load[i])},
                          {"spare_t_mo", milli(std::max(0.0, cap - r.route_load[i]))},
                          {"util", cap > 0 ? std::round(r.route_load[i] / cap * 10000) / 10000 : 0.0},
                          {"by_commodity", by}});
    }
    ordered_json limits = ordered_json::array();
    for (const auto& l : a.limits) {
        double used = 0;
        for (std::size_t d : l.demands) used += r.demands[d].met_t_mo;
        limits.push_back({{"label", l.label}, {"t_mo", milli(l.t_mo)}, {"used_t_mo", milli(used)}});
    }
    ordered_json j;
    j["version"] = kJsonVersion;
    j["demand_file"] = a.demand_file.generic_string();
    j["cost"] = cost_by_name(a.cost);
    j["cost_unit"] = cost_unit(a.cost);
    j["month"] = month_json(a.month);
    j["scenario"] = or_null(a.scenario);
    j["solver"] = r.solver;
    j["met_t_mo"] = milli(r.met_t_mo);
    j["unmet_t_mo"] = milli(r.unmet_t_mo);
    j["total_cost"] = milli(r.total_cost);
    j["demands"] = demands;
    j["routes"] = routes;
    j["limits"] = limits;
    return j;
}

const OptionText parameters::kJson{"json", "Print JSON"};

}  // namespace corridor
