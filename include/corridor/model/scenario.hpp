// What-if scenarios: named lists of changes to routes (close, scale, set, cap, drop a commodity).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/model/capacity.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

enum class ChangeAction {
    close,  // capacity 0
    scale,  // capacity x value
    set,    // a figure (capacity, payload_t, trips_mo, annual_t, pax_trip) set to value
    cap,    // capacity at most value (t/month); with exporter and importer, a national cap
    drop,   // the route no longer carries commodity
};

struct Change {
    std::vector<std::string> routes;  // route ids
    ChangeAction action = ChangeAction::close;
    std::string field;      // for set
    double value = 0;       // for scale, set, cap
    std::string commodity;  // for drop
    Period when{};          // the days it is in force (from, until); always by default
    // A national cap (action cap, no routes): at most `value` t/month of `commodity` from
    // the country `exporter` into the country `importer`, whatever the routes.
    std::string exporter{};
    std::string importer{};
    bool national() const { return !exporter.empty(); }
};

// A national cap in force in the month asked: at most t_mo of commodity from exporter to
// importer, for `share` of the month's days (1: the whole month).
struct NationalCap {
    std::string exporter;
    std::string importer;
    std::string commodity;
    double t_mo = 0;
    double share = 1;
};

struct Scenario {
    std::string name;
    std::string description;
    std::string source;  // seed file of quote
    std::string quote;   // the words of the seed that motivate it
    std::string note;    // what is assumed in turning the words into changes
    std::vector<Change> changes;
};

// Per-route capacities and commodity lists after changes; routes not changed keep their own.
struct Adjusted {
    std::vector<MonthlyCapacity> capacities;
    std::map<std::size_t, std::vector<std::string>> commodities;  // only routes whose list changed
    std::vector<NationalCap> national_caps;                       // in force in the month, in order
    const std::vector<std::string>& commodities_of(const Network& net, std::size_t route) const;
};

// Reads scenarios.json: {"scenarios": [{"name", "description", "source", "quote", "note",
// "changes": [{"routes": [...] | "route": id, "action", "field", "value", "commodity",
// "from", "until"}]}]} (from and until: ISO dates, either may be absent); a national cap is
// {"action": "cap", "exporter": "KP", "importer": "CN", "commodity", "value", "from", "until"}
// (countries of the network's places, no routes).
// Throws input_error naming the file, the scenario and the field.
std::vector<Scenario> load_scenarios(const std::filesystem::path& file, const Network& net);

// Reads events.json: {"events": [...]}, each event shaped as a scenario whose changes are
// dated (every change has from or until): what the texts report as happening, applied to
// every analysis of a month (the baseline included) for the days of the month they cover.
std::vector<Scenario> load_events(const std::filesystem::path& file, const Network& net);

// Parses "ROUTE.FIELD=VALUE" (the CLI's --set); throws error on a malformed one.
Change parse_set(const std::string& spec);

// Applies changes in order to the network's own capacities. Throws input_error for an
// unknown route id or a figure the route's capacity form does not have.
//
// With a month, dates count: a route is open for the share of the month's days that it and
// both its end places are open (the smallest of the three shares), and its capacity is
// scaled by that share; a dated change applies pro rata by days: capacity = before +
// share × (after − before), so a closure from the 19th of a 28-day month leaves 18/28 of
// the capacity. A commodity cannot be dropped for part of a month: a dated drop applies
// when it covers at least half of the month's days. Without a month, dates are not
// applied: every route is open and every change applies in full. A national cap is kept
// (national_caps) with the share of the month's days it covers; the solver applies it.
Adjusted adjust(const Network& net, const std::vector<Change>& changes, std::optional<Month> month = std::nullopt);

// The share of the month's days a route is open (its own dates and both end places').
double open_share(const Network& net, std::size_t route, Month month);

const Scenario& find_scenario(const std::vector<Scenario>& scenarios, const std::string& name);

}  // namespace corridor
