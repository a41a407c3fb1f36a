// A whole tile set written to disk: a {z}/{x}/{y}.mvt folder with metadata.json (TileJSON),
// or one MBTiles 1.3 file (SQLite). Only tiles with features are written; tiles are cut on
// every core, and the files are byte-identical for the same source.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "corridor/io/output_set.hpp"
#include "corridor/tiles/tile.hpp"
#include "corridor/tiles/tilejson.hpp"

namespace corridor::tiles {

struct TileSetOptions {
    int minzoom = 0;
    int maxzoom = 12;
    TileOptions tile;  // tile.full_detail_zoom is set to maxzoom
    TileSetInfo info;  // name and description; tiles and zooms are filled in
};

struct TileSetStats {
    std::size_t tiles = 0;    // written
    std::size_t bytes = 0;    // of tile data
    std::size_t dropped = 0;  // features left out of tiles for the size cap (counted per tile)
    std::size_t largest = 0;  // bytes of the largest tile
};

// The tiles of zoom z that a feature's buffered box touches, sorted, each once.
std::vector<TileId> candidate_tiles(const TileSource& source, int z, int buffer);

// Writes folder/{z}/{x}/{y}.mvt and folder/metadata.json (TileJSON with "tiles":
// ["{z}/{x}/{y}.mvt"]). Throws error for zooms outside 0..kMaxZoom or minzoom > maxzoom.
TileSetStats write_tile_folder(const TileSource& source, const TileSetOptions& options,
                               const std::filesystem::path& folder);

// Writes an MBTiles 1.3 file (tiles with TMS rows, metadata with name, format pbf, bounds,
// center, minzoom, maxzoom and json). file must not exist.
TileSetStats write_mbtiles(const TileSource& source, const TileSetOptions& options, const std::filesystem::path& file);

// Refuses (request_error) a zoom range that starts above its end: "--minzoom 5 is above
// --maxzoom 3" (export's options, checked before anything is written).
void check_zoom_range(int minzoom, int maxzoom);

// The tile folder, tiles/ ({z}/{x}/{y}.mvt and metadata.json), staged into an output set:
// export --format mvt and map's tile page write it the same way. Returns the staged folder.
std::filesystem::path stage_tile_folder(io::OutputSet& set, const TileSource& source, const TileSetOptions& options);

// corridor.mbtiles staged into an output set (export --format mbtiles).
std::filesystem::path stage_mbtiles(io::OutputSet& set, const TileSource& source, const TileSetOptions& options);

}  // namespace corridor::tiles
