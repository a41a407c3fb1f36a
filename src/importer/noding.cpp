#include "corridor/importer/noding.hpp"

#include <geos_c.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "corridor/check/geos.hpp"
#include "corridor/error.hpp"

#include "point_index.hpp"

namespace corridor::importer {
namespace {

// The first and last coordinate of every line of a collection.
std::vector<LonLat> line_ends(const geos::Context& geos, const GEOSGeometry* g) {
    const GEOSContextHandle_t ctx = geos.handle();
    std::vector<LonLat> out;
    const int n = GEOSGetNumGeometries_r(ctx, g);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, g, i);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, part);
        unsigned size = 0;
        if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx, seq, &size) == 0 || size == 0) continue;
        for (const unsigned k : {0u, size - 1}) {
            LonLat p;
            GEOSCoordSeq_getXY_r(ctx, seq, k, &p.lon, &p.lat);
            out.push_back(p);
        }
    }
    return out;
}

constexpr double kOnSegment = 1e-9;  // degrees (about 0.1 mm): a node this close to a segment lies on it

bool before(LonLat a, LonLat b) { return a.lon < b.lon || (a.lon == b.lon && a.lat < b.lat); }

// Where q falls on segment a-b: its fraction along it, or a negative number when q is not on it.
double fraction_on(LonLat a, LonLat b, LonLat q) {
    const double dx = b.lon - a.lon, dy = b.lat - a.lat;
    const double len2 = dx * dx + dy * dy;
    if (len2 == 0) return -1;
    const double t = ((q.lon - a.lon) * dx + (q.lat - a.lat) * dy) / len2;
    if (t < 0 || t > 1) return -1;
    const double ex = a.lon + t * dx - q.lon, ey = a.lat + t * dy - q.lat;
    return ex * ex + ey * ey <= kOnSegment * kOnSegment ? t : -1;
}

void sort_cuts(std::vector<Cut>& cuts) {
    std::sort(cuts.begin(), cuts.end(),
              [](const Cut& a, const Cut& b) { return a.segment != b.segment ? a.segment < b.segment : a.t < b.t; });
    cuts.erase(std::unique(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.at == b.at; }),
               cuts.end());
}

struct CoordKey {
    std::uint64_t lon, lat;
    friend bool operator==(const CoordKey&, const CoordKey&) = default;
};
struct CoordHash {
    std::size_t operator()(const CoordKey& k) const noexcept {
        return static_cast<std::size_t>((k.lon * 0x9E3779B97F4A7C15ULL) ^
                                        (k.lat + 0x632BE59BD9B4E019ULL + (k.lon << 6)));
    }
};
CoordKey key_of(LonLat p) {
    return {std::bit_cast<std::uint64_t>(p.lon + 0.0), std::bit_cast<std::uint64_t>(p.lat + 0.0)};
}

}  // namespace

std::vector<std::vector<Cut>> crossing_cuts(const std::vector<const Polyline*>& lines) {
    std::vector<std::vector<Cut>> out(lines.size());
    if (lines.size() < 2) return out;  // one line alone meets nothing
    const geos::Context geos;
    const auto all = geos.multi_line(lines);
    const auto noded = geos.node(all.get());
    std::vector<LonLat> nodes = line_ends(geos, noded.get());
    std::sort(nodes.begin(), nodes.end(), before);
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    std::vector<std::pair<BPoint, std::size_t>> values;
    values.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) values.emplace_back(BPoint(nodes[i].lon, nodes[i].lat), i);
    const bgi::rtree<std::pair<BPoint, std::size_t>, bgi::rstar<16>> tree(values.begin(), values.end());

    std::vector<std::pair<BPoint, std::size_t>> found;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Polyline& line = *lines[l];
        for (std::size_t s = 0; s + 1 < line.size(); ++s) {
            const LonLat a = line[s], b = line[s + 1];
            const BBox box(BPoint(std::min(a.lon, b.lon) - kOnSegment, std::min(a.lat, b.lat) - kOnSegment),
                           BPoint(std::max(a.lon, b.lon) + kOnSegment, std::max(a.lat, b.lat) + kOnSegment));
            found.clear();
            tree.query(bgi::intersects(box), std::back_inserter(found));
            for (const auto& [pt, i] : found) {
                const LonLat q = nodes[i];
                if (q == b) continue;  // the next segment's start, or the line's end
                if (q == a) {
                    if (s > 0) out[l].push_back({s, 0, a});
                    continue;
                }
                const double t = fraction_on(a, b, q);
                if (t > 0 && t < 1) out[l].push_back({s, t, q});
            }
        }
        sort_cuts(out[l]);
    }
    return out;
}

std::vector<std::vector<Cut>> shared_vertex_cuts(const std::vector<const Polyline*>& lines) {
    std::unordered_map<CoordKey, std::uint32_t, CoordHash> count;
    std::size_t vertices = 0;
    for (const Polyline* l : lines) vertices += l->size();
    count.reserve(vertices);
    for (const Polyline* l : lines)
        for (const LonLat& p : *l) ++count[key_of(p)];
    std::vector<std::vector<Cut>> out(lines.size());
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Polyline& line = *lines[l];
        for (std::size_t i = 1; i + 1 < line.size(); ++i)
            if (count[key_of(line[i])] >= 2) out[l].push_back({i, 0, line[i]});
    }
    return out;
}

std::vector<Polyline> cut_line(const Polyline& line, const std::vector<Cut>& cuts) {
    if (cuts.empty()) return {line};
    std::vector<Polyline> pieces;
    Polyline cur{line.front()};
    auto finish = [&](LonLat next_start) {
        if (cur.size() >= 2) pieces.push_back(std::move(cur));
        cur = Polyline{next_start};
    };
    std::size_t ci = 0;
    for (std::size_t s = 0; s + 1 < line.size(); ++s) {
        for (; ci < cuts.size() && cuts[ci].segment == s; ++ci) {
            const Cut& c = cuts[ci];
            if (c.t == 0) {
                finish(line[s]);
            } else {
                if (cur.back() != c.at) cur.push_back(c.at);
                finish(c.at);
            }
        }
        if (cur.back() != line[s + 1]) cur.push_back(line[s + 1]);
    }
    if (cur.size() >= 2) pieces.push_back(std::move(cur));
    return pieces;
}

}  // namespace corridor::importer
