// Demands from a file, assigned to the network at the least cost (graph/assignment.hpp):
// the demand and tariff files, the cost per tonne of every route, the month's and scenario's
// changes, and the national caps that apply to each demand.
//
// Demand files are CSV (a header row; read by GDAL's CSV driver, so quoted fields may hold
// commas and curly quotes) or JSON ({"demands": [{...}, ...]}), with the same fields:
//   from, to     place id or country code (required)
//   commodity    a commodity some route carries (required)
//   t_mo | t_yr  tonnes per month, or per year (divided by 12); exactly one, >= 0
//   priority     1, 2, ... (1 is met first; default 1)
//   id           the demand's name in outputs (default: its row number, "#3")
//   quote, source, note   provenance, carried into the outputs
// Duplicate rows (same from, to, commodity and priority) are refused, naming both rows: a
// merged row would lose one row's quote, and a repeated row is more often a mistake than two
// demands. Every error is one line: "FILE: feature ID: field NAME: message".
//
// Tariff files are CSV: mode, per_tkm (cost per tonne-km), change_per_t (cost per tonne
// loaded onto this mode from another, or onto rail of another gauge at a transfer place;
// default 0). Every mode of a route that may carry a demand's commodity needs a row.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/request.hpp"
#include "corridor/graph/assignment.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"

namespace corridor {

enum class CostBy { distance, time, tariff };

// "distance", "time" or "tariff"; throws request_error otherwise.
CostBy parse_cost_by(const std::string& name);
// "auto", "lp" or "network_simplex"; throws request_error otherwise.
AssignSolver parse_assign_solver(const std::string& name);
const char* cost_by_name(CostBy c);
// The unit of a cost per tonne: "km", "hours", "tariff".
const char* cost_unit(CostBy c);

// A demand as read, with its provenance.
struct DemandRow {
    Demand demand;
    bool per_year = false;  // given as t_yr
    std::string quote;
    std::string source;
    std::string note;
};

// Throws input_error naming the file, the row (its id or "#N") and the field.
std::vector<DemandRow> load_demands(const std::filesystem::path& file, const Network& net);

struct Tariff {
    std::filesystem::path file;
    std::vector<std::optional<double>> per_tkm;  // per Mode
    std::vector<double> change_per_t;            // per Mode
};

// Throws input_error naming the file, the row and the field.
Tariff load_tariff(const std::filesystem::path& file);

struct AssignRequest {
    AnalysisRequest analysis;  // month, scenario, --without, --set
    std::filesystem::path demand_file;
    CostBy cost = CostBy::distance;
    std::filesystem::path tariff_file;  // required for CostBy::tariff
    AssignSolver solver = AssignSolver::automatic;
};

struct Assignment {
    std::filesystem::path demand_file;
    CostBy cost = CostBy::distance;
    std::string scenario;
    std::optional<Month> month;
    std::vector<DemandRow> demands;
    std::vector<AssignLimit> limits;
    std::vector<double> route_cost;  // per route, per tonne
    AssignmentResult result;
};

// Per route its cost per tonne: length (km), hours at the mode speeds, or the tariff's
// per_tkm x km. Throws input_error when the tariff has no row for a mode in use.
std::vector<double> route_costs(const Network& net, const std::vector<RouteMeasure>& measures, CostBy cost,
                                const Tariff* tariff, const std::vector<Demand>& demands);

// Loads the demands (and the tariff), applies the month's events and the request's scenario
// and changes, turns the national caps in force into limits on the demands they apply to
// (a demand of the cap's commodity whose origins all lie in the exporter and destinations in
// the importer; a cap in force for part of the month allows share x its rate + (1 - share) x
// the demands' tonnes), and assigns. Throws request_error without --tariff for tariff costs.
Assignment assign_demands(const Network& net, const std::vector<RouteMeasure>& measures, const InputPaths& paths,
                          const AssignRequest& request);

// An assignment as the picture and web map draw an analysis (render/map --assign): per route
// its assigned tonnes, both ways (whole tonnes, in the direction most of them go), as the flow, the routes and places
// that stop some demand as the bottlenecks, the tonnes met as the throughput. from holds the demand file's name.
Analysis assignment_analysis(const Network& net, const Assignment& assignment);

// The network as an assignment saw it, for the picture: each route's capacity the one it was
// assigned against (the month's, the scenario's), and the assignment as its analysis
// (assignment_analysis).
AnalysedNetwork assigned_network(const Network& net, std::vector<RouteMeasure> measures, const Assignment& assignment);

// assign's options (AssignRequest), and map's and render's --assign.
namespace assign_flags {
extern const OptionText kDemand, kCost, kTariff, kSolver, kDraw;
}  // namespace assign_flags

}  // namespace corridor
