// The command line as parsed, and where a command prints. Most options fill the library's own
// settings (InputPaths, AnalysisRequest, ExportOptions, ServeOptions, ...) with the library's
// defaults; the few kept as text here are parsed by the library when a command runs.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/request.hpp"
#include "corridor/error.hpp"
#include "corridor/importer/import.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/render.hpp"
#include "corridor/serve/service.hpp"

namespace corridor::cli {

struct Options {
    InputPaths input;
    AnalysisRequest request;  // --modes and --without split as parsed
    Messages messages;
    bool strict = false, json = false, overwrite = false;
    std::string by = "distance";  // route (parse_path_criterion)
    ExportOptions exports;        // its --fgb-index is generate's too
    std::string map_out = kDefaultOutFolder;
    std::string map_data = "auto";  // map and serve (parse_map_data)
    int map_maxzoom = TilePageOptions{}.maxzoom;
    std::string picture = kDefaultPictureFile, picture_format;  // render
    int width = RenderOptions{}.width_px;                       // render and the timeline chart
    std::string months, chart;                                  // timeline (asked_month_range; the chart file)
    bool csv = false;
    ServeOptions serve;  // its input, strict, cache and data from the fields above
    std::size_t cache_mb = ServeOptions{}.cache_bytes >> 20;
    AssignRequest assign;  // its demand file is also map's and render's --assign
    std::string cost = "distance", solver = "auto", assign_out;
    GenerateOptions generate;
    std::string generate_out, generate_format = kDefaultGenerateFormat;
    bool raw = false;
    importer::ImportOptions import;
    std::string topic, man_dir;  // help, completion, man
};

// Where a command prints: results to out, messages to err.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// A combination of options that cannot be run, found after parsing: a request_error (exit 2).
struct UsageError : request_error {
    using request_error::request_error;
};

}  // namespace corridor::cli
