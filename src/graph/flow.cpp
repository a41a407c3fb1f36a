#include "corridor/graph/flow.hpp"

#include <algorithm>
// GCC 12 reports -Wmaybe-uninitialized inside Boost's edge_iterator (a boost::optional
// it copies) once Boykov-Kolmogorov is inlined here: a known false positive.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <cmath>
#include <deque>
#include <set>

namespace corridor {
namespace {

bool is_country_code(const std::string& s) {
    return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) && std::isupper(static_cast<unsigned char>(s[1]));
}

Flow to_flow(double v) {
    // Integer units in the solver. A figure
    // above kMaxCapacity (10^15 t/month, far beyond any real route) is held there so sums
    // over millions of arcs cannot overflow.
    // Whole tonnes, rounded down, so no flow ever exceeds the stated capacity (the small
    // tolerance keeps 5999.9999999 from an annual figure at 6000).
    if (!(v > 0)) return 0;
    return v >= static_cast<double>(kMaxCapacity) ? kMaxCapacity : static_cast<Flow>(std::floor(v + 1e-6));
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// Calls f(edge) for every arc, vertex by vertex (stable order).
template <class F>
void for_each_arc(const FlowGraph& g, F&& f) {
    for (Vertex u = 0; u < static_cast<Vertex>(boost::num_vertices(g)); ++u)
        for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) f(*e);
}

// Opens every arc the query allows (filters off: every route at its capacity).
void set_capacities(NetworkGraph& ng, const Network& net, const FlowQuery& q,
                           const std::vector<MonthlyCapacity>& caps, bool passengers,
                           const std::vector<std::size_t>& from, const std::vector<std::size_t>& to, bool filters) {
    std::fill(ng.capacity.begin(), ng.capacity.end(), 0);
    std::fill(ng.residual.begin(), ng.residual.end(), 0);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        bool allowed = true;
        if (filters && q.commodity) {
            auto it = q.commodities.find(r);
            allowed = carries(route, it == q.commodities.end() ? route.commodities : it->second, caps[r], *q.commodity);
        }
        if (filters && allowed && !q.modes.empty())
            allowed = std::find(q.modes.begin(), q.modes.end(), route.mode) != q.modes.end();
        const Flow cap = allowed ? to_flow(passengers ? caps[r].passengers.value : caps[r].tonnes.value) : 0;
        for (std::size_t k = ng.route_first[r]; k < ng.route_first[r + 1]; ++k) ng.capacity[ng.route_arcs[k].idx] = cap;
    }
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i]) ng.capacity[ng.place_arcs[i].idx] = to_flow(*net.places[i].capacity);
    // "Unlimited" source and sink arcs: one more than all a place can send or take, so
    // they are never saturated (never on the cut) and the solver's sums of excess stay
    // far from overflow (all of them together are at most the total capacity plus one
    // per place).
    std::vector<Flow> out_cap(boost::num_vertices(ng.g), 0), in_cap(boost::num_vertices(ng.g), 0);
    auto count = [&](Edge e) {
        out_cap[e.src] += ng.capacity[e.idx];
        in_cap[boost::target(e, ng.g)] += ng.capacity[e.idx];
    };
    for (const Edge e : ng.route_arcs) count(e);
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i]) count(ng.place_arcs[i]);
    for (std::size_t i : from) ng.capacity[ng.source_arcs[i].idx] = out_cap[ng.place_in[i]] + 1;
    for (std::size_t i : to) ng.capacity[ng.sink_arcs[i].idx] = in_cap[ng.place_out[i]] + 1;
}

// Vertices reachable from the source over arcs with spare capacity.
std::vector<bool> reachable(const NetworkGraph& ng, bool residual) {
    const auto& g = ng.g;
    std::vector<bool> seen(boost::num_vertices(g), false);
    std::deque<Vertex> queue{ng.source};
    seen[ng.source] = true;
    while (!queue.empty()) {
        const Vertex u = queue.front();
        queue.pop_front();
        for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
            const Flow spare = residual ? ng.residual[e->idx] : ng.capacity[e->idx];
            const Vertex v = boost::target(*e, g);
            if (spare > 0 && !seen[v]) {
                seen[v] = true;
                queue.push_back(v);
            }
        }
    }
    return seen;
}

