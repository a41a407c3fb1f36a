// Joint multi-commodity maximum flow as one linear program, solved by COIN-OR CLP.
//
// Formulation (arc-flow, node-arc; Ahuja, Magnanti and Orlin, "Network Flows", ch. 17).
// Arcs are the routes' directions as network_graph builds them: one arc per route, and a
// second, to_id -> from_id, for a two-way route. For each commodity k:
//   x[k,a] >= 0   per arc a of a route that carries k (carries(): list, crude by pipeline or
//                 tanker, passengers where passengers/month > 0) and that lies on some path
//                 from an origin to a destination over k's arcs; that test looks at the
//                 structure only, never at capacities, so the model stays right when they change;
//   s[k,v] >= 0   from k's super-source into each origin v that k's arcs leave;
//   t[k,v] >= 0   from each destination v that k's arcs reach to k's super-sink;
//   conservation, per place v that k's columns touch:  in - out + s[k,v] - t[k,v] = 0.
// Shared rows:
//   per route r:   the x of both its arcs and every commodity  <= cap_r
//   per place v with a capacity of its own:  every x into v plus every s[k,v]  <= cap_v
//                  (what enters a place passes through it, as network_graph's in/out split).
// Objective: maximise the sum of the t (written as minimising its negative).
//
// network_graph gives each direction of a two-way route the route's full capacity; for one
// commodity that is the same as sharing it (a max-flow never needs opposite flows on one
// route, they cancel), but with several commodities in opposite directions it would count
// the route twice. Here the directions share it.
//
// Capacities appear only as bounds (rows' upper bounds, and columns' bounds that no flow can
// reach), so a scenario or a Monte Carlo draw is a bound change and CLP keeps its basis. The
// first solve lets CLP presolve and choose (it picks the primal simplex: the zero flow is
// feasible). Re-solves restart the primal simplex from the last basis. The textbook choice
// after bound changes is the dual simplex (the basis stays dual feasible), but on these
// degenerate LPs it was measured far slower and erratic: on 100k generated routes with three
// commodities (bench/, BM_JointFlowResolve), halving and restoring one border crossing took
// 1 to 4,239 dual iterations per re-solve (up to 12 s) against 1 to 11 primal ones (0.1 s)
// after the first, and redrawn capacities 12 to 6,018 dual iterations against 3 to 1,038.
// Duals of the shared rows are the shadow prices of BindingItem.
//
// No U-turns: with gauge layers an answer carries each commodity one way on a two-way route.
// With one layer opposite flows of a commodity on a route cancel out (subtracting the smaller
// from both keeps every balance), but across gauge layers they can go round the gauge rule:
// off a 1520 train at Rajin, by road to Wŏnjŏng and back, onto a 1435 train, a gauge change
// at a place that has no transfer. So with gauges, after a solve, every route that carries a
// commodity both ways has its smaller direction (the backward one on a tie) closed to that
// commodity, and the LP is solved again, until no route does; the rounds depend only on the
// input. Each solve starts with every direction open again (a Monte Carlo draw may need other
// closures). Without gauges nothing is closed: the opposite flows change no throughput.
#include "corridor/graph/multicommodity.hpp"

#include "lp_layout.hpp"

#include <fmt/format.h>
#include <ClpSimplex.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace corridor {
namespace {

using lp::add_links;
using lp::ArcRole;
using lp::feed_commodities;
using lp::gauges_of;
using lp::Layout;
using lp::LpArc;
using lp::mode_allowed;
using lp::query_caps;
using lp::route_arcs;
using lp::usable;
using lp::whole;

constexpr double kZero = 1e-7;  // flows and duals below this are the simplex's rounding noise

// Whether any route carries k (its list, the query's changes, its capacity), without copying
// the query's capacities.
bool some_route_carries(const Network& net, const FlowQuery& q, const std::string& k) {
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const MonthlyCapacity c = q.capacities.empty() ? monthly_capacity(net.routes[r].figures) : q.capacities[r];
        if (carries(net.routes[r], q.commodities_of(net, r), c, k)) return true;
    }
    return false;
}

std::vector<std::string> listed_commodities(const Network& net, const FlowQuery& q) {
    std::set<std::string> set(q.commodity_list.begin(), q.commodity_list.end());
    if (set.size() > 1 && set.count("passengers"))
        throw infeasible_error(
            "passengers are counted per passenger, not in tonnes: ask for commodity passengers alone");
    for (const auto& k : set)
        if (!some_route_carries(net, q, k)) throw infeasible_error("no route carries commodity \"" + k + "\"");
    return {set.begin(), set.end()};
}

// The query's limits on commodities it spans.
std::vector<FlowLimit> query_limits(const FlowQuery& q, const std::vector<std::string>& commodities) {
    std::vector<FlowLimit> out;
    for (const auto& l : q.limits)
        if (std::find(commodities.begin(), commodities.end(), l.commodity) != commodities.end()) out.push_back(l);
    return out;
}

}  // namespace

