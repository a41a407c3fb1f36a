#include "corridor/report/assign_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "corridor/graph/multicommodity.hpp"
#include "corridor/report/columns.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
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
    out << columns_text(
        {"demand", "from", "to", "commodity", "priority", "t/month", "met", "unmet", "cost/t", "why unmet"}, rows);
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
    out << columns_text({"demand", "t/month", "cost/t", "routes"}, rows);
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
    out << columns_text({"route", "capacity", "assigned", "spare", "util", "by commodity"}, rows);
}

}  // namespace

std::string assignment_text(const Network& net, const Assignment& assignment) {
    std::ostringstream out;
    print_assignment(out, net, assignment);
    return out.str();
}

}  // namespace corridor
