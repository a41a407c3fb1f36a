#include "corridor/graph/flow.hpp"

#include <algorithm>
// GCC 12 reports -Wmaybe-uninitialized inside Boost's edge_iterator (a boost::optional
// it copies) once Boykov-Kolmogorov is inlined here: a known false positive.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <fmt/format.h>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <cmath>
#include <limits>

#include "corridor/text/strings.hpp"
#include "corridor/text/suggest.hpp"

namespace corridor {
namespace {

// Two ASCII letters, either case (`--from ru` means RU).
bool is_country_code(const std::string& s) {
    return s.size() == 2 && std::isalpha(static_cast<unsigned char>(s[0])) &&
           std::isalpha(static_cast<unsigned char>(s[1]));
}

// What all of one query's source arcs (or sink arcs) may add up to: a quarter of the
// integer range, so the solvers' sums of flow and excess stay far from overflow.
constexpr Flow kMaxTotal = std::numeric_limits<Flow>::max() / 4;

Flow to_flow(double v) {
    // Integer units in the solver. A figure above kMaxCapacity (10^15 t/month, far beyond
    // any real route) is held there; sums over many arcs are checked against kMaxTotal.
    // Whole tonnes, rounded down, so no flow ever exceeds the stated capacity (the small
    // tolerance keeps 5999.9999999 from an annual figure at 6000).
    if (!(v > 0)) return 0;
    return v >= static_cast<double>(kMaxCapacity) ? kMaxCapacity : static_cast<Flow>(std::floor(v + 1e-6));
}

// The arcs of a query's terminal places (origins' source arcs or destinations' sink arcs),
// in the order of places; refuses a place the graph was built without an arc for.
std::vector<Edge> terminal_arcs(const TerminalArcs& arcs, const std::vector<std::size_t>& places, const Network& net,
                                const FlowQuery& q, const char* kind) {
    std::vector<Edge> out;
    out.reserve(places.size());
    for (std::size_t i : places) {
        const Edge* e = arcs.find(i);
        if (e == nullptr)
            throw error(
                fmt::format("the graph has no {} arc for place {} ({} -> {}): it was built for other "
                            "endpoints; build it with query_terminals for this query, or for every place",
                            kind, net.places[i].id, q.from, q.to));
        out.push_back(*e);
    }
    return out;
}

// Opens every arc the query allows (filters off: every route at its capacity).
void set_capacities(NetworkGraph& ng, const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps,
                    bool passengers, const std::vector<Edge>& source_arcs, const std::vector<Edge>& sink_arcs,
                    bool filters) {
    // The residual capacities need no reset: every solver starts them from the capacities.
    std::fill(ng.capacity.begin(), ng.capacity.end(), 0);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        bool allowed = true;
        if (filters && q.commodity) allowed = carries(route, q.commodities_of(net, r), caps[r], *q.commodity);
        // Every commodity at once: a route left with none (a scenario's drops, a barred
        // transit) carries nothing.
        if (filters && !q.commodity && q.commodities_of(net, r).empty() && !route.commodities.empty()) allowed = false;
        if (filters && allowed && !q.modes.empty())
            allowed = std::find(q.modes.begin(), q.modes.end(), route.mode) != q.modes.end();
        const Flow cap = allowed ? to_flow(passengers ? caps[r].passengers.value : caps[r].tonnes.value) : 0;
        for (std::size_t k = ng.route_first[r]; k < ng.route_first[r + 1]; ++k) ng.capacity[ng.route_arcs[k].idx] = cap;
    }
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i])
            ng.capacity[ng.place_arcs[i].idx] =
                to_flow(q.place_capacities.empty() ? *net.places[i].capacity : q.place_capacities[i]);
    // "Unlimited" source and sink arcs: one more than all a place can send or take, so
    // they are never saturated (never on the cut) and the solver's sums of excess stay
    // far from overflow (all of them together are at most the total capacity plus one
    // per place). What a place can send: its route and place arcs out; what it can take:
    // its route and place arcs in, each the twin of one of its reverse arcs out.
    const auto& g = ng.g;
    auto opened = [&](Edge e) {
        const ArcKind k = g[e].kind;
        return k == ArcKind::route || k == ArcKind::place ? ng.capacity[e.idx] : Flow{0};
    };
    // The sums are checked: a network whose capacities add up beyond what the solver can
    // count is refused rather than answered wrongly.
    auto add = [](Flow& sum, Flow v) {
        if (__builtin_add_overflow(sum, v, &sum) || sum > kMaxTotal)
            throw error(
                fmt::format("capacities too large: the arcs of one query add up to more than {} "
                            "(t/month or passengers/month)",
                            kMaxTotal));
    };
    std::vector<Flow> send(source_arcs.size(), 0), take(sink_arcs.size(), 0);
    Flow total_send = 0, total_take = 0;
    for (std::size_t k = 0; k < source_arcs.size(); ++k) {
        for (auto [e, end] = boost::out_edges(boost::target(source_arcs[k], g), g); e != end; ++e)
            add(send[k], opened(*e));
        add(total_send, send[k] + 1);
    }
    for (std::size_t k = 0; k < sink_arcs.size(); ++k) {
        for (auto [e, end] = boost::out_edges(boost::source(sink_arcs[k], g), g); e != end; ++e)
            if (g[*e].kind == ArcKind::reverse) add(take[k], opened(ng.twin_of(*e)));
        add(total_take, take[k] + 1);
    }
    for (std::size_t k = 0; k < source_arcs.size(); ++k) ng.capacity[source_arcs[k].idx] = send[k] + 1;
    for (std::size_t k = 0; k < sink_arcs.size(); ++k) ng.capacity[sink_arcs[k].idx] = take[k] + 1;
}