Flow solve(NetworkGraph& ng, FlowAlgorithm algorithm) {
    auto& g = ng.g;
    auto edges = boost::get(boost::edge_index, g);
    auto cap = boost::make_iterator_property_map(ng.capacity.begin(), edges);
    auto res = boost::make_iterator_property_map(ng.residual.begin(), edges);
    auto rev = boost::make_iterator_property_map(ng.twin.begin(), edges);
    auto index = boost::get(boost::vertex_index, g);

    const std::size_t n = boost::num_vertices(g);
    switch (algorithm) {
        case FlowAlgorithm::push_relabel:
            return boost::push_relabel_max_flow(g, ng.source, ng.sink, cap, res, rev, index);
        case FlowAlgorithm::boykov_kolmogorov: {
            std::vector<boost::default_color_type> color(n);
            std::vector<Edge> pred(n);
            std::vector<Flow> dist(n);
            return boost::boykov_kolmogorov_max_flow(g, cap, res, rev, boost::make_iterator_property_map(pred.begin(), index),
                                                     boost::make_iterator_property_map(color.begin(), index),
                                                     boost::make_iterator_property_map(dist.begin(), index), index,
                                                     ng.source, ng.sink);
        }
        case FlowAlgorithm::edmonds_karp: {
            std::vector<boost::default_color_type> color(n);
            std::vector<Edge> pred(n);
            return boost::edmonds_karp_max_flow(g, ng.source, ng.sink, cap, res, rev,
                                                boost::make_iterator_property_map(color.begin(), index),
                                                boost::make_iterator_property_map(pred.begin(), index));
        }
    }
    return 0;
}

#pragma GCC diagnostic pop

// Splits the net flow into source-to-sink paths (largest first); cycles carry nothing out and are dropped.
std::vector<PathFlow> decompose(const NetworkGraph& ng, std::vector<std::pair<Edge, Flow>> arcs) {
    const auto& g = ng.g;
    // out-arcs per vertex with remaining flow, in a stable order
    std::vector<std::vector<std::size_t>> out(boost::num_vertices(g));
    for (std::size_t k = 0; k < arcs.size(); ++k) out[boost::source(arcs[k].first, g)].push_back(k);
    std::vector<std::size_t> next(out.size(), 0);
    std::vector<PathFlow> paths;
    for (;;) {
        // walk from the source along arcs with flow; a repeated vertex closes a cycle, which is cancelled
        std::vector<std::size_t> walk;
        std::vector<long> pos(out.size(), -1);
        Vertex u = ng.source;
        pos[u] = 0;
        bool done = false;
        while (u != ng.sink) {
            while (next[u] < out[u].size() && arcs[out[u][next[u]]].second == 0) ++next[u];
            if (next[u] == out[u].size()) {
                done = true;  // nothing leaves: all flow is decomposed
                break;
            }
            const std::size_t k = out[u][next[u]];
            const Vertex v = boost::target(arcs[k].first, g);
            walk.push_back(k);
            if (pos[v] >= 0) {  // a cycle from pos[v] to here
                Flow m = kUnlimited;
                for (std::size_t i = static_cast<std::size_t>(pos[v]); i < walk.size(); ++i) m = std::min(m, arcs[walk[i]].second);
                for (std::size_t i = static_cast<std::size_t>(pos[v]); i < walk.size(); ++i) arcs[walk[i]].second -= m;
                for (std::size_t i = static_cast<std::size_t>(pos[v]) + 1; i < walk.size(); ++i)
                    pos[boost::target(arcs[walk[i - 1]].first, g)] = -1;
                walk.resize(static_cast<std::size_t>(pos[v]));
                u = v;
                continue;
            }
            pos[v] = static_cast<long>(walk.size());
            u = v;
        }
        if (done || walk.empty()) break;
        Flow m = kUnlimited;
        for (std::size_t k : walk) m = std::min(m, arcs[k].second);
        PathFlow p;
        p.flow = m;
        for (std::size_t k : walk) {
            arcs[k].second -= m;
            if (g[arcs[k].first].kind == ArcKind::route) p.routes.push_back(g[arcs[k].first].item);
        }
        paths.push_back(std::move(p));
    }
    std::stable_sort(paths.begin(), paths.end(), [](const PathFlow& a, const PathFlow& b) { return a.flow > b.flow; });
    return paths;
}

}  // namespace

std::vector<std::size_t> resolve_endpoint(const Network& net, const std::string& spec) {
    if (auto i = net.place_index(spec)) return {*i};
    std::vector<std::size_t> out;
    if (is_country_code(spec))
        for (std::size_t i = 0; i < net.places.size(); ++i)
            if (net.places[i].country == spec) out.push_back(i);
    if (out.empty()) throw infeasible_error("\"" + spec + "\" is neither a place id nor the country code of any place");
    return out;
}

bool carries(const Route& r, const MonthlyCapacity& c, const std::string& commodity) {
    return carries(r, r.commodities, c, commodity);
}

bool carries(const Route& r, const std::vector<std::string>& commodities, const MonthlyCapacity& c,
             const std::string& commodity) {
    if (std::find(commodities.begin(), commodities.end(), commodity) == commodities.end()) return false;
    if (commodity == "crude_oil") return r.mode == Mode::pipeline || r.mode == Mode::tanker;
    if (commodity == "passengers") return c.passengers.value > 0;
    return true;
}

