// Minimum-cost assignment of demands: column generation over the joint flow's layout (CLP),
// or LEMON's network simplex for one plain demand. The method is at the top of
// include/corridor/graph/assignment.hpp.
#include "corridor/graph/assignment.hpp"

#include <fmt/format.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <ClpSimplex.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <set>
#include <tuple>

#include "corridor/parallel.hpp"
#include "lp_layout.hpp"

namespace corridor {
namespace {

constexpr double kZero = 1e-7;       // flows and duals below this are the simplex's noise
constexpr double kImproving = 1e-7;  // a path enters when its reduced cost is below minus this
constexpr std::uint8_t kNoMode = 7;  // a path's mode before its first route (Mode has 7 values)
constexpr std::size_t kMaxRounds = 100000;
constexpr std::size_t kNetworkSimplexArcs = 300000;  // above: CLP is faster (see assign())

// An arc of the pricing graph: a commodity's route direction, a link inside a place, a gauge
// transfer, or a conversion into another commodity (see lp::Layout).
struct PArc {
    std::uint32_t tail = 0, head = 0;  // graph nodes: commodity * layer_nodes + layout node
    std::int32_t route = -1;           // route index, or -1
    std::int32_t place = -1;           // the place whose capacity row this arc counts in, or -1
    double cost = 0;                   // per tonne (routes)
    std::uint8_t mode = kNoMode;       // a route's mode
    bool transfer = false;             // a gauge change (charged rail's change cost)
    bool conversion = false;           // starts a new commodity (mode forgotten)
    bool backward = false;             // a route arc from to_id to from_id
};

// The pricing graph over every commodity in play, with its arcs grouped by tail.
struct Graph {
    lp::Layout layout{{}};
    std::vector<std::string> commodities;  // sorted
    std::size_t layer_nodes = 0;
    std::vector<PArc> arcs;            // sorted by tail
    std::vector<std::uint32_t> first;  // arcs of node u: [first[u], first[u + 1])
    std::vector<double> route_cap;     // whole tonnes
    std::vector<double> place_cap;     // whole tonnes; -1: no row
    std::vector<char> through;         // per place: its capacity bounds what enters it

