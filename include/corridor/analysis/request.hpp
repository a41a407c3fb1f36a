// A throughput question as asked (CLI flags or HTTP parameters) and the changes it makes
// to the network: endpoints, commodity, modes, scenario, closed routes and set figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/analysis/inputs.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/paths.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor {

struct AnalysisRequest {
    std::string from;  // place id or country code; empty: the default question's
    std::string to;
    std::string commodity;             // empty: every commodity but passengers; "a,b": a list
    std::vector<std::string> modes;    // mode names; empty: every mode
    std::string scenario;              // a scenario of the scenario file; empty: the baseline
    std::vector<std::string> without;  // route ids to close
    std::vector<std::string> sets;     // "ROUTE.FIELD=VALUE"
    std::string month;                 // "YYYY-MM"; empty: the network's month (network.json);
                                       // "none": dates not applied
    std::string transit;               // "listed" (also empty): third countries only where
                                       // transits.json lets the flow cross; "any": wherever
    std::size_t draws = 0;             // Monte Carlo draws (0: no uncertainty run)
    std::uint64_t seed = 1;            // of the draws
};

struct Endpoints {
    std::string from;
    std::string to;
};

// The question corridor answers when none is asked: how many tonnes a month can reach
// Pyongyang from every Russian place (RU → pyongyang), over every commodity, in the
// baseline. It is the first question of the texts the shipped network comes from.
Endpoints default_question();

// The request's endpoints, the default question's where it names none.
Endpoints endpoints_of(const AnalysisRequest& request);

// Whether the request asks a question of its own (endpoints, a commodity or draws): then a
// question with no possible flow is an error, not a note.
bool asks_own_question(const AnalysisRequest& request);

// The month a request asks about: its --month, else the network's default month, else
// none (dates are not applied); "none" asks for no month. Throws request_error for a
// malformed or impossible month.
std::optional<Month> month_of(const InputPaths& paths, const AnalysisRequest& request);

// The changes the request makes, in order: the network's events (events.json), its
// scenario's (from the scenario file of paths), then --without (close), then --set. Throws request_error for an unknown
// scenario, route id or malformed --set, input_error for an unreadable scenario file.
std::vector<Change> requested_changes(const Network& net, const InputPaths& paths, const AnalysisRequest& request);

// Mode names to modes; throws request_error naming an unknown one.
std::vector<Mode> parse_modes(const std::vector<std::string>& names);

// "distance", "time" or "capacity"; throws request_error otherwise.
PathCriterion parse_path_criterion(const std::string& name);
// The name parse_path_criterion reads.
const char* path_criterion_name(PathCriterion c);

// The flow query from A to B with the request's commodity and modes and the adjusted
// capacities (moved in: a million routes' worth), the national caps that apply to it and
// the transit rules (unless the request asks for any transit).
FlowQuery flow_query(const Network& net, const Endpoints& endpoints, const AnalysisRequest& request,
                     Adjusted&& adjusted);

// Whether the request keeps flows to the listed transits (--transit listed, the default)
// rather than any (--transit any); throws request_error for another value.
bool transit_listed(const AnalysisRequest& request);

// The network's transit rules on a question from one country to another (both endpoints
// each in one country): a route touching a third country carries only the commodities a
// rule lets it carry across (none without one), as per-route commodity lists in q. A
// question with mixed-country endpoints, or a network without rules, keeps every route.
void apply_transit_rules(const Network& net, const Endpoints& endpoints, FlowQuery& q);

// The exporter and importer of a question whose origins lie in one country and whose
// destinations lie in one country; nullopt otherwise. Throws infeasible_error for an unknown
// endpoint.
std::optional<std::pair<std::string, std::string>> question_countries(const Network& net, const Endpoints& endpoints);

// For an infeasible question: how many routes carrying what it asks (its commodities, else
// any but passengers) the transit rules closed to it, as a sentence with the way to open
// them; "" when none (or --transit any).
std::string transit_reason(const Network& net, const Endpoints& endpoints, const AnalysisRequest& request);

// Whether a national cap applies to a question: every origin is in its exporter and every
// destination in its importer (so a transit through the exporter is not capped).
bool national_cap_applies(const Network& net, const NationalCap& cap, const Endpoints& endpoints);

}  // namespace corridor
