#include "corridor/tiles/tile.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor::tiles {
namespace {

// A feature that meets the tile, with its geometry there.
struct Candidate {
    std::uint32_t layer = 0, row = 0;
    std::vector<TileLine> parts;
};

// Most important first: kept-always, then flow, then capacity (features of every layer
// compete for one size budget), then layer and the layer's own rank.
bool more_important(const TileSource& s, const Candidate& a, const Candidate& b) {
    const Importance& x = s.layers()[a.layer].importance[a.row];
    const Importance& y = s.layers()[b.layer].importance[b.row];
    if (x.kept_always != y.kept_always) return x.kept_always;
    if (x.flow != y.flow) return x.flow > y.flow;
    if (x.capacity != y.capacity) return x.capacity > y.capacity;
    if (a.layer != b.layer) return a.layer < b.layer;
    return s.layers()[a.layer].rank[a.row] < s.layers()[b.layer].rank[b.row];
}

WorldBox buffered(TileId t, int buffer) {
    const WorldBox b = tile_box(t);
    const double pad = buffer / (static_cast<double>(kExtent) * std::ldexp(1.0, t.z));
    return {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
}

// The feature's geometry in the tile (empty parts: nothing to draw there).
void geometry_of(const SourceLayer& l, std::uint32_t row, TileId tile, const GeometryOptions& g, Candidate& c) {
    const std::span<const WorldPoint> pts(l.points.data() + l.offsets[row], l.offsets[row + 1] - l.offsets[row]);
    if (pts.empty()) return;
    if (l.geom == io::GeomType::point) {
        if (const auto p = clip_point(pts.front(), tile, g)) c.parts.push_back({*p});
        return;
    }
    clip_line(pts, tile, g, c.parts);
    if (!c.parts.empty() || !l.importance[row].kept_always) return;
    // A protected line shorter than a tile unit here: a one-unit segment where it starts in the tile.
    for (const WorldPoint& w : pts)
        if (const auto p = clip_point(w, tile, {g.buffer, 0})) {
            c.parts.push_back({*p, {p->x + 1, p->y}});
            return;
        }
}

std::string encode(const TileSource& s, const std::vector<Candidate>& kept, std::size_t count, std::size_t* over_at,
                   std::size_t max_bytes) {
    std::vector<LayerEncoder> layers;
    for (const SourceLayer& l : s.layers()) {
        std::vector<std::string> keys;
        for (const auto& f : l.table->fields) keys.push_back(f.name);
        layers.emplace_back(l.name, std::move(keys), kExtent);
    }
    std::vector<io::Cell> cells;
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const Candidate& c = kept[i];
        const SourceLayer& l = s.layers()[c.layer];
        LayerEncoder& e = layers[c.layer];
        l.table->row_at(c.row, cells);
        const std::size_t before = e.bytes();
        e.add_feature(c.row, cells, l.geom == io::GeomType::point ? GeomKind::point : GeomKind::line, c.parts);
        bytes += e.bytes() - before;
        if (over_at && bytes > max_bytes && !l.importance[c.row].kept_always) {
            *over_at = i;
            over_at = nullptr;
        }
    }
    std::string tile;
    for (const LayerEncoder& e : layers)
        if (!e.empty()) e.finish_into(tile);
    return tile;
}

}  // namespace

std::string build_tile(const TileSource& s, TileId tile, const TileOptions& o, TileStats* stats) {
    if (!valid_tile(tile)) throw error(fmt::format("no tile {}/{}/{}", tile.z, tile.x, tile.y));
    GeometryOptions g = o.geometry;
    if (tile.z >= o.full_detail_zoom) g.simplify_units = 0;
    const WorldBox box = buffered(tile, g.buffer);
    std::vector<Candidate> found;
    std::vector<std::uint32_t> rows;
    for (std::size_t l = 0; l < s.layers().size(); ++l) {
        rows.clear();
        s.query(l, box, rows);
        for (std::uint32_t r : rows) {
            Candidate c{static_cast<std::uint32_t>(l), r, {}};
            geometry_of(s.layers()[l], r, tile, g, c);
            if (!c.parts.empty()) found.push_back(std::move(c));
        }
    }
    std::sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) { return more_important(s, a, b); });
    // Drops the least important while the tile is over the cap: first cut where the running
    // size passed it, then shrink by the overshoot until it fits (kept-always never go).
    std::size_t protected_count = 0;
    while (protected_count < found.size() &&
           s.layers()[found[protected_count].layer].importance[found[protected_count].row].kept_always)
        ++protected_count;
    std::size_t count = found.size(), over = found.size();
    std::string bytes = encode(s, found, count, &over, o.max_bytes);
    while (bytes.size() > o.max_bytes && count > protected_count) {
        const std::size_t scaled = static_cast<std::size_t>(static_cast<double>(count) * o.max_bytes / bytes.size() * 0.97);
        count = std::max(protected_count, std::min({over, scaled, count - 1}));
        bytes = encode(s, found, count, nullptr, o.max_bytes);
    }
    if (stats) *stats = {count, found.size() - count};
    return bytes;
}

}  // namespace corridor::tiles
