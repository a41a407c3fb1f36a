// What an import read and built, in numbers and words: the counts of import-report.json and
// the summary and notes `corridor import` prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "corridor/importer/import.hpp"

namespace corridor::importer {

struct ImportCounts {
    std::size_t features = 0;  // read from every source
    std::size_t skipped = 0;   // features left out (a rule's skip, no geometry, ...)
    std::size_t places = 0, routes = 0;
    std::size_t snapped_ends = 0, merged_places = 0;
};

ImportCounts import_counts(const Imported& imported);

// "1,000 features read, 2 skipped; 40 places, 60 routes (3 ends snapped, 1 places merged
// away); see OUT/import-report.json" (numbers without separators).
std::string summary_sentence(const Imported& imported, const ImportOptions& options);

// What the user should look at: each rule that never matched because no source has its
// field, and an import without routes.
std::vector<std::string> import_notes(const Imported& imported);

}  // namespace corridor::importer
