// A throughput question answered month by month over a range of months (`corridor
// timeline`), with the dated events that change the answer named on the month they take
// effect: routes and places opening or closing (open_from, open_until) and the dated
// changes of events.json and of the scenario (from, until).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/request.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"

namespace corridor {

// The most months one timeline answers (50 years): each month is one solve.
inline constexpr int kMaxTimelineMonths = 600;

// Months first..last, both included.
struct MonthRange {
    Month first;
    Month last;
    int months() const { return months_between(first, last); }
    std::string text() const { return first.text() + ".." + last.text(); }  // "2016-11..2017-12"
    friend bool operator==(const MonthRange&, const MonthRange&) = default;
};

// "YYYY-MM..YYYY-MM". Throws request_error (one line naming --months) for a malformed text,
// an impossible month, an end before the start, or more than kMaxTimelineMonths months.
MonthRange parse_month_range(std::string_view text);
// --months as given: none when empty (the timeline's range is then default_month_range).
std::optional<MonthRange> asked_month_range(std::string_view text);

// The range a timeline answers when --months is absent: the network's month (network.json)
// six months either side, widened to take in the month before the first and the month of
// the last dated event (of the network, events.json and the request's scenario, those that
// can change the answer, as timeline_events lists them) when the
// whole stays within kMaxTimelineMonths. Without a network month: the events' months alone
// (a month either side); with neither, request_error asking for --months.
MonthRange default_month_range(const Network& net, const InputPaths& paths, const AnalysisRequest& request);

// A dated event as the timeline names it, on the month it takes effect.
struct TimelineEvent {
    std::string name;  // the route's or place's id, or the event's or scenario's name
    std::string kind;  // "opens", "closes" (a route or place); "starts", "ends" (a dated change)
    Day date = 0;      // the day it takes effect (for a dropped commodity: the first day of
                       // the first month without it, or with it again)
    std::string what;  // a sentence: what changes, from when, and the share of the month
    friend bool operator==(const TimelineEvent&, const TimelineEvent&) = default;
};

// Every dated event of the network (route and place dates), of events.json and of the
// request's scenario that takes effect within the range and can change the request's
// answer, by month then name: routes that carry a commodity asked (or one a place converts
// into it), in a mode asked and not closed by `without`; the places they end at (and
// converting places); changes on such routes (a drop only of such a commodity); national
// caps on such a commodity. The default range (default_month_range) widens to these only. Dated changes
// of one event or scenario that take effect in the same month and the same way (starts or
// ends) are one event. Pro rata dates take effect in the month of their day; a dropped
// commodity in the first month its period covers at least half of (as adjust applies it).
std::vector<TimelineEvent> timeline_events(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                                           const MonthRange& range);

struct TimelineMonth {
    Month month;
    Flow throughput = 0;  // t/month (passengers/month for commodity passengers); 0 with no flow
    // t/month per commodity: the joint flow's split, or the one commodity asked; empty when a
    // single max-flow answered several commodities (any split of it is one of many).
    std::map<std::string, double> by_commodity;
    std::string no_flow;                // why no flow is possible this month; empty when there is one
    std::vector<TimelineEvent> events;  // taking effect this month
};

struct Timeline {
    std::string from, to;
    std::string commodity;  // as asked; empty: every commodity but passengers
    std::string scenario;   // empty: the baseline
    MonthRange range;
    bool passengers = false;
    std::vector<TimelineMonth> months;  // one per month of the range, in order
};

// The request's question (from, to, commodity, modes, scenario, without, sets; its month is
// not used) answered for each month of the range exactly as analyse_question answers it
// for that month. A month with no possible flow answers 0 with the reason; throws the
// first month's infeasible_error when no month of the range has a flow (an unknown place,
// a commodity no route carries), request_error for a bad request.
Timeline timeline(const Network& net, const InputPaths& paths, const AnalysisRequest& request, const MonthRange& range);
// The same over the range asked, or default_month_range when none is.
Timeline timeline(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                  const std::optional<MonthRange>& asked);

// `timeline --json`: version, from, to, commodity, scenario, months_range, unit
// ("t/month"), months: [{month, t_mo (pax_mo), by_commodity (null without a split),
// no_flow (null with a flow), events: [{name, kind, date, what}]}].
nlohmann::ordered_json timeline_json(const Timeline& t);

// timeline's months (parse_month_range, default_month_range).
namespace timeline_flags {
extern const OptionText kMonths;
}  // namespace timeline_flags

}  // namespace corridor
