#include "corridor/geo/geodesic.hpp"

#include <proj.h>

#include <cmath>

#include "corridor/error.hpp"

namespace corridor {
namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};

}  // namespace

struct Geodesic::Impl {
    std::unique_ptr<PJ_CONTEXT, ContextDeleter> ctx;
    std::unique_ptr<PJ, PjDeleter> wgs84;
};

Geodesic::Geodesic() : impl_(std::make_unique<Impl>()) {
    impl_->ctx.reset(proj_context_create());
    if (!impl_->ctx) throw error("PROJ: cannot create a context");
    proj_log_level(impl_->ctx.get(), PJ_LOG_NONE);
    // A geographic CRS on the WGS84 ellipsoid: proj_lp_dist solves the inverse
    // geodesic problem on it (Karney 2013, as shipped in PROJ).
    impl_->wgs84.reset(proj_create(impl_->ctx.get(), "+proj=longlat +ellps=WGS84 +no_defs +type=crs"));
    if (!impl_->wgs84) throw error("PROJ: cannot create the WGS84 ellipsoid");
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

}  // namespace corridor
