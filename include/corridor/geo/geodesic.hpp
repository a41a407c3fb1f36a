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

}  // namespace corridor
