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

// The graph with source arcs for the places flagged in is_source and sink arcs for those
// flagged in is_sink. Arcs are laid out in CSR order as they are made: their out-degrees
// are counted first, then each arc and its twin go straight to their slots. Within a
// vertex, arcs keep the order in which they are made (place arcs, then routes in order,
// then per place its source and sink arcs), which the solvers' results depend on.
NetworkGraph build(const Network& net, const std::vector<char>& is_source, const std::vector<char>& is_sink) {
    NetworkGraph ng;
    const std::size_t n = net.places.size();
    if (n >= kMaxItems || net.routes.size() >= kMaxItems)
        throw error(fmt::format("network too large: more than {} places or routes", kMaxItems - 1));
    ng.place_in.resize(n);
    ng.place_out.resize(n);
    ng.place_split.resize(n);
    Vertex next = 0;
    std::size_t forward = 0;  // arcs other than twins
    for (std::size_t i = 0; i < n; ++i) {
        // A transfer or converting place's capacity bounds what it handles (the joint flow), not its through traffic.
        const bool split = net.places[i].capacity.has_value() && !net.places[i].capacity_bounds_handling();
        ng.place_split[i] = split;
        ng.place_in[i] = next++;
        ng.place_out[i] = split ? next++ : ng.place_in[i];
        forward += (split ? 1 : 0) + (is_source[i] ? 1 : 0) + (is_sink[i] ? 1 : 0);
    }
    ng.source = next++;
    ng.sink = next++;
    const std::size_t nv = next;
    const auto& in = ng.place_in;
    const auto& out = ng.place_out;

    const std::vector<std::uint32_t> ends = route_ends(net);
    std::size_t route_arcs = 0;
    for (const Route& route : net.routes) route_arcs += route.two_way ? 2 : 1;
    forward += route_arcs;
    if (2 * forward > kMaxIndex) throw error("network too large: more than 4 billion arcs");
    const std::size_t ne = 2 * forward;

    // Out-degrees, then row starts: fill[v] is where v's next arc goes.
    std::vector<std::uint32_t> fill(nv + 1, 0);
    auto count = [&](Vertex u, Vertex v) {
        ++fill[u + 1];
        ++fill[v + 1];
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (ng.place_split[i]) count(in[i], out[i]);
        if (is_source[i]) count(ng.source, in[i]);
        if (is_sink[i]) count(out[i], ng.sink);
    }
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const std::uint32_t a = ends[2 * r], b = ends[2 * r + 1];
        count(out[a], in[b]);
        if (net.routes[r].two_way) count(out[b], in[a]);
    }
    for (std::size_t v = 0; v < nv; ++v) fill[v + 1] += fill[v];

    std::vector<Vertex> sources(ne), targets(ne);
    std::vector<Arc> props(ne);
    ng.twin.resize(ne);
    // Puts an arc and its residual twin in their slots; returns the arc.
    auto add = [&](Vertex u, Vertex v, ArcKind kind, std::size_t item, bool backward) {
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
    };
    ng.place_arcs.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        if (ng.place_split[i]) ng.place_arcs[i] = add(in[i], out[i], ArcKind::place, i, false);
    ng.route_first.reserve(net.routes.size() + 1);
    ng.route_arcs.reserve(route_arcs);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        ng.route_first.push_back(static_cast<std::uint32_t>(ng.route_arcs.size()));
        const std::uint32_t a = ends[2 * r], b = ends[2 * r + 1];
        ng.route_arcs.push_back(add(out[a], in[b], ArcKind::route, r, false));
        if (net.routes[r].two_way) ng.route_arcs.push_back(add(out[b], in[a], ArcKind::route, r, true));
    }
    ng.route_first.push_back(static_cast<std::uint32_t>(ng.route_arcs.size()));
    for (std::size_t i = 0; i < n; ++i) {
        if (is_source[i]) {
            ng.source_arcs.places.push_back(static_cast<std::uint32_t>(i));
            ng.source_arcs.arcs.push_back(add(ng.source, in[i], ArcKind::source, i, false));
        }
        if (is_sink[i]) {
            ng.sink_arcs.places.push_back(static_cast<std::uint32_t>(i));
            ng.sink_arcs.arcs.push_back(add(out[i], ng.sink, ArcKind::sink, i, false));
        }
    }
    fill = {};

    // Already sorted by source, so Boost's in-place histogram sort moves nothing; targets
    // and props become the graph's own arrays (swapped in, not copied).
    ng.g =
        FlowGraph(boost::construct_inplace_from_sources_and_targets, sources, targets, props, static_cast<Vertex>(nv));
    sources = {};
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