// Vertices reachable from the source over arcs with spare capacity.
std::vector<bool> reachable(const NetworkGraph& ng, bool residual) {
    const auto& g = ng.g;
    std::vector<bool> seen(boost::num_vertices(g), false);
    std::vector<Vertex> queue{ng.source};
    seen[ng.source] = true;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Vertex u = queue[head];
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
    const TwinMap rev = ng.twin_map();
    auto index = boost::get(boost::vertex_index, g);

    const std::size_t n = boost::num_vertices(g);
    switch (algorithm) {
        case FlowAlgorithm::push_relabel:
            return boost::push_relabel_max_flow(g, ng.source, ng.sink, cap, res, rev, index);
        case FlowAlgorithm::boykov_kolmogorov: {
            std::vector<boost::default_color_type> color(n);
            std::vector<Edge> pred(n);
            std::vector<Flow> dist(n);
            return boost::boykov_kolmogorov_max_flow(
                g, cap, res, rev, boost::make_iterator_property_map(pred.begin(), index),
                boost::make_iterator_property_map(color.begin(), index),
                boost::make_iterator_property_map(dist.begin(), index), index, ng.source, ng.sink);
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
// The arcs with flow out of each vertex, in a stable order: order[first[u] .. first[u + 1]);
// next[u] is u's first arc that may still carry flow.
struct ArcsByTail {
    std::vector<std::uint32_t> first, next, order;

    ArcsByTail(const FlowGraph& g, std::size_t nv, const std::vector<std::pair<Edge, Flow>>& arcs)
        : first(nv + 1, 0), order(arcs.size()) {
        for (const auto& a : arcs) ++first[boost::source(a.first, g) + 1];
        for (std::size_t v = 0; v < nv; ++v) first[v + 1] += first[v];
        next.assign(first.begin(), first.end() - 1);
        for (std::size_t k = 0; k < arcs.size(); ++k)
            order[next[boost::source(arcs[k].first, g)]++] = static_cast<std::uint32_t>(k);
        std::copy(first.begin(), first.end() - 1, next.begin());
    }
};

// Takes the cycle walk[from..] off the flow (its smallest flow from every arc) and off the walk.
void cancel_cycle(const FlowGraph& g, std::vector<std::pair<Edge, Flow>>& arcs, std::vector<std::size_t>& walk,
                  std::size_t from, std::vector<std::int32_t>& pos) {
    Flow m = kUnlimited;
    for (std::size_t i = from; i < walk.size(); ++i) m = std::min(m, arcs[walk[i]].second);
    for (std::size_t i = from; i < walk.size(); ++i) arcs[walk[i]].second -= m;
    for (std::size_t i = from + 1; i < walk.size(); ++i) pos[boost::target(arcs[walk[i - 1]].first, g)] = -1;
    walk.resize(from);
}

std::vector<PathFlow> decompose(const NetworkGraph& ng, std::vector<std::pair<Edge, Flow>> arcs) {
    const auto& g = ng.g;
    const std::size_t nv = boost::num_vertices(g);
    ArcsByTail out(g, nv, arcs);
    // position of each vertex on the walk (-1: not on it); reset after each walk
    std::vector<std::int32_t> pos(nv, -1);
    std::vector<std::size_t> walk;
    std::vector<PathFlow> paths;
    for (;;) {
        // walk from the source along arcs with flow; a repeated vertex closes a cycle, which is cancelled
        walk.clear();
        Vertex u = ng.source;
        pos[u] = 0;
        bool done = false;
        while (u != ng.sink) {
            while (out.next[u] < out.first[u + 1] && arcs[out.order[out.next[u]]].second == 0) ++out.next[u];
            if (out.next[u] == out.first[u + 1]) {
                done = true;  // nothing leaves: all flow is decomposed
                break;
            }
            const std::size_t k = out.order[out.next[u]];
            const Vertex v = boost::target(arcs[k].first, g);
            walk.push_back(k);
            if (pos[v] >= 0) cancel_cycle(g, arcs, walk, static_cast<std::size_t>(pos[v]), pos);
            else pos[v] = static_cast<std::int32_t>(walk.size());
            u = v;
        }
        pos[ng.source] = -1;
        for (std::size_t k : walk) pos[boost::target(arcs[k].first, g)] = -1;
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

// The steps of max_flow, in order.

// The query's capacities (the routes' own when it gives none), checked for size.
const std::vector<MonthlyCapacity>& checked_capacities(const Network& net, const FlowQuery& q,
                                                       std::vector<MonthlyCapacity>& own) {
    if (q.capacities.empty())
        for (const auto& r : net.routes) own.push_back(monthly_capacity(r.figures));
    const auto& caps = q.capacities.empty() ? own : q.capacities;
    if (caps.size() != net.routes.size()) throw error("internal: one capacity per route expected");
    if (!q.place_capacities.empty() && q.place_capacities.size() != net.places.size())
        throw error("internal: one capacity per place expected");
    return caps;
}

// The source arcs of the origins and the sink arcs of the destinations; refuses a place
// that is both.
std::pair<std::vector<Edge>, std::vector<Edge>> query_arcs(const NetworkGraph& ng, const Network& net,
                                                           const FlowQuery& q) {
    const auto from = resolve_endpoint(net, q.from);
    const auto to = resolve_endpoint(net, q.to);
    for (std::size_t i : from)
        if (std::find(to.begin(), to.end(), i) != to.end())
            throw infeasible_error("place " + net.places[i].id + " is both an origin and a destination");
    return {terminal_arcs(ng.source_arcs, from, net, q, "source"), terminal_arcs(ng.sink_arcs, to, net, q, "sink")};
}

void check_commodity_carried(const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps) {
    if (!q.commodity) return;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (carries(net.routes[r], q.commodities_of(net, r), caps[r], *q.commodity)) return;
    }
    throw infeasible_error("no route carries commodity \"" + *q.commodity + "\"");
}

// Why nothing flows: the filters, the closures, or the network itself (reopens every
// arc at 1 to tell).
std::string why_infeasible(NetworkGraph& ng, const Network& net, const FlowQuery& q, bool passengers,
                           const std::vector<Edge>& source_arcs, const std::vector<Edge>& sink_arcs) {
    std::vector<std::string> filters;
    if (q.commodity) filters.push_back("commodity " + *q.commodity);
    if (!q.modes.empty()) {
        std::vector<std::string> m;
        for (Mode mode : q.modes) m.emplace_back(mode_name(mode));
        filters.push_back("modes " + joined(m));
    }
    std::vector<MonthlyCapacity> all(net.routes.size());
    for (auto& c : all) c.tonnes.value = c.passengers.value = 1;
    set_capacities(ng, net, q, all, passengers, source_arcs, sink_arcs, false);
    if (!reachable(ng, false)[ng.sink]) return "no chain of routes joins them in the network";
    if (!filters.empty())
        return "no open route chain joins them with " + joined(filters) + " (or routes closed/at zero capacity)";
    return "every route chain joining them is closed or has zero capacity";
}

// Arcs from the source side (reachable in the residual graph) to the other side; a two-way
// route or a place is listed once, routes first, each by index.
std::vector<CutItem> min_cut(const NetworkGraph& ng, const Network& net) {
    const auto& g = ng.g;
    const auto side = reachable(ng, true);
    auto cut = [&](Edge e) {
        return ng.capacity[e.idx] > 0 && side[boost::source(e, g)] && !side[boost::target(e, g)];
    };
    std::vector<CutItem> items;
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        for (std::size_t k = ng.route_first[r]; k < ng.route_first[r + 1]; ++k)
            if (cut(ng.route_arcs[k])) {
                items.push_back({false, r, ng.capacity[ng.route_arcs[k].idx]});
                break;
            }
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i] && cut(ng.place_arcs[i])) items.push_back({true, i, ng.capacity[ng.place_arcs[i].idx]});
    return items;
}

// Net flow per route into result (opposite flows on a two-way route cancel: conservation
// holds); returns the route arcs that carry it, for the decomposition.
std::vector<std::pair<Edge, Flow>> net_route_flows(const NetworkGraph& ng, const Network& net, FlowResult& result) {
    const auto& g = ng.g;
    result.route_flow.assign(net.routes.size(), 0);
    result.route_backward.assign(net.routes.size(), false);
    std::vector<std::pair<Edge, Flow>> flow_arcs;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        Flow fwd = 0, bwd = 0;
        Edge ef{}, eb{};
        for (std::size_t k = ng.route_first[r]; k < ng.route_first[r + 1]; ++k) {
            const Edge e = ng.route_arcs[k];
            const Flow f = ng.capacity[e.idx] - ng.residual[e.idx];
            if (g[e].backward) {
                bwd = f;
                eb = e;
            } else {
                fwd = f;
                ef = e;
            }
        }
        result.route_flow[r] = fwd >= bwd ? fwd - bwd : bwd - fwd;
        result.route_backward[r] = bwd > fwd;
        if (result.route_flow[r] > 0) flow_arcs.emplace_back(bwd > fwd ? eb : ef, result.route_flow[r]);
    }
    return flow_arcs;
}

// The source, sink and place arcs that carry flow.
void add_arc_flows(const NetworkGraph& ng, const Network& net, const std::vector<Edge>& source_arcs,
                   const std::vector<Edge>& sink_arcs, std::vector<std::pair<Edge, Flow>>& flow_arcs) {
    auto add_flow = [&](Edge e) {
        const Flow f = ng.capacity[e.idx] - ng.residual[e.idx];
        if (f > 0) flow_arcs.emplace_back(e, f);
    };
    for (const Edge e : source_arcs) add_flow(e);
    for (const Edge e : sink_arcs) add_flow(e);
    for (std::size_t i = 0; i < net.places.size(); ++i)
        if (ng.place_split[i]) add_flow(ng.place_arcs[i]);
}

// Flow entering and leaving each place on routes.
void place_flows(const Network& net, FlowResult& result) {
    result.place_in.assign(net.places.size(), 0);
    result.place_out.assign(net.places.size(), 0);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (result.route_flow[r] == 0) continue;
        std::size_t a = net.from_index(net.routes[r]), b = net.to_index(net.routes[r]);
        if (result.route_backward[r]) std::swap(a, b);
        result.place_out[a] += result.route_flow[r];
        result.place_in[b] += result.route_flow[r];
    }
}

}  // namespace

