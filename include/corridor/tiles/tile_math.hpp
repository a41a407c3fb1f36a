// Tile arithmetic of the web's tiling scheme (XYZ, as OSM and Mapbox number tiles): longitude
// and latitude to spherical (Web) Mercator, EPSG:3857, and a tile's bounds in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/geo/types.hpp"

namespace corridor::tiles {

inline constexpr int kMaxZoom = 22;                       // deepest tile served or written
inline constexpr std::uint32_t kExtent = 4096;            // tile units per tile side (MVT's default)
inline constexpr double kMaxLatitude = 85.0511287798066;  // atan(sinh(pi)): the square world's edge
inline constexpr double kEarthRadius = 6378137.0;         // EPSG:3857's sphere (WGS 84's semi-major axis)

struct TileId {
    int z = 0;
    std::uint32_t x = 0, y = 0;  // x east from 180 W, y south from 85.05 N
    auto operator<=>(const TileId&) const = default;
};

// A point of the world square: x from 0 (180 W) to 1 (180 E), y from 0 (85.05 N) to 1 (85.05 S).
struct WorldPoint {
    double x = 0, y = 0;
};

struct WorldBox {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// Spherical Mercator, latitudes clamped to +-kMaxLatitude.
WorldPoint world_point(LonLat p);
// EPSG:3857 metres (x east, y north) of a world point.
WorldPoint mercator_metres(WorldPoint w);
LonLat lonlat_of(WorldPoint w);

// The tile's square in world units, and its longitude/latitude bounds.
WorldBox tile_box(TileId t);
struct LonLatBounds {
    double west = 0, south = 0, east = 0, north = 0;
};
LonLatBounds tile_bounds(TileId t);

// Whether z is 0..kMaxZoom and x, y are below 2^z.
bool valid_tile(TileId t);

// The tiles of zoom z that a world box touches (clamped to the world), row by row.
std::vector<TileId> tiles_covering(const WorldBox& box, int z);

// "z/x/y" from the path part "Z/X/Y.mvt": nullopt when a part is not a plain decimal number
// (no sign, no spaces) or the suffix is not ".mvt". Numbers too big for a tile give an id
// that valid_tile refuses.
std::optional<TileId> parse_tile_path(const std::string& text);

}  // namespace corridor::tiles
