// The plain-text answers the query commands print (capacity, route, scenarios,
// observations, facts, validate, places, routes); their JSON shapes are analysis/json's.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/check/validate.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/text/facts.hpp"

namespace corridor {

// capacity: the headline (from → to, commodity, scenario, month: throughput), the minimum cut
// with each limit's quote or note (or, for a joint flow, the flow by commodity and the binding
// limits with their shadow prices), the paths, and with an uncertainty run the percentiles,
// cut probabilities and sensitivity.
std::string capacity_text(const Network& net, const Analysis& analysis);

// route: the path's length, hours and bottleneck, then each of its routes.
std::string route_text(const Network& net, const std::vector<RouteMeasure>& measures, const RouteAnswer& answer);

// scenarios: each scenario's throughput, its change from the baseline and its limits.
std::string scenarios_text(const Network& net, const ScenarioComparison& comparison);

// observations: each observation against the capacity of its period; a line naming
// observations_file when there is none.
std::string observations_text(const std::vector<ObservationCheck>& checks,
                              const std::filesystem::path& observations_file);

// facts: each quantity statement, where it is, what uses it, and a count of the used ones
// over seed_files seed texts.
std::string facts_text(const std::vector<Fact>& facts, std::size_t seed_files);

// validate: one line per problem and their count, or "ok: N places, M routes, no problems".
std::string validation_text(const Network& net, const Validation& validation);

// places and routes: the layers' main columns (the JSON form is table_json of the layer).
std::string places_text(const Network& net);
std::string routes_text(const Network& net, const std::vector<RouteMeasure>& measures);

}  // namespace corridor