    std::size_t nodes() const { return commodities.size() * layer_nodes; }
    std::uint32_t node(std::size_t k, std::uint32_t v) const { return static_cast<std::uint32_t>(k * layer_nodes + v); }
    std::size_t commodity_of(std::uint32_t n) const { return n / layer_nodes; }
    int index(const std::string& k) const {
        auto it = std::lower_bound(commodities.begin(), commodities.end(), k);
        return it != commodities.end() && *it == k ? static_cast<int>(it - commodities.begin()) : -1;
    }
};

FlowQuery network_query(const AssignmentQuery& q) {
    FlowQuery f;
    f.capacities = q.capacities;
    f.commodities = q.commodities;
    return f;
}

// The demands' commodities and those that feed them through a conversion, sorted.
std::vector<std::string> commodities_in_play(const Network& net, const AssignmentQuery& q, const FlowQuery& fq,
                                             const std::vector<MonthlyCapacity>& caps) {
    std::set<std::string> asked;
    for (const auto& d : q.demands) asked.insert(d.commodity);
    const std::vector<std::string> asked_list(asked.begin(), asked.end());
    for (auto& f : lp::feed_commodities(net, fq, caps, asked_list)) asked.insert(f);
    return {asked.begin(), asked.end()};
}

// Route capacities in whole tonnes; per place its capacity row, and whether it bounds what
// enters the place (through) or only what it handles.
void set_capacities(Graph& g, const Network& net, const std::vector<MonthlyCapacity>& caps) {
    g.route_cap.resize(net.routes.size());
    for (std::size_t r = 0; r < net.routes.size(); ++r) g.route_cap[r] = lp::whole(caps[r].tonnes.value);
    g.place_cap.assign(net.places.size(), -1);
    g.through.assign(net.places.size(), 0);
    for (std::size_t p = 0; p < net.places.size(); ++p) {
        if (!net.places[p].capacity) continue;
        g.place_cap[p] = lp::whole(*net.places[p].capacity);
        g.through[p] = !net.places[p].capacity_bounds_handling();
    }
}

// The place whose handling capacity a transfer or conversion at p counts in, or -1.
std::int32_t handling_row(const Graph& g, const Network& net, std::size_t p) {
    return net.places[p].capacity && !g.through[p] ? static_cast<std::int32_t>(p) : -1;
}

// Per commodity, the layout's arcs it may use: the routes that carry it (with their cost and
// mode) and the gauge transfers.
void add_commodity_arcs(Graph& g, const Network& net, const AssignmentQuery& q, const FlowQuery& fq,
                        const std::vector<MonthlyCapacity>& caps, const std::vector<lp::LpArc>& arcs) {
    for (std::size_t k = 0; k < g.commodities.size(); ++k)
        for (const lp::LpArc& a : arcs) {
            PArc p{g.node(k, a.tail), g.node(k, a.head)};
            if (a.role == lp::ArcRole::route) {
                const Route& r = net.routes[a.item];
                if (g.route_cap[a.item] <= 0 ||
                    !carries(r, fq.commodities_of(net, a.item), caps[a.item], g.commodities[k]))
                    continue;
                const std::size_t head_place = g.layout.place_of(a.head);
                p.route = static_cast<std::int32_t>(a.item);
                p.place = g.through[head_place] ? static_cast<std::int32_t>(head_place) : -1;
                p.cost = q.route_cost[a.item];
                p.mode = static_cast<std::uint8_t>(r.mode);
                p.backward = a.backward;
            } else if (a.role == lp::ArcRole::transfer) {
                p.transfer = true;
                p.place = handling_row(g, net, a.item);
            }
            g.arcs.push_back(p);
        }
}

// A conversion arc per converting place whose two commodities are in play: out of the input
// commodity's layer, into the output's.
void add_conversions(Graph& g, const Network& net) {
    for (std::size_t p = 0; p < net.places.size(); ++p) {
        const Place& place = net.places[p];
        if (place.converts_from.empty()) continue;
        const int from = g.index(place.converts_from.str()), to = g.index(place.converts_to.str());
        if (from < 0 || to < 0) continue;
        PArc c{g.node(static_cast<std::size_t>(from), g.layout.out(p)),
               g.node(static_cast<std::size_t>(to), g.layout.in(p))};
        c.place = handling_row(g, net, p);
        c.conversion = true;
        g.arcs.push_back(c);
    }
}

void group_by_tail(Graph& g) {
    std::stable_sort(g.arcs.begin(), g.arcs.end(), [](const PArc& a, const PArc& b) { return a.tail < b.tail; });
    g.first.assign(g.nodes() + 1, 0);
    for (const PArc& a : g.arcs) ++g.first[a.tail + 1];
    for (std::size_t v = 0; v < g.nodes(); ++v) g.first[v + 1] += g.first[v];
}

Graph build_pricing_graph(const Network& net, const AssignmentQuery& q) {
    const FlowQuery fq = network_query(q);
    const auto caps = lp::query_caps(net, fq);
    Graph g;
    g.commodities = commodities_in_play(net, q, fq, caps);
    g.layout = lp::Layout(lp::gauges_of(net, fq, caps));
    g.layer_nodes = static_cast<std::size_t>(g.layout.layers) * net.places.size();
    std::vector<lp::LpArc> arcs = lp::route_arcs(net, g.layout);
    lp::add_links(net, g.layout, arcs);
    set_capacities(g, net, caps);
    add_commodity_arcs(g, net, q, fq, caps, arcs);
    add_conversions(g, net);
    group_by_tail(g);
    return g;
}

// Where a demand's paths start and end in the pricing graph, and the arcs closed to it.
struct DemandEnds {
    std::vector<std::uint32_t> sources;       // (start commodity, origin's in node)
    std::vector<std::uint32_t> origin_place;  // per source: its place
    std::vector<std::uint32_t> targets;       // (commodity, destination's out node)
    // Per arc, 1 where a transit rule closes it to this demand; shared by the demands with the
    // same limits, `closed_set` being their index in transit_limits plus one (0: none).
    std::shared_ptr<const std::vector<char>> closed;
    std::size_t closed_set = 0;
    bool closes(std::uint32_t arc) const { return closed && (*closed)[arc]; }
};

// The commodities a demand of k may start as: k, and those converted into k (transitively).
std::vector<std::size_t> start_commodities(const Graph& g, std::size_t k) {
    std::vector<char> in(g.commodities.size(), 0);
    in[k] = 1;
    for (bool grew = true; grew;) {
        grew = false;
        for (const PArc& a : g.arcs)
            if (a.conversion && in[g.commodity_of(a.head)] && !in[g.commodity_of(a.tail)]) {
                in[g.commodity_of(a.tail)] = 1;
                grew = true;
            }
    }
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < in.size(); ++c)
        if (in[c]) out.push_back(c);
    return out;
}

DemandEnds terminals_of(const Network& net, const Graph& g, const Demand& d) {
    std::vector<std::size_t> from, to;
    try {
        from = resolve_endpoint(net, d.from);
        to = resolve_endpoint(net, d.to);
    } catch (const infeasible_error& e) {
        throw infeasible_error("demand " + d.id + ": " + e.what());
    }
    for (std::size_t v : from)
        if (std::find(to.begin(), to.end(), v) != to.end())
            throw infeasible_error("demand " + d.id + ": place " + net.places[v].id +
                                   " is both its origin and its destination");
    const auto k = static_cast<std::size_t>(g.index(d.commodity));
    DemandEnds t;
    for (std::size_t c : start_commodities(g, k))
        for (std::size_t v : from) {
            t.sources.push_back(g.node(c, g.layout.in(v)));
            t.origin_place.push_back(static_cast<std::uint32_t>(v));
        }
    for (std::size_t v : to) t.targets.push_back(g.node(k, g.layout.out(v)));
    return t;
}

// The arcs a demand's transit limits close: route arcs of a commodity the route may not carry
// for it.
std::vector<char> closed_arcs(const Graph& g, const TransitLimits& limits) {
    std::vector<char> closed(g.arcs.size(), 0);
    for (std::size_t a = 0; a < g.arcs.size(); ++a) {
        const PArc& arc = g.arcs[a];
        if (arc.route < 0) continue;
        const auto it = limits.find(static_cast<std::size_t>(arc.route));
        if (it == limits.end()) continue;
        const std::string& k = g.commodities[g.commodity_of(arc.tail)];
        closed[a] = std::find(it->second.begin(), it->second.end(), k) == it->second.end();
    }
    return closed;
}

// Every demand's ends, with the arcs its transit limits close (one shared set per entry of
// transit_limits that a demand uses).
std::vector<DemandEnds> demand_ends(const Network& net, const Graph& g, const AssignmentQuery& q) {
    std::vector<DemandEnds> ends;
    std::vector<std::shared_ptr<const std::vector<char>>> closed(q.transit_limits.size());
    for (std::size_t d = 0; d < q.demands.size(); ++d) {
        DemandEnds t = terminals_of(net, g, q.demands[d]);
        if (d < q.demand_transit.size() && q.demand_transit[d]) {
            const std::size_t set = *q.demand_transit[d];
            if (!closed[set])
                closed[set] = std::make_shared<const std::vector<char>>(closed_arcs(g, q.transit_limits[set]));
            t.closed = closed[set];
            t.closed_set = set + 1;
        }
        ends.push_back(std::move(t));
    }
    return ends;
}

// Nodes reached from a demand's sources over the arcs `open` allows and the demand's transit
// limits leave open; sets *routes when a route arc was crossed.
template <class Open>
std::vector<char> reach(const Graph& g, const DemandEnds& t, Open&& open, bool* routes = nullptr) {
    std::vector<char> seen(g.nodes(), 0);
    std::vector<std::uint32_t> queue;
    for (std::size_t i = 0; i < t.sources.size(); ++i)
        if (!seen[t.sources[i]]) {
            seen[t.sources[i]] = 1;
            queue.push_back(t.sources[i]);
        }
    for (std::size_t h = 0; h < queue.size(); ++h)
        for (std::uint32_t a = g.first[queue[h]]; a < g.first[queue[h] + 1]; ++a) {
            const PArc& arc = g.arcs[a];
            if (seen[arc.head] || t.closes(a) || !open(arc)) continue;
            if (routes && arc.route >= 0) *routes = true;
            seen[arc.head] = 1;
            queue.push_back(arc.head);
        }
    return seen;
}

// "cannot be served: ..." when no chain of open routes leads from the origin to the
// destination for the demand's commodity (or what it is made from); empty otherwise.
std::string unservable(const Graph& g, const DemandEnds& t, const Demand& d) {
    const auto reaches = [&](const DemandEnds& ends, bool* any_route) {
        const auto seen = reach(
            g, ends, [](const PArc&) { return true; }, any_route);
        return std::any_of(ends.targets.begin(), ends.targets.end(), [&](std::uint32_t v) { return seen[v] != 0; });
    };
    bool any_route = false;
    if (reaches(t, &any_route)) return "";
    if (t.closed) {
        DemandEnds as_drawn = t;
        as_drawn.closed.reset();
        if (reaches(as_drawn, nullptr))
            return fmt::format(
                "cannot be served: every chain of routes carrying {} from {} to {} crosses a third country that no "
                "transit rule opens to it",
                d.commodity, d.from, d.to);
    }
    if (!any_route) return fmt::format("cannot be served: no route carries {} from {}", d.commodity, d.from);
    return fmt::format("cannot be served: no chain of open routes carrying {} leads from {} to {}", d.commodity, d.from,
                       d.to);
}

// One demand's flow on one path of the pricing graph.
struct Flowing {
    std::size_t demand = 0;
    std::vector<std::uint32_t> arcs;  // indices into Graph::arcs, in travel order
    double t_mo = 0;
    double cost = 0;  // per tonne
};

double change_cost_of(const AssignmentQuery& q, std::uint8_t mode) {
    return mode < q.change_cost.size() ? q.change_cost[mode] : 0.0;
}

// The cost per tonne of a path: its routes' costs and its mode changes (see PArc).
double path_cost(const Graph& g, const AssignmentQuery& q, const std::vector<std::uint32_t>& arcs) {
    double c = 0;
    std::uint8_t mode = kNoMode;
    for (std::uint32_t a : arcs) {
        const PArc& arc = g.arcs[a];
        if (arc.route >= 0) {
            if (mode != kNoMode && mode != arc.mode) c += change_cost_of(q, arc.mode);
            mode = arc.mode;
            c += arc.cost;
        } else if (arc.transfer) {
            c += change_cost_of(q, static_cast<std::uint8_t>(Mode::rail));
        } else if (arc.conversion) {
            mode = kNoMode;
        }
    }
    return c;
}

// ---- the LP: column generation --------------------------------------------------------

class ColumnGeneration {
public:
    ColumnGeneration(const Network& net, const AssignmentQuery& q, const Graph& g, const std::vector<DemandEnds>& terms,
                     const std::vector<char>& served)
        : net_(net), q_(q), g_(g), terms_(terms), served_(served) {
        build_rows();
        modes_ = std::any_of(q.change_cost.begin(), q.change_cost.end(), [](double c) { return c > 0; }) ? 8 : 1;
        std::map<std::tuple<std::string, std::string, std::size_t>, std::vector<std::size_t>> groups;
        for (std::size_t d = 0; d < q.demands.size(); ++d)
            if (served_[d]) groups[{q.demands[d].from, q.demands[d].commodity, terms_[d].closed_set}].push_back(d);
        for (auto& [key, demands] : groups) groups_.push_back(std::move(demands));
    }

