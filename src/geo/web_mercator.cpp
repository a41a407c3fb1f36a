#include "corridor/geo/web_mercator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "corridor/error.hpp"
#include "corridor/parallel.hpp"

namespace corridor {

WebMercator::WebMercator()
    : ctx_(proj::make_context()), pj_(proj::make_transformation(ctx_.get(), "EPSG:4326", "EPSG:3857")) {}

MercatorXY WebMercator::forward(LonLat p) const {
    const double lat = std::clamp(p.lat, -kMaxMercatorLat, kMaxMercatorLat);
    const PJ_COORD c = proj_trans(pj_.get(), PJ_FWD, proj_coord(p.lon, lat, 0, 0));
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y))
        throw error(fmt::format("PROJ: cannot project {}, {} to Web Mercator", p.lon, p.lat));
    return {c.xy.x, c.xy.y};
}

std::vector<MercatorXY> WebMercator::forward_all(const std::vector<LonLat>& points) const {
    std::vector<MercatorXY> out(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        out[i] = {points[i].lon, std::clamp(points[i].lat, -kMaxMercatorLat, kMaxMercatorLat)};
    const std::size_t parts = parts_for(out.size(), 200'000);
    run_parts(parts, [&](std::size_t part) {
        const std::size_t b = part_begin(out.size(), part, parts), e = part_begin(out.size(), part + 1, parts);
        if (b == e) return;
        proj::Context ctx;
        proj::Object copy;
        const PJ* pj = pj_.get();
        if (part > 0) {  // the other threads each with a context and copy of their own
            ctx = proj::make_context();
            copy = proj::copy_to(ctx.get(), pj_.get());
            pj = copy.get();
        }
        proj_trans_generic(const_cast<PJ*>(pj), PJ_FWD, &out[b].x, sizeof(MercatorXY), e - b, &out[b].y,
                           sizeof(MercatorXY), e - b, nullptr, 0, 0, nullptr, 0, 0);
    });
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!std::isfinite(out[i].x) || !std::isfinite(out[i].y))
            throw error(fmt::format("PROJ: cannot project {}, {} to Web Mercator", points[i].lon, points[i].lat));
    return out;
}

LonLat WebMercator::inverse(MercatorXY p) const {
    const PJ_COORD c = proj_trans(pj_.get(), PJ_INV, proj_coord(p.x, p.y, 0, 0));
    if (!std::isfinite(c.lp.lam) || !std::isfinite(c.lp.phi))
        throw error(fmt::format("PROJ: cannot invert Web Mercator {}, {}", p.x, p.y));
    return {c.lp.lam, c.lp.phi};  // normalised: longitude, latitude in degrees
}

}  // namespace corridor
