// corridor import: parses the options, calls the importer, prints the files and a summary.
#include <optional>

#include "commands.hpp"
#include "corridor/importer/import.hpp"
#include "corridor/importer/summary.hpp"
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
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: reading", 0, "features");
        options.progress = progress.read_callback();
        read.emplace(importer::import_network(options));
        options.progress = nullptr;  // the display ends here
    }
    const importer::Imported& imported = *read;
    for (const auto& f : importer::write_import(imported, options)) io.out << f.string() << '\n';
    io.err << "corridor: " << importer::summary_sentence(imported, options) << '\n';
    for (const auto& text : importer::import_notes(imported)) note(o, io, text);
    return 0;
}

}  // namespace corridor::cli
