#include "corridor/graph/network_graph.hpp"

namespace corridor {
namespace {

Edge add_arc(NetworkGraph& ng, Vertex u, Vertex v, ArcKind kind, std::uint32_t item, bool backward) {
    Arc fwd;
    fwd.kind = kind;
    fwd.item = item;
    fwd.backward = backward;
    Arc rev;
    rev.kind = ArcKind::reverse;
    rev.item = item;
    const Edge e = boost::add_edge(u, v, fwd, ng.g).first;
    const Edge r = boost::add_edge(v, u, rev, ng.g).first;
    ng.g[e].twin = r;
    ng.g[r].twin = e;
    return e;
}

}  // namespace

NetworkGraph build_graph(const Network& net) {
    NetworkGraph ng;
    const std::size_t n = net.places.size();
    ng.place_in.resize(n);
    ng.place_out.resize(n);
    ng.place_split.resize(n);
    ng.place_arcs.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        ng.place_split[i] = net.places[i].capacity.has_value();
        ng.place_in[i] = boost::add_vertex(ng.g);
        ng.place_out[i] = ng.place_split[i] ? boost::add_vertex(ng.g) : ng.place_in[i];
    }
    ng.source = boost::add_vertex(ng.g);
    ng.sink = boost::add_vertex(ng.g);
    for (std::size_t i = 0; i < n; ++i)
        if (ng.place_split[i])
            ng.place_arcs[i] = add_arc(ng, ng.place_in[i], ng.place_out[i], ArcKind::place, static_cast<std::uint32_t>(i), false);

    ng.route_first.reserve(net.routes.size() + 1);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        ng.route_first.push_back(ng.route_arcs.size());
        const std::size_t a = *net.place_index(route.from_id);
        const std::size_t b = *net.place_index(route.to_id);
        const auto item = static_cast<std::uint32_t>(r);
        ng.route_arcs.push_back(add_arc(ng, ng.place_out[a], ng.place_in[b], ArcKind::route, item, false));
        if (route.two_way) ng.route_arcs.push_back(add_arc(ng, ng.place_out[b], ng.place_in[a], ArcKind::route, item, true));
    }
    ng.route_first.push_back(ng.route_arcs.size());

    ng.source_arcs.resize(n);
    ng.sink_arcs.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        ng.source_arcs[i] = add_arc(ng, ng.source, ng.place_in[i], ArcKind::source, static_cast<std::uint32_t>(i), false);
        ng.sink_arcs[i] = add_arc(ng, ng.place_out[i], ng.sink, ArcKind::sink, static_cast<std::uint32_t>(i), false);
    }
    return ng;
}

}  // namespace corridor