    // Lexicographic: each priority's unmet tonnes at their least, then the cost.
    std::vector<Flowing> solve() {
        std::set<int> priorities;
        for (std::size_t d = 0; d < q_.demands.size(); ++d)
            if (served_[d]) priorities.insert(q_.demands[d].priority);
        for (int p : priorities) {
            phase_priority_ = p;
            set_objective();
            generate();
            fix_priority(p);
        }
        phase_priority_ = kCostPhase;
        set_objective();
        generate();
        return read_paths();
    }

    std::size_t rounds() const { return rounds_; }
    std::size_t columns() const { return paths_.size(); }

private:
    static constexpr int kCostPhase = std::numeric_limits<int>::min();

    struct PathColumn {
        std::size_t demand;
        std::vector<std::uint32_t> arcs;
        double cost;
    };

    const Network& net_;
    const AssignmentQuery& q_;
    const Graph& g_;
    const std::vector<DemandEnds>& terms_;
    const std::vector<char>& served_;
    // demands of one origin, commodity and transit limits, by (from, commodity, closed set)
    std::vector<std::vector<std::size_t>> groups_;
    ClpSimplex lp_;
    std::vector<int> demand_row_, unmet_col_;
    std::vector<int> place_row_;
    std::vector<int> limit_row_;
    std::vector<std::vector<std::size_t>> limits_of_;  // per demand: its limits
    std::map<int, int> priority_row_;                  // priority -> the row holding its met tonnes
    std::vector<PathColumn> paths_;                    // column unmet columns + i
    std::set<std::pair<std::size_t, std::vector<std::uint32_t>>> known_;
    int phase_priority_ = 0;
    std::size_t modes_ = 1;
    std::size_t rounds_ = 0;
    bool solved_once_ = false;

    bool cost_phase() const { return phase_priority_ == kCostPhase; }

