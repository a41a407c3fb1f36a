// The node layout the joint flow's LP and the assignment's LP share (internal to graph/):
// a place's nodes with gauges, the arcs of routes and the links inside places, and the
// small rules both read the query with (whole tonnes, modes, usable routes, gauges).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "corridor/graph/flow.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor::lp {

// Whole units for the solver, as max_flow's to_flow: rounded down, held at kMaxCapacity.
inline double whole(double v) {
    if (!(v > 0)) return 0;
    return v >= static_cast<double>(kMaxCapacity) ? static_cast<double>(kMaxCapacity) : std::floor(v + 1e-6);
}

// The query's capacities per route: its own, or the figures'.
inline std::vector<MonthlyCapacity> query_caps(const Network& net, const FlowQuery& q) {
    if (!q.capacities.empty()) {
        if (q.capacities.size() != net.routes.size()) throw error("internal: one capacity per route expected");
        return q.capacities;
    }
    std::vector<MonthlyCapacity> caps;
    caps.reserve(net.routes.size());
    for (const auto& r : net.routes) caps.push_back(monthly_capacity(r.figures));
    return caps;
}

inline bool mode_allowed(const FlowQuery& q, Mode m) {
    return q.modes.empty() || std::find(q.modes.begin(), q.modes.end(), m) != q.modes.end();
}

// A route the union max-flow would open: its mode allowed, whole tonnes above zero.
inline bool usable(const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps, std::size_t r) {
    return mode_allowed(q, net.routes[r].mode) && whole(caps[r].tonnes.value) > 0;
}

// The specific gauges (not dual) of the routes the query may use, sorted, when there are two
// or more: then the flow keeps to one gauge between transfer places. Empty otherwise (one
// gauge, or none given: no gauge changes to model).
inline std::vector<Gauge> gauges_of(const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps) {
    std::set<Gauge> set;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Gauge g = net.routes[r].gauge;
        if (g != kNoGauge && g != kDualGauge && usable(net, q, caps, r)) set.insert(g);
    }
    if (set.size() < 2) return {};
    return {set.begin(), set.end()};
}

// Where flow can be inside a place. Without gauges (fewer than two among the routes the
// query may use) a place is one node. With them a place is 2 + G nodes: `in` (arrivals on
// routes without a gauge, and the super-source), `out` (departures on routes without a
// gauge, the super-sink, and what a conversion takes in), and one node per gauge (arrivals
// and departures on track of that gauge; dual-gauge track lies in every gauge's layer,
// sharing its capacity). Links inside the place: in -> out, in -> gauge (loading onto
// rail), gauge -> out (unloading); gauge -> another gauge only at a transfer place. So the
// flow changes gauge only where wagons or bogies are changed, and a train that came on
// dual-gauge track keeps its gauge. What starts at a place or arrives by another mode is
// loaded onto the place's own gauges (those of its single-gauge routes; any gauge at a
// transfer place, or where only dual-gauge track ends): so at Khasan, where the 1520 line
// meets the dual-gauge line, a load goes onto 1520 wagons, and changes gauge further on only
// at a transfer place. A place of kind "bridge" is only crossed: nothing is loaded onto or
// unloaded from rail there (so rail flow neither starts nor ends on a bridge).
struct Layout {
    std::uint32_t layers = 1;
    std::vector<Gauge> gauges;  // layer 2 + i holds gauges[i]

    explicit Layout(std::vector<Gauge> g)
        : layers(g.empty() ? 1 : static_cast<std::uint32_t>(2 + g.size())), gauges(std::move(g)) {}
    std::uint32_t node(std::size_t place, std::uint32_t layer) const {
        return static_cast<std::uint32_t>(place) * layers + layer;
    }
    std::size_t place_of(std::uint32_t node) const { return node / layers; }
    std::uint32_t in(std::size_t place) const { return node(place, 0); }
    std::uint32_t out(std::size_t place) const { return node(place, layers == 1 ? 0 : 1); }
    std::optional<std::uint32_t> gauge_layer(Gauge g) const {
        auto it = std::find(gauges.begin(), gauges.end(), g);
        if (it == gauges.end()) return std::nullopt;
        return static_cast<std::uint32_t>(2 + (it - gauges.begin()));
    }
};

enum class ArcRole : std::uint8_t { route, link, transfer };

// An LP arc between nodes: a route's direction (from_id -> to_id, or to_id -> from_id,
// backward, for a two-way route), or a link inside a place (see Layout).
struct LpArc {
    std::uint32_t item = 0;  // route index; place index for links and transfers
    std::uint32_t tail = 0;  // nodes
    std::uint32_t head = 0;
    bool backward = false;
    ArcRole role = ArcRole::route;
};

