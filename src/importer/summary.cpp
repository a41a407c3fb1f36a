#include "corridor/importer/summary.hpp"

#include <fmt/format.h>

namespace corridor::importer {

ImportCounts import_counts(const Imported& imported) {
    ImportCounts c;
    for (const auto& s : imported.read.sources) c.features += s.features;
    for (const auto& [why, n] : imported.read.skipped) c.skipped += n;
    c.places = imported.topology.places.size();
    c.routes = imported.topology.routes.size();
    c.snapped_ends = imported.topology.stats.snapped_ends;
    c.merged_places = imported.topology.stats.merged_places;
    return c;
}

std::string summary_sentence(const Imported& imported, const ImportOptions& options) {
    const ImportCounts c = import_counts(imported);
    return fmt::format(
        "{} features read, {} skipped; {} places, {} routes ({} ends snapped, {} places merged away); see {}",
        c.features, c.skipped, c.places, c.routes, c.snapped_ends, c.merged_places,
        (options.out / kReportName).string());
}

std::vector<std::string> import_notes(const Imported& imported) {
    std::vector<std::string> notes;
    for (const auto& [rule, field] : imported.read.rules_unread)
        notes.push_back(
            fmt::format("{} never matched: no source has a field \"{}\"", imported.rules[rule].label(), field));
    if (imported.topology.routes.empty()) notes.push_back("no route was imported: check the rules and --where");
    return notes;
}

}  // namespace corridor::importer
