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

WorldBox buffered(TileId t, int buffer) {
    const WorldBox b = tile_box(t);
    const double pad = buffer / (static_cast<double>(kExtent) * std::ldexp(1.0, t.z));
    return {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
}

bool meets(const WorldBox& a, const WorldBox& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

// Whether the tile covers a quarter or more of the source's envelope: then scanning the
// importance order is cheaper than querying the R-trees and sorting most of the features.
bool covers_most(const WorldBox& tile, const std::optional<WorldBox>& all) {
    if (!all || !meets(tile, *all)) return false;
    const double w = std::min(tile.max_x, all->max_x) - std::max(tile.min_x, all->min_x);
    const double h = std::min(tile.max_y, all->max_y) - std::max(tile.min_y, all->min_y);
    const double area = (all->max_x - all->min_x) * (all->max_y - all->min_y);
    return area <= 0 || w * h >= 0.25 * area;
}

// The features whose envelope meets the buffered tile, most important first.
std::vector<TileSource::Ref> candidates(const TileSource& s, const WorldBox& box) {
    std::vector<TileSource::Ref> refs;
    if (covers_most(box, s.bounds())) {
        for (const auto& r : s.order())
            if (meets(s.layers()[r.layer].boxes[r.row], box)) refs.push_back(r);
        return refs;
    }
    std::vector<std::uint32_t> rows, ranks;
    for (std::size_t l = 0; l < s.layers().size(); ++l) {
        rows.clear();
        s.query(l, box, rows);
        for (std::uint32_t r : rows) ranks.push_back(s.layers()[l].rank[r]);
    }
    std::sort(ranks.begin(), ranks.end());
    refs.reserve(ranks.size());
    for (std::uint32_t r : ranks) refs.push_back(s.order()[r]);
    return refs;
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

// Encodes the first `count` candidates, layer by layer in the source's order.
std::string encode(const TileSource& s, const std::vector<Candidate>& kept, std::size_t count) {
    std::vector<LayerEncoder> layers;
    for (const SourceLayer& l : s.layers()) {
        std::vector<std::string> keys;
        for (const auto& f : l.table->fields) keys.push_back(f.name);
        layers.emplace_back(l.name, std::move(keys), kExtent);
    }
    std::vector<io::Cell> cells;
    for (std::size_t i = 0; i < count; ++i) {
        const Candidate& c = kept[i];
        const SourceLayer& l = s.layers()[c.layer];
        l.table->row_at(c.row, cells);
        layers[c.layer].add_feature(c.row, cells, l.geom == io::GeomType::point ? GeomKind::point : GeomKind::line, c.parts);
    }
    std::string tile;
    for (const LayerEncoder& e : layers)
        if (!e.empty()) e.finish_into(tile);
    return tile;
}

// The candidates with a geometry in the tile, most important first: every kept-always one,
// then the others while the running size stays within max_bytes (each feature's bytes as
// its layer grows with it). Later candidates are not looked at: they would be dropped.
std::vector<Candidate> fill(const TileSource& s, const std::vector<TileSource::Ref>& refs, TileId tile,
                            const GeometryOptions& g, std::size_t max_bytes, std::size_t& not_kept) {
    std::vector<LayerEncoder> sizes;
    for (const SourceLayer& l : s.layers()) {
        std::vector<std::string> keys;
        for (const auto& f : l.table->fields) keys.push_back(f.name);
        sizes.emplace_back(l.name, std::move(keys), kExtent);
    }
    std::vector<Candidate> kept;
    std::vector<io::Cell> cells;
    std::size_t bytes = 0;
    not_kept = 0;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const SourceLayer& l = s.layers()[refs[i].layer];
        const bool always = l.importance[refs[i].row].kept_always;
        if (!always && bytes > max_bytes) {
            not_kept = refs.size() - i;  // counted by envelope: some may not reach the tile itself
            break;
        }
        Candidate c{refs[i].layer, refs[i].row, {}};
        geometry_of(l, c.row, tile, g, c);
        if (c.parts.empty()) continue;
        l.table->row_at(c.row, cells);
        LayerEncoder& e = sizes[c.layer];
        const std::size_t before = e.bytes();
        e.add_feature(c.row, cells, l.geom == io::GeomType::point ? GeomKind::point : GeomKind::line, c.parts);
        bytes += e.bytes() - before;
        kept.push_back(std::move(c));
    }
    return kept;
}

}  // namespace

std::string build_tile(const TileSource& s, TileId tile, const TileOptions& o, TileStats* stats) {
    if (!valid_tile(tile)) throw error(fmt::format("no tile {}/{}/{}", tile.z, tile.x, tile.y));
    GeometryOptions g = o.geometry;
    if (tile.z >= o.full_detail_zoom) g.simplify_units = 0;
    const auto refs = candidates(s, buffered(tile, g.buffer));
    std::size_t dropped = 0;
    const std::vector<Candidate> kept = fill(s, refs, tile, g, o.max_bytes, dropped);
    std::size_t always = 0;
    while (always < kept.size() && s.layers()[kept[always].layer].importance[kept[always].row].kept_always) ++always;
    // The fill stops one feature past the cap: drop from the end until the tile fits.
    std::size_t count = kept.size();
    std::string bytes = encode(s, kept, count);
    while (bytes.size() > o.max_bytes && count > always) {
        const auto scaled = static_cast<std::size_t>(static_cast<double>(count) * o.max_bytes / bytes.size());
        count = std::max(always, std::min(count - 1, scaled));
        bytes = encode(s, kept, count);
    }
    if (stats) *stats = {count, dropped + kept.size() - count};
    return bytes;
}

}  // namespace corridor::tiles
