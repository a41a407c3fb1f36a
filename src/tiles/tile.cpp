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

// Whether the tile is expected to meet many features (65,536 or more, by its share of the
// source's envelope): then walking the importance order is cheaper than querying the R-trees
// and sorting what they return, and it stops as soon as the tile is full.
bool meets_many(const TileSource& s, const WorldBox& tile) {
    const auto& all = s.bounds();
    if (!all || !meets(tile, *all)) return false;
    const double w = std::min(tile.max_x, all->max_x) - std::max(tile.min_x, all->min_x);
    const double h = std::min(tile.max_y, all->max_y) - std::max(tile.min_y, all->min_y);
    const double area = (all->max_x - all->min_x) * (all->max_y - all->min_y);
    return area <= 0 || w * h / area * static_cast<double>(s.order().size()) >= 65536;
}

// The features whose envelope meets the buffered tile, most important first, handed to
// `take` until it returns false.
template <class Take>
void for_candidates(const TileSource& s, const WorldBox& box, Take&& take) {
    if (meets_many(s, box)) {
        for (const auto& r : s.order())
            if (meets(s.layers()[r.layer].boxes[r.row], box) && !take(r)) return;
        return;
    }
    std::vector<std::uint32_t> rows, ranks;
    for (std::size_t l = 0; l < s.layers().size(); ++l) {
        rows.clear();
        s.query(l, box, rows);
        for (std::uint32_t r : rows) ranks.push_back(s.layers()[l].rank[r]);
    }
    std::sort(ranks.begin(), ranks.end());
    for (std::uint32_t r : ranks)
        if (!take(s.order()[r])) return;
}

// The feature's geometry in the tile (empty parts: nothing to draw there).
void geometry_of(const SourceLayer& l, std::uint32_t row, TileId tile, const GeometryOptions& g, Candidate& c) {
    const std::span<const WorldPoint> pts(l.points.data() + l.offsets[row], l.offsets[row + 1] - l.offsets[row]);
    if (pts.empty()) return;
    if (l.geom == io::GeomType::point) {
        if (const auto p = clip_point(pts.front(), tile, g)) c.parts.push_back({*p});
        return;
    }
    const bool always = l.importance[row].kept_always;
    // A line whose envelope spans less than a tile unit both ways is under a pixel's sixteenth:
    // left out (unless protected) without clipping it, which is most of a low zoom's features.
    const double units = std::ldexp(static_cast<double>(kExtent), tile.z);
    const WorldBox& b = l.boxes[row];
    if (!always && (b.max_x - b.min_x) * units < 1 && (b.max_y - b.min_y) * units < 1) return;
    clip_line(pts, tile, g, c.parts);
    if (!c.parts.empty() || !always) return;
    // A protected line shorter than a tile unit here: a one-unit segment where it starts in the tile.
    for (const WorldPoint& w : pts)
        if (const auto p = clip_point(w, tile, {g.buffer, 0})) {
            c.parts.push_back({*p, {p->x + 1, p->y}});
            return;
        }
}

std::vector<LayerEncoder> encoders(const TileSource& s) {
    std::vector<LayerEncoder> layers;
    for (const SourceLayer& l : s.layers()) {
        std::vector<std::string> keys;
        for (const auto& f : l.table->fields) keys.push_back(f.name);
        layers.emplace_back(l.name, std::move(keys), kExtent);
    }
    return layers;
}

// Bytes of the tile the layers make (a layer message is its bytes and a few of framing).
std::size_t tile_bytes(const std::vector<LayerEncoder>& layers) {
    std::size_t n = 0;
    for (const LayerEncoder& e : layers)
        if (!e.empty()) n += e.bytes() + 6;
    return n;
}

}  // namespace

// The candidates, most important first, into the layers: every kept-always one, then the
// others while the tile stays within max_bytes; the first that does not fit is taken back
// and ends the tile (the rest would be less important still).
std::string build_tile(const TileSource& s, TileId tile, const TileOptions& o, TileStats* stats) {
    if (!valid_tile(tile)) throw error(fmt::format("no tile {}/{}/{}", tile.z, tile.x, tile.y));
    GeometryOptions g = o.geometry;
    if (tile.z >= o.full_detail_zoom) g.simplify_units = 0;
    std::vector<LayerEncoder> layers = encoders(s);
    std::vector<io::Cell> cells;
    TileStats st;
    bool full = false;
    for_candidates(s, buffered(tile, g.buffer), [&](const TileSource::Ref& ref) {
        const SourceLayer& l = s.layers()[ref.layer];
        const bool always = l.importance[ref.row].kept_always;
        if (full) {  // only counted now; kept-always ones come first, so none is left out
            ++st.dropped;
            return true;
        }
        Candidate c{ref.layer, ref.row, {}};
        geometry_of(l, c.row, tile, g, c);
        if (c.parts.empty()) return true;
        LayerEncoder& e = layers[c.layer];
        e.add_feature(c.row, l.table->row_view(c.row, cells),
                      l.geom == io::GeomType::point ? GeomKind::point : GeomKind::line, c.parts);
        if (!always && tile_bytes(layers) > o.max_bytes) {
            e.undo_last();
            full = true;
            ++st.dropped;
            return o.count_dropped;
        }
        ++st.features;
        return true;
    });
    std::string bytes;
    for (const LayerEncoder& e : layers)
        if (!e.empty()) e.finish_into(bytes);
    if (stats) *stats = st;
    return bytes;
}

}  // namespace corridor::tiles
