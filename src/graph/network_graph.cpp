#include "corridor/graph/network_graph.hpp"

#include "corridor/error.hpp"

namespace corridor {
namespace {

// Arcs collected in creation order, then laid out by source for the CSR graph.
struct ArcList {
    std::vector<std::pair<Vertex, Vertex>> ends;
    std::vector<Arc> props;
    std::vector<std::uint32_t> twin;  // creation index of each arc's twin

    // Adds an arc and its residual twin; returns the arc's creation index.
    std::uint32_t add(Vertex u, Vertex v, ArcKind kind, std::uint32_t item, bool backward) {
        const auto k = static_cast<std::uint32_t>(ends.size());
        Arc fwd;
        fwd.kind = kind;
        fwd.item = item;
        fwd.backward = backward;
        Arc rev;
        rev.kind = ArcKind::reverse;
        rev.item = item;
        ends.emplace_back(u, v);
        props.push_back(fwd);
        twin.push_back(k + 1);
        ends.emplace_back(v, u);
        props.push_back(rev);
        twin.push_back(k);
        return k;
    }
};

}  // namespace

NetworkGraph build_graph(const Network& net) {
    NetworkGraph ng;
    const std::size_t n = net.places.size();
    ArcList arcs;
    Vertex next = 0;
    std::vector<Vertex> in(n), out(n);
    std::vector<bool> split(n);
    for (std::size_t i = 0; i < n; ++i) {
        split[i] = net.places[i].capacity.has_value();
        in[i] = next++;
        out[i] = split[i] ? next++ : in[i];
    }
    const Vertex source = next++;
    const Vertex sink = next++;

    std::vector<std::uint32_t> place_k(n, 0), source_k(n), sink_k(n), route_k;
    for (std::size_t i = 0; i < n; ++i)
        if (split[i]) place_k[i] = arcs.add(in[i], out[i], ArcKind::place, static_cast<std::uint32_t>(i), false);
    ng.route_first.reserve(net.routes.size() + 1);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        ng.route_first.push_back(route_k.size());
        const std::size_t a = *net.place_index(route.from_id);
        const std::size_t b = *net.place_index(route.to_id);
        const auto item = static_cast<std::uint32_t>(r);
        route_k.push_back(arcs.add(out[a], in[b], ArcKind::route, item, false));
        if (route.two_way) route_k.push_back(arcs.add(out[b], in[a], ArcKind::route, item, true));
    }
    ng.route_first.push_back(route_k.size());
    for (std::size_t i = 0; i < n; ++i) {
        source_k[i] = arcs.add(source, in[i], ArcKind::source, static_cast<std::uint32_t>(i), false);
        sink_k[i] = arcs.add(out[i], sink, ArcKind::sink, static_cast<std::uint32_t>(i), false);
    }
    if (arcs.ends.size() > std::numeric_limits<std::uint32_t>::max())
        throw error("network too large: more than 4 billion arcs");

    // Counting sort by source (stable): pos[k] is arc k's index in the CSR graph.
    const std::size_t nv = next;
    std::vector<std::uint32_t> start(nv + 1, 0);
    for (const auto& e : arcs.ends) ++start[e.first + 1];
    for (std::size_t v = 0; v < nv; ++v) start[v + 1] += start[v];
    std::vector<std::uint32_t> pos(arcs.ends.size());
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::size_t k = 0; k < arcs.ends.size(); ++k) pos[k] = fill[arcs.ends[k].first]++;
    }
    std::vector<std::pair<Vertex, Vertex>> ends(arcs.ends.size());
    std::vector<Arc> props(arcs.ends.size());
    ng.twin.resize(arcs.ends.size());
    for (std::size_t k = 0; k < arcs.ends.size(); ++k) {
        ends[pos[k]] = arcs.ends[k];
        props[pos[k]] = arcs.props[k];
        ng.twin[pos[k]] = Edge(arcs.ends[arcs.twin[k]].first, pos[arcs.twin[k]]);
    }
    ng.capacity.assign(arcs.ends.size(), 0);
    ng.residual.assign(arcs.ends.size(), 0);
    arcs = ArcList{};
    ng.g = FlowGraph(boost::edges_are_sorted, ends.begin(), ends.end(), props.begin(), nv);

    auto edge = [&](std::uint32_t k) { return Edge(ends[pos[k]].first, pos[k]); };
    ng.source = source;
    ng.sink = sink;
    ng.place_in = std::move(in);
    ng.place_out = std::move(out);
    ng.place_split = std::move(split);
    ng.place_arcs.resize(n);
    ng.source_arcs.resize(n);
    ng.sink_arcs.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (ng.place_split[i]) ng.place_arcs[i] = edge(place_k[i]);
        ng.source_arcs[i] = edge(source_k[i]);
        ng.sink_arcs[i] = edge(sink_k[i]);
    }
    ng.route_arcs.reserve(route_k.size());
    for (std::uint32_t k : route_k) ng.route_arcs.push_back(edge(k));
    return ng;
}

}  // namespace corridor