std::vector<std::string> query_commodities(const Network& net, const FlowQuery& q) {
    if (q.commodity && !q.commodity_list.empty())
        throw error("internal: a query names one commodity or a list of them, not both");
    if (q.commodity) return {*q.commodity};
    if (!q.commodity_list.empty()) return listed_commodities(net, q);
    const auto caps = query_caps(net, q);
    std::set<std::string> set;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (!usable(net, q, caps, r)) continue;
        for (const auto& k : q.commodities_of(net, r))
            if (k != "passengers" && carries(net.routes[r], q.commodities_of(net, r), caps[r], k)) set.insert(k);
    }
    return {set.begin(), set.end()};
}

bool needs_joint_flow(const Network& net, const FlowQuery& q) {
    const auto commodities = query_commodities(net, q);
    const auto caps = query_caps(net, q);
    if (!query_limits(q, commodities).empty() || !gauges_of(net, q, caps).empty() ||
        !feed_commodities(net, q, caps, commodities).empty())
        return true;
    if (commodities.size() <= 1) return false;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (!usable(net, q, caps, r)) continue;
        for (const auto& k : commodities)
            if (!carries(net.routes[r], q.commodities_of(net, r), caps[r], k)) return true;
    }
    return false;
}

FlowQuery max_flow_query(const Network& net, const FlowQuery& q) {
    FlowQuery out = q;
    if (q.commodity_list.empty()) return out;
    const auto commodities = query_commodities(net, q);
    if (commodities.size() == 1) out.commodity = commodities[0];
    out.commodity_list.clear();
    return out;
}

Flow whole_tonnes(double flow) { return static_cast<Flow>(whole(flow)); }

namespace {

enum class ColumnKind : std::uint8_t { arc, source, sink, convert };

// One LP column: a commodity's flow on an arc (item: arc index); from its super-source into
// an origin's node, or from a destination's node to its super-sink (item: node); or what a
// place converts (item: place; commodity: its input, the output being converts_to).
struct Column {
    ColumnKind kind = ColumnKind::arc;
    std::uint32_t commodity = 0;
    std::uint32_t item = 0;
};

// Nodes reached from `start` over the arcs (forward: tail to head; else head to tail).
std::vector<char> reached(std::size_t n, const std::vector<LpArc>& arcs, const std::vector<std::uint32_t>& use,
                          const std::vector<std::uint32_t>& start, bool forward) {
    std::vector<std::uint32_t> first(n + 1, 0), adj(use.size());
    for (std::uint32_t a : use) ++first[(forward ? arcs[a].tail : arcs[a].head) + 1];
    for (std::size_t v = 0; v < n; ++v) first[v + 1] += first[v];
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t a : use) adj[fill[forward ? arcs[a].tail : arcs[a].head]++] = a;
    std::vector<char> seen(n, 0);
    std::vector<std::uint32_t> queue(start.begin(), start.end());
    for (std::uint32_t v : start) seen[v] = 1;
    for (std::size_t head = 0; head < queue.size(); ++head)
        for (std::uint32_t k = first[queue[head]]; k < first[queue[head] + 1]; ++k) {
            const std::uint32_t w = forward ? arcs[adj[k]].head : arcs[adj[k]].tail;
            if (!seen[w]) {
                seen[w] = 1;
                queue.push_back(w);
            }
        }
    return seen;
}

}  // namespace

struct JointFlowModel::Impl {
    const Network* net = nullptr;
    FlowQuery query;
    std::vector<std::string> commodities;  // asked, then feeds, each part sorted
    std::size_t asked = 0;                 // commodities[0 .. asked) are the query's own
    std::vector<int> converts_to;          // per place: the commodity index it converts into, or -1
    std::vector<int> converts_from;        // per place: the commodity index it converts, or -1
    bool passengers = false;
    std::vector<std::size_t> origins, destinations;
    Layout layout{{}};
    std::vector<LpArc> arcs;
    std::vector<Column> columns;
    std::vector<FlowLimit> limits;  // the query's limits on commodities it asks for
    std::vector<int> route_row;     // per route; -1 when no column uses it
    std::vector<int> place_row;     // per place; -1 without a capacity or a column it bounds
    std::vector<int> limit_row;     // per limit
    int rows = 0;
    std::unique_ptr<ClpSimplex> lp = std::make_unique<ClpSimplex>();
    bool solved_once = false;

