// corridor assign: parses, calls assign_demands, prints (and writes the layers with --out).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
namespace {

std::string tonnes(double t) { return thousands(static_cast<Flow>(std::llround(t))); }

std::string binding_text(const Network& net, const Assignment& a, const DemandResult& r) {
    std::vector<std::string> ids;
    for (const auto& b : r.binding)
        ids.push_back(b.is_place ? "place " + net.places[b.index].id : net.routes[b.index].id);
    for (std::size_t l : r.binding_limits) ids.push_back(a.limits[l].label);
    return ids.empty() ? "" : "full: " + joined(ids, ", ");
}

void print_assignment(std::ostream& out, const Network& net, const Assignment& a) {
    const AssignmentResult& r = a.result;
    double asked = 0;
    for (const auto& d : a.demands) asked += d.demand.t_mo;
    out << fmt::format("{} demands ({}), cost by {} ({} per tonne){}{}: met {} of {} t/month, cost {}\n\n",
                       a.demands.size(), a.demand_file.string(), cost_by_name(a.cost), cost_unit(a.cost),
                       a.month ? ", " + a.month->text() : std::string(),
                       a.scenario.empty() ? "" : ", scenario " + a.scenario, tonnes(r.met_t_mo), tonnes(asked),
                       tonnes(r.total_cost));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < a.demands.size(); ++i) {
        const Demand& d = a.demands[i].demand;
        const DemandResult& dr = r.demands[i];
        rows.push_back({d.id, d.from, d.to, d.commodity, std::to_string(d.priority), tonnes(d.t_mo),
                        tonnes(dr.met_t_mo), tonnes(dr.unmet_t_mo),
                        dr.met_t_mo > 0 ? fmt::format("{:.1f}", dr.cost / dr.met_t_mo) : "",
                        dr.cannot_serve.empty() ? binding_text(net, a, dr) : dr.cannot_serve});
    }
    print_columns(
        out, {"demand", "from", "to", "commodity", "priority", "t/month", "met", "unmet", "cost/t", "why unmet"}, rows);
    out << "\nPaths:\n";
    rows.clear();
    for (std::size_t i = 0; i < a.demands.size(); ++i)
        for (const auto& p : r.demands[i].paths) {
            std::vector<std::string> steps;
            for (std::size_t k = 0; k < p.routes.size(); ++k) {
                const bool changes = k > 0 && p.carried[k] != p.carried[k - 1];
                steps.push_back((changes ? "(" + p.carried[k] + ") " : "") + net.routes[p.routes[k]].id);
            }
            rows.push_back(
                {a.demands[i].demand.id, tonnes(p.t_mo), fmt::format("{:.1f}", p.cost_per_t), joined(steps, " → ")});
        }
    print_columns(out, {"demand", "t/month", "cost/t", "routes"}, rows);
    out << "\nRoutes used:\n";
    rows.clear();
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        if (whole_tonnes(r.route_load[i]) <= 0) continue;
        std::vector<std::string> by;
        for (std::size_t k = 0; k < r.commodities.size(); ++k)
            if (whole_tonnes(r.route_by_commodity[k][i]) > 0)
                by.push_back(r.commodities[k] + " " + tonnes(r.route_by_commodity[k][i]));
        const double cap = r.route_capacity[i];
        rows.push_back({net.routes[i].id, tonnes(cap), tonnes(r.route_load[i]),
                        tonnes(std::max(0.0, cap - r.route_load[i])),
                        cap > 0 ? fmt::format("{:.0f}%", 100 * r.route_load[i] / cap) : "", joined(by, ", ")});
    }
    print_columns(out, {"route", "capacity", "assigned", "spare", "util", "by commodity"}, rows);
}

std::vector<fs::path> write_layers(const Options& o, const Network& net, const Assignment& a) {
    check_output_folder(o.assign_out, input_paths(o), o.overwrite);
    const auto set = open_output_set(o.assign_out);
    const auto tables = assignment_tables(net, a);
    std::vector<io::OutputFile> files;
    for (const auto& t : tables) files.push_back({t.file, t.format, {&t.table}});
    const auto staged = set->stage([&](const fs::path& dir) { return io::stage_files(files, dir); });
    return commit_outputs(*set, staged, {"assign", o.geodata, nullptr, nullptr, false});
}

}  // namespace

int cmd_assign(const Options& o, const Streams& io) {
    AssignRequest request{analysis_request(o), o.demand, parse_cost_by(o.cost), o.tariff,
                          parse_assign_solver(o.solver)};
    Phases phases(o.timings, io.err);
    auto net = load_checked(o, io, &phases);
    if (!net) return 1;
    const InputPaths paths = input_paths(o);
    const auto measures = measure_routes(*net, paths.speed_table());
    phases.done("measure");
    const Assignment a = assign_demands(*net, measures, paths, request);
    phases.done("assign");
    if (o.json) io.out << assignment_json(*net, a).dump(2) << '\n';
    else print_assignment(io.out, *net, a);
    if (!o.assign_out.empty()) {
        for (const auto& f : write_layers(o, *net, a)) io.err << "corridor: wrote " << f.string() << '\n';
        phases.done("write");
    }
    return 0;
}

}  // namespace corridor::cli
