#include "corridor/analysis/request.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "corridor/enum_names.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {

std::vector<Change> scenario_changes(const Network& net, const InputPaths& paths, const std::string& name) {
    const auto all = paths.scenarios_for(net);
    try {
        return find_scenario(all, name).changes;
    } catch (const error& e) {
        throw request_error(std::string("--scenario: ") + e.what());
    }
}

Change set_change(const Network& net, const std::string& spec) {
    try {
        Change c = parse_set(spec);
        if (!net.route_index(c.routes[0])) throw error("--set " + spec + ": unknown route id \"" + c.routes[0] + "\"");
        return c;
    } catch (const request_error&) {
        throw;
    } catch (const error& e) {
        throw request_error(e.what());
    }
}

}  // namespace

Endpoints default_question() { return {"RU", "pyongyang"}; }

Endpoints endpoints_of(const AnalysisRequest& request) {
    const Endpoints d = default_question();
    return {request.from.empty() ? d.from : request.from, request.to.empty() ? d.to : request.to};
}

bool asks_own_question(const AnalysisRequest& request) {
    return !request.from.empty() || !request.to.empty() || !request.commodity.empty() || request.draws > 0;
}

std::optional<Month> month_of(const InputPaths& paths, const AnalysisRequest& request) {
    if (request.month == "none") return std::nullopt;
    if (request.month.empty()) return paths.default_month();
    const auto m = parse_month(request.month);
    if (!m)
        throw request_error(
            fmt::format("--month: \"{}\" is not a month: expected YYYY-MM (01 to 12) or none", request.month));
    return m;
}

std::vector<Change> requested_changes(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    std::vector<Change> changes;
    for (const auto& e : paths.events_for(net)) changes.insert(changes.end(), e.changes.begin(), e.changes.end());
    if (!request.scenario.empty()) {
        auto s = scenario_changes(net, paths, request.scenario);
        changes.insert(changes.end(), s.begin(), s.end());
    }
    for (const auto& id : request.without) {
        if (!net.route_index(id)) throw request_error("--without: unknown route id \"" + id + "\"");
        changes.push_back({{id}, ChangeAction::close, "", 0, ""});
    }
    for (const auto& spec : request.sets) changes.push_back(set_change(net, spec));
    return changes;
}

std::vector<Mode> parse_modes(const std::vector<std::string>& names) {
    std::vector<Mode> out;
    for (const auto& name : names) {
        auto m = parse_mode(name);
        if (!m) throw request_error(fmt::format("--modes: unknown mode \"{}\" ({})", name, mode_names()));
        out.push_back(*m);
    }
    return out;
}

namespace {
constexpr Named<PathCriterion> kCriterionNames[] = {
    {PathCriterion::distance, "distance"}, {PathCriterion::time, "time"}, {PathCriterion::capacity, "capacity"}};
}  // namespace

const char* path_criterion_name(PathCriterion c) { return name_of(kCriterionNames, c, "distance"); }

PathCriterion parse_path_criterion(const std::string& name) {
    if (const auto c = value_named(kCriterionNames, name)) return *c;
    throw request_error("--by: expected distance, time or capacity, got \"" + name + "\"");
}

bool national_cap_applies(const Network& net, const NationalCap& cap, const Endpoints& endpoints) {
    auto all_in = [&](const std::string& spec, const std::string& country) {
        const auto places = resolve_endpoint(net, spec);
        return std::all_of(places.begin(), places.end(),
                           [&](std::size_t p) { return net.places[p].country == country; });
    };
    return all_in(endpoints.from, cap.exporter) && all_in(endpoints.to, cap.importer);
}

bool transit_listed(const AnalysisRequest& request) {
    if (request.transit.empty() || request.transit == "listed") return true;
    if (request.transit == "any") return false;
    throw request_error(fmt::format("--transit: expected listed or any, got \"{}\"", request.transit));
}

std::optional<std::pair<std::string, std::string>> question_countries(const Network& net, const Endpoints& endpoints) {
    auto exporter = country_of(net, resolve_endpoint(net, endpoints.from));
    auto importer = country_of(net, resolve_endpoint(net, endpoints.to));
    if (!exporter || !importer) return std::nullopt;
    return std::pair{std::move(*exporter), std::move(*importer)};
}

namespace {

// The rules' commodities per route for the question's two countries; empty when no rule can
// apply (no rules, endpoints in several countries).
std::vector<std::optional<std::vector<std::string>>> question_transits(const Network& net, const Endpoints& endpoints) {
    if (net.transits.empty()) return {};
    const auto countries = question_countries(net, endpoints);
    if (!countries) return {};
    return transit_commodities(net, net.transits, countries->first, countries->second);
}

}  // namespace

std::string transit_reason(const Network& net, const Endpoints& endpoints, const AnalysisRequest& request) {
    if (!transit_listed(request)) return "";
    const auto allowed = question_transits(net, endpoints);
    const auto asked = split_list(request.commodity);
    std::size_t closed = 0;
    for (std::size_t r = 0; r < allowed.size(); ++r) {
        if (!allowed[r]) continue;
        for (const auto& c : net.routes[r].commodities) {
            const bool wanted = asked.empty() ? c != "passengers" : std::count(asked.begin(), asked.end(), c) > 0;
            if (wanted && std::count(allowed[r]->begin(), allowed[r]->end(), c) == 0) {
                ++closed;
                break;
            }
        }
    }
    if (closed == 0) return "";
    return fmt::format(
        "{} route(s) carrying it cross a third country, closed to questions from {} to {} by "
        "transits.json; --transit any opens them",
        closed, endpoints.from, endpoints.to);
}

void apply_transit_rules(const Network& net, const Endpoints& endpoints, FlowQuery& q) {
    const auto allowed = question_transits(net, endpoints);
    for (std::size_t r = 0; r < allowed.size(); ++r) {
        if (!allowed[r]) continue;
        std::vector<std::string> keep;
        for (const auto& c : q.commodities_of(net, r))
            if (std::find(allowed[r]->begin(), allowed[r]->end(), c) != allowed[r]->end()) keep.push_back(c);
        q.commodities[r] = std::move(keep);
    }
}

FlowQuery flow_query(const Network& net, const Endpoints& endpoints, const AnalysisRequest& request,
                     Adjusted&& adjusted) {
    FlowQuery q{endpoints.from,
                endpoints.to,
                std::nullopt,
                parse_modes(request.modes),
                std::move(adjusted.capacities),
                std::move(adjusted.commodities)};
    for (const auto& cap : adjusted.national_caps)
        if (national_cap_applies(net, cap, endpoints)) q.limits.push_back({cap.commodity, cap.t_mo, cap.share});
    if (transit_listed(request)) apply_transit_rules(net, endpoints, q);
    // "coal,oil_products": a list of commodities, answered jointly; one name: that commodity.
    const auto list = split_list(request.commodity);
    if (list.size() == 1) q.commodity = list.front();
    else q.commodity_list = list;
    return q;
}

}  // namespace corridor