    std::size_t nodes() const { return static_cast<std::size_t>(layout.layers) * net->places.size(); }
    // Whether a place's capacity bounds everything passing through it (else what it handles).
    bool through_capacity(std::size_t p) const {
        return net->places[p].capacity.has_value() && !net->places[p].capacity_bounds_handling();
    }
    bool handling_capacity(std::size_t p) const {
        return net->places[p].capacity.has_value() && net->places[p].capacity_bounds_handling();
    }
    void resolve_terminals();
    void resolve_conversions();
    std::vector<std::uint32_t> commodity_arcs(std::uint32_t k, const std::vector<MonthlyCapacity>& caps) const;
    void build_columns(const std::vector<MonthlyCapacity>& caps);
    std::vector<int> build_rows();
    void load(const std::vector<int>& conservation);
    void set_bounds(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps);
    void set_column_bounds(const std::vector<double>& route_cap);
    void solve_with_limits();
    void solve_without_u_turns();
    std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> smaller_opposite_flows() const;
    void close_ways(const std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>>& ways);
    void run_simplex();
    double delivered(std::uint32_t k) const;
    double total() const;
    JointFlowResult read_flows() const;
    void read_binding(JointFlowResult& result) const;
    std::vector<JointPath> decompose(std::uint32_t k) const;
};

void JointFlowModel::Impl::resolve_terminals() {
    origins = resolve_endpoint(*net, query.from);
    destinations = resolve_endpoint(*net, query.to);
    for (std::size_t i : origins)
        if (std::find(destinations.begin(), destinations.end(), i) != destinations.end())
            throw infeasible_error("place " + net->places[i].id + " is both an origin and a destination");
}

// The places that convert one of the model's commodities into another of them.
void JointFlowModel::Impl::resolve_conversions() {
    converts_to.assign(net->places.size(), -1);
    converts_from.assign(net->places.size(), -1);
    auto index = [&](const std::string& k) {
        auto it = std::find(commodities.begin(), commodities.end(), k);
        return it == commodities.end() ? -1 : static_cast<int>(it - commodities.begin());
    };
    for (std::size_t p = 0; p < net->places.size(); ++p) {
        const Place& place = net->places[p];
        if (place.converts_from.empty()) continue;
        const int from = index(place.converts_from.str()), to = index(place.converts_to.str());
        if (from < 0 || to < 0) continue;
        converts_from[p] = from;
        converts_to[p] = to;
    }
}

// The arcs commodity k may use: its routes' arcs (and the links inside places) on some chain
// from where k enters (origins, and places converting into k) to where it leaves
// (destinations when the query asks for k, and places converting k). Without conversions
// or gauges, route arcs into an origin and out of a destination are left out: they never raise the
// maximum (a path through an origin may start there instead, its super-source reaching every
// origin, and one through a destination may end there, each using a part of the capacities
// it did). A country-to-country query so loses both countries' inner routes.
std::vector<std::uint32_t> JointFlowModel::Impl::commodity_arcs(std::uint32_t k,
                                                                const std::vector<MonthlyCapacity>& caps) const {
    const std::size_t n = net->places.size();
    // With conversions or gauges, starting at an origin is not the same as passing through it.
    const bool keep_ends =
        layout.layers > 1 || std::any_of(converts_from.begin(), converts_from.end(), [](int c) { return c >= 0; });
    std::vector<char> origin(n, 0), destination(n, 0);
    for (std::size_t v : origins) origin[v] = 1;
    for (std::size_t v : destinations) destination[v] = 1;
    std::vector<std::uint32_t> use;
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        if (arcs[a].role != ArcRole::route) {
            use.push_back(a);
            continue;
        }
        const std::size_t r = arcs[a].item;
        const bool ends = origin[layout.place_of(arcs[a].head)] || destination[layout.place_of(arcs[a].tail)];
        if ((keep_ends || !ends) && mode_allowed(query, net->routes[r].mode) &&
            carries(net->routes[r], query.commodities_of(*net, r), caps[r], commodities[k]))
            use.push_back(a);
    }
    std::vector<std::uint32_t> enter, leave;
    for (std::size_t v : origins) enter.push_back(layout.in(v));
    if (k < asked)
        for (std::size_t v : destinations) leave.push_back(layout.out(v));
    for (std::size_t p = 0; p < n; ++p) {
        if (converts_to[p] == static_cast<int>(k)) enter.push_back(layout.in(p));
        if (converts_from[p] == static_cast<int>(k)) leave.push_back(layout.out(p));
    }
    const auto from_entries = reached(nodes(), arcs, use, enter, true);
    const auto to_exits = reached(nodes(), arcs, use, leave, false);
    std::erase_if(use, [&](std::uint32_t a) { return !from_entries[arcs[a].tail] || !to_exits[arcs[a].head]; });
    return use;
}

