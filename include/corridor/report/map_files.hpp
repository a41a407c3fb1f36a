// map's files: the web map page staged into an output set, alone (inline layers) or with the
// vector tiles it draws beside it (the tile page), and the tile set of an analysis.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/shown.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/tiles/write_tiles.hpp"

namespace corridor {

// The tile set of an analysis (nullptr: none): the zooms, and TileJSON's description the
// bottleneck sentence ("" without an analysis). export, map and serve describe tiles alike.
tiles::TileSetOptions tile_set_options(const Analysis* analysis, int minzoom, int maxzoom);

// map.html staged into the output set. Returns the staged file.
std::filesystem::path stage_map_page(io::OutputSet& set, const WebMapPage& page);

struct TilePageOptions {
    int maxzoom = 12;                            // tiles/ holds zooms 0..maxzoom, maxzoom at full detail
    std::filesystem::path land, countries;       // the basemap files inlined into the page
    std::vector<ObservationCheck> observations;  // about the analysed question, for the panel
    // An assignment's title and subtitle (describe_assignment); empty: a flow analysis.
    std::string assignment_title, assignment_subtitle;
};

// The tile page: the analysis' tile_layers cut into tiles/ (as export --format mvt writes
// them) and map.html drawing them from "tiles/{z}/{x}/{y}.mvt", its bounds those of the tiles'
// TileJSON, staged together. Returns the staged tiles/ folder and map.html.
std::vector<std::filesystem::path> stage_tile_page(io::OutputSet& set, const Network& net,
                                                   const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                                                   const TilePageOptions& options);

// The inline page of what is shown (web_map_page): the basemap beside the geodata, the
// observations, and an assignment's title (describe_assignment).
WebMapPage shown_page(const Network& net, const Shown& shown, const InputPaths& paths);

// map's files of what is shown, staged into set: with data tiles the tile page
// (stage_tile_page, tiles up to maxzoom), else the inline page (shown_page) alone.
std::vector<std::filesystem::path> stage_web_map(io::OutputSet& set, const Network& net, const Shown& shown,
                                                 const InputPaths& paths, MapData data, int maxzoom);

// map's settings (--out, --data, --maxzoom, --assign).
struct MapOptions {
    std::string out = kDefaultOutFolder;  // a folder; "-": the page onto standard output
    std::string data = "auto";            // parse_map_data
    int maxzoom = TilePageOptions{}.maxzoom;
    std::filesystem::path demand_file;  // draw the assignment of these demands (show)
};

// corridor map: the data path parsed and checked (check_page_data) and the folder checked
// and opened before reading; the network read and shown (show), then its page: onto
// `stdout_page` for out "-" (nullptr, when --json holds standard output, is refused), else
// staged (stage_web_map, the data path by the network's size: page_data_for) and committed.
// Says the summary line (say_summary). Returns the files written (none for standard output);
// std::nullopt when strict refuses the network.
std::optional<Written> map_network(const NetworkRequest& request, const MapOptions& options, std::ostream* stdout_page,
                                   const Feedback& feedback);

// map's options: the folder, the page's data path, the tile page's zooms.
namespace map_flags {
extern const OptionText kOut, kData, kMaxzoom;
}  // namespace map_flags

}  // namespace corridor
