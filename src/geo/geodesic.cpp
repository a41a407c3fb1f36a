#include "corridor/geo/geodesic.hpp"

#include <proj.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "corridor/error.hpp"
#include "corridor/geo/proj.hpp"

namespace corridor {

struct Geodesic::Impl {
    proj::Context ctx;
    proj::Object wgs84;
};

Geodesic::Geodesic() : impl_(std::make_unique<Impl>()) {
    impl_->ctx = proj::make_context();
    // A geographic CRS on the WGS84 ellipsoid: proj_lp_dist solves the inverse
    // geodesic problem on it (Karney 2013, as shipped in PROJ).
    impl_->wgs84 =
        proj::make_object(impl_->ctx.get(), "+proj=longlat +ellps=WGS84 +no_defs +type=crs", "the WGS84 ellipsoid");
}

Geodesic::~Geodesic() = default;
Geodesic::Geodesic(Geodesic&&) noexcept = default;
Geodesic& Geodesic::operator=(Geodesic&&) noexcept = default;

Metres Geodesic::distance(LonLat a, LonLat b) const {
    const PJ_COORD pa = proj_coord(proj_torad(a.lon), proj_torad(a.lat), 0, 0);
    const PJ_COORD pb = proj_coord(proj_torad(b.lon), proj_torad(b.lat), 0, 0);
    const double d = proj_lp_dist(impl_->wgs84.get(), pa, pb);
    if (!std::isfinite(d)) throw error("PROJ: geodesic distance failed");
    return {d};
}

Metres Geodesic::length(const Polyline& line) const {
    Metres total{0};
    for (std::size_t i = 1; i < line.size(); ++i) total = total + distance(line[i - 1], line[i]);
    return total;
}

Metres distance_bound(LonLat a, LonLat b) {
    constexpr double kA = 6378137.0;                 // WGS84 semi-major axis, metres
    constexpr double kF = 1 / 298.257223563;         // WGS84 flattening
    constexpr double kE2 = kF * (2 - kF);            // first eccentricity squared
    constexpr double kRad = std::numbers::pi / 180;  // radians per degree
    const double inf = std::numeric_limits<double>::infinity();
    if (!std::isfinite(a.lon) || !std::isfinite(a.lat) || !std::isfinite(b.lon) || !std::isfinite(b.lat) ||
        std::abs(a.lat) > 90 || std::abs(b.lat) > 90)
        return {inf};
    double dlon = std::fmod(std::abs(b.lon - a.lon), 360.0);  // the shorter way round
    if (dlon > 180) dlon = 360 - dlon;
    const double high = std::max(std::abs(a.lat), std::abs(b.lat)) * kRad;  // the latitude nearer a pole
    const double s = std::sin(high), w = 1 - kE2 * s * s;
    // The meridian radius of curvature a(1-e2)/w^1.5 grows towards the poles: at the higher
    // latitude it bounds the meridian arc; the parallel there has radius a cos(phi)/sqrt(w).
    const double meridian = kA * (1 - kE2) / (w * std::sqrt(w)) * std::abs(b.lat - a.lat) * kRad;
    const double parallel = kA * std::cos(high) / std::sqrt(w) * dlon * kRad;
    return {(meridian + parallel) * (1 + 1e-9) + 1e-3};
}

}  // namespace corridor
