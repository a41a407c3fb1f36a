// export's files: the formats a list names, the layer files of an analysis (places, routes and
// the analysis' tables, in every format asked) and its vector tiles, staged into an output set.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/render.hpp"
#include "corridor/report/shown.hpp"
#include "corridor/tiles/write_tiles.hpp"

namespace corridor {

// Where export writes and what, unless told: the folder (also map's), the formats; and
// generate's format.
inline constexpr const char* kDefaultOutFolder = "output";
inline constexpr const char* kDefaultExportFormats = "geojson,shp,gpkg";
inline constexpr const char* kDefaultGenerateFormat = "geojson";

// The layer formats of a --format list, and the tile formats (mvt, mbtiles), which are not
// GDAL layers.
struct ExportFormats {
    std::vector<io::Format> layers;
    bool mvt = false, mbtiles = false;
};

// "geojson,shp,mvt" (case-insensitive, each once) -> the formats. Throws request_error
// ("--format: ...") for an unknown name, csv (flows.csv is written with every export) or an
// empty list.
ExportFormats parse_export_formats(const std::string& list);

// Whether a --format list names postgis. Throws request_error when it names anything else
// too: postgis writes to a database, the file formats to a folder.
bool postgis_asked(const std::string& list);

// Whether export writes to a database (--format postgis), which takes --out PG:...; throws
// request_error for postgis into a folder or the file formats into a database.
bool export_to_database(const std::string& formats, const std::string& out);

// generate's --format: geojson, fgb or shp (the layers load reads); request_error otherwise.
io::Format parse_generate_format(const std::string& name);

// The layer files of an export: places and routes in every layer format, and the analysis'
// tables (analysis_tables: flows.csv, flows_by_commodity.csv, bottlenecks.geojson) each in its
// own. The files point into the tables this holds, so it stays where it is made.
class ExportLayers {
public:
    // net, measures and analysis must outlive this.
    ExportLayers(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                 const io::WriteOptions& options);
    ExportLayers(const ExportLayers&) = delete;
    ExportLayers& operator=(const ExportLayers&) = delete;

    const std::vector<io::OutputFile>& files() const { return files_; }
    std::size_t rows() const;  // every file's rows: the progress total of writing them

private:
    std::vector<io::Table> layers_;
    std::vector<io::Table> input_;  // the network in the input schema, in the GeoPackage only
    std::vector<NamedTable> extras_;
    std::vector<io::OutputFile> files_;
};

// Vector tiles of the analysis' tile_layers, staged: tiles/{z}/{x}/{y}.mvt with
// tiles/metadata.json (formats.mvt) and corridor.mbtiles (formats.mbtiles), zooms
// minzoom..maxzoom (checked first: tiles::check_zoom_range). Nothing when neither is asked.
std::vector<std::filesystem::path> stage_export_tiles(io::OutputSet& set, const ExportFormats& formats,
                                                      const Network& net, const std::vector<RouteMeasure>& measures,
                                                      const Analysis* analysis, int minzoom, int maxzoom);

// What export writes besides the question it shows (the command line's --out, --format,
// --minzoom, --maxzoom, --no-map and --fgb-index).
struct ExportOptions {
    std::string out = kDefaultOutFolder;  // a folder, or PG:CONNECTION with postgis
    std::string formats = kDefaultExportFormats;
    int minzoom = tiles::TileSetOptions{}.minzoom;  // the vector tiles' zooms (mvt, mbtiles)
    int maxzoom = tiles::TileSetOptions{}.maxzoom;
    bool no_map = false;     // no map.png
    bool fgb_index = false;  // FlatGeobuf with a spatial index (generate's too)
};

// export's files of what is shown, staged into set in this order: the layers in every layer
// format (ExportLayers; progress "corridor: writing", phase "write"), the vector tiles
// (stage_export_tiles with options' zooms; phase "tiles" when asked), and map.png drawn
// with `picture` unless no_map (phase "map").
std::vector<std::filesystem::path> stage_export(io::OutputSet& set, const ExportFormats& formats,
                                                const ExportOptions& options, const Network& net, const Shown& shown,
                                                const RenderOptions& picture, const Feedback& feedback);

// corridor export: with --format postgis the network's tables in the database --out names
// (write_postgis_export), else the formats parsed and the folder checked and opened before
// reading (check_output_folder, open_output_set), then the files of the request's question
// (show_question) staged (stage_export, map.png at the default width) and committed with the
// manifest. Says the bottleneck sentence (and the uncertainty's for files). std::nullopt when
// strict refuses the network.
std::optional<Written> export_network(const NetworkRequest& request, const ExportOptions& options,
                                      const Feedback& feedback);

// export's options: the folder, the formats, the tiles' zooms, the picture, FlatGeobuf's index (also generate's).
namespace export_flags {
extern const OptionText kOut, kFormat, kMinzoom, kMaxzoom, kNoMap, kFgbIndex;
}  // namespace export_flags

}  // namespace corridor
