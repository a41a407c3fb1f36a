// What-if scenarios: named lists of changes to routes (close, scale, set, cap, drop a commodity).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

enum class ChangeAction {
    close,  // capacity 0
    scale,  // capacity x value
    set,    // a figure (capacity, payload_t, trips_mo, annual_t, pax_trip) set to value
    cap,    // capacity at most value (t/month)
    drop,   // the route no longer carries commodity
};

struct Change {
    std::vector<std::string> routes;  // route ids
    ChangeAction action = ChangeAction::close;
    std::string field;      // for set
    double value = 0;       // for scale, set, cap
    std::string commodity;  // for drop
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
    const std::vector<std::string>& commodities_of(const Network& net, std::size_t route) const;
};

// Reads scenarios.json: {"scenarios": [{"name", "description", "source", "quote", "note",
// "changes": [{"routes": [...] | "route": id, "action", "field", "value", "commodity"}]}]}.
// Throws input_error naming the file, the scenario and the field.
std::vector<Scenario> load_scenarios(const std::filesystem::path& file, const Network& net);

// Parses "ROUTE.FIELD=VALUE" (the CLI's --set); throws error on a malformed one.
Change parse_set(const std::string& spec);

// Applies changes in order to the network's own capacities. Throws input_error for an
// unknown route id or a figure the route's capacity form does not have.
Adjusted adjust(const Network& net, const std::vector<Change>& changes);

const Scenario& find_scenario(const std::vector<Scenario>& scenarios, const std::string& name);

}  // namespace corridor