// Every route's arcs, in route order (self-loops left out: they carry nothing anywhere).
inline std::vector<LpArc> route_arcs(const Network& net, const Layout& layout) {
    std::vector<LpArc> arcs;
    arcs.reserve(2 * net.routes.size());
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const std::size_t a = net.from_index(net.routes[r]), b = net.to_index(net.routes[r]);
        if (a == b) continue;
        const auto id = static_cast<std::uint32_t>(r);
        auto add = [&](std::uint32_t tail_layer, std::uint32_t head_layer) {
            arcs.push_back({id, layout.node(a, tail_layer), layout.node(b, head_layer), false, ArcRole::route});
            if (net.routes[r].two_way)
                arcs.push_back({id, layout.node(b, tail_layer), layout.node(a, head_layer), true, ArcRole::route});
        };
        const Gauge g = net.routes[r].gauge;
        const auto layer = layout.gauge_layer(g);
        if (layout.layers > 1 && g == kDualGauge) {
            for (std::uint32_t i = 0; i < layout.gauges.size(); ++i) add(2 + i, 2 + i);
        } else if (layout.layers > 1 && layer) {
            add(*layer, *layer);
        } else {
            add(layout.layers == 1 ? 0 : 1, 0);  // out -> in
        }
    }
    return arcs;
}

// The links inside every place an arc touches (with gauges only; see Layout).
inline void add_links(const Network& net, const Layout& layout, std::vector<LpArc>& arcs) {
    if (layout.layers == 1) return;
    const std::size_t n = static_cast<std::size_t>(layout.layers) * net.places.size();
    std::vector<char> touched(n, 0), own(n, 0), has_own(net.places.size(), 0);
    for (const LpArc& a : arcs) {
        touched[a.tail] = touched[a.head] = 1;
        if (a.role == ArcRole::route && net.routes[a.item].gauge != kDualGauge &&
            net.routes[a.item].gauge != kNoGauge) {
            own[a.tail] = own[a.head] = 1;
            has_own[layout.place_of(a.tail)] = has_own[layout.place_of(a.head)] = 1;
        }
    }
    for (std::size_t p = 0; p < net.places.size(); ++p) {
        const auto id = static_cast<std::uint32_t>(p);
        const bool transfer = net.places[p].transfer == "gauge";
        const bool crossing_only = net.places[p].kind == "bridge";
        auto loads_onto = [&](std::uint32_t g) { return transfer || !has_own[p] || own[g]; };
        arcs.push_back({id, layout.in(p), layout.out(p), false, ArcRole::link});
        for (std::uint32_t i = 0; i < layout.gauges.size(); ++i) {
            const std::uint32_t g = layout.node(p, 2 + i);
            if (!touched[g]) continue;
            if (!crossing_only) {
                if (loads_onto(g)) arcs.push_back({id, layout.in(p), g, false, ArcRole::link});
                arcs.push_back({id, g, layout.out(p), false, ArcRole::link});
            }
            for (std::uint32_t j = 0; j < layout.gauges.size(); ++j)
                if (transfer && j != i && touched[layout.node(p, 2 + j)])
                    arcs.push_back({id, g, layout.node(p, 2 + j), false, ArcRole::transfer});
        }
    }
}

inline bool carried_anywhere(const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps,
                             const std::string& k) {
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        if (usable(net, q, caps, r) && carries(net.routes[r], q.commodities_of(net, r), caps[r], k)) return true;
    return false;
}

// Commodities the query does not ask for that a place converts into one it asks for (crude
// oil for oil products at a refinery), where some route the query may use carries them.
inline std::vector<std::string> feed_commodities(const Network& net, const FlowQuery& q,
                                                 const std::vector<MonthlyCapacity>& caps,
                                                 const std::vector<std::string>& commodities) {
    std::set<std::string> asked(commodities.begin(), commodities.end()), feeds;
    bool grew = true;
    while (grew) {  // a feed of a feed (A -> B -> C) is a feed too
        grew = false;
        for (const auto& p : net.places) {
            if (p.converts_from.empty()) continue;
            const std::string& in = p.converts_from.str();
            const bool wanted = asked.count(p.converts_to.str()) || feeds.count(p.converts_to.str());
            if (wanted && !asked.count(in) && !feeds.count(in) && carried_anywhere(net, q, caps, in)) {
                feeds.insert(in);
                grew = true;
            }
        }
    }
    return {feeds.begin(), feeds.end()};
}

}  // namespace corridor::lp