    // Rows: routes (row r), places with a capacity, limits, demands. Columns: unmet per demand.
    void build_rows() {
        const std::size_t nr = net_.routes.size();
        std::vector<double> lower, upper;
        for (std::size_t r = 0; r < nr; ++r) {
            lower.push_back(-COIN_DBL_MAX);
            upper.push_back(g_.route_cap[r]);
        }
        place_row_.assign(net_.places.size(), -1);
        for (std::size_t p = 0; p < net_.places.size(); ++p)
            if (g_.place_cap[p] >= 0) {
                place_row_[p] = static_cast<int>(lower.size());
                lower.push_back(-COIN_DBL_MAX);
                upper.push_back(g_.place_cap[p]);
            }
        limits_of_.assign(q_.demands.size(), {});
        for (std::size_t l = 0; l < q_.limits.size(); ++l) {
            limit_row_.push_back(static_cast<int>(lower.size()));
            lower.push_back(-COIN_DBL_MAX);
            upper.push_back(lp::whole(q_.limits[l].t_mo));
            for (std::size_t d : q_.limits[l].demands) limits_of_[d].push_back(l);
        }
        demand_row_.assign(q_.demands.size(), -1);
        std::vector<CoinBigIndex> start{0};
        std::vector<int> index;
        std::vector<double> value, col_upper;
        for (std::size_t d = 0; d < q_.demands.size(); ++d) {
            if (!served_[d]) continue;
            demand_row_[d] = static_cast<int>(lower.size());
            lower.push_back(q_.demands[d].t_mo);
            upper.push_back(q_.demands[d].t_mo);
            unmet_col_.push_back(static_cast<int>(d));
            index.push_back(demand_row_[d]);
            value.push_back(1);
            col_upper.push_back(q_.demands[d].t_mo);
            start.push_back(static_cast<CoinBigIndex>(index.size()));
        }
        const std::vector<double> col_lower(col_upper.size(), 0.0), objective(col_upper.size(), 0.0);
        lp_.loadProblem(static_cast<int>(col_upper.size()), static_cast<int>(lower.size()), start.data(), index.data(),
                        value.data(), col_lower.data(), col_upper.data(), objective.data(), lower.data(), upper.data());
        lp_.setLogLevel(0);
    }

    // A path's objective: its cost in the cost phase; -1 (a tonne met) in its priority's
    // phase; 0 otherwise. Unmet columns cost nothing: they only close the demand rows.
    double path_objective(const PathColumn& p) const {
        if (cost_phase()) return p.cost;
        return q_.demands[p.demand].priority == phase_priority_ ? -1.0 : 0.0;
    }

    void set_objective() {
        for (std::size_t j = 0; j < unmet_col_.size(); ++j) lp_.setObjectiveCoefficient(static_cast<int>(j), 0.0);
        for (std::size_t i = 0; i < paths_.size(); ++i)
            lp_.setObjectiveCoefficient(static_cast<int>(unmet_col_.size() + i), path_objective(paths_[i]));
    }

    // Holds priority p's met total at what this phase found (a row over its path columns,
    // which later columns of priority p join). The tolerance is relative to the tonnes met,
    // not asked, so a demand far beyond the network's capacity does not loosen it.
    void fix_priority(int p) {
        const double* x = lp_.primalColumnSolution();
        std::vector<int> cols;
        std::vector<double> ones;
        double met = 0;
        for (std::size_t i = 0; i < paths_.size(); ++i) {
            if (q_.demands[paths_[i].demand].priority != p) continue;
            cols.push_back(static_cast<int>(unmet_col_.size() + i));
            ones.push_back(1);
            met += x[unmet_col_.size() + i];
        }
        priority_row_[p] = lp_.numberRows();
        lp_.addRow(static_cast<int>(cols.size()), cols.data(), ones.data(), std::max(0.0, met - 1e-7 - 1e-9 * met),
                   COIN_DBL_MAX);
    }

    void run_simplex() {
        if (solved_once_) lp_.primal(1);
        else lp_.initialSolve();
        if (!lp_.isProvenOptimal())
            throw error(fmt::format("the assignment LP was not solved to optimality (CLP status {}, secondary {})",
                                    lp_.status(), lp_.secondaryStatus()));
        solved_once_ = true;
    }

    // Solves, prices, adds the improving paths; until none improves.
    void generate() {
        for (;;) {
            run_simplex();
            ++rounds_;
            if (rounds_ > kMaxRounds) throw error("the assignment's column generation did not converge");
            std::vector<PathColumn> found = price();
            if (found.empty()) return;
            add_columns(found);
        }
    }

    double dual(int row) const { return row < 0 ? 0.0 : lp_.dualRowSolution()[row]; }

    // An arc's weight in the pricing: its phase cost minus the duals of its rows (>= 0).
    double weight(const PArc& a) const {
        double w = cost_phase() ? a.cost : 0.0;
        if (a.route >= 0) w -= dual(a.route);
        if (a.place >= 0) w -= dual(place_row_[static_cast<std::size_t>(a.place)]);
        return std::max(0.0, w);
    }

    // Per group, one Dijkstra from its origins over (node, last mode) states; a path enters
    // for each demand whose best path has a negative reduced cost.
    std::vector<PathColumn> price() const {
        std::vector<double> arc_weight(g_.arcs.size());
        for (std::size_t a = 0; a < g_.arcs.size(); ++a) arc_weight[a] = weight(g_.arcs[a]);
        // The groups' Dijkstras are independent: one contiguous part of them per core, the
        // columns joined in group order (the same columns for any number of threads).
        const std::size_t parts = parts_for(groups_.size(), 2);
        std::vector<std::vector<PathColumn>> found(parts);
        run_parts(parts, [&](std::size_t part) {
            const std::size_t end = part_begin(groups_.size(), part + 1, parts);
            for (std::size_t i = part_begin(groups_.size(), part, parts); i < end; ++i)
                price_group(groups_[i], arc_weight, found[part]);
        });
        std::vector<PathColumn> all;
        for (auto& f : found)
            for (auto& c : f) all.push_back(std::move(c));
        return all;
    }

