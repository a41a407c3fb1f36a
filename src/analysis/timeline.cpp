#include "corridor/analysis/timeline.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/io/json_values.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {

using nlohmann::ordered_json;

// --- month ranges ----------------------------------------------------------------------

Month previous(Month m) { return m.month == 1 ? Month{m.year - 1, 12} : Month{m.year, m.month - 1}; }

Month plus_months(Month m, int n) {
    const int index = m.year * 12 + static_cast<int>(m.month) - 1 + n;
    return {index / 12, static_cast<unsigned>(index % 12) + 1};
}

// Months a calendar can name: 0001-01 .. 9999-12.
Month clamp_month(Month m) { return std::clamp(m, Month{1, 1}, Month{9999, 12}); }

// --- dated events -----------------------------------------------------------------------

// An event before grouping: the month it takes effect in, and whether it starts or ends.
struct RawEvent {
    Month month;
    TimelineEvent event;
};

// The changes of events.json and of the request's scenario, with the name they go by.
struct NamedChanges {
    std::string name;
    std::vector<Change> changes;
};

std::vector<NamedChanges> dated_sources(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    std::vector<NamedChanges> out;
    for (const auto& e : paths.events_for(net)) out.push_back({e.name, e.changes});
    if (!request.scenario.empty()) {
        try {
            const auto all = paths.scenarios_for(net);
            out.push_back({request.scenario, find_scenario(all, request.scenario).changes});
        } catch (const request_error&) {
            throw;
        } catch (const input_error&) {
            throw;
        } catch (const error& e) {
            throw request_error(std::string("--scenario: ") + e.what());
        }
    }
    return out;
}

std::string change_text(const Change& c) {
    if (c.national())
        return fmt::format("{} from {} into {} capped at {:.0f} t/month (national cap)", c.commodity, c.exporter,
                           c.importer, c.value);
    const std::string routes = joined(c.routes);
    switch (c.action) {
        case ChangeAction::close:
            return routes + " closed";
        case ChangeAction::scale:
            return fmt::format("{} at {:g} × capacity", routes, c.value);
        case ChangeAction::set:
            return fmt::format("{} {} set to {:g}", routes, c.field, c.value);
        case ChangeAction::cap:
            return fmt::format("{} capped at {:.0f} t/month", routes, c.value);
        case ChangeAction::drop:
            return fmt::format("{} carry no {}", routes, c.commodity);
    }
    return routes;
}

// " (10 of 28 days of 2017-02)" when a period covers only part of a month.
std::string partial(const Period& p, Month m) {
    const double share = p.share_of(m);
    if (share <= 0 || share >= 1) return "";
    const int days = static_cast<int>(std::lround(share * m.days()));
    return fmt::format(" ({} of {} days of {})", days, m.days(), m.text());
}

// A pro rata period: it starts in the month of its first day and ends in the month of the
// day after its last (the first day without it).
void pro_rata_events(const Period& p, const std::string& name, const std::string& text, bool place_or_route,
                     std::vector<RawEvent>& out) {
    if (p.from != Period::kOpenStart) {
        const Month m = month_of(p.from);
        out.push_back({m,
                       {name, place_or_route ? "opens" : "starts", p.from,
                        fmt::format("{} from {}{}", text, date_text(p.from), partial(p, m))}});
    }
    if (p.until != Period::kOpenEnd) {
        const Day after = p.until + 1;
        const Month m = month_of(after);
        out.push_back({m,
                       {name, place_or_route ? "closes" : "ends", after,
                        fmt::format("{} until {}{}", text, date_text(p.until), partial(p, m))}});
    }
}

// A dated drop applies in whole months: those its period covers at least half of (adjust).
bool drop_applies(const Period& p, Month m) { return p.share_of(m) >= 0.5; }

