// Geodesic distances and lengths on the WGS84 ellipsoid, computed by PROJ.
#pragma once

#include <memory>

#include "corridor/geo/types.hpp"

namespace corridor {

// Owns a PROJ context and a WGS84 geographic CRS; not thread-safe (one per thread).
class Geodesic {
public:
    Geodesic();
    ~Geodesic();
    Geodesic(Geodesic&&) noexcept;
    Geodesic& operator=(Geodesic&&) noexcept;

    // Shortest distance along the ellipsoid between two points.
    Metres distance(LonLat a, LonLat b) const;
    // Sum of the geodesic segments of a polyline.
    Metres length(const Polyline& line) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// An upper bound of the geodesic distance from a to b, cheap and without PROJ: the length of
// the path along the meridian between their latitudes and the parallel of the one nearer a
// pole, plus a millimetre to cover rounding. Close to the distance for points a short way
// apart (at most sqrt(2) times it), so a caller can skip distance() when the bound already
// decides; infinite for coordinates that are not finite or beyond a pole.
Metres distance_bound(LonLat a, LonLat b);

}  // namespace corridor
