// The JSON answers of the analyses: one shape each, printed by the CLI (--json) and
// served by `corridor serve`. Every number's unit is in its key (_t_mo: tonnes per month,
// _pax_mo: passengers per month, _km, hours).
#pragma once

#include <nlohmann/json.hpp>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/model/network.hpp"
#include "corridor/text/facts.hpp"

namespace corridor {

// The "version" member of every JSON object corridor prints or serves: the version of its
// shape (the schemas in docs/schema/*.schema.json), raised when a member is removed or
// changes meaning.
inline constexpr const char* kJsonVersion = "1";

// The start of a --json answer about a question: {"version", "from", "to", "commodity" (null:
// every commodity), "scenario" (null: the baseline)}.
nlohmann::ordered_json question_json(const std::string& from, const std::string& to, const std::string& commodity,
                                     const std::string& scenario);

// `capacity --json`: version, from, to, commodity, scenario, month, unit, throughput_t_mo (or
// _pax_mo), method, by_commodity, min_cut, min_cut_detail, binding, paths, flows; with draws
// also the uncertainty keys (add_uncertainty_json). docs/schema/capacity.schema.json lists
// every member (a test fails on one it does not).
nlohmann::ordered_json capacity_json(const Network& net, const Analysis& analysis);

// The keys of an uncertainty run: draws, seed, distribution, ranged_figures, p10/p50/p90,
// min, max, mean, infeasible_draws, cut_probability, place_cut_probability, sensitivity.
void add_uncertainty_json(nlohmann::ordered_json& j, const Network& net, const UncertaintyResult& u,
                          std::uint64_t seed);

// `scenarios --json`: version, from, to, commodity and per scenario its throughput, change from the
// baseline, minimum cut, and why it is infeasible (null when it is not).
nlohmann::ordered_json scenarios_json(const Network& net, const ScenarioComparison& c);

// `route --json`: version, from, to, by, routes, length_km, hours, bottleneck_t_mo, geometry
// (path_feature), so a web client draws the answer without a second request.
nlohmann::ordered_json route_json(const Network& net, const RouteAnswer& a);

// The path as a GeoJSON Feature (properties from, to, by): its routes' lines in travel order,
// each reversed where travelled to_id → from_id, as one LineString when each line starts
// where the one before ends (their shared vertex once), else a MultiLineString of the
// connected runs. Coordinates are longitude, latitude (WGS84) as the routes hold them.
nlohmann::ordered_json path_feature(const Network& net, const RouteAnswer& a);

// `facts --json`: per quantity statement its file, line, sentence, text, kind, value (or
// low and high), unit, date, hedge, and the layers, ids and fields that use it.
nlohmann::ordered_json facts_json(const std::vector<Fact>& facts);

// `observations --json`: per observation its id, from, to, commodity, period, tonnes,
// months, observed_t_mo, capacity_t_mo, capacity_t, ratio, verdict, binding, closed_months,
// quote, source, note.
nlohmann::ordered_json observations_json(const std::vector<ObservationCheck>& checks);

// `assign --json` (docs/schema/assign.schema.json): version, demand_file, cost, cost_unit,
// month, scenario, solver, met_t_mo, unmet_t_mo, total_cost; per demand its id, from, to,
// commodity, priority, t_mo, met_t_mo, unmet_t_mo, cost, cannot_serve (null when it can be
// served), binding (the full routes and places that stop more of it), binding_limits, paths
// (routes, carried, t_mo, cost_per_t), quote, source; per route that carries something its
// capacity_t_mo, assigned_t_mo, spare_t_mo, util and by_commodity; the limits. Tonnes and
// costs rounded to 0.001, util to 0.0001, so the output is the same on every machine.
nlohmann::ordered_json assignment_json(const Network& net, const Assignment& a);

// "ROUTE.FIELD", or "place PLACE.capacity" for a place's capacity.
std::string figure_label(const Network& net, const RangedRef& ref);

// The ids on a minimum cut: places' and routes', in its order.
std::vector<std::string> cut_ids(const Network& net, const std::vector<CutItem>& cut);

// "distance", "time" or "capacity".
const char* path_criterion_name(PathCriterion c);

}  // namespace corridor
