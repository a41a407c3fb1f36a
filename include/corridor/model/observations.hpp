// What the texts report as actually moved, at the level they give it: between two
// countries or places (or on one route's ends), for a commodity and a period.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/model/dates.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

struct Observation {
    std::string id;
    std::string from;  // a country code or a place id
    std::string to;
    std::string commodity;  // empty: every commodity
    Period period;          // both ends given
    double tonnes = 0;      // moved in the whole period
    std::string quote;      // verbatim words of the seed
    std::string source;     // the seed file of the quote
    std::string note;       // for a figure from elsewhere (required without a quote), or why the period
};

// Reads observations.json: {"observations": [{"id", "from", "to", "commodity",
// "period": {"from": "YYYY-MM-DD", "until": "YYYY-MM-DD"}, "tonnes", "quote", "source",
// "note"}]}. Throws input_error naming the file, the observation and the field: an unknown
// country or place, a malformed or impossible date, a period whose end is before its start,
// a negative or missing figure, neither a quote nor a note.
std::vector<Observation> load_observations(const std::filesystem::path& file, const Network& net);

}  // namespace corridor