    // The pricing Dijkstra's labels over (node, last mode) states: the distance in the
    // phase's weights, ties broken by the path's cost, and the arc and state each state was
    // reached by.
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    struct Labels {
        std::vector<double> dist, tie;
        std::vector<std::uint32_t> pred, pred_state;
        explicit Labels(std::size_t states)
            : dist(states, std::numeric_limits<double>::infinity()),
              tie(states, std::numeric_limits<double>::infinity()), pred(states, kNone), pred_state(states, 0) {}
    };
    using Entry = std::tuple<double, double, std::uint32_t>;
    using Heap = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;

    void price_group(const std::vector<std::size_t>& demands, const std::vector<double>& arc_weight,
                     std::vector<PathColumn>& found) const {
        const Labels labels = group_paths(demands, arc_weight);
        for (std::size_t d : demands)
            if (auto col = entering_column(d, labels)) found.push_back(std::move(*col));
    }

    // The labels from the group's origins (each entered at its place's dual when that place
    // bounds what passes).
    Labels group_paths(const std::vector<std::size_t>& demands, const std::vector<double>& arc_weight) const {
        Labels l(g_.nodes() * modes_);
        Heap heap;
        const DemandEnds& t = terms_[demands.front()];
        const std::size_t start_mode = modes_ == 1 ? 0 : kNoMode;
        for (std::size_t i = 0; i < t.sources.size(); ++i) {
            const std::uint32_t p = t.origin_place[i];
            const double w = g_.through[p] ? std::max(0.0, -dual(place_row_[p])) : 0.0;
            const auto s = static_cast<std::uint32_t>(t.sources[i] * modes_ + start_mode);
            if (w < l.dist[s]) {
                l.dist[s] = w;
                l.tie[s] = 0;
                heap.emplace(w, 0.0, s);
            }
        }
        // Without mode states a node is settled when first popped: stop once every target is.
        std::vector<char> target(modes_ == 1 ? g_.nodes() : 0, 0);
        std::size_t targets_left = 0;
        if (modes_ == 1)
            for (std::size_t d : demands)
                for (std::uint32_t v : terms_[d].targets)
                    if (!target[v]) {
                        target[v] = 1;
                        ++targets_left;
                    }
        while (!heap.empty()) {
            const auto [du, tu, s] = heap.top();
            heap.pop();
            if (du > l.dist[s] || (du == l.dist[s] && tu > l.tie[s])) continue;
            if (modes_ == 1 && target[s] == 1) {
                target[s] = 2;
                if (--targets_left == 0) break;
            }
            relax(l, heap, s, arc_weight, t);
        }
        return l;
    }

    // Relaxes the arcs out of state s (its node, reached last by its mode): a change of mode,
    // a transfer or a conversion costs as the query says.
    void relax(Labels& l, Heap& heap, std::uint32_t s, const std::vector<double>& arc_weight,
               const DemandEnds& t) const {
        const double du = l.dist[s], tu = l.tie[s];
        const std::uint32_t u = static_cast<std::uint32_t>(s / modes_);
        const auto mode = static_cast<std::uint8_t>(s % modes_);
        for (std::uint32_t a = g_.first[u]; a < g_.first[u + 1]; ++a) {
            if (t.closes(a)) continue;
            const PArc& arc = g_.arcs[a];
            std::uint8_t next = mode;
            double extra = 0;
            if (modes_ > 1) {
                if (arc.route >= 0) {
                    if (mode != kNoMode && mode != arc.mode) extra = change_cost_of(q_, arc.mode);
                    next = arc.mode;
                } else if (arc.transfer) {
                    extra = change_cost_of(q_, static_cast<std::uint8_t>(Mode::rail));
                } else if (arc.conversion) {
                    next = kNoMode;
                }
            }
            const double w = arc_weight[a] + (cost_phase() ? extra : 0.0);
            const double c = arc.cost + extra;
            const auto v = static_cast<std::uint32_t>(arc.head * modes_ + next);
            const double dv = du + w, tv = tu + c;
            if (dv < l.dist[v] || (dv == l.dist[v] && tv < l.tie[v])) {
                l.dist[v] = dv;
                l.tie[v] = tv;
                l.pred[v] = a;
                l.pred_state[v] = s;
                heap.emplace(dv, tv, v);
            }
        }
    }

    // Demand d's best path to any of its targets, when its reduced cost (less the duals of
    // its demand, limit and priority rows) is negative and the path is not in yet.
    std::optional<PathColumn> entering_column(std::size_t d, const Labels& l) const {
        std::uint32_t best = kNone;
        for (std::uint32_t target : terms_[d].targets)
            for (std::size_t m = 0; m < modes_; ++m) {
                const auto s = static_cast<std::uint32_t>(target * modes_ + m);
                if (l.dist[s] == std::numeric_limits<double>::infinity()) continue;
                if (best == kNone || l.dist[s] < l.dist[best] || (l.dist[s] == l.dist[best] && l.tie[s] < l.tie[best]))
                    best = s;
            }
        if (best == kNone) return std::nullopt;
        const int priority = q_.demands[d].priority;
        double reduced = l.dist[best] - dual(demand_row_[d]);
        for (std::size_t lim : limits_of_[d]) reduced -= dual(limit_row_[lim]);
        if (auto it = priority_row_.find(priority); it != priority_row_.end()) reduced -= dual(it->second);
        if (!cost_phase() && priority == phase_priority_) reduced -= 1.0;
        if (reduced >= -kImproving) return std::nullopt;
        PathColumn col{d, {}, 0};
        for (std::uint32_t s = best; l.pred[s] != kNone; s = l.pred_state[s]) col.arcs.push_back(l.pred[s]);
        std::reverse(col.arcs.begin(), col.arcs.end());
        col.cost = path_cost(g_, q_, col.arcs);
        if (known_.count({d, col.arcs})) return std::nullopt;  // already in: its reduced cost is the duals' rounding
        return col;
    }

