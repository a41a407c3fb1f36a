// corridor import: parses the options, calls the importer, prints the files and a summary.
#include <fmt/format.h>

#include <optional>

#include "commands.hpp"
#include "corridor/importer/import.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::cli {

int cmd_import(const Options& o, const Streams& io) {
    importer::ImportOptions options;
    options.sources = o.import_sources;
    options.out = o.out;
    for (const auto& r : o.rules) options.rules.emplace_back(r);
    options.layer = o.layer;
    options.where = o.where;
    options.snap_m = o.snap_m;
    options.node_intersections = o.node_intersections;
    options.places = o.import_places;
    options.keep_fields = comma_items(o.keep_fields);
    options.overwrite = o.overwrite;
    std::optional<importer::Imported> read;
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: reading", 0, "features");
        options.progress = progress.read_callback();
        read.emplace(importer::import_network(options));
        options.progress = nullptr;  // the display ends here
    }
    const importer::Imported& imported = *read;
    for (const auto& f : importer::write_import(imported, options)) io.out << f.string() << '\n';
    std::size_t features = 0, skipped = 0;
    for (const auto& s : imported.read.sources) features += s.features;
    for (const auto& [why, n] : imported.read.skipped) skipped += n;
    io.err << fmt::format(
        "corridor: {} features read, {} skipped; {} places, {} routes ({} ends snapped, {} places "
        "merged away); see {}\n",
        features, skipped, imported.topology.places.size(), imported.topology.routes.size(),
        imported.topology.stats.snapped_ends, imported.topology.stats.merged_places,
        (options.out / importer::kReportName).string());
    for (const auto& [rule, field] : imported.read.rules_unread)
        note(o, io, fmt::format("{} never matched: no source has a field \"{}\"", imported.rules[rule].label(), field));
    if (imported.topology.routes.empty()) note(o, io, "no route was imported: check the rules and --where");
    return 0;
}

}  // namespace corridor::cli
