// Shared pieces of the CLI commands: the parsed options, streams, loading with printed
// findings, and the files written. No domain rule lives here: the
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
#include "corridor/importer/topology.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/render.hpp"
#include "corridor/serve/service.hpp"
#include "corridor/tiles/write_tiles.hpp"

namespace corridor::cli {

// Everything a command line can say, as parsed; each command reads its own part. The
// defaults are the library's (its option structs and constants).
struct Options {
    // input
    std::string geodata = InputPaths{}.geodata.string();
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
    std::string out = kDefaultOutFolder;
    std::string formats = kDefaultExportFormats;
    bool no_map = false;                            // export without map.png
    int minzoom = tiles::TileSetOptions{}.minzoom;  // export --format mvt|mbtiles: the zooms written
    int maxzoom = tiles::TileSetOptions{}.maxzoom;
    // map and serve: the page's data path (report/webmap: MapData)
    std::string map_data = "auto";
    // render
    std::string map_out = kDefaultPictureFile;  // "-": stdout (needs image_format)
    std::string image_format;                   // png or svg: by the extension when empty
    int width = RenderOptions{}.width_px;       // render and the timeline chart
    // timeline
    std::string months;  // "YYYY-MM..YYYY-MM"; empty: default_month_range
    bool csv = false;
    std::string timeline_out;  // the chart: .png or .svg; empty: no chart
    // serve
    std::string bind = ServeOptions{}.bind;
    int port = ServeOptions{}.port;
    std::string cors;                                         // serve: Access-Control-Allow-Origin
    std::size_t cache_mb = ServeOptions{}.cache_bytes >> 20;  // serve: cache memory budget, MiB
    // assign (its --month and --scenario are request's)
    std::string demand;
    std::string cost = "distance";
    std::string tariff;
    std::string assign_out;  // empty: no layers
    std::string solver = "auto";
    // generate (its --seed is request.seed)
    std::size_t routes = 0;
    std::string generate_format = kDefaultGenerateFormat;
    bool raw = false;  // generate --raw: lines without topology, and named stations
    // import (its --out is out, --overwrite overwrite, --where where)
    std::vector<std::string> import_sources;
    std::vector<std::string> rules;
    std::string layer;
    std::string where;
    double snap_m = importer::kDefaultSnapMetres;
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

// Prints a note ("corridor: note: ...") unless --quiet.
void note(const Options& o, const Streams& io, const std::string& text);

// "-" as a file name: standard output.
inline bool is_stdout(const std::string& path) { return path == "-"; }

// Loads and checks the network, printing the findings on err (finding_lines); std::nullopt
// when --strict refuses it.
std::optional<Network> load_checked(const Options& o, const Streams& io, Phases* phases = nullptr);

// The files a command wrote: their paths one a line, or with --json files_json.
void print_files(const Options& o, const Streams& io, const std::string& command,
                 const std::vector<std::filesystem::path>& files);

}  // namespace corridor::cli
