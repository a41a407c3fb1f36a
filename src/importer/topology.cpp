#include "corridor/importer/topology.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "corridor/geo/geodesic.hpp"
#include "corridor/importer/noding.hpp"
#include "corridor/parallel.hpp"

#include "point_index.hpp"

namespace corridor::importer {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// A line after splitting.
struct Piece {
    std::uint32_t line = 0;
    Polyline coords;
};

bool before(LonLat a, LonLat b) { return a.lon < b.lon || (a.lon == b.lon && a.lat < b.lat); }

// A box around p that holds every point within `metres` of it (geodesic): a degree of
// latitude is at least 110.5 km, a degree of longitude that times the cosine of the latitude.
BBox box_around(LonLat p, double metres) {
    const double dlat = metres / 110'000.0;
    const double far = std::abs(p.lat) + dlat;
    const double dlon = far >= 89.0 ? 360.0 : dlat / std::cos(far * std::numbers::pi / 180.0);
    return BBox(BPoint(p.lon - dlon, p.lat - dlat), BPoint(p.lon + dlon, p.lat + dlat));
}

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::uint32_t> parent_;
};

void sort_cuts(std::vector<Cut>& cuts) {
    std::sort(cuts.begin(), cuts.end(),
              [](const Cut& a, const Cut& b) { return a.segment != b.segment ? a.segment < b.segment : a.t < b.t; });
    cuts.erase(std::unique(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.at == b.at; }),
               cuts.end());
}

// Step 1: every line cut where it meets another (shared OSM nodes; crossings on one level).
std::vector<Piece> split_lines(std::vector<Line>& lines, const std::vector<SourceInfo>& sources,
                               const TopologyOptions& options, TopologyStats& stats) {
    std::vector<std::vector<Cut>> cuts(lines.size());
    auto add = [&](const std::vector<std::size_t>& which, const std::vector<std::vector<Cut>>& found,
                   std::size_t& counter) {
        for (std::size_t k = 0; k < which.size(); ++k) {
            if (found[k].empty()) continue;
            ++counter;
            auto& c = cuts[which[k]];
            c.insert(c.end(), found[k].begin(), found[k].end());
        }
    };
    std::vector<std::size_t> osm;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (sources[lines[i].source].osm) osm.push_back(i);
    if (!osm.empty()) {
        std::vector<const Polyline*> ptrs;
        for (const auto i : osm) ptrs.push_back(&lines[i].coords);
        add(osm, shared_vertex_cuts(ptrs), stats.split_at_shared_nodes);
    }
    if (options.node_intersections) {
        std::map<Level, std::vector<std::size_t>> levels;
        for (std::size_t i = 0; i < lines.size(); ++i) levels[lines[i].level].push_back(i);
        for (const auto& [level, which] : levels) {
            std::vector<const Polyline*> ptrs;
            for (const auto i : which) ptrs.push_back(&lines[i].coords);
            add(which, crossing_cuts(ptrs), stats.split_at_crossings);
        }
    }
    std::vector<Piece> pieces;
    pieces.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (cuts[i].empty()) {
            pieces.push_back({static_cast<std::uint32_t>(i), std::move(lines[i].coords)});
            continue;
        }
        sort_cuts(cuts[i]);
        for (auto& p : cut_line(lines[i].coords, cuts[i]))
            pieces.push_back({static_cast<std::uint32_t>(i), std::move(p)});
        lines[i].coords.clear();
    }
    return pieces;
}

// Step 2: the line ends grouped into places: equal coordinates first, then every two
// distinct end points within snap_m (geodesic) joined, transitively.
struct Ends {
    std::vector<LonLat> points;         // distinct end coordinates, west to east
    std::vector<std::uint32_t> count;   // line ends at each
    std::vector<std::uint32_t> of_end;  // end (2 * piece + 0 front, 1 back) -> point
    std::vector<std::uint32_t> group;   // point -> its group's lowest point
};