FlowResult max_flow(NetworkGraph& ng, const Network& net, const FlowQuery& q) {
    std::vector<MonthlyCapacity> own;
    if (q.capacities.empty())
        for (const auto& r : net.routes) own.push_back(monthly_capacity(r.figures));
    const auto& caps = q.capacities.empty() ? own : q.capacities;
    if (caps.size() != net.routes.size()) throw error("internal: one capacity per route expected");

    const auto from = resolve_endpoint(net, q.from);
    const auto to = resolve_endpoint(net, q.to);
    for (std::size_t i : from)
        if (std::find(to.begin(), to.end(), i) != to.end())
            throw infeasible_error("place " + net.places[i].id + " is both an origin and a destination");

    const bool passengers = q.commodity && *q.commodity == "passengers";
    if (q.commodity) {
        bool any = false;
        for (std::size_t r = 0; r < net.routes.size() && !any; ++r) {
            auto it = q.commodities.find(r);
            any = carries(net.routes[r], it == q.commodities.end() ? net.routes[r].commodities : it->second, caps[r],
                          *q.commodity);
        }
        if (!any) throw infeasible_error("no route carries commodity \"" + *q.commodity + "\"");
    }

    set_capacities(ng, net, q, caps, passengers, from, to, true);
    if (!reachable(ng, false)[ng.sink]) {
        // Say what made it infeasible: the filters, the closures, or the network itself.
        std::vector<std::string> filters;
        if (q.commodity) filters.push_back("commodity " + *q.commodity);
        if (!q.modes.empty()) {
            std::vector<std::string> m;
            for (Mode mode : q.modes) m.emplace_back(mode_name(mode));
            filters.push_back("modes " + joined(m));
        }
        std::vector<MonthlyCapacity> all(net.routes.size());
        for (auto& c : all) c.tonnes.value = c.passengers.value = 1;
        set_capacities(ng, net, q, all, passengers, from, to, false);
        const bool connected = reachable(ng, false)[ng.sink];
        std::string why;
        if (!connected) why = "no chain of routes joins them in the network";
        else if (!filters.empty()) why = "no open route chain joins them with " + joined(filters) + " (or routes closed/at zero capacity)";
        else why = "every route chain joining them is closed or has zero capacity";
        throw infeasible_error("no path from " + q.from + " to " + q.to + ": " + why);
    }

    FlowResult result;
    result.passengers = passengers;
    result.throughput = solve(ng, q.algorithm);

    const auto& g = ng.g;
    // Minimum cut: arcs from the source side (reachable in the residual graph) to the other side.
    const auto side = reachable(ng, true);
    for_each_arc(g, [&](Edge e) {
        const Arc& a = g[e];
        const Flow cap = ng.capacity[e.idx];
        if ((a.kind != ArcKind::route && a.kind != ArcKind::place) || cap == 0) return;
        if (side[boost::source(e, g)] && !side[boost::target(e, g)]) {
            const bool place = a.kind == ArcKind::place;
            const bool dup = std::any_of(result.min_cut.begin(), result.min_cut.end(),
                                         [&](const CutItem& c) { return c.is_place == place && c.index == a.item; });
            if (!dup) result.min_cut.push_back({place, a.item, cap});
        }
    });
    std::sort(result.min_cut.begin(), result.min_cut.end(), [](const CutItem& a, const CutItem& b) {
        return std::tie(a.is_place, a.index) < std::tie(b.is_place, b.index);
    });

    // Net flow per route: opposite flows on a two-way route cancel (conservation holds).
    result.route_flow.assign(net.routes.size(), 0);
    result.route_backward.assign(net.routes.size(), false);
    std::vector<std::pair<Edge, Flow>> flow_arcs;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        Flow fwd = 0, bwd = 0;
        Edge ef{}, eb{};
        for (std::size_t k = ng.route_first[r]; k < ng.route_first[r + 1]; ++k) {
            const Edge e = ng.route_arcs[k];
            const Flow f = ng.capacity[e.idx] - ng.residual[e.idx];
            if (g[e].backward) { bwd = f; eb = e; } else { fwd = f; ef = e; }
        }
        result.route_flow[r] = fwd >= bwd ? fwd - bwd : bwd - fwd;
        result.route_backward[r] = bwd > fwd;
        if (result.route_flow[r] > 0) flow_arcs.emplace_back(bwd > fwd ? eb : ef, result.route_flow[r]);
    }
    for (std::size_t i = 0; i < net.places.size(); ++i) {
        for (const Edge e : {ng.source_arcs[i], ng.sink_arcs[i]}) {
            const Flow f = ng.capacity[e.idx] - ng.residual[e.idx];
            if (f > 0) flow_arcs.emplace_back(e, f);
        }
        if (ng.place_split[i]) {
            const Flow f = ng.capacity[ng.place_arcs[i].idx] - ng.residual[ng.place_arcs[i].idx];
            if (f > 0) flow_arcs.emplace_back(ng.place_arcs[i], f);
        }
    }
    result.place_in.assign(net.places.size(), 0);
    result.place_out.assign(net.places.size(), 0);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (result.route_flow[r] == 0) continue;
        std::size_t a = *net.place_index(net.routes[r].from_id), b = *net.place_index(net.routes[r].to_id);
        if (result.route_backward[r]) std::swap(a, b);
        result.place_out[a] += result.route_flow[r];
        result.place_in[b] += result.route_flow[r];
    }
    result.paths = decompose(ng, std::move(flow_arcs));
    return result;
}

}  // namespace corridor