void drop_events(const Change& c, const std::string& name, std::vector<RawEvent>& out) {
    const Period& p = c.when;
    const std::string routes = joined(c.routes);
    const char* verb = c.routes.size() == 1 ? "carries" : "carry";
    const char* rule = "a commodity is dropped in whole months, those its period covers at least half of";
    if (p.from != Period::kOpenStart) {
        // The first month it applies in: its first day's month, or the next.
        Month m = month_of(p.from);
        if (!drop_applies(p, m)) m = m.next();
        if (drop_applies(p, m))
            out.push_back({m,
                           {name, "starts", m.first(),
                            fmt::format("{} {} no {} from {} (dated from {}: {})", routes, verb, c.commodity, m.text(),
                                        date_text(p.from), rule)}});
    }
    if (p.until != Period::kOpenEnd) {
        // The first month it no longer applies in: its last day's month, or the next.
        Month m = month_of(p.until);
        if (drop_applies(p, m)) m = m.next();
        if (drop_applies(p, previous(m)))
            out.push_back({m,
                           {name, "ends", m.first(),
                            fmt::format("{} {} {} again from {} (dated until {}: {})", routes, verb, c.commodity,
                                        m.text(), date_text(p.until), rule)}});
    }
}

// --- which events can change the answer ----------------------------------------------------

// The commodities an answer can depend on: those asked (every commodity but passengers when
// none is) and, through the places that convert one commodity into another, what they are
// made from (crude oil for oil products at a refinery), to any depth.
std::set<std::string> relevant_commodities(const Network& net, const AnalysisRequest& request) {
    std::set<std::string> out;
    const auto asked = split_list(request.commodity);
    if (!asked.empty()) out.insert(asked.begin(), asked.end());
    else
        for (const Route& r : net.routes)
            for (const auto& c : r.commodities)
                if (c != "passengers") out.insert(c);
    for (bool grew = true; grew;) {
        grew = false;
        for (const Place& p : net.places)
            if (!p.converts_to.empty() && out.contains(p.converts_to.str()) && out.insert(p.converts_from.str()).second)
                grew = true;
    }
    return out;
}

// Which routes, places and changes can affect the request's answer: a route of a mode it
// allows, not closed by --without, that carries a commodity the answer depends on; a place
// such a route ends at, or that converts such a commodity; a change on such a route, or a
// national cap on such a commodity. A dropped commodity counts only when it is one of them.
class Relevance {
public:
    Relevance(const Network& net, const AnalysisRequest& request)
        : commodities_(relevant_commodities(net, request)), route_(net.routes.size()), place_(net.places.size()) {
        for (std::size_t i = 0; i < net.routes.size(); ++i) {
            index_.emplace(net.routes[i].id, i);
            route_[i] = route_may_carry(net.routes[i], request);
            if (route_[i]) place_[net.from_index(net.routes[i])] = place_[net.to_index(net.routes[i])] = true;
        }
        for (std::size_t i = 0; i < net.places.size(); ++i)
            if (!net.places[i].converts_to.empty() && commodities_.contains(net.places[i].converts_to.str()))
                place_[i] = true;
    }
    bool route(std::size_t i) const { return route_[i]; }
    bool place(std::size_t i) const { return place_[i]; }
    bool change(const Change& c) const {
        if (c.national()) return commodities_.contains(c.commodity);
        if (c.action == ChangeAction::drop && !commodities_.contains(c.commodity)) return false;
        return std::any_of(c.routes.begin(), c.routes.end(), [&](const std::string& id) {
            const auto i = index_.find(id);
            return i == index_.end() || route_[i->second];  // an unknown id is refused elsewhere: keep it
        });
    }

private:
    bool route_may_carry(const Route& r, const AnalysisRequest& request) const {
        if (!request.modes.empty() &&
            std::find(request.modes.begin(), request.modes.end(), mode_name(r.mode)) == request.modes.end())
            return false;
        if (std::find(request.without.begin(), request.without.end(), r.id) != request.without.end()) return false;
        const MonthlyCapacity cap = monthly_capacity(r.figures);
        return std::any_of(commodities_.begin(), commodities_.end(),
                           [&](const std::string& c) { return carries(r, cap, c); });
    }

    std::set<std::string> commodities_;
    std::map<std::string, std::size_t, std::less<>> index_;  // route id -> index
    std::vector<bool> route_, place_;
};

