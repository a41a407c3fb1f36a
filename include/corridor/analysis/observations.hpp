// Observations checked against capacity: can the network have carried what the texts say
// actually moved, in the period they give?
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/check/validate.hpp"
#include "corridor/error.hpp"
#include "corridor/model/observations.hpp"

namespace corridor {

enum class Verdict {
    fits,         // observed at most 80% of capacity
    tight,        // observed above 80% of capacity, at most all of it
    contradicts,  // observed above capacity: the network cannot have carried it
};
const char* verdict_name(Verdict v);

inline constexpr double kTightShare = 0.8;
inline constexpr int kMaxObservationMonths = 600;

struct ObservationCheck {
    Observation observation;
    double months = 0;            // the period in months (each month's share of days, summed)
    double observed_t_mo = 0;     // tonnes / months
    double capacity_t = 0;        // the network's capacity over the period, t
    double capacity_t_mo = 0;     // capacity_t / months
    std::optional<double> ratio;  // observed / capacity; none when the capacity is 0
    Verdict verdict = Verdict::fits;
    std::vector<std::string> binding;  // what limits the capacity in the period's months
    std::vector<std::string> closed;   // months with no possible flow, and why
};

// For each observation, the capacity between its endpoints for its commodity, month by
// month over its period (each month answered with its dates and events, counted for the
// share of its days in the period: a closed month adds nothing), against the tonnes
// observed. Throws input_error for a period over kMaxObservationMonths months.
std::vector<ObservationCheck> check_observations(const Network& net, const InputPaths& paths,
                                                 const std::vector<Observation>& observations);

// Whether an observation is about a question: the same endpoints (from and to each name the
// same places, as a place id or a country code in any case: an observation from rajin is not
// about a question from KP, one from KP is about a question from kp), and a commodity the
// question asks for: the same one, one of a list ("coal,oil_products"), or any (an
// observation of every commodity included) when the question spans every commodity
// (commodity empty). An observation of every commodity (its commodity empty) is about no
// question of one commodity or of a list.
bool observation_matches(const Network& net, const Observation& o, const std::string& from, const std::string& to,
                         const std::string& commodity);

// The observations (in file order) about an analysed question (observation_matches with its
// from, to and commodity), each checked as check_observations checks it: over its own period,
// in the baseline, whatever the question's month, scenario, --without or --set. What render and
// map show beside the answer. None without observations.json.
std::vector<ObservationCheck> question_observations(const Network& net, const InputPaths& paths,
                                                    const Analysis& analysis);

// Contradictions as validation findings (file, observation id, field "tonnes").
std::vector<Issue> observation_issues(const std::vector<ObservationCheck>& checks, const std::string& file);

// Everything `validate` finds: the network's checks (validate()) and the observations the
// network cannot carry, which are problems when strict and warnings otherwise.
struct NetworkFindings {
    Validation validation;
    std::vector<Issue> warnings;
};
NetworkFindings validate_network(const Network& net, const InputPaths& paths, bool strict);

}  // namespace corridor