std::vector<std::size_t> resolve_endpoint(const Network& net, const std::string& spec) {
    if (auto i = net.place_index(spec)) return {*i};
    std::vector<std::size_t> out;
    if (is_country_code(spec)) {
        std::string code = spec;
        for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (std::size_t i = 0; i < net.places.size(); ++i)
            if (net.places[i].country == code) out.push_back(i);
    }
    if (out.empty()) {
        std::vector<std::string> ids;
        for (const auto& p : net.places) ids.push_back(p.id);
        throw infeasible_error("unknown place '" + spec + "'" + suggestion_suffix(spec, ids) +
                               " (give a place id or the country code of a place)");
    }
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

Terminals query_terminals(const Network& net, const std::string& from, const std::string& to) {
    Terminals t{resolve_endpoint(net, from), resolve_endpoint(net, to)};
    // Destinations keep their source arcs too (closed: a query never opens them). Before
    // it grows its search trees, Boykov-Kolmogorov walks the super-source's arcs and puts
    // each place with an open sink arc into its queue as it meets that place's source arc,
    // so without these arcs it would meet the destinations in another order and could
    // split the same throughput over other routes and paths than with every place's arcs.
    t.sources.insert(t.sources.end(), t.sinks.begin(), t.sinks.end());
    return t;
}

FlowResult max_flow(NetworkGraph& ng, const Network& net, const FlowQuery& q) {
    std::vector<MonthlyCapacity> own;
    const auto& caps = checked_capacities(net, q, own);
    const auto [source_arcs, sink_arcs] = query_arcs(ng, net, q);
    check_commodity_carried(net, q, caps);

    const bool passengers = q.commodity && *q.commodity == "passengers";
    set_capacities(ng, net, q, caps, passengers, source_arcs, sink_arcs, true);
    FlowResult result;
    result.passengers = passengers;
    // Every source arc is open (at least 1), so nothing flows exactly when no open path joins
    // the source to the sink.
    result.throughput = solve(ng, q.algorithm);
    if (result.throughput == 0)
        throw infeasible_error("no path from " + q.from + " to " + q.to + ": " +
                               why_infeasible(ng, net, q, passengers, source_arcs, sink_arcs));
    result.min_cut = min_cut(ng, net);
    auto flow_arcs = net_route_flows(ng, net, result);
    // Then the source, sink and place arcs with flow: each vertex's arcs stay in the order
    // decompose has always seen them (routes, then its sink arc), so the paths do not change.
    add_arc_flows(ng, net, source_arcs, sink_arcs, flow_arcs);
    place_flows(net, result);
    result.paths = decompose(ng, std::move(flow_arcs));
    return result;
}

FlowResult max_flow(const Network& net, const FlowQuery& q) {
    NetworkGraph graph = build_graph(net, query_terminals(net, q.from, q.to));
    return max_flow(graph, net, q);
}

}  // namespace corridor