std::vector<RawEvent> all_events(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    const Relevance relevant(net, request);
    std::vector<RawEvent> out;
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (relevant.place(i))
            pro_rata_events(net.places[i].open, net.places[i].id, "place " + net.places[i].id + " open", true, out);
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        if (relevant.route(i))
            pro_rata_events(net.routes[i].open, net.routes[i].id, "route " + net.routes[i].id + " open", true, out);
    for (const auto& source : dated_sources(net, paths, request))
        for (const Change& c : source.changes) {
            if (c.when.always() || !relevant.change(c)) continue;
            if (c.action == ChangeAction::drop) drop_events(c, source.name, out);
            else pro_rata_events(c.when, source.name, change_text(c), false, out);
        }
    return out;
}

// By month, then name and kind; the changes of one source taking effect in the same month
// the same way become one event (the first date, the sentences joined).
std::vector<RawEvent> grouped(std::vector<RawEvent> raw) {
    std::stable_sort(raw.begin(), raw.end(), [](const RawEvent& a, const RawEvent& b) {
        return std::tie(a.month, a.event.name, a.event.kind) < std::tie(b.month, b.event.name, b.event.kind);
    });
    std::vector<RawEvent> out;
    for (auto& e : raw) {
        if (!out.empty() && out.back().month == e.month && out.back().event.name == e.event.name &&
            out.back().event.kind == e.event.kind) {
            TimelineEvent& into = out.back().event;
            into.date = std::min(into.date, e.event.date);
            into.what += "; " + e.event.what;
            continue;
        }
        out.push_back(std::move(e));
    }
    return out;
}

// The month the request's question answers, solved as analyse_question solves it.
TimelineMonth answer_month(const Network& net, const Endpoints& e, const AnalysisRequest& request,
                           const std::vector<Change>& changes, Month m, bool& passengers) {
    TimelineMonth tm;
    tm.month = m;
    try {
        const SolvedFlow s = solve_flow(net, flow_query(net, e, request, adjust(net, changes, m)));
        tm.throughput = s.result.throughput;
        passengers = s.result.passengers;
        const auto list = split_list(request.commodity);
        if (s.joint) tm.by_commodity = s.joint->by_commodity;
        else if (list.size() == 1) tm.by_commodity[list.front()] = static_cast<double>(s.result.throughput);
    } catch (const infeasible_error& err) {
        tm.no_flow = err.what();
        if (!request.commodity.empty() && split_list(request.commodity).size() == 1)
            tm.by_commodity[request.commodity] = 0;
    }
    return tm;
}

}  // namespace

MonthRange parse_month_range(std::string_view text) {
    const auto dots = text.find("..");
    const auto bad = [&](const std::string& why) {
        return request_error(fmt::format("--months: \"{}\" {}", text, why));
    };
    if (dots == std::string_view::npos) throw bad("is not a range of months: expected YYYY-MM..YYYY-MM");
    const auto first = parse_month(text.substr(0, dots)), last = parse_month(text.substr(dots + 2));
    if (!first || !last) throw bad("is not a range of months: expected YYYY-MM..YYYY-MM (months 01 to 12)");
    if (*last < *first) throw bad("ends before it starts");
    const MonthRange r{*first, *last};
    if (r.months() > kMaxTimelineMonths)
        throw bad(fmt::format("spans {} months: at most {}", r.months(), kMaxTimelineMonths));
    return r;
}

MonthRange default_month_range(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    const auto network_month = paths.default_month();
    std::optional<MonthRange> events;
    for (const auto& e : all_events(net, paths, request)) {
        // Around the network's month, only events within two years of it widen the range (a
        // route documented from 2024, or a bridge never opened, would stretch it past use).
        if (network_month && (e.month < plus_months(*network_month, -24) || plus_months(*network_month, 24) < e.month))
            continue;
        if (!events) events = MonthRange{e.month, e.month};
        events->first = std::min(events->first, e.month);
        events->last = std::max(events->last, e.month);
    }
    if (events) events->first = previous(events->first);
    if (network_month) {
        const MonthRange around{clamp_month(plus_months(*network_month, -6)),
                                clamp_month(plus_months(*network_month, 6))};
        if (!events) return around;
        const MonthRange widened{std::min(around.first, events->first), std::max(around.last, events->last)};
        return widened.months() <= kMaxTimelineMonths ? widened : around;
    }
    if (events) {
        const MonthRange r{clamp_month(events->first), clamp_month(events->last.next())};
        if (r.months() <= kMaxTimelineMonths) return r;
    }
    throw request_error(
        "--months: give the months to answer (YYYY-MM..YYYY-MM): the network names no month "
        "(network.json) and no dated events within 600 months");
}

