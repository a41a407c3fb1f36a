#include "common.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "corridor/analysis/outputs.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
void note(const Options& o, const Streams& io, const std::string& text) {
    if (!o.quiet) io.err << "corridor: note: " << text << '\n';
}

InputPaths input_paths(const Options& o) { return {o.geodata, o.seeds, o.land, o.speeds, o.scenarios, o.side}; }

AnalysisRequest analysis_request(const Options& o) {
    AnalysisRequest r = o.request;
    r.modes = split_list(o.modes);
    r.without = split_list(o.without);
    return r;
}

std::optional<Network> load_checked(const Options& o, const Streams& io, Phases* phases) {
    CheckedNetwork c;
    {
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: reading", 0, "features");
        c = load_checked(input_paths(o), progress.read_callback(), [&](const char* phase) {
            if (phases) phases->done(phase);
        });
    }
    for (const auto& line : finding_lines(c.validation, o.strict))
        if (!(o.quiet && line.rfind("note: ", 0) == 0)) io.err << "corridor: " << line << '\n';
    if (refused(c.validation, o.strict)) return std::nullopt;
    return std::move(c.net);
}

void print_files(const Options& o, const Streams& io, const std::string& command, const std::vector<fs::path>& files) {
    if (o.json) io.out << files_json(command, files).dump(2) << '\n';
    else
        for (const auto& f : files) io.out << f.string() << '\n';
}

}  // namespace corridor::cli