Ends group_ends(const std::vector<Piece>& pieces, double snap_m) {
    Ends e;
    const std::size_t n = pieces.size() * 2;
    auto end_at = [&](std::size_t k) {
        const Polyline& c = pieces[k / 2].coords;
        return k % 2 == 0 ? c.front() : c.back();
    };
    struct At {
        LonLat p;
        std::uint32_t end;
    };
    std::vector<At> order(n);
    for (std::uint32_t k = 0; k < n; ++k) order[k] = {end_at(k), k};
    std::sort(order.begin(), order.end(),
              [](const At& a, const At& b) { return before(a.p, b.p) || (a.p == b.p && a.end < b.end); });
    e.of_end.resize(n);
    for (const auto& [p, k] : order) {
        if (e.points.empty() || e.points.back() != p) {
            e.points.push_back(p);
            e.count.push_back(0);
        }
        ++e.count.back();
        e.of_end[k] = static_cast<std::uint32_t>(e.points.size() - 1);
    }
    std::vector<Indexed> values;
    values.reserve(e.points.size());
    for (std::uint32_t i = 0; i < e.points.size(); ++i)
        values.emplace_back(BPoint(e.points[i].lon, e.points[i].lat), i);
    const Tree tree(values.begin(), values.end());
    // The pairs within snap_m, found on every core (the tree is only read), joined in order.
    const std::size_t parts = parts_for(e.points.size(), 20'000);
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> close(parts);
    run_parts(parts, [&](std::size_t part) {
        const Geodesic geod;
        std::vector<Indexed> found;
        const std::size_t b = part_begin(e.points.size(), part, parts),
                          end = part_begin(e.points.size(), part + 1, parts);
        for (std::size_t u = b; u < end; ++u) {
            found.clear();
            tree.query(bgi::intersects(box_around(e.points[u], snap_m)), std::back_inserter(found));
            for (const auto& [pt, v] : found) {
                if (v <= u) continue;
                if (distance_bound(e.points[u], e.points[v]).value <= snap_m ||
                    geod.distance(e.points[u], e.points[v]).value <= snap_m)
                    close[part].emplace_back(static_cast<std::uint32_t>(u), v);
            }
        }
    });
    UnionFind uf(e.points.size());
    for (const auto& part : close)
        for (const auto& [u, v] : part) uf.unite(u, v);
    e.group.resize(e.points.size());
    for (std::uint32_t i = 0; i < e.points.size(); ++i) e.group[i] = uf.find(i);
    return e;
}

// The route ids of the pieces: <prefix>_<fid>, with _<n> (1, 2, ...) along the feature
// when it became several pieces. A source whose FIDs repeat gives the later features
// <prefix>_<fid>_dup<k> (k = 2, 3, ...): ids never clash, since FIDs are integers.
std::vector<std::string> piece_ids(const std::vector<Piece>& pieces, const std::vector<Line>& lines,
                                   const std::vector<SourceInfo>& sources) {
    std::vector<std::string> ids(pieces.size());
    std::vector<std::unordered_map<std::int64_t, std::uint32_t>> seen(sources.size());
    for (std::size_t i = 0; i < pieces.size();) {
        const Line& first = lines[pieces[i].line];
        std::size_t j = i;
        while (j < pieces.size() && lines[pieces[j].line].source == first.source &&
               lines[pieces[j].line].fid == first.fid)
            ++j;
        const std::uint32_t uses = ++seen[first.source][first.fid];
        std::string base = fmt::format("{}_{}", sources[first.source].id_prefix, first.fid);
        if (uses > 1) base += fmt::format("_dup{}", uses);
        for (std::size_t k = i; k < j; ++k) ids[k] = j - i == 1 ? base : fmt::format("{}_{}", base, k - i + 1);
        i = j;
    }
    return ids;
}

struct Edge {
    std::uint32_t piece = 0;
    std::uint32_t from = 0, to = 0;
};

// The places' names: the nearest named point within `within` metres.
std::size_t name_places(std::vector<TopoPlace>& places, const std::vector<NamedPoint>& named, double within) {
    std::vector<Indexed> values;
    values.reserve(named.size());
    for (std::uint32_t i = 0; i < named.size(); ++i) values.emplace_back(BPoint(named[i].pos.lon, named[i].pos.lat), i);
    const Tree tree(values.begin(), values.end());
    const Geodesic geod;
    std::size_t n = 0;
    std::vector<Indexed> found;
    for (auto& p : places) {
        found.clear();
        tree.query(bgi::intersects(box_around(p.pos, within)), std::back_inserter(found));
        std::uint32_t best = kNone;  // nearest first, then first in the file
        double best_d = std::numeric_limits<double>::infinity();
        for (const auto& [pt, i] : found) {
            const double d = geod.distance(p.pos, named[i].pos).value;
            if (d > within) continue;
            if (d < best_d || (d == best_d && i < best)) {
                best = i;
                best_d = d;
            }
        }
        if (best == kNone) continue;
        const NamedPoint& np = named[best];
        p.name = np.name;
        const bool iso = np.country.size() == 2 && std::isupper(static_cast<unsigned char>(np.country[0])) &&
                         std::isupper(static_cast<unsigned char>(np.country[1]));
        p.country = iso ? np.country : "";
        p.kind = np.kind;
        ++n;
    }
    return n;
}

bool alike(const Line& a, const Line& b) {
    return a.rule == b.rule && a.name == b.name && a.gauge == b.gauge && a.kept == b.kept;
}

// Each place's incident edges: inc[start[p]] .. inc[start[p + 1] - 1].
struct Incidence {
    std::vector<std::uint32_t> start, inc;
    std::uint32_t degree(std::size_t p) const { return start[p + 1] - start[p]; }
    // At a place of degree 2: the edge that is not e.
    std::uint32_t other(std::uint32_t p, std::uint32_t e) const {
        const std::uint32_t a = inc[start[p]], b = inc[start[p] + 1];
        return a == e ? b : a;
    }
};

Incidence incidence(const std::vector<Edge>& edges, std::size_t np) {
    Incidence in{std::vector<std::uint32_t>(np + 1, 0), {}};
    for (const auto& e : edges) {
        ++in.start[e.from + 1];
        ++in.start[e.to + 1];
    }
    for (std::size_t p = 0; p < np; ++p) in.start[p + 1] += in.start[p];
    in.inc.resize(in.start.back());
    std::vector<std::uint32_t> fill(in.start.begin(), in.start.end() - 1);
    for (std::uint32_t k = 0; k < edges.size(); ++k) {
        in.inc[fill[edges[k].from]++] = k;
        in.inc[fill[edges[k].to]++] = k;
    }
    return in;
}

// The places a chain runs through: unnamed, joining two alike pieces in a direction both allow.
std::vector<char> mergeable_places(const Topology& t, const Incidence& in, const std::vector<Edge>& edges,
                                   const std::vector<Piece>& pieces, const std::vector<Line>& lines,
                                   const std::vector<Rule>& rules) {
    std::vector<char> mergeable(t.places.size(), 0);
    for (std::uint32_t p = 0; p < t.places.size(); ++p) {
        if (t.places[p].degree != 2 || !t.places[p].name.empty()) continue;
        const Edge& a = edges[in.inc[in.start[p]]];
        const Edge& b = edges[in.inc[in.start[p] + 1]];
        const Line& la = lines[pieces[a.piece].line];
        const Line& lb = lines[pieces[b.piece].line];
        if (!alike(la, lb)) continue;
        if (!rules[la.rule].two_way && !((a.to == p && b.from == p) || (b.to == p && a.from == p))) continue;
        mergeable[p] = 1;
    }
    return mergeable;
}

using Link = std::pair<std::uint32_t, bool>;  // an edge, and whether the chain runs along it

struct Chain {
    std::deque<Link> links;
    std::uint32_t head, tail;  // its end places
};

// The chain through edge k, grown at both ends (its tail, then its head) through mergeable
// places; marks its edges done and the places inside it interior.
Chain grow_chain(std::uint32_t k, const std::vector<Edge>& edges, const Incidence& in,
                 const std::vector<char>& mergeable, std::vector<char>& done, std::vector<char>& interior) {
    done[k] = 1;
    Chain c{{{k, true}}, edges[k].from, edges[k].to};
    for (const bool at_tail : {true, false}) {
        std::uint32_t& end = at_tail ? c.tail : c.head;
        while (mergeable[end]) {
            const std::uint32_t e = in.other(end, at_tail ? c.links.back().first : c.links.front().first);
            if (done[e]) break;
            done[e] = 1;
            // Along the edge when it leaves the tail, or enters the head.
            const bool fwd = (at_tail ? edges[e].from : edges[e].to) == end;
            if (at_tail) c.links.emplace_back(e, fwd);
            else c.links.emplace_front(e, fwd);
            interior[end] = 1;
            end = fwd == at_tail ? edges[e].to : edges[e].from;
        }
    }
    return c;
}

// One route of the linked pieces from place from to place to: the id of its lowest edge's
// piece, every vertex once (the pieces' coordinates are moved out).
void add_route(Topology& t, const std::vector<Link>& links, std::uint32_t from, std::uint32_t to,
               const std::vector<Edge>& edges, std::vector<Piece>& pieces, const std::vector<std::string>& ids) {
    TopoRoute r;
    std::uint32_t lowest = links.front().first;
    for (const auto& l : links) lowest = std::min(lowest, l.first);
    r.id = ids[edges[lowest].piece];
    r.line = pieces[edges[lowest].piece].line;
    r.from = from;
    r.to = to;
    for (const auto& [e, fwd] : links) {
        Polyline& c = pieces[edges[e].piece].coords;
        if (!fwd) std::reverse(c.begin(), c.end());
        r.coords.insert(r.coords.end(), c.begin() + (r.coords.empty() ? 0 : 1), c.end());
        Polyline().swap(c);
    }
    t.stats.merged_routes += links.size() - 1;
    t.routes.push_back(std::move(r));
}

// Keeps the places routes still reach, renumbered in order, and names their kind.
void keep_reached_places(Topology& t, const std::vector<char>& interior) {
    std::vector<std::uint32_t> renumber(t.places.size(), kNone);
    std::vector<TopoPlace> kept;
    for (std::uint32_t p = 0; p < t.places.size(); ++p) {
        if (interior[p]) {
            ++t.stats.merged_places;
            continue;
        }
        renumber[p] = static_cast<std::uint32_t>(kept.size());
        kept.push_back(std::move(t.places[p]));
    }
    t.places = std::move(kept);
    for (auto& r : t.routes) {
        r.from = renumber[r.from];
        r.to = renumber[r.to];
    }
    for (auto& p : t.places)
        if (p.kind.empty()) p.kind = p.degree >= 3 ? "junction" : p.degree == 1 ? "end" : "node";
}

// Step 4: chains of pieces through places that only join two alike pieces (in a direction
// both allow) become one route each, keeping every vertex.
void merge_chains(Topology& t, const std::vector<Edge>& edges, std::vector<Piece>& pieces,
                  const std::vector<std::string>& ids, const std::vector<Line>& lines, const std::vector<Rule>& rules,
                  bool merge) {
    const std::size_t np = t.places.size();
    const Incidence in = incidence(edges, np);
    for (std::size_t p = 0; p < np; ++p) t.places[p].degree = in.degree(p);
    const std::vector<char> mergeable =
        merge ? mergeable_places(t, in, edges, pieces, lines, rules) : std::vector<char>(np, 0);
    std::vector<char> done(edges.size(), 0);
    std::vector<char> interior(np, 0);
    for (std::uint32_t k = 0; k < edges.size(); ++k) {
        if (done[k]) continue;
        const Chain c = grow_chain(k, edges, in, mergeable, done, interior);
        std::vector<Link> links(c.links.begin(), c.links.end());
        std::uint32_t tail = c.tail;
        std::optional<Link> alone;
        if (links.size() > 1 && c.head == tail) {
            // A ring: the last piece stays a route of its own, so no route starts and ends at one place.
            alone = links.back();
            links.pop_back();
            tail = alone->second ? edges[alone->first].from : edges[alone->first].to;
            interior[tail] = 0;
        }
        add_route(t, links, c.head, tail, edges, pieces, ids);
        if (alone)
            add_route(t, {*alone}, tail, alone->second ? edges[alone->first].to : edges[alone->first].from, edges,
                      pieces, ids);
    }
    keep_reached_places(t, interior);
}

std::pair<long long, long long> micro(LonLat pos) { return {std::llround(pos.lon * 1e6), std::llround(pos.lat * 1e6)}; }

struct MicroHash {
    std::size_t operator()(const std::pair<long long, long long>& k) const noexcept {
        return std::hash<long long>()(k.first * 1'000'003LL + k.second);
    }
};

}  // namespace