std::vector<TimelineEvent> timeline_events(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                                           const MonthRange& range) {
    std::vector<RawEvent> raw = all_events(net, paths, request);
    std::erase_if(raw, [&](const RawEvent& e) { return e.month < range.first || range.last < e.month; });
    std::vector<TimelineEvent> out;
    for (auto& e : grouped(std::move(raw))) out.push_back(std::move(e.event));
    return out;
}

std::optional<MonthRange> asked_month_range(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return parse_month_range(text);
}

Timeline timeline(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                  const std::optional<MonthRange>& asked) {
    return timeline(net, paths, request, asked ? *asked : default_month_range(net, paths, request));
}

Timeline timeline(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                  const MonthRange& range) {
    if (request.from.empty() || request.to.empty())
        throw request_error("give --from and --to (place ids or country codes)");
    if (range.last < range.first || range.months() > kMaxTimelineMonths)
        throw request_error(
            fmt::format("--months: {} is not a range of 1 to {} months", range.text(), kMaxTimelineMonths));
    const Endpoints e{request.from, request.to};
    const std::vector<Change> changes = requested_changes(net, paths, request);
    Timeline t{e.from, e.to, request.commodity, request.scenario, range, false, {}};
    t.passengers = request.commodity == "passengers";
    std::optional<std::string> first_why;
    bool any_flow = false;
    for (Month m = range.first; m <= range.last; m = m.next()) {
        t.months.push_back(answer_month(net, e, request, changes, m, t.passengers));
        const TimelineMonth& tm = t.months.back();
        if (tm.no_flow.empty()) any_flow = true;
        else if (!first_why) first_why = tm.month.text() + ": " + tm.no_flow;
    }
    if (!any_flow) throw infeasible_error(*first_why);
    std::vector<RawEvent> raw = all_events(net, paths, request);
    for (auto& ev : grouped(std::move(raw)))
        if (range.first <= ev.month && ev.month <= range.last)
            t.months[static_cast<std::size_t>(months_between(range.first, ev.month) - 1)].events.push_back(
                std::move(ev.event));
    return t;
}

ordered_json timeline_json(const Timeline& t) {
    const char* unit = t.passengers ? "pax_mo" : "t_mo";
    ordered_json months = ordered_json::array();
    for (const auto& m : t.months) {
        ordered_json by = nullptr;
        if (!m.by_commodity.empty()) {
            by = ordered_json::object();
            for (const auto& [c, v] : m.by_commodity) by[c] = std::round(v * 10) / 10;
        }
        ordered_json events = ordered_json::array();
        for (const auto& e : m.events)
            events.push_back({{"name", e.name}, {"kind", e.kind}, {"date", date_text(e.date)}, {"what", e.what}});
        ordered_json j;
        j["month"] = m.month.text();
        j[unit] = m.throughput;
        j["by_commodity"] = by;
        j["no_flow"] = or_null(m.no_flow);
        j["events"] = events;
        months.push_back(std::move(j));
    }
    ordered_json j = question_json(t.from, t.to, t.commodity, t.scenario);
    j["months_range"] = t.range.text();
    j["unit"] = t.passengers ? "passengers/month" : "t/month";
    j["months"] = months;
    return j;
}

namespace timeline_flags {
const OptionText kMonths{
    "months",
    "YYYY-MM..YYYY-MM, at most 600 months (default: the network's month ±6 months, widened to its dated events)"};
}  // namespace timeline_flags

}  // namespace corridor
