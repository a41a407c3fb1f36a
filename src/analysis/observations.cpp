#include "corridor/analysis/observations.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/enum_names.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {

void add_unique(std::vector<std::string>& list, const std::vector<std::string>& items) {
    for (const auto& s : items)
        if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

// The capacity of one month of the period, counted for the share of its days in it.
void add_month(ObservationCheck& c, const Network& net, const InputPaths& paths, Month m) {
    const Observation& o = c.observation;
    const double share = o.period.share_of(m);
    if (share == 0) return;
    c.months += share;
    AnalysisRequest r;
    r.from = o.from;
    r.to = o.to;
    r.commodity = o.commodity;
    r.month = m.text();
    try {
        const Analysis a = analyse_question(net, paths, r);
        c.capacity_t += share * static_cast<double>(a.result.throughput);
        add_unique(c.binding, cut_ids(net, limits_of(a)));
    } catch (const infeasible_error& e) {
        c.closed.push_back(fmt::format("{}: {}", m.text(), e.what()));
    }
}

// Whether two endpoints (place ids or country codes) name the same places; an unknown one
// names none.
bool same_places(const Network& net, const std::string& a, const std::string& b) {
    if (a == b) return true;
    try {
        return resolve_endpoint(net, a) == resolve_endpoint(net, b);
    } catch (const infeasible_error&) {
        return false;
    }
}

Verdict verdict_of(double observed, double capacity) {
    if (observed > capacity) return Verdict::contradicts;
    return observed > kTightShare * capacity ? Verdict::tight : Verdict::fits;
}

ObservationCheck check_one(const Network& net, const InputPaths& paths, const Observation& o) {
    const Month first = month_of(o.period.from), last = month_of(o.period.until);
    if (months_between(first, last) > kMaxObservationMonths)
        throw input_error({paths.observations_file().string(), o.id, "period"},
                          fmt::format("spans more than {} months", kMaxObservationMonths));
    ObservationCheck c;
    c.observation = o;
    for (Month m = first; m <= last; m = m.next()) add_month(c, net, paths, m);
    c.observed_t_mo = o.tonnes / c.months;
    c.capacity_t_mo = c.capacity_t / c.months;
    if (c.capacity_t > 0) c.ratio = o.tonnes / c.capacity_t;
    c.verdict = verdict_of(o.tonnes, c.capacity_t);
    return c;
}

}  // namespace

const char* verdict_name(Verdict v) {
    static constexpr Named<Verdict> kNames[] = {
        {Verdict::fits, "fits"}, {Verdict::tight, "tight"}, {Verdict::contradicts, "contradicts"}};
    return name_of(kNames, v, "fits");
}

std::vector<ObservationCheck> check_observations(const Network& net, const InputPaths& paths,
                                                 const std::vector<Observation>& observations) {
    std::vector<ObservationCheck> out;
    for (const auto& o : observations) out.push_back(check_one(net, paths, o));
    return out;
}

bool observation_matches(const Network& net, const Observation& o, const std::string& from, const std::string& to,
                         const std::string& commodity) {
    if (!same_places(net, o.from, from) || !same_places(net, o.to, to)) return false;
    if (commodity.empty()) return true;
    const auto asked = split_list(commodity);
    return std::find(asked.begin(), asked.end(), o.commodity) != asked.end();
}

std::vector<ObservationCheck> question_observations(const Network& net, const InputPaths& paths,
                                                    const Analysis& analysis) {
    std::vector<Observation> about;
    for (auto& o : paths.observations_for(net))
        if (observation_matches(net, o, analysis.from, analysis.to, analysis.commodity)) about.push_back(std::move(o));
    return check_observations(net, paths, about);
}

std::vector<Issue> observation_issues(const std::vector<ObservationCheck>& checks, const std::string& file) {
    std::vector<Issue> issues;
    for (const auto& c : checks) {
        if (c.verdict != Verdict::contradicts) continue;
        const std::string limits = c.binding.empty() ? "no open route" : "limited by " + joined(c.binding);
        issues.push_back({{file, c.observation.id, "tonnes"},
                          fmt::format("observed {:.0f} t/month is above the network's capacity of {:.0f} t/month "
                                      "in the period ({}): the network cannot have carried it",
                                      c.observed_t_mo, c.capacity_t_mo, limits)});
    }
    return issues;
}

NetworkFindings validate_network(const Network& net, const InputPaths& paths, bool strict) {
    NetworkFindings f{validate(net, paths.validate_options()), {}};
    auto contradictions = observation_issues(check_observations(net, paths, paths.observations_for(net)),
                                             paths.observations_file().string());
    auto& into = strict ? f.validation.issues : f.warnings;
    into.insert(into.end(), contradictions.begin(), contradictions.end());
    return f;
}

}  // namespace corridor