// Columns by commodity: its arcs, then its source columns, its sink columns, and the
// conversions of it.
void JointFlowModel::Impl::build_columns(const std::vector<MonthlyCapacity>& caps) {
    for (std::uint32_t k = 0; k < commodities.size(); ++k) {
        const auto use = commodity_arcs(k, caps);
        std::vector<char> leaves(nodes(), 0), enters(nodes(), 0);
        for (std::uint32_t a : use) {
            columns.push_back({ColumnKind::arc, k, a});
            leaves[arcs[a].tail] = 1;
            enters[arcs[a].head] = 1;
        }
        for (std::size_t v : origins)
            if (leaves[layout.in(v)]) columns.push_back({ColumnKind::source, k, layout.in(v)});
        if (k < asked)
            for (std::size_t v : destinations)
                if (enters[layout.out(v)]) columns.push_back({ColumnKind::sink, k, layout.out(v)});
        for (std::size_t p = 0; p < net->places.size(); ++p)
            if (converts_from[p] == static_cast<int>(k) && enters[layout.out(p)])
                columns.push_back({ColumnKind::convert, k, static_cast<std::uint32_t>(p)});
    }
}

// Numbers the rows: routes, places, limits, then conservation per commodity and node
// (returned, indexed k * nodes + v; -1 where no column of k touches v).
std::vector<int> JointFlowModel::Impl::build_rows() {
    const std::size_t n = nodes();
    route_row.assign(net->routes.size(), -1);
    place_row.assign(net->places.size(), -1);
    std::vector<int> conservation(commodities.size() * n, -1);
    auto touch = [&](std::uint32_t k, std::size_t v) { conservation[k * n + v] = 0; };
    for (const Column& c : columns) {
        if (c.kind == ColumnKind::arc) {
            const LpArc& a = arcs[c.item];
            touch(c.commodity, a.tail);
            touch(c.commodity, a.head);
            if (a.role == ArcRole::route) {
                route_row[a.item] = 0;
                if (through_capacity(layout.place_of(a.head))) place_row[layout.place_of(a.head)] = 0;
            } else if (a.role == ArcRole::transfer && handling_capacity(a.item)) {
                place_row[a.item] = 0;
            }
        } else if (c.kind == ColumnKind::convert) {
            touch(c.commodity, layout.out(c.item));
            touch(static_cast<std::uint32_t>(converts_to[c.item]), layout.in(c.item));
            if (handling_capacity(c.item)) place_row[c.item] = 0;
        } else {
            touch(c.commodity, c.item);
            if (c.kind == ColumnKind::source && through_capacity(layout.place_of(c.item)))
                place_row[layout.place_of(c.item)] = 0;
        }
    }
    rows = 0;
    for (int& row : route_row)
        if (row == 0) row = rows++;
    for (int& row : place_row)
        if (row == 0) row = rows++;
    limit_row.clear();
    for (std::size_t l = 0; l < limits.size(); ++l) limit_row.push_back(rows++);
    for (int& row : conservation)
        if (row == 0) row = rows++;
    return conservation;
}

