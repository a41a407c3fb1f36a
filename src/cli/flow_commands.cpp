// capacity, route, scenarios: throughput, paths and what-ifs on the network graph.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/paths.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/layers.hpp"

namespace corridor::cli {
namespace {

using nlohmann::ordered_json;

std::string route_chain(const Network& net, const std::vector<std::size_t>& routes) {
    std::string s;
    for (std::size_t r : routes) s += (s.empty() ? "" : " → ") + net.routes[r].id;
    return s;
}

// The query for --from/--to, which these commands require.
FlowQuery flow_query(const Options& o, Adjusted&& adjusted) {
    if (o.from.empty() || o.to.empty()) throw UsageError("give --from and --to (place ids or country codes)");
    return flow_query(o.from, o.to, o, std::move(adjusted));
}

// "ROUTE.FIELD", or "place PLACE.capacity" for a place's capacity.
std::string figure_label(const Network& net, const RangedRef& ref) {
    if (ref.is_place) return fmt::format("place {}.{}", net.places[ref.index].id, figure_name(ref.figure));
    return fmt::format("{}.{}", net.routes[ref.index].id, figure_name(ref.figure));
}

// The keys of an uncertainty run, added to the deterministic answer's JSON.
void add_uncertainty_json(ordered_json& j, const Network& net, const Options& o, const UncertaintyResult& u) {
    const char* unit = u.passengers ? "pax_mo" : "t_mo";
    j["draws"] = u.draws;
    j["seed"] = o.seed;
    j["distribution"] = "triangular(low, value, high) per ranged figure, independent";
    j["ranged_figures"] = u.figures.size();
    j[fmt::format("p10_{}", unit)] = u.p10;
    j[fmt::format("p50_{}", unit)] = u.p50;
    j[fmt::format("p90_{}", unit)] = u.p90;
    j[fmt::format("min_{}", unit)] = u.min;
    j[fmt::format("max_{}", unit)] = u.max;
    j[fmt::format("mean_{}", unit)] = std::round(u.mean * 10) / 10;
    j["infeasible_draws"] = u.infeasible;
    ordered_json cut = ordered_json::object();
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        if (u.cut_probability[r] > 0) cut[net.routes[r].id] = u.cut_probability[r];
    j["cut_probability"] = cut;
    ordered_json place_cut = ordered_json::object();
    for (std::size_t p = 0; p < net.places.size(); ++p)
        if (u.place_cut_probability[p] > 0) place_cut[net.places[p].id] = u.place_cut_probability[p];
    j["place_cut_probability"] = place_cut;
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
    j["sensitivity"] = sens;
}

void print_uncertainty(std::ostream& out, const Network& net, const Options& o, const UncertaintyResult& u,
                       const std::string& unit) {
    out << fmt::format("\nUncertainty: {} draws (seed {}) of {} ranged figures, each triangular (low, value, high)\n",
                       u.draws, o.seed, u.figures.size());
    out << fmt::format("P10 {}  P50 {}  P90 {} {} (deterministic {}; mean {}, min {}, max {})\n", thousands(u.p10),
                       thousands(u.p50), thousands(u.p90), unit, thousands(u.deterministic),
                       thousands(static_cast<Flow>(std::llround(u.mean))), thousands(u.min), thousands(u.max));
    if (u.infeasible > 0) out << fmt::format("{} draws had no possible flow (counted as 0)\n", u.infeasible);
    std::vector<std::size_t> order;
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        if (u.cut_probability[r] > 0) order.push_back(r);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return u.cut_probability[a] > u.cut_probability[b]; });
    std::vector<std::vector<std::string>> rows;
    for (std::size_t r : order) rows.push_back({net.routes[r].id, fmt::format("{:.3f}", u.cut_probability[r])});
    for (std::size_t p = 0; p < net.places.size(); ++p)
        if (u.place_cut_probability[p] > 0)
            rows.push_back({"place " + net.places[p].id, fmt::format("{:.3f}", u.place_cut_probability[p])});
    out << "\nProbability of being on the minimum cut:\n";
    print_columns(out, {"limit", "probability"}, rows);
    rows.clear();
    for (const auto& s : u.sensitivity)
        rows.push_back({figure_label(net, s.ref),
                        fmt::format("{} / {} / {}", s.ref.range.low, s.ref.range.value, s.ref.range.high),
                        thousands(s.low), thousands(s.high), thousands(s.swing())});
    out << "\nSensitivity (throughput with one figure at its low and at its high bound, the others at their values):\n";
    print_columns(out, {"figure", "low / value / high", "at low " + unit, "at high " + unit, "swing"}, rows);
}

}  // namespace

