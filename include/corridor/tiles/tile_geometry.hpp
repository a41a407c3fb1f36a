// A feature's geometry in one tile: world points to tile units, clipped to the tile and its
// buffer (Boost.Geometry), simplified (Douglas-Peucker) at the tile's resolution, rounded to
// whole tile units.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "corridor/tiles/mvt_encoder.hpp"
#include "corridor/tiles/tile_math.hpp"

namespace corridor::tiles {

struct GeometryOptions {
    int buffer = 64;              // tile units kept beyond each edge, so lines and labels meet across tiles
    double simplify_units = 1.0;  // Douglas-Peucker tolerance in tile units; 0: none
};

// The parts of the line within the buffered tile, each of 2 or more distinct points after
// rounding (a part that rounds to one point is left out). Appends to out.
void clip_line(std::span<const WorldPoint> line, TileId tile, const GeometryOptions& options,
               std::vector<TileLine>& out);

// The point in tile units, when within the buffered tile.
std::optional<TilePoint> clip_point(WorldPoint p, TileId tile, const GeometryOptions& options);

// Tile units of a world point (not rounded).
struct TileXY {
    double x = 0, y = 0;
};
TileXY to_tile_units(WorldPoint p, TileId tile);

}  // namespace corridor::tiles