// Loads the matrix column by column (bounds come from set_bounds).
void JointFlowModel::Impl::load(const std::vector<int>& conservation) {
    const std::size_t n = nodes();
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value, objective;
    start.reserve(columns.size() + 1);
    index.reserve(4 * columns.size());
    value.reserve(4 * columns.size());
    objective.reserve(columns.size());
    auto entry = [&](int row, double v) {
        if (row < 0) return;
        index.push_back(row);
        value.push_back(v);
    };
    for (const Column& c : columns) {
        const std::size_t base = c.commodity * n;
        if (c.kind == ColumnKind::arc) {
            const LpArc& a = arcs[c.item];
            if (a.role == ArcRole::route) {
                entry(route_row[a.item], 1);
                if (through_capacity(layout.place_of(a.head))) entry(place_row[layout.place_of(a.head)], 1);
            } else if (a.role == ArcRole::transfer && handling_capacity(a.item)) {
                entry(place_row[a.item], 1);
            }
            entry(conservation[base + a.tail], -1);
            entry(conservation[base + a.head], 1);
        } else if (c.kind == ColumnKind::source) {
            if (through_capacity(layout.place_of(c.item))) entry(place_row[layout.place_of(c.item)], 1);
            entry(conservation[base + c.item], 1);
        } else if (c.kind == ColumnKind::sink) {
            for (std::size_t l = 0; l < limits.size(); ++l)
                if (limits[l].commodity == commodities[c.commodity]) entry(limit_row[l], 1);
            entry(conservation[base + c.item], -1);
        } else {  // convert: leaves the input's out node, enters the output's in node
            if (handling_capacity(c.item)) entry(place_row[c.item], 1);
            const auto to = static_cast<std::size_t>(converts_to[c.item]);
            // CLP wants a column's rows in any order but each once: the two conservation rows differ.
            entry(conservation[base + layout.out(c.item)], -1);
            entry(conservation[to * n + layout.in(c.item)], 1);
        }
        objective.push_back(c.kind == ColumnKind::sink ? -1.0 : 0.0);
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    const std::vector<double> col_lower(columns.size(), 0.0), col_upper(columns.size(), COIN_DBL_MAX);
    const std::vector<double> row_lower(static_cast<std::size_t>(rows), 0.0),
        row_upper(static_cast<std::size_t>(rows), 0.0);
    lp->loadProblem(static_cast<int>(columns.size()), rows, start.data(), index.data(), value.data(), col_lower.data(),
                    col_upper.data(), objective.data(), row_lower.data(), row_upper.data());
    lp->setLogLevel(0);
}

// Route and place rows: 0 .. capacity (whole units); limits: 0 .. the limit (a limit for
// part of the month: unbounded, solve_with_limits sets it); conservation rows stay at 0 .. 0.
void JointFlowModel::Impl::set_bounds(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps) {
    if (caps.size() != net->routes.size()) throw error("internal: one capacity per route expected");
    if (!place_caps.empty() && place_caps.size() != net->places.size())
        throw error("internal: one capacity per place expected");
    std::vector<double> route_cap(net->routes.size(), 0);
    for (std::size_t r = 0; r < route_row.size(); ++r) {
        if (route_row[r] < 0) continue;
        route_cap[r] = whole(passengers ? caps[r].passengers.value : caps[r].tonnes.value);
        lp->setRowUpper(route_row[r], route_cap[r]);
    }
    for (std::size_t i = 0; i < place_row.size(); ++i)
        if (place_row[i] >= 0)
            lp->setRowUpper(place_row[i], whole(place_caps.empty() ? *net->places[i].capacity : place_caps[i]));
    for (std::size_t l = 0; l < limits.size(); ++l)
        lp->setRowUpper(limit_row[l], limits[l].share >= 1 ? whole(limits[l].t_mo) : COIN_DBL_MAX);
    set_column_bounds(route_cap);
}

// Finite upper bounds on every column that no flow within the rows can reach: an arc's route
// capacity + 1; a source (sink) column's, 1 + the capacities of its commodity's route arcs
// out of (into) its place (origins have no arcs in, destinations none out); links,
// transfers and conversions: 1 + every route's capacity. They change no answer and no dual.
// Without them CLP's dual simplex gives the columns artificial bounds and keeps correcting
// them: re-solving one changed capacity on 100k routes took ever more dual iterations, up to
// 16,824. The primal re-solves now used gain nothing from them and lose nothing; they keep a
// switch back to the dual simplex safe.
void JointFlowModel::Impl::set_column_bounds(const std::vector<double>& route_cap) {
    const std::size_t n = net->places.size();
    std::vector<double> out(commodities.size() * n, 1.0), in(commodities.size() * n, 1.0);
    double all = 1.0;
    for (double c : route_cap) all += c;
    for (const Column& c : columns)
        if (c.kind == ColumnKind::arc && arcs[c.item].role == ArcRole::route) {
            const LpArc& a = arcs[c.item];
            out[c.commodity * n + layout.place_of(a.tail)] += route_cap[a.item];
            in[c.commodity * n + layout.place_of(a.head)] += route_cap[a.item];
        }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        double upper = all;
        if (c.kind == ColumnKind::arc && arcs[c.item].role == ArcRole::route) upper = route_cap[arcs[c.item].item] + 1;
        else if (c.kind == ColumnKind::source) upper = out[c.commodity * n + layout.place_of(c.item)];
        else if (c.kind == ColumnKind::sink) upper = in[c.commodity * n + layout.place_of(c.item)];
        lp->setColumnUpper(static_cast<int>(j), upper);
    }
}

// Solves: first with the limits that hold for part of the month open, then with each set to
// share x the capped rate + (1 - share) x the uncapped one just found. With gauges each of
// the two solves goes on until no route carries a commodity both ways (see the design
// comment), so the uncapped rate is one without U-turns too.
void JointFlowModel::Impl::solve_with_limits() {
    bool partial = false;
    for (std::size_t l = 0; l < limits.size(); ++l)
        if (limits[l].share < 1) {
            lp->setRowUpper(limit_row[l], COIN_DBL_MAX);
            partial = true;
        }
    solve_without_u_turns();
    if (!partial) return;
    for (std::size_t l = 0; l < limits.size(); ++l) {
        if (limits[l].share >= 1) continue;
        const auto k = static_cast<std::uint32_t>(
            std::find(commodities.begin(), commodities.end(), limits[l].commodity) - commodities.begin());
        const double uncapped = delivered(k);
        const double month = limits[l].share * std::min(limits[l].t_mo, uncapped) + (1 - limits[l].share) * uncapped;
        lp->setRowUpper(limit_row[l], whole(month));
    }
    solve_without_u_turns();
}

// Solves; with gauges, closes opposite flows until none is left.
void JointFlowModel::Impl::solve_without_u_turns() {
    run_simplex();
    if (layout.layers == 1) return;
    for (auto ways = smaller_opposite_flows(); !ways.empty(); ways = smaller_opposite_flows()) {
        close_ways(ways);
        run_simplex();
    }
}