std::string place_id(LonLat pos) {
    const auto [lon, lat] = micro(pos);
    return fmt::format("p_{}_{}", lon, lat);
}

namespace {

// Step 3: a place at each group's busiest end point (ties: the westernmost, then the
// southernmost); returns each group's place.
std::vector<std::uint32_t> add_places(Topology& t, const Ends& ends) {
    std::vector<std::uint32_t> best(ends.points.size(), kNone);  // group -> its busiest point
    for (std::uint32_t i = 0; i < ends.points.size(); ++i) {
        std::uint32_t& b = best[ends.group[i]];
        if (b == kNone || ends.count[i] > ends.count[b]) b = i;
    }
    std::vector<std::uint32_t> place_of_group(ends.points.size(), kNone);
    std::vector<std::uint32_t> groups;
    for (std::uint32_t i = 0; i < ends.points.size(); ++i)
        if (ends.group[i] == i) groups.push_back(i);
    std::sort(groups.begin(), groups.end(), [&](std::uint32_t a, std::uint32_t b) { return best[a] < best[b]; });
    // Two places a millionth of a degree apart round to one id: the later ones take _2, _3, ...
    std::unordered_map<std::pair<long long, long long>, std::uint32_t, MicroHash> id_uses;
    for (const auto g : groups) {
        place_of_group[g] = static_cast<std::uint32_t>(t.places.size());
        TopoPlace p;
        p.pos = ends.points[best[g]];
        p.id = place_id(p.pos);
        if (const std::uint32_t n = ++id_uses[micro(p.pos)]; n > 1) p.id += fmt::format("_{}", n);
        t.places.push_back(std::move(p));
    }
    t.stats.places_before_merge = t.places.size();
    return place_of_group;
}

// Every piece's ends moved onto their places; a piece whose ends meet at one place dropped.
std::vector<Edge> snap_pieces(Topology& t, std::vector<Piece>& pieces, const Ends& ends,
                              const std::vector<std::uint32_t>& place_of_group) {
    std::vector<Edge> edges;
    edges.reserve(pieces.size());
    for (std::uint32_t i = 0; i < pieces.size(); ++i) {
        Polyline& c = pieces[i].coords;
        const std::uint32_t from = place_of_group[ends.group[ends.of_end[2 * i]]];
        const std::uint32_t to = place_of_group[ends.group[ends.of_end[2 * i + 1]]];
        for (const auto& [at, place] : {std::pair{std::size_t{0}, from}, std::pair{c.size() - 1, to}})
            if (c[at] != t.places[place].pos) {
                c[at] = t.places[place].pos;
                ++t.stats.snapped_ends;
            }
        c.erase(std::unique(c.begin(), c.end()), c.end());
        if (from == to || c.size() < 2) {
            ++t.stats.dropped["both ends at one place (a loop, or shorter than --snap)"];
            continue;
        }
        edges.push_back({i, from, to});
    }
    return edges;
}

// Places no route reaches (every piece at them dropped) are left out.
void drop_unreached_places(Topology& t) {
    std::vector<char> used(t.places.size(), 0);
    for (const auto& r : t.routes) used[r.from] = used[r.to] = 1;
    if (std::find(used.begin(), used.end(), 0) == used.end()) return;
    std::vector<std::uint32_t> renumber(t.places.size(), kNone);
    std::vector<TopoPlace> kept;
    for (std::uint32_t p = 0; p < t.places.size(); ++p)
        if (used[p]) {
            renumber[p] = static_cast<std::uint32_t>(kept.size());
            kept.push_back(std::move(t.places[p]));
        } else if (!t.places[p].name.empty()) {
            --t.stats.named_places;
        }
    t.places = std::move(kept);
    for (auto& r : t.routes) {
        r.from = renumber[r.from];
        r.to = renumber[r.to];
    }
}

}  // namespace

Topology build_topology(std::vector<Line>& lines, const std::vector<SourceInfo>& sources,
                        const std::vector<Rule>& rules, const TopologyOptions& options) {
    Topology t;
    t.stats.lines = lines.size();
    std::vector<Piece> pieces = split_lines(lines, sources, options, t.stats);
    t.stats.pieces = pieces.size();
    const std::vector<std::string> ids = piece_ids(pieces, lines, sources);
    const Ends ends = group_ends(pieces, options.snap_m);
    const std::vector<std::uint32_t> place_of_group = add_places(t, ends);
    const std::vector<Edge> edges = snap_pieces(t, pieces, ends, place_of_group);
    if (options.named != nullptr && !options.named->empty())
        t.stats.named_places = name_places(t.places, *options.named, options.name_within_m);
    merge_chains(t, edges, pieces, ids, lines, rules, options.merge_degree_two);
    drop_unreached_places(t);
    return t;
}

}  // namespace corridor::importer