int cmd_capacity(const Options& o, const Io& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const FlowQuery q = flow_query(o, adjust(*net, requested_changes(o, *net)));
    NetworkGraph graph = build_graph(*net, query_terminals(*net, q.from, q.to));
    const FlowResult r = max_flow(graph, *net, q);
    std::optional<UncertaintyResult> u;
    if (o.uncertainty > 0) {
        UncertaintyOptions uo;
        uo.draws = o.uncertainty;
        uo.seed = o.seed;
        u = flow_uncertainty(*net, q, uo);
    }
    if (o.json) {
        ordered_json j = capacity_json(*net, o, r);
        if (u) add_uncertainty_json(j, *net, o, *u);
        io.out << j.dump(2) << '\n';
        return 0;
    }
    const std::string unit = r.passengers ? "passengers/month" : "t/month";
    io.out << fmt::format("{} → {} ({}{}): {} {}\n", o.from, o.to,
                          o.commodity.empty() ? "all commodities" : o.commodity,
                          o.scenario.empty() ? "" : ", scenario " + o.scenario, thousands(r.throughput), unit);
    Analysis a{o.from, o.to, o.commodity, o.scenario, r, {}};
    io.out << "\nMinimum cut: " << bottleneck_sentence(*net, a) << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.min_cut) {
        if (c.is_place) {
            const Place& p = net->places[c.index];
            rows.push_back({"place " + p.id, thousands(c.capacity), "", p.note});
        } else {
            const Route& rt = net->routes[c.index];
            const std::string why = rt.basis == Basis::text ? fmt::format("{}: {}", rt.source.str(), rt.quote.str()) : rt.note.str();
            rows.push_back({rt.id, thousands(c.capacity), std::string(basis_name(rt.basis)), why});
        }
    }
    print_columns(io.out, {"limit", "capacity " + unit, "basis", "source and quote / note"}, rows);
    io.out << "\nPaths:\n";
    rows.clear();
    for (const auto& p : r.paths) rows.push_back({thousands(p.flow), route_chain(*net, p.routes)});
    print_columns(io.out, {"flow " + unit, "routes"}, rows);
    if (u) print_uncertainty(io.out, *net, o, *u, unit);
    return 0;
}

int cmd_route(const Options& o, const Io& io) {
    if (o.from.empty() || o.to.empty()) throw UsageError("give --from and --to (place ids or country codes)");
    PathCriterion by;
    if (o.by == "distance") by = PathCriterion::distance;
    else if (o.by == "time") by = PathCriterion::time;
    else if (o.by == "capacity") by = PathCriterion::capacity;
    else throw UsageError("--by: expected distance, time or capacity, got \"" + o.by + "\"");
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto measures = measure_routes(*net, speed_table(o));
    const Adjusted adjusted = adjust(*net, requested_changes(o, *net));
    const NetworkGraph graph = build_graph(*net, query_terminals(*net, o.from, o.to));
    const PathResult p = best_path(graph, *net, measures, adjusted.capacities, o.from, o.to, by);
    if (o.json) {
        ordered_json ids = ordered_json::array();
        for (std::size_t r : p.routes) ids.push_back(net->routes[r].id);
        ordered_json j{{"from", o.from}, {"to", o.to}, {"by", o.by}, {"routes", ids},
                       {"length_km", std::round(p.length.value * 1000) / 1000},
                       {"hours", std::round(p.hours.value * 100) / 100}, {"bottleneck_t_mo", p.bottleneck}};
        io.out << j.dump(2) << '\n';
        return 0;
    }
    io.out << fmt::format("{} → {} by {}: {:.1f} km, {:.1f} hours, bottleneck {} t/month\n", o.from, o.to, o.by,
                          p.length.value, p.hours.value, thousands(p.bottleneck));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < p.routes.size(); ++k) {
        const Route& r = net->routes[p.routes[k]];
        const auto& m = measures[p.routes[k]];
        rows.push_back({std::to_string(k + 1), r.id, std::string(mode_name(r.mode)),
                        p.backward[k] ? r.to_id + " → " + r.from_id : r.from_id + " → " + r.to_id,
                        fmt::format("{:.1f}", m.length.value), fmt::format("{:.1f}", m.hours.value),
                        thousands(static_cast<Flow>(std::floor(adjusted.capacities[p.routes[k]].tonnes.value + 1e-6)))});
    }
    print_columns(io.out, {"#", "route", "mode", "from → to", "km", "hours", "capacity t/month"}, rows);
    return 0;
}