// Every (commodity, route) the last solve moves both ways, with its smaller direction.
std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> JointFlowModel::Impl::smaller_opposite_flows() const {
    std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> out;
    if (columns.empty()) return out;
    const double* x = lp->primalColumnSolution();
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::array<double, 2>> ways;  // forward, backward
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        if (c.kind != ColumnKind::arc || arcs[c.item].role != ArcRole::route || x[j] <= kZero) continue;
        ways[{c.commodity, arcs[c.item].item}][arcs[c.item].backward ? 1 : 0] += x[j];
    }
    for (const auto& [key, flow] : ways)
        if (flow[0] > kZero && flow[1] > kZero) out.emplace_back(key.first, key.second, flow[1] <= flow[0]);
    return out;
}

// Closes route directions to a commodity, (commodity, route, backward), until the next set_bounds.
void JointFlowModel::Impl::close_ways(const std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>>& ways) {
    const std::set<std::tuple<std::uint32_t, std::uint32_t, bool>> closed(ways.begin(), ways.end());
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        if (c.kind == ColumnKind::arc && arcs[c.item].role == ArcRole::route &&
            closed.count({c.commodity, arcs[c.item].item, arcs[c.item].backward}))
            lp->setColumnUpper(static_cast<int>(j), 0.0);
    }
}

void JointFlowModel::Impl::run_simplex() {
    if (columns.empty()) return;
    // From scratch CLP presolves and picks its method (the primal simplex here: the zero flow
    // is feasible). After bound changes the primal simplex restarts from the last basis; see
    // the design comment for why not the dual simplex.
    if (solved_once) lp->primal();
    else lp->initialSolve();
    if (!lp->isProvenOptimal())
        throw error(fmt::format("the joint flow LP was not solved to optimality (CLP status {}, secondary {})",
                                lp->status(), lp->secondaryStatus()));
    solved_once = true;
}

// Commodity k's t/month reaching the destinations in the last solve.
double JointFlowModel::Impl::delivered(std::uint32_t k) const {
    if (columns.empty()) return 0;
    const double* x = lp->primalColumnSolution();
    double sum = 0;
    for (std::size_t j = 0; j < columns.size(); ++j)
        if (columns[j].kind == ColumnKind::sink && columns[j].commodity == k && x[j] > kZero) sum += x[j];
    return sum;
}

double JointFlowModel::Impl::total() const {
    if (columns.empty()) return 0;
    const double t = -lp->objectiveValue();
    return t < kZero ? 0.0 : t;
}

// Per commodity: net route flows and totals; per route the load; per place what enters and
// leaves, and what it converts.
JointFlowResult JointFlowModel::Impl::read_flows() const {
    const std::size_t nr = net->routes.size(), n = net->places.size();
    JointFlowResult res;
    res.passengers = passengers;
    res.throughput = total();
    res.rounded = static_cast<Flow>(std::llround(res.throughput));
    res.route_load.assign(nr, 0);
    res.place_in.assign(n, 0);
    res.place_out.assign(n, 0);
    res.converted.assign(n, 0);
    std::vector<std::vector<double>> fwd(commodities.size(), std::vector<double>(nr, 0)), bwd = fwd;
    for (const auto& k : commodities)
        res.flows.push_back({k, 0, std::vector<double>(nr, 0), std::vector<bool>(nr, false), {}});
    const double* x = columns.empty() ? nullptr : lp->primalColumnSolution();
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        const double v = x[j] < kZero ? 0.0 : x[j];
        if (c.kind == ColumnKind::arc && arcs[c.item].role == ArcRole::route) {
            const LpArc& a = arcs[c.item];
            (a.backward ? bwd : fwd)[c.commodity][a.item] += v;
            res.route_load[a.item] += v;
        } else if (c.kind == ColumnKind::sink) {
            res.flows[c.commodity].throughput += v;
        } else if (c.kind == ColumnKind::convert) {
            res.converted[c.item] += v;
        }
    }
    for (std::size_t k = 0; k < commodities.size(); ++k) {
        CommodityFlow& f = res.flows[k];
        for (std::size_t r = 0; r < nr; ++r) {
            f.route_flow[r] = std::abs(fwd[k][r] - bwd[k][r]);
            f.route_backward[r] = bwd[k][r] > fwd[k][r];
            if (f.route_flow[r] < kZero) continue;
            std::size_t a = net->from_index(net->routes[r]), b = net->to_index(net->routes[r]);
            if (f.route_backward[r]) std::swap(a, b);
            res.place_out[a] += f.route_flow[r];
            res.place_in[b] += f.route_flow[r];
        }
        if (k < asked) res.by_commodity[f.commodity] = f.throughput;
    }
    return res;
}

