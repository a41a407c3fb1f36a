#include "corridor/tiles/tile_geometry.hpp"

#include <cmath>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/point_xy.hpp>

namespace corridor::tiles {
namespace {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<Point>;
using Lines = bg::model::multi_linestring<Line>;
using Box = bg::model::box<Point>;

// Rounds a part to whole units, without repeated points; appended when 2 or more are left.
void round_into(const Line& part, std::vector<TileLine>& out) {
    TileLine r;
    r.reserve(part.size());
    for (const Point& p : part) {
        const TilePoint t{static_cast<std::int32_t>(std::lround(p.x())), static_cast<std::int32_t>(std::lround(p.y()))};
        if (r.empty() || !(r.back() == t)) r.push_back(t);
    }
    if (r.size() >= 2) out.push_back(std::move(r));
}

void simplify_into(const Line& part, double tolerance, std::vector<TileLine>& out) {
    if (tolerance <= 0 || part.size() <= 2) return round_into(part, out);
    Line simple;
    bg::simplify(part, simple, tolerance);
    round_into(simple, out);
}

}  // namespace

TileXY to_tile_units(WorldPoint p, TileId tile) {
    const double n = std::ldexp(1.0, tile.z);
    return {(p.x * n - tile.x) * kExtent, (p.y * n - tile.y) * kExtent};
}

void clip_line(std::span<const WorldPoint> line, TileId tile, const GeometryOptions& o, std::vector<TileLine>& out) {
    const double lo = -o.buffer, hi = static_cast<double>(kExtent) + o.buffer;
    Line l;
    l.reserve(line.size());
    bool inside = true;
    for (const WorldPoint& w : line) {
        const TileXY t = to_tile_units(w, tile);
        inside = inside && t.x >= lo && t.x <= hi && t.y >= lo && t.y <= hi;
        l.emplace_back(t.x, t.y);
    }
    if (inside) return simplify_into(l, o.simplify_units, out);
    Lines parts;
    bg::intersection(Box{{lo, lo}, {hi, hi}}, l, parts);
    for (const Line& part : parts) simplify_into(part, o.simplify_units, out);
}

std::optional<TilePoint> clip_point(WorldPoint p, TileId tile, const GeometryOptions& o) {
    const TileXY t = to_tile_units(p, tile);
    const double lo = -o.buffer, hi = static_cast<double>(kExtent) + o.buffer;
    if (t.x < lo || t.x > hi || t.y < lo || t.y > hi) return std::nullopt;
    return TilePoint{static_cast<std::int32_t>(std::lround(t.x)), static_cast<std::int32_t>(std::lround(t.y))};
}

}  // namespace corridor::tiles
