#include "corridor/tiles/tile_math.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace corridor::tiles {

WorldPoint world_point(LonLat p) {
    // Snyder, Map Projections: A Working Manual (1987), eq. 7-2 on the sphere, scaled to 0..1.
    const double lat = std::clamp(p.lat, -kMaxLatitude, kMaxLatitude) * std::numbers::pi / 180.0;
    return {(p.lon + 180.0) / 360.0, 0.5 - std::log(std::tan(std::numbers::pi / 4 + lat / 2)) / (2 * std::numbers::pi)};
}

WorldPoint mercator_metres(WorldPoint w) {
    const double half = std::numbers::pi * kEarthRadius;
    return {w.x * 2 * half - half, half - w.y * 2 * half};
}

LonLat lonlat_of(WorldPoint w) {
    const double lat = std::atan(std::sinh(std::numbers::pi * (1 - 2 * w.y)));
    return {w.x * 360.0 - 180.0, lat * 180.0 / std::numbers::pi};
}

WorldBox tile_box(TileId t) {
    const double n = std::ldexp(1.0, t.z);
    return {t.x / n, t.y / n, (t.x + 1) / n, (t.y + 1) / n};
}

LonLatBounds tile_bounds(TileId t) {
    const WorldBox b = tile_box(t);
    const LonLat nw = lonlat_of({b.min_x, b.min_y}), se = lonlat_of({b.max_x, b.max_y});
    return {nw.lon, se.lat, se.lon, nw.lat};
}

bool valid_tile(TileId t) {
    if (t.z < 0 || t.z > kMaxZoom) return false;
    const std::uint64_t n = std::uint64_t{1} << t.z;
    return t.x < n && t.y < n;
}

std::vector<TileId> tiles_covering(const WorldBox& box, int z) {
    const double n = std::ldexp(1.0, z);
    const auto last = static_cast<std::int64_t>(n) - 1;
    auto cell = [&](double v) {
        return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(v * n)), 0, last);
    };
    std::vector<TileId> out;
    for (std::int64_t y = cell(box.min_y); y <= cell(box.max_y); ++y)
        for (std::int64_t x = cell(box.min_x); x <= cell(box.max_x); ++x)
            out.push_back({z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)});
    return out;
}

namespace {
std::optional<std::uint64_t> decimal(const std::string& s) {
    if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    if (s.size() > 10) return UINT64_MAX;  // a number, far out of range
    std::uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}
}  // namespace

std::optional<TileId> parse_tile_path(const std::string& text) {
    if (!text.ends_with(".mvt")) return std::nullopt;
    const std::string body = text.substr(0, text.size() - 4);
    const std::size_t a = body.find('/'), b = a == std::string::npos ? a : body.find('/', a + 1);
    if (b == std::string::npos || body.find('/', b + 1) != std::string::npos) return std::nullopt;
    const auto z = decimal(body.substr(0, a)), x = decimal(body.substr(a + 1, b - a - 1)),
               y = decimal(body.substr(b + 1));
    if (!z || !x || !y) return std::nullopt;
    if (*z > 64 || *x > UINT32_MAX || *y > UINT32_MAX) return TileId{65, 0, 0};  // numeric but out of range
    return TileId{static_cast<int>(*z), static_cast<std::uint32_t>(*x), static_cast<std::uint32_t>(*y)};
}

}  // namespace corridor::tiles
