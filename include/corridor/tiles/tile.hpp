// One vector tile cut from a TileSource: the features of each layer within the buffered
// tile, clipped and simplified, the least important dropped while the tile is too big.
#pragma once

#include <cstddef>
#include <string>

#include "corridor/tiles/source.hpp"
#include "corridor/tiles/tile_geometry.hpp"

namespace corridor::tiles {

inline constexpr std::size_t kMaxTileBytes = 500 * 1000;  // 500 kB, the common limit of tile servers and Mapbox

struct TileOptions {
    GeometryOptions geometry;
    // Lines are simplified below this zoom and kept at full detail (rounded to tile units)
    // at it and above.
    int full_detail_zoom = 14;
    std::size_t max_bytes = kMaxTileBytes;  // features are dropped above this, least important first
    bool count_dropped = false;             // fill TileStats::dropped (walks every candidate past the cap)
};

struct TileStats {
    std::size_t features = 0;  // kept
    std::size_t dropped = 0;   // left out for the size cap, by envelope (TileOptions::count_dropped; else 0 or 1)
};

// The tile's MVT 2.1 bytes (empty when no feature falls in it): layers in the source's order,
// each with the features that meet the tile, most important first. A line whose envelope is
// under one tile unit both ways, or that rounds to one point in the tile, is left out, except a
// protected one, which keeps at least a one-unit segment. The
// same source and tile give the same bytes. Throws error for an invalid tile id.
std::string build_tile(const TileSource& source, TileId tile, const TileOptions& options = {},
                       TileStats* stats = nullptr);

}  // namespace corridor::tiles
