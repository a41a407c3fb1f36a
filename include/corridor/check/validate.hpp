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
};

struct Validation {
    std::vector<Issue> issues;
    std::vector<std::string> notes;  // checks that could not run, and why
};

// Findings are values; only unreadable seeds or basemap throw.
Validation validate(const Network& net, const ValidateOptions& options);

}  // namespace corridor