    // A path column's rows: its demand, routes and places (a place counted once per entry),
    // its origin's place when that bounds what passes, and its limits.
    void add_columns(std::vector<PathColumn>& found) {
        for (auto& col : found) {
            std::map<int, double> rows;
            rows[demand_row_[col.demand]] += 1;
            for (std::uint32_t a : col.arcs) {
                const PArc& arc = g_.arcs[a];
                if (arc.route >= 0) rows[arc.route] += 1;
                if (arc.place >= 0) rows[place_row_[static_cast<std::size_t>(arc.place)]] += 1;
            }
            const std::uint32_t first = col.arcs.empty() ? 0 : g_.arcs[col.arcs.front()].tail;
            const auto origin =
                static_cast<std::uint32_t>(g_.layout.place_of(static_cast<std::uint32_t>(first % g_.layer_nodes)));
            if (g_.through[origin]) rows[place_row_[origin]] += 1;
            for (std::size_t l : limits_of_[col.demand]) rows[limit_row_[l]] += 1;
            if (auto it = priority_row_.find(q_.demands[col.demand].priority); it != priority_row_.end())
                rows[it->second] += 1;
            std::vector<int> index;
            std::vector<double> value;
            for (const auto& [row, v] : rows) {
                index.push_back(row);
                value.push_back(v);
            }
            lp_.addColumn(static_cast<int>(index.size()), index.data(), value.data(), 0.0, COIN_DBL_MAX,
                          path_objective(col));
            known_.insert({col.demand, col.arcs});
            paths_.push_back(std::move(col));
        }
    }