int cmd_scenarios(const Options& o, const Io& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto scenarios = scenarios_of(o, *net);
    const auto extra = requested_changes(o, *net);  // --without and --set apply to every scenario
    if (o.from.empty() || o.to.empty()) throw UsageError("give --from and --to (place ids or country codes)");
    // Every scenario runs between the same endpoints: one graph with their terminals only.
    NetworkGraph graph = build_graph(*net, query_terminals(*net, o.from, o.to));
    struct Row {
        std::string name;
        std::optional<FlowResult> result;
        std::string why;
    };
    auto solve = [&](const std::string& name, const std::vector<Change>& changes) {
        try {
            return Row{name, max_flow(graph, *net, flow_query(o, adjust(*net, changes))), ""};
        } catch (const infeasible_error& e) {
            return Row{name, std::nullopt, e.what()};
        }
    };
    std::vector<Row> rows{solve("baseline", extra)};
    if (!rows[0].result) throw infeasible_error(rows[0].why);
    for (const auto& s : scenarios) {
        auto changes = s.changes;
        changes.insert(changes.end(), extra.begin(), extra.end());
        rows.push_back(solve(s.name, changes));
    }
    const Flow baseline = rows[0].result->throughput;
    if (o.json) {
        ordered_json arr = ordered_json::array();
        for (const auto& r : rows) {
            ordered_json cut = ordered_json::array();
            if (r.result)
                for (const auto& c : r.result->min_cut)
                    cut.push_back(c.is_place ? net->places[c.index].id : net->routes[c.index].id);
            const Flow t = r.result ? r.result->throughput : 0;
            arr.push_back({{"scenario", r.name}, {"throughput_t_mo", t}, {"change_t_mo", t - baseline},
                           {"min_cut", cut}, {"infeasible", r.result ? ordered_json(nullptr) : ordered_json(r.why)}});
        }
        io.out << ordered_json{{"from", o.from}, {"to", o.to},
                               {"commodity", o.commodity.empty() ? ordered_json(nullptr) : ordered_json(o.commodity)},
                               {"scenarios", arr}}.dump(2)
               << '\n';
        return 0;
    }
    io.out << fmt::format("{} → {} ({}), t/month\n", o.from, o.to, o.commodity.empty() ? "all commodities" : o.commodity);
    std::vector<std::vector<std::string>> table;
    for (const auto& r : rows) {
        const Flow t = r.result ? r.result->throughput : 0;
        const Flow d = t - baseline;
        std::string cut;
        if (r.result)
            for (const auto& c : r.result->min_cut) {
                if (!cut.empty()) cut += ", ";
                cut += c.is_place ? net->places[c.index].id : net->routes[c.index].id;
            }
        const std::string change = r.name == "baseline" ? std::string() : fmt::format("{}{}", d > 0 ? "+" : "", thousands(d));
        table.push_back({r.name, thousands(t), change, r.result ? cut : r.why});
    }
    print_columns(io.out, {"scenario", "throughput", "change", "minimum cut"}, table);
    return 0;
}

}  // namespace corridor::cli
