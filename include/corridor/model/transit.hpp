// Where a flow between two countries may cross a third one: the network's transit rules
// (transits.json). Without rules every route is open to every question, as drawn. With
// them, a question from one country to another may use a route that touches a third
// country only where a rule for that exporter, importer and third country lists the route,
// and only for the rule's commodities: a transit is a finding someone reported (a
// resolution's exemption, a text), not something the network allows because it is drawn.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace corridor {

struct Network;

struct TransitRule {
    std::string id;
    std::string exporter;                  // country code of the cargo's origin
    std::string via;                       // the third country crossed
    std::string importer;                  // country code of its destination
    std::vector<std::string> routes;       // route ids open to the transit (each touches `via`)
    std::vector<std::string> commodities;  // what may pass; empty: every commodity
    std::string quote;                     // verbatim words of a seed, when one reports it
    std::string source;                    // the seed file of the quote, or the publication
    std::string note;                      // the basis (required without a quote)
};

// Reads transits.json: {"transits": [{"id", "exporter", "via", "importer", "routes": [...],
// "commodities": [...], "quote", "source", "note"}]}. Throws input_error naming the file, the
// rule and the field: an unknown country or route id, a route that does not touch `via`,
// `via` equal to the exporter or importer, a duplicate id, neither a quote nor a note.
std::vector<TransitRule> load_transits(const std::filesystem::path& file, const Network& net);

// The one country all places of `places` lie in; nullopt when they lie in several or a
// place has no country.
std::optional<std::string> country_of(const Network& net, const std::vector<std::size_t>& places);

// Per route, for a question from country `exporter` to country `importer` under `rules`:
// nullopt where the route lies in those two countries only (open as drawn), else the
// commodities the rules let it carry across its third country (empty: barred). Without
// rules, every entry is nullopt.
std::vector<std::optional<std::vector<std::string>>> transit_commodities(const Network& net,
                                                                         const std::vector<TransitRule>& rules,
                                                                         const std::string& exporter,
                                                                         const std::string& importer);

}  // namespace corridor