// Routes and places with their capacity used up and a non-zero dual (a shadow price), and
// the limits that hold the total down.
void JointFlowModel::Impl::read_binding(JointFlowResult& res) const {
    if (columns.empty()) return;
    const double* activity = lp->primalRowSolution();
    const double* dual = lp->dualRowSolution();
    const double* upper = lp->rowUpper();
    // Minimising minus the total: a row's dual is d(-total)/d(capacity). A closed route or
    // place (capacity 0) is not reported: it limits nothing that is open.
    auto binds = [&](int row) {
        return row >= 0 && upper[row] > 0 && activity[row] >= upper[row] - kZero * std::max(1.0, upper[row]) &&
               std::abs(dual[row]) > kZero;
    };
    for (std::size_t r = 0; r < route_row.size(); ++r)
        if (binds(route_row[r])) res.binding.push_back({false, r, upper[route_row[r]], -dual[route_row[r]]});
    for (std::size_t i = 0; i < place_row.size(); ++i)
        if (binds(place_row[i])) res.binding.push_back({true, i, upper[place_row[i]], -dual[place_row[i]]});
    for (std::size_t l = 0; l < limits.size(); ++l)
        if (limit_row[l] >= 0 &&
            activity[limit_row[l]] >= upper[limit_row[l]] - kZero * std::max(1.0, upper[limit_row[l]]) &&
            std::abs(dual[limit_row[l]]) > kZero)
            res.binding_limits.push_back({limits[l].commodity, upper[limit_row[l]], limits[l].share});
}

namespace {

// An arc of one commodity's flow between nodes (and the super-source and super-sink).
struct FlowArc {
    std::uint32_t tail = 0;
    std::uint32_t head = 0;
    std::int64_t route = -1;  // -1: a source, sink, link or conversion arc
    double flow = 0;
};

// The arcs leaving each node, each node's in a stable order: order[first[u] .. first[u + 1]).
struct OutArcs {
    std::vector<std::uint32_t> first, order, next;
    OutArcs(std::size_t nodes, const std::vector<FlowArc>& arcs) : first(nodes + 1, 0), order(arcs.size()) {
        for (const auto& a : arcs) ++first[a.tail + 1];
        for (std::size_t v = 0; v < nodes; ++v) first[v + 1] += first[v];
        next.assign(first.begin(), first.end() - 1);
        for (std::size_t k = 0; k < arcs.size(); ++k) order[next[arcs[k].tail]++] = static_cast<std::uint32_t>(k);
        next.assign(first.begin(), first.end() - 1);
    }
};

double walk_min(const std::vector<FlowArc>& arcs, const std::vector<std::size_t>& walk, std::size_t from) {
    double m = std::numeric_limits<double>::infinity();
    for (std::size_t i = from; i < walk.size(); ++i) m = std::min(m, arcs[walk[i]].flow);
    return m;
}

// Takes one source-to-sink path out of the flow (nullopt when none is left). A repeated
// node closes a cycle, which is cancelled; a node nothing leaves (the simplex's rounding
// noise) drops the arc into it.
std::optional<JointPath> next_path(std::vector<FlowArc>& arcs, OutArcs& out, std::vector<std::int32_t>& pos,
                                   std::uint32_t source, std::uint32_t sink) {
    std::vector<std::size_t> walk;
    std::uint32_t u = source;
    pos[u] = 0;
    while (u != sink) {
        while (out.next[u] < out.first[u + 1] && arcs[out.order[out.next[u]]].flow < kZero) ++out.next[u];
        if (out.next[u] == out.first[u + 1]) {
            pos[u] = -1;
            if (walk.empty()) return std::nullopt;
            arcs[walk.back()].flow = 0;
            u = arcs[walk.back()].tail;
            walk.pop_back();
            continue;
        }
        const std::size_t k = out.order[out.next[u]];
        const std::uint32_t v = arcs[k].head;
        walk.push_back(k);
        if (pos[v] >= 0) {  // a cycle from pos[v] to here
            const auto from = static_cast<std::size_t>(pos[v]);
            const double m = walk_min(arcs, walk, from);
            for (std::size_t i = from; i < walk.size(); ++i) arcs[walk[i]].flow -= m;
            for (std::size_t i = from; i + 1 < walk.size(); ++i) pos[arcs[walk[i]].head] = -1;
            walk.resize(from);
        } else {
            pos[v] = static_cast<std::int32_t>(walk.size());
        }
        u = v;
    }
    pos[source] = -1;
    for (std::size_t k : walk) pos[arcs[k].head] = -1;
    JointPath p;
    p.flow = walk_min(arcs, walk, 0);
    for (std::size_t k : walk) {
        arcs[k].flow -= p.flow;
        if (arcs[k].route >= 0) p.routes.push_back(static_cast<std::size_t>(arcs[k].route));
    }
    return p;
}

}  // namespace

