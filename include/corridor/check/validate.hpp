// One front for every finding about a loaded network: geography (GEOS) and provenance (seeds).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/check/geography.hpp"
#include "corridor/error.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

struct ValidateOptions {
    std::filesystem::path seeds_dir;  // a missing folder means no seeds: text quotes cannot be found
    std::filesystem::path land_file;  // a missing file skips the land/sea checks (with a note)
    GeographyOptions geography;
    std::filesystem::path scenarios_file;  // when present, its quotes are checked too
    std::filesystem::path events_file{};   // the same (dated events, events.json)
    // Threads for the per-route checks: 0 lets validate choose (every core, at most 8, from
    // 50,000 routes; one below); the findings are the same for any number.
    std::size_t threads = 0;
};

struct Validation {
    std::vector<Issue> issues;
    std::vector<std::string> notes;  // checks that could not run, and why
};

// Findings are values, in the same order for any number of threads: geography for every
// route, then provenance for every route, then the scenarios. Only unreadable seeds or
// basemap throw (or a failing GEOS/PROJ call, from whichever thread it happened in).
Validation validate(const Network& net, const ValidateOptions& options);

}  // namespace corridor
