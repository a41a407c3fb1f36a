// Web Mercator (EPSG:3857) through PROJ, longitude first: what the pictures and tiles are
// drawn in. Latitudes beyond ±85.05112878° are clamped to it (the projection's square).
#pragma once

#include <vector>

#include "corridor/geo/proj.hpp"
#include "corridor/geo/types.hpp"

namespace corridor {

// Web Mercator metres.
struct MercatorXY {
    double x = 0, y = 0;
};

inline constexpr double kMaxMercatorLat = 85.05112878;

// Owns its PROJ context and transformation; not to be shared between threads (forward_all
// makes its own copies for the threads it uses).
class WebMercator {
public:
    WebMercator();

    // Throws error naming the point when PROJ gives no finite result.
    MercatorXY forward(LonLat p) const;
    // Many points at once (proj_trans_generic on the cores, in parts of 200k points): the
    // same numbers as forward point by point, at a fraction of the cost for a million points.
    std::vector<MercatorXY> forward_all(const std::vector<LonLat>& points) const;
    LonLat inverse(MercatorXY p) const;

private:
    proj::Context ctx_;
    proj::Object pj_;
};

}  // namespace corridor
