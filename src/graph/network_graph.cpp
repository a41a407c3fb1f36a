#include "corridor/graph/network_graph.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "corridor/error.hpp"

namespace corridor {
namespace {

constexpr std::size_t kMaxIndex = std::numeric_limits<std::uint32_t>::max();

// The place indices of every route's ends: from at 2r, to at 2r + 1 (resolved when the
// network was loaded; looked up by id for a route made or changed since).
std::vector<std::uint32_t> route_ends(const Network& net) {
    std::vector<std::uint32_t> ends(2 * net.routes.size());
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        try {
            ends[2 * r] = static_cast<std::uint32_t>(net.from_index(route));
            ends[2 * r + 1] = static_cast<std::uint32_t>(net.to_index(route));
        } catch (const error&) {
            const bool from_known = net.place_index(route.from_id).has_value();
            throw error(
                fmt::format("route {}: unknown place \"{}\"", route.id, from_known ? route.to_id : route.from_id));
        }
    }
    return ends;
}

// One flag per place: whether it is in the list.
std::vector<char> flags(std::size_t n, const std::vector<std::size_t>& places) {
    std::vector<char> out(n, 0);
    for (std::size_t i : places) {
        if (i >= n) throw error("internal: terminal place index out of range");
        out[i] = 1;
    }
    return out;
}

// Numbers the vertices: per place one, or two joined by its capacity arc (in, out) when
// the place's capacity bounds its through traffic; then the source and the sink. Returns the
// vertex count.
std::size_t number_vertices(NetworkGraph& ng, const Network& net) {
    const std::size_t n = net.places.size();
    ng.place_in.resize(n);
    ng.place_out.resize(n);
    ng.place_split.resize(n);
    Vertex next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // A transfer or converting place's capacity bounds what it handles (the joint flow), not its through traffic.
        const bool split = net.places[i].capacity.has_value() && !net.places[i].capacity_bounds_handling();
        ng.place_split[i] = split;
        ng.place_in[i] = next++;
        ng.place_out[i] = split ? next++ : ng.place_in[i];
    }
    ng.source = next++;
    ng.sink = next++;
    return next;
}

// The graph's arcs, each made with its residual twin, in the order build() makes them:
// place arcs, then routes in order, then per place its source and sink arcs.
template <class MakeArc>
void for_each_arc(const NetworkGraph& ng, const Network& net, const std::vector<std::uint32_t>& ends,
                  const std::vector<char>& is_source, const std::vector<char>& is_sink, MakeArc&& make) {
    const auto& in = ng.place_in;
    const auto& out = ng.place_out;
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i]) make(in[i], out[i], ArcKind::place, i, false);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const std::uint32_t a = ends[2 * r], b = ends[2 * r + 1];
        make(out[a], in[b], ArcKind::route, r, false);
        if (net.routes[r].two_way) make(out[b], in[a], ArcKind::route, r, true);
    }
    for (std::size_t i = 0; i < net.places.size(); ++i) {
        if (is_source[i]) make(ng.source, in[i], ArcKind::source, i, false);
        if (is_sink[i]) make(out[i], ng.sink, ArcKind::sink, i, false);
    }
}

// Arcs laid out in CSR order as they are made: fill[v] is where vertex v's next arc goes
// (the row starts, from the out-degrees counted first), and each arc and its twin go
// straight to their slots.
struct CsrArcs {
    std::vector<std::uint32_t> fill;
    std::vector<Vertex> sources, targets;
    std::vector<Arc> props;

    // Puts an arc and its residual twin in their slots; returns the arc.
    Edge add(NetworkGraph& ng, Vertex u, Vertex v, ArcKind kind, std::size_t item, bool backward) {
        const std::uint32_t p = fill[u]++;
        const std::uint32_t q = fill[v]++;
        sources[p] = u;
        targets[p] = v;
        props[p] = Arc{kind, backward, static_cast<std::uint32_t>(item)};
        sources[q] = v;
        targets[q] = u;
        props[q] = Arc{ArcKind::reverse, false, static_cast<std::uint32_t>(item)};
        ng.twin[p] = q;
        ng.twin[q] = p;
        return Edge(u, p);
    }
};