// Commodity k's flow split into paths from where it enters (its super-source: origins and
// conversions into it) to where it leaves (its super-sink: destinations and conversions of
// it), largest first.
std::vector<JointPath> JointFlowModel::Impl::decompose(std::uint32_t k) const {
    const auto n = static_cast<std::uint32_t>(nodes());
    const std::uint32_t source = n, sink = n + 1;
    std::vector<FlowArc> flow;
    const double* x = lp->primalColumnSolution();
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        if (x[j] < kZero) continue;
        if (c.kind == ColumnKind::convert) {
            if (c.commodity == k) flow.push_back({layout.out(c.item), sink, -1, x[j]});
            if (converts_to[c.item] == static_cast<int>(k)) flow.push_back({source, layout.in(c.item), -1, x[j]});
            continue;
        }
        if (c.commodity != k) continue;
        if (c.kind == ColumnKind::arc) {
            const LpArc& a = arcs[c.item];
            flow.push_back({a.tail, a.head, a.role == ArcRole::route ? std::int64_t{a.item} : -1, x[j]});
        } else if (c.kind == ColumnKind::source) {
            flow.push_back({source, c.item, -1, x[j]});
        } else {
            flow.push_back({c.item, sink, -1, x[j]});
        }
    }
    OutArcs out(n + 2, flow);
    std::vector<std::int32_t> pos(n + 2, -1);
    std::vector<JointPath> paths;
    while (auto p = next_path(flow, out, pos, source, sink))
        if (p->flow >= kZero) paths.push_back(std::move(*p));
    std::stable_sort(paths.begin(), paths.end(),
                     [](const JointPath& a, const JointPath& b) { return a.flow > b.flow; });
    return paths;
}

JointFlowModel::JointFlowModel(const Network& net, const FlowQuery& query) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.net = &net;
    m.query = query;
    m.commodities = query_commodities(net, query);
    if (m.commodities.empty()) throw infeasible_error("no route the query may use carries any commodity in tonnes");
    m.passengers = m.commodities.size() == 1 && m.commodities[0] == "passengers";
    m.asked = m.commodities.size();
    const auto caps = query_caps(net, query);
    m.limits = query_limits(query, m.commodities);
    if (!m.passengers)
        for (auto& feed : feed_commodities(net, query, caps, m.commodities)) m.commodities.push_back(std::move(feed));
    m.resolve_terminals();
    m.resolve_conversions();
    m.layout = Layout(gauges_of(net, query, caps));
    m.arcs = route_arcs(net, m.layout);
    add_links(net, m.layout, m.arcs);
    m.build_columns(caps);
    m.load(m.build_rows());
}

JointFlowModel::~JointFlowModel() = default;
JointFlowModel::JointFlowModel(JointFlowModel&&) noexcept = default;
JointFlowModel& JointFlowModel::operator=(JointFlowModel&&) noexcept = default;

const std::vector<std::string>& JointFlowModel::commodities() const { return impl_->commodities; }
std::size_t JointFlowModel::asked() const { return impl_->asked; }
std::size_t JointFlowModel::columns() const { return impl_->columns.size(); }
std::size_t JointFlowModel::rows() const { return static_cast<std::size_t>(impl_->rows); }
std::size_t JointFlowModel::iterations() const {
    return impl_->columns.empty() ? 0 : static_cast<std::size_t>(impl_->lp->numberIterations());
}

JointFlowResult JointFlowModel::solve() {
    return solve(query_caps(*impl_->net, impl_->query), impl_->query.place_capacities);
}

JointFlowResult JointFlowModel::solve(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps,
                                      JointDetail detail) {
    Impl& m = *impl_;
    m.set_bounds(caps, place_caps);
    m.solve_with_limits();
    JointFlowResult res = m.read_flows();
    m.read_binding(res);
    if (detail == JointDetail::paths && !m.columns.empty())
        for (std::uint32_t k = 0; k < m.commodities.size(); ++k) res.flows[k].paths = m.decompose(k);
    return res;
}

double JointFlowModel::throughput(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps) {
    impl_->set_bounds(caps, place_caps);
    impl_->solve_with_limits();
    return impl_->total();
}

JointFlowResult joint_max_flow(const Network& net, const FlowQuery& query) {
    JointFlowModel model(net, query);
    JointFlowResult res = model.solve();
    if (res.throughput <= 0) {
        if (query.commodity && *query.commodity != "passengers" && !some_route_carries(net, query, *query.commodity))
            throw infeasible_error("no route carries commodity \"" + *query.commodity + "\"");
        for (const auto& l : query.limits)
            if (l.t_mo <= 0 && l.share >= 1 && model.commodities().size() == 1 && l.commodity == model.commodities()[0])
                throw infeasible_error("a national cap holds " + l.commodity + " from " + query.from + " to " +
                                       query.to + " at 0 t/month");
        std::string list;
        for (const auto& k : model.commodities()) list += (list.empty() ? "" : ", ") + k;
        throw infeasible_error("no path from " + query.from + " to " + query.to + " carries any of " + list +
                               " (or every such chain is closed or at zero capacity)");
    }
    return res;
}

}  // namespace corridor