    std::vector<Flowing> read_paths() const {
        const double* x = lp_.primalColumnSolution();
        std::vector<Flowing> out;
        for (std::size_t i = 0; i < paths_.size(); ++i) {
            const double v = x[unmet_col_.size() + i];
            if (v > kZero) out.push_back({paths_[i].demand, paths_[i].arcs, v, paths_[i].cost});
        }
        return out;
    }
};

// ---- one demand: LEMON's network simplex -----------------------------------------------

// Splits an arc flow from s to t into paths (a cycle met on the way is cancelled).
std::vector<std::pair<std::vector<std::uint32_t>, double>> decompose(const Graph& g, std::vector<double> flow,
                                                                     const DemandEnds& t) {
    std::vector<std::pair<std::vector<std::uint32_t>, double>> paths;
    std::vector<char> target(g.nodes(), 0);
    for (std::uint32_t v : t.targets) target[v] = 1;
    std::vector<std::int64_t> pos(g.nodes(), -1);
    for (std::uint32_t source : t.sources) {
        for (;;) {
            std::vector<std::uint32_t> walk;
            std::uint32_t u = source;
            pos[u] = 0;
            bool stuck = false;
            while (!target[u]) {
                std::uint32_t a = g.first[u];
                while (a < g.first[u + 1] && flow[a] <= kZero) ++a;
                if (a == g.first[u + 1]) {
                    stuck = true;
                    break;
                }
                walk.push_back(a);
                const std::uint32_t v = g.arcs[a].head;
                if (pos[v] >= 0) {  // a cycle: cancel it
                    const auto from = static_cast<std::size_t>(pos[v]);
                    double m = std::numeric_limits<double>::infinity();
                    for (std::size_t i = from; i < walk.size(); ++i) m = std::min(m, flow[walk[i]]);
                    for (std::size_t i = from; i < walk.size(); ++i) flow[walk[i]] -= m;
                    for (std::size_t i = from; i < walk.size(); ++i) pos[g.arcs[walk[i]].head] = -1;
                    walk.resize(from);
                    pos[v] = static_cast<std::int64_t>(walk.size());
                } else {
                    pos[v] = static_cast<std::int64_t>(walk.size());
                }
                u = v;
            }
            pos[source] = -1;
            for (std::uint32_t a : walk) pos[g.arcs[a].head] = -1;
            if (stuck || walk.empty()) break;
            double m = std::numeric_limits<double>::infinity();
            for (std::uint32_t a : walk) m = std::min(m, flow[a]);
            for (std::uint32_t a : walk) flow[a] -= m;
            paths.emplace_back(std::move(walk), m);
        }
    }
    return paths;
}

std::vector<Flowing> network_simplex(const Graph& g, const AssignmentQuery& q, const DemandEnds& t, std::size_t d) {
    using Digraph = lemon::SmartDigraph;
    Digraph lg;
    lg.reserveNode(static_cast<int>(g.nodes() + 2));
    lg.reserveArc(static_cast<int>(g.arcs.size() + t.sources.size() + t.targets.size() + 1));
    for (std::size_t v = 0; v < g.nodes(); ++v) lg.addNode();
    const Digraph::Node s = lg.addNode(), sink = lg.addNode();
    Digraph::ArcMap<double> upper(lg), cost(lg);
    const double demand = q.demands[d].t_mo;
    double all_costs = 1;
    for (std::uint32_t i = 0; i < g.arcs.size(); ++i) {
        const PArc& a = g.arcs[i];
        const Digraph::Arc arc =
            lg.addArc(lg.nodeFromId(static_cast<int>(a.tail)), lg.nodeFromId(static_cast<int>(a.head)));
        upper[arc] = t.closes(i) ? 0.0 : a.route >= 0 ? g.route_cap[static_cast<std::size_t>(a.route)] : demand;
        cost[arc] = a.cost;
        all_costs += a.cost;
    }
    for (std::uint32_t v : t.sources) {
        const auto arc = lg.addArc(s, lg.nodeFromId(static_cast<int>(v)));
        upper[arc] = demand;
        cost[arc] = 0;
    }
    for (std::uint32_t v : t.targets) {
        const auto arc = lg.addArc(lg.nodeFromId(static_cast<int>(v)), sink);
        upper[arc] = demand;
        cost[arc] = 0;
    }
    const auto bypass = lg.addArc(s, sink);  // the unmet tonnes, dearer than any path
    upper[bypass] = demand;
    cost[bypass] = all_costs;
    lemon::NetworkSimplex<Digraph, double, double> ns(lg);
    ns.upperMap(upper).costMap(cost).stSupply(s, sink, demand);
    if (ns.run() != lemon::NetworkSimplex<Digraph, double, double>::OPTIMAL)
        throw error("the network simplex found no optimal assignment");
    std::vector<double> flow(g.arcs.size());
    for (std::size_t a = 0; a < g.arcs.size(); ++a) flow[a] = ns.flow(lg.arcFromId(static_cast<int>(a)));
    std::vector<Flowing> out;
    for (auto& [arcs, t_mo] : decompose(g, std::move(flow), t)) {
        const double c = path_cost(g, q, arcs);
        out.push_back({d, std::move(arcs), t_mo, c});
    }
    return out;
}

bool needs_lp(const Network& net, const Graph& g, const AssignmentQuery& q, const std::vector<char>& served) {
    if (std::count(served.begin(), served.end(), 1) > 1 || g.layout.layers > 1 || g.commodities.size() != 1 ||
        !q.limits.empty())
        return true;
    if (std::any_of(q.change_cost.begin(), q.change_cost.end(), [](double c) { return c > 0; })) return true;
    for (std::size_t p = 0; p < net.places.size(); ++p)
        if (g.place_cap[p] >= 0) return true;  // a place row: only the LP counts it
    return false;
}

// ---- the result ----------------------------------------------------------------------

struct Loads {
    std::vector<double> route, place;
};

Loads loads_of(const Network& net, const Graph& g, const std::vector<Flowing>& flows,
               const std::vector<DemandEnds>& terms) {
    Loads l{std::vector<double>(net.routes.size(), 0), std::vector<double>(net.places.size(), 0)};
    for (const auto& f : flows) {
        for (std::uint32_t a : f.arcs) {
            if (g.arcs[a].route >= 0) l.route[static_cast<std::size_t>(g.arcs[a].route)] += f.t_mo;
            if (g.arcs[a].place >= 0) l.place[static_cast<std::size_t>(g.arcs[a].place)] += f.t_mo;
        }
        if (f.arcs.empty()) continue;
        const auto& t = terms[f.demand];
        const auto it = std::find(t.sources.begin(), t.sources.end(), g.arcs[f.arcs.front()].tail);
        if (it != t.sources.end()) {
            const std::uint32_t p = t.origin_place[static_cast<std::size_t>(it - t.sources.begin())];
            if (g.through[p]) l.place[p] += f.t_mo;
        }
    }
    return l;
}

bool full(double load, double cap) { return load >= cap - kZero * std::max(1.0, cap) - 1e-6; }

// The full routes and places on the border of what the demand's origins reach with spare
// capacity (its paths can grow no further through them), and its limits that are full.
void find_binding(const Graph& g, const AssignmentQuery& q, const DemandEnds& t, const Loads& loads, std::size_t d,
                  DemandResult& out) {
    auto open = [&](const PArc& a) {
        if (a.route >= 0 &&
            full(loads.route[static_cast<std::size_t>(a.route)], g.route_cap[static_cast<std::size_t>(a.route)]))
            return false;
        if (a.place >= 0 &&
            full(loads.place[static_cast<std::size_t>(a.place)], g.place_cap[static_cast<std::size_t>(a.place)]))
            return false;
        return true;
    };
    std::set<std::size_t> routes, places;
    for (std::size_t i = 0; i < t.sources.size(); ++i) {
        const std::uint32_t p = t.origin_place[i];
        if (g.through[p] && full(loads.place[p], g.place_cap[p])) places.insert(p);
    }
    DemandEnds from = t;
    if (!places.empty()) {  // a full origin place lets nothing more start there
        from.sources.clear();
        from.origin_place.clear();
        for (std::size_t i = 0; i < t.sources.size(); ++i)
            if (!places.count(t.origin_place[i])) {
                from.sources.push_back(t.sources[i]);
                from.origin_place.push_back(t.origin_place[i]);
            }
    }
    const auto seen = reach(g, from, open);
    for (std::uint32_t u = 0; u < g.nodes(); ++u) {
        if (!seen[u]) continue;
        for (std::uint32_t a = g.first[u]; a < g.first[u + 1]; ++a) {
            const PArc& arc = g.arcs[a];
            if (seen[arc.head] || open(arc)) continue;
            if (arc.route >= 0 && full(loads.route[static_cast<std::size_t>(arc.route)],
                                       g.route_cap[static_cast<std::size_t>(arc.route)]))
                routes.insert(static_cast<std::size_t>(arc.route));
            else if (arc.place >= 0) places.insert(static_cast<std::size_t>(arc.place));
        }
    }
    // a cut, not a shadow price: BindingItem::dual stays 0
    for (std::size_t r : routes) out.binding.push_back({false, r, g.route_cap[r], 0});
    for (std::size_t p : places) out.binding.push_back({true, p, g.place_cap[p], 0});
    for (std::size_t l = 0; l < q.limits.size(); ++l) {  // the demand's limits; assemble keeps the full ones
        const auto& ds = q.limits[l].demands;
        if (std::find(ds.begin(), ds.end(), d) != ds.end()) out.binding_limits.push_back(l);
    }
}

AssignedPath assigned_path(const Graph& g, const Flowing& f) {
    AssignedPath p;
    for (std::uint32_t a : f.arcs)
        if (g.arcs[a].route >= 0) {
            p.routes.push_back(static_cast<std::size_t>(g.arcs[a].route));
            p.carried.push_back(g.commodities[g.commodity_of(g.arcs[a].tail)]);
        }
    p.t_mo = f.t_mo;
    p.cost_per_t = f.cost;
    return p;
}

AssignmentResult assemble(const Network& net, const AssignmentQuery& q, const Graph& g,
                          const std::vector<DemandEnds>& terms, const std::vector<std::string>& why_not,
                          const std::vector<Flowing>& flows) {
    AssignmentResult res;
    res.commodities = g.commodities;
    res.route_by_commodity.assign(g.commodities.size(), std::vector<double>(net.routes.size(), 0));
    res.route_load.assign(net.routes.size(), 0);
    res.route_net.assign(net.routes.size(), 0);
    res.route_capacity = g.route_cap;
    res.demands.resize(q.demands.size());
    for (const auto& f : flows) {
        DemandResult& d = res.demands[f.demand];
        d.met_t_mo += f.t_mo;
        d.cost += f.t_mo * f.cost;
        d.paths.push_back(assigned_path(g, f));
        for (std::uint32_t a : f.arcs)
            if (g.arcs[a].route >= 0) {
                const auto r = static_cast<std::size_t>(g.arcs[a].route);
                res.route_by_commodity[g.commodity_of(g.arcs[a].tail)][r] += f.t_mo;
                res.route_load[r] += f.t_mo;
                res.route_net[r] += g.arcs[a].backward ? -f.t_mo : f.t_mo;
            }
    }
    const Loads loads = loads_of(net, g, flows, terms);
    std::vector<double> limit_load(q.limits.size(), 0);
    for (std::size_t l = 0; l < q.limits.size(); ++l)
        for (std::size_t d : q.limits[l].demands) limit_load[l] += res.demands[d].met_t_mo;
    for (std::size_t i = 0; i < q.demands.size(); ++i) {
        DemandResult& d = res.demands[i];
        const double asked = q.demands[i].t_mo;
        d.met_t_mo = std::min(d.met_t_mo, asked);
        d.unmet_t_mo = asked - d.met_t_mo;
        if (d.unmet_t_mo <= 1e-6 * std::max(1.0, asked)) d.unmet_t_mo = 0;
        std::stable_sort(d.paths.begin(), d.paths.end(), [](const AssignedPath& a, const AssignedPath& b) {
            return a.t_mo != b.t_mo ? a.t_mo > b.t_mo : a.cost_per_t < b.cost_per_t;
        });
        d.cannot_serve = why_not[i];
        if (d.unmet_t_mo > 0 && why_not[i].empty()) {
            find_binding(g, q, terms[i], loads, i, d);
            std::erase_if(d.binding_limits,
                          [&](std::size_t l) { return !full(limit_load[l], lp::whole(q.limits[l].t_mo)); });
        }
        res.total_cost += d.cost;
        res.met_t_mo += d.met_t_mo;
        res.unmet_t_mo += d.unmet_t_mo;
    }
    return res;
}

}  // namespace

