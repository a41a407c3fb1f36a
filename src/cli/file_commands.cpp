// The commands that write files or serve them: export, map, render, serve, generate, import.
#include "commands.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/importer/summary.hpp"
#include "corridor/io/read.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/postgis.hpp"
#include "corridor/report/shown.hpp"
#include "corridor/serve/http_server.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;

void print_files(const Options& o, const Streams& io, const std::string& command, const std::vector<fs::path>& files) {
    if (o.json) io.out << files_json(command, files).dump(2) << '\n';
    else
        for (const auto& f : files) io.out << f.string() << '\n';
}

namespace {

// export --format postgis --out PG:…: the network's tables in the database (docs/postgis.md).
int export_postgis(const Options& o, const Streams& io) {
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const Shown shown = show_question(*net, o.input, o.request, feedback);
    const auto written = write_postgis_export(o.exports.out, o.overwrite, *net, shown, feedback);
    if (o.json) io.out << tables_json("export", written).dump(2) << '\n';
    else
        for (const auto& w : written) io.out << w << '\n';
    if (shown.analysis()) feedback.say(bottleneck_sentence(*shown.analysis()));
    return 0;
}

// The line said under a picture or map, when there is one.
void say_summary(const Feedback& feedback, const Shown& shown) {
    if (const std::string line = shown_summary(shown); !line.empty()) feedback.say(line);
}

}  // namespace

int cmd_export(const Options& o, const Streams& io) {
    if (export_to_database(o.exports.formats, o.exports.out)) return export_postgis(o, io);
    const ExportFormats formats = parse_export_formats(o.exports.formats);
    check_output_folder(o.exports.out, o.input, o.overwrite);
    const auto set = open_output_set(o.exports.out);  // cleans stale temporaries; a signal removes what is staged
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const Shown shown = show_question(*net, o.input, o.request, feedback);
    const RenderOptions picture = picture_options(o.input, o.width, shown, false);
    const auto staged = stage_export(*set, formats, o.exports, *net, shown, picture, feedback);
    // One step for the whole set: the layers, the picture, then the manifest.
    print_files(o, io, "export",
                commit_outputs(*set, staged, {"export", o.input.geodata, &*net, shown.analysis(), true}));
    if (const Analysis* an = shown.analysis()) {
        feedback.say(bottleneck_sentence(*an));
        if (an->uncertainty) feedback.say(uncertainty_sentence(*an));
    }
    return 0;
}

int cmd_map(const Options& o, const Streams& io) {
    const MapData asked = parse_map_data(o.map_data);
    const bool to_stdout = o.map_out == "-";
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the page with --out -");
    check_page_data(asked, to_stdout);
    if (!to_stdout) check_output_folder(o.map_out, o.input, o.overwrite);
    const auto set = to_stdout ? nullptr : open_output_set(o.map_out);
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const Shown shown = show(*net, o.input, o.request, o.assign.demand_file, feedback);
    const MapData data = page_data_for(net->routes.size(), asked, to_stdout);
    if (to_stdout) {
        io.out << web_map_html(shown_page(*net, shown, o.input)) << std::flush;
    } else {
        const auto staged = stage_web_map(*set, *net, shown, o.input, data, o.map_maxzoom);
        print_files(o, io, "map",
                    commit_outputs(*set, staged, {"map", o.input.geodata, &*net, shown.analysis(), false}));
    }
    say_summary(feedback, shown);
    return 0;
}

int cmd_render(const Options& o, const Streams& io) {
    check_render_width(o.width);
    const ImageFormat format = picture_format(o.picture_format, o.picture);
    const bool to_stdout = o.picture == "-";
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the picture with --out -");
    if (!to_stdout) check_output_file(o.picture, o.input, o.overwrite);
    const auto set = to_stdout ? nullptr : open_file_output_set(o.picture);
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const Shown shown = show(*net, o.input, o.request, o.assign.demand_file, feedback);
    const RenderOptions picture = picture_options(o.input, o.width, shown, true);
    const Analysis* analysis = shown.analysis();
    if (to_stdout) {
        io.out << render_map_bytes(*net, shown.measures(), analysis, picture, format) << std::flush;
    } else {
        const fs::path file = o.picture;
        const auto staged = set->stage_file(
            file.filename(), [&](const fs::path& f) { render_map(*net, shown.measures(), analysis, picture, f); });
        commit_outputs(*set, {staged}, {"render", o.input.geodata, &*net, analysis, false});
        print_files(o, io, "render", {file});
    }
    feedback.done("render");
    say_summary(feedback, shown);
    return 0;
}

int cmd_serve(const Options& o, const Streams& io) {
    ServeOptions options = o.serve;
    options.input = o.input;
    options.strict = o.strict;
    options.map_data = parse_map_data(o.map_data);
    options.cache_bytes = o.cache_mb << 20;
    serve_map(options, io.err);
    return 0;
}

int cmd_generate(const Options& o, const Streams& io) {
    const Network net = generate_network(o.generate);
    io::WriteOptions w;
    w.formats = {parse_generate_format(o.generate_format)};
    w.fgb_spatial_index = o.exports.fgb_index;
    const auto set = open_output_set(o.generate_out);
    const auto staged = stage_generated(*set, net, o.raw, w, Feedback(o.messages, io.err));
    print_files(o, io, "generate", commit_outputs(*set, staged, {"generate", {}, nullptr, nullptr, true}));
    io.err << "corridor: " << generated_summary(net, o.raw) << '\n';
    return 0;
}

int cmd_import(const Options& o, const Streams& io) {
    importer::ImportOptions options = o.import;
    const Feedback feedback(o.messages, io.err);
    std::optional<importer::Imported> read;
    {
        Progress progress = feedback.reading();
        options.progress = progress.read_callback();
        read.emplace(importer::import_network(options));
        options.progress = nullptr;  // the display ends here
    }
    for (const auto& f : importer::write_import(*read, options)) io.out << f.string() << '\n';
    feedback.say(importer::summary_sentence(*read, options));
    for (const auto& text : importer::import_notes(*read)) feedback.note(text);
    return 0;
}

}  // namespace corridor::cli
