// Shared pieces of the CLI commands: the parsed options, streams, loading with printed
// findings, progress and timing lines, and tables. No domain rule lives here: the
// analyses, their defaults and their JSON shapes are the library's (corridor/analysis).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/request.hpp"
#include "corridor/error.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/network.hpp"
#include "corridor/serve/service.hpp"

namespace corridor::cli {

// Everything a command line can say, as parsed; each command reads its own part.
struct Options {
    // input
    std::string geodata = "geodata";
    std::string seeds;      // default: <geodata>/../seeds
    std::string land;       // default: <geodata>/land.geojson
    std::string speeds;     // default: <geodata>/speeds.json when present
    std::string scenarios;  // default: <geodata>/scenarios.json
    std::string side;       // --side-files: the side files' folder, for a GeoPackage or PG: --geodata
    bool strict = false;
    bool json = false;
    // messages: --progress / --no-progress (default: on a terminal only), --quiet (no notes)
    std::optional<bool> progress;
    bool quiet = false;
    bool overwrite = false;  // export, map, render: write into a folder that is not corridor's
    bool timings = false;
    bool fgb_index = false;
    // the analysis (--modes and --without as given: comma lists)
    AnalysisRequest request;
    std::string modes;
    std::string without;
    std::string by = "distance";
    // export
    std::string out = "output";
    std::string formats = "geojson,shp,gpkg";
    bool no_map = false;  // export without map.png
    int minzoom = 0;      // export --format mvt|mbtiles: the zooms written
    int maxzoom = 12;
    // map and serve: the page's data path (report/webmap: MapData)
    std::string map_data = "auto";
    // render
    std::string map_out = "output/map.png";  // "-": stdout (needs image_format)
    std::string image_format;                // png or svg: by the extension when empty
    int width = 1600;
    // timeline
    std::string months;  // "YYYY-MM..YYYY-MM"; empty: default_month_range
    bool csv = false;
    std::string timeline_out;  // the chart: .png or .svg; empty: no chart
    // serve
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string cors;             // serve: Access-Control-Allow-Origin
    std::size_t cache_mb = 1024;  // serve: cache memory budget, MiB
    // assign (its --month and --scenario are request's)
    std::string demand;
    std::string cost = "distance";
    std::string tariff;
    std::string assign_out;  // empty: no layers
    std::string solver = "auto";
    // generate (its --seed is request.seed)
    std::size_t routes = 0;
    std::string generate_format = "geojson";
    bool raw = false;  // generate --raw: lines without topology, and named stations
    // import (its --out is out, --overwrite overwrite, --where where)
    std::vector<std::string> import_sources;
    std::vector<std::string> rules;
    std::string layer;
    std::string where;
    double snap_m = 1.0;
    bool node_intersections = false;
    std::string import_places;
    std::string keep_fields;
    // help, man, completion
    std::string topic;
    std::string man_dir;  // man --dir: every page into this folder
};

// Where a command prints: results to out, messages to err.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// A usage problem found after parsing, as the library's request_error (exit code 2): a
// combination of options that cannot be run.
struct UsageError : request_error {
    using request_error::request_error;
};

InputPaths input_paths(const Options& o);
// The request with the comma lists (--modes, --without) split.
AnalysisRequest analysis_request(const Options& o);

// Wall time and peak memory after each phase, printed to stderr with --timings.
class Phases {
public:
    Phases(bool enabled, std::ostream& err);
    void done(const char* phase);  // prints "timing: PHASE  S s  peak RSS M MiB"

private:
    bool enabled_;
    std::ostream& err_;
    double last_;
};

// Whether to show progress: --progress, --no-progress, else only when err is the
// process' stderr and that is a terminal (so never in tests that capture err).
bool progress_wanted(const Options& o, const std::ostream& err);

// Prints a note ("corridor: note: ...") unless --quiet.
void note(const Options& o, const Streams& io, const std::string& text);

// "-" as a file name: standard output.
inline bool is_stdout(const std::string& path) { return path == "-"; }

// A progress display on stderr for work that takes more than a second, when enabled
// (progress_wanted): "LABEL [#####.....] 45% 640,000 of 1,417,504 UNIT", or "LABEL 640,000
// UNIT" while the total is not known.
class Progress {
public:
    Progress(bool enabled, std::ostream& err, std::string label, std::size_t total = 0, std::string unit = "rows");
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void update(std::size_t done);
    // A layer being read: the label names its file, the total is its feature count.
    void update(const ReadProgress& read);
    std::function<void(std::size_t)> callback() {
        return [this](std::size_t n) { update(n); };
    }
    std::function<void(const ReadProgress&)> read_callback() {
        return [this](const ReadProgress& r) { update(r); };
    }

private:
    std::ostream& err_;
    std::string label_;
    std::string file_;  // the file being read, after the label
    std::size_t total_;
    std::string unit_;
    bool enabled_;
    bool shown_ = false;
    double start_;
    double last_ = 0;
};

// Loads and checks the network, printing the findings on err (finding_lines); std::nullopt
// when --strict refuses it.
std::optional<Network> load_checked(const Options& o, const Streams& io, Phases* phases = nullptr);

// The files a command wrote: their paths one a line, or with --json files_json.
void print_files(const Options& o, const Streams& io, const std::string& command,
                 const std::vector<std::filesystem::path>& files);

}  // namespace corridor::cli