// The graph with source arcs for the places flagged in is_source and sink arcs for those
// flagged in is_sink. Arcs are laid out in CSR order as they are made: their out-degrees
// are counted first, then each arc and its twin go straight to their slots. Within a
// vertex, arcs keep the order in which they are made (for_each_arc), which the solvers'
// results depend on.
NetworkGraph build(const Network& net, const std::vector<char>& is_source, const std::vector<char>& is_sink) {
    NetworkGraph ng;
    const std::size_t n = net.places.size();
    if (n >= kMaxItems || net.routes.size() >= kMaxItems)
        throw error(fmt::format("network too large: more than {} places or routes", kMaxItems - 1));
    const std::size_t nv = number_vertices(ng, net);
    const std::vector<std::uint32_t> ends = route_ends(net);

    // Out-degrees, then row starts.
    CsrArcs csr;
    csr.fill.assign(nv + 1, 0);
    std::size_t forward = 0, route_arcs = 0;  // arcs other than twins; those of routes
    for_each_arc(ng, net, ends, is_source, is_sink, [&](Vertex u, Vertex v, ArcKind kind, std::size_t, bool) {
        ++csr.fill[u + 1];
        ++csr.fill[v + 1];
        ++forward;
        if (kind == ArcKind::route) ++route_arcs;
    });
    if (2 * forward > kMaxIndex) throw error("network too large: more than 4 billion arcs");
    const std::size_t ne = 2 * forward;
    for (std::size_t v = 0; v < nv; ++v) csr.fill[v + 1] += csr.fill[v];

    csr.sources.resize(ne);
    csr.targets.resize(ne);
    csr.props.resize(ne);
    ng.twin.resize(ne);
    ng.place_arcs.resize(n);
    ng.route_first.reserve(net.routes.size() + 1);
    ng.route_arcs.reserve(route_arcs);
    for_each_arc(ng, net, ends, is_source, is_sink,
                 [&](Vertex u, Vertex v, ArcKind kind, std::size_t item, bool backward) {
                     const Edge e = csr.add(ng, u, v, kind, item, backward);
                     if (kind == ArcKind::place) {
                         ng.place_arcs[item] = e;
                     } else if (kind == ArcKind::route) {
                         if (!backward) ng.route_first.push_back(static_cast<std::uint32_t>(ng.route_arcs.size()));
                         ng.route_arcs.push_back(e);
                     } else {
                         TerminalArcs& t = kind == ArcKind::source ? ng.source_arcs : ng.sink_arcs;
                         t.places.push_back(static_cast<std::uint32_t>(item));
                         t.arcs.push_back(e);
                     }
                 });
    ng.route_first.push_back(static_cast<std::uint32_t>(ng.route_arcs.size()));
    csr.fill = {};

    // Already sorted by source, so Boost's in-place histogram sort moves nothing; targets
    // and props become the graph's own arrays (swapped in, not copied).
    ng.g = FlowGraph(boost::construct_inplace_from_sources_and_targets, csr.sources, csr.targets, csr.props,
                     static_cast<Vertex>(nv));
    csr.sources = {};
    ng.capacity.assign(ne, 0);
    ng.residual.assign(ne, 0);
    return ng;
}

}  // namespace

const Edge* TerminalArcs::find(std::size_t place) const {
    const auto it = std::lower_bound(places.begin(), places.end(), place);
    return it != places.end() && *it == place ? &arcs[static_cast<std::size_t>(it - places.begin())] : nullptr;
}

NetworkGraph build_graph(const Network& net) {
    const std::vector<char> all(net.places.size(), 1);
    return build(net, all, all);
}

NetworkGraph build_graph(const Network& net, const Terminals& terminals) {
    return build(net, flags(net.places.size(), terminals.sources), flags(net.places.size(), terminals.sinks));
}

}  // namespace corridor