bool network_simplex_applies(const Network& net, const AssignmentQuery& query) {
    const Graph g = build_pricing_graph(net, query);
    const std::vector<DemandEnds> terms = demand_ends(net, g, query);
    std::vector<char> served(query.demands.size(), 0);
    for (std::size_t d = 0; d < query.demands.size(); ++d)
        served[d] = unservable(g, terms[d], query.demands[d]).empty();
    return !needs_lp(net, g, query, served);
}

AssignmentResult assign(const Network& net, const AssignmentQuery& query) {
    if (query.route_cost.size() != net.routes.size()) throw error("internal: one cost per route expected");
    if (!query.demand_transit.empty() && query.demand_transit.size() != query.demands.size())
        throw error("internal: transit limits for every demand or none expected");
    for (const auto& set : query.demand_transit)
        if (set && *set >= query.transit_limits.size()) throw error("internal: transit limits out of range");
    const Graph g = build_pricing_graph(net, query);
    const std::vector<DemandEnds> terms = demand_ends(net, g, query);
    std::vector<std::string> why_not;
    std::vector<char> served;
    for (std::size_t i = 0; i < query.demands.size(); ++i) {
        const Demand& d = query.demands[i];
        why_not.push_back(d.t_mo > 0 ? unservable(g, terms[i], d) : "");
        served.push_back(d.t_mo > 0 && why_not.back().empty());
    }
    const bool lp = needs_lp(net, g, query, served);
    if (query.solver == AssignSolver::network_simplex && lp)
        throw error(
            "the network simplex answers one plain demand only (no gauges, conversions, place capacities, "
            "limits or mode-change costs)");
    std::vector<Flowing> flows;
    std::size_t rounds = 0, columns = 0;
    // Automatic: the network simplex where it applies and is faster. Measured on generated
    // networks, one demand corner to corner (bench/README.md): 11 ms against CLP's 60 ms at
    // 10k routes, 331 against 628 ms at 100k, but 24 to 30 s against 20 s at 1M routes, where
    // the LP's few shortest paths beat the simplex's pivots on a max-flow-like problem.
    const bool big = g.arcs.size() > kNetworkSimplexArcs;
    const bool use_lp = lp || query.solver == AssignSolver::lp || (query.solver == AssignSolver::automatic && big);
    const bool any = std::count(served.begin(), served.end(), 1) > 0;
    if (!any) {
        // nothing to solve: every demand is unservable (or asks for nothing)
    } else if (use_lp) {
        ColumnGeneration cg(net, query, g, terms, served);
        flows = cg.solve();
        rounds = cg.rounds();
        columns = cg.columns();
    } else {
        const auto d = static_cast<std::size_t>(std::find(served.begin(), served.end(), 1) - served.begin());
        flows = network_simplex(g, query, terms[d], d);
        columns = flows.size();
    }
    AssignmentResult res = assemble(net, query, g, terms, why_not, flows);
    res.solver = use_lp ? "clp" : "network_simplex";
    res.rounds = rounds;
    res.columns = columns;
    return res;
}

}  // namespace corridor
