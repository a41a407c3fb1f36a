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
#include "corridor/graph/multicommodity.hpp"

#include <ClpSimplex.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace corridor {
namespace {

constexpr double kZero = 1e-7;  // flows and duals below this are the simplex's rounding noise

// Whole units for the solver, as max_flow's to_flow: rounded down, held at kMaxCapacity.
double whole(double v) {
    if (!(v > 0)) return 0;
    return v >= static_cast<double>(kMaxCapacity) ? static_cast<double>(kMaxCapacity) : std::floor(v + 1e-6);
}

// The query's capacities per route: its own, or the figures'.
std::vector<MonthlyCapacity> query_caps(const Network& net, const FlowQuery& q) {
    if (!q.capacities.empty()) {
        if (q.capacities.size() != net.routes.size()) throw error("internal: one capacity per route expected");
        return q.capacities;
    }
    std::vector<MonthlyCapacity> caps;
    caps.reserve(net.routes.size());
    for (const auto& r : net.routes) caps.push_back(monthly_capacity(r.figures));
    return caps;
}

const std::vector<std::string>& route_list(const Network& net, const FlowQuery& q, std::size_t r) {
    auto it = q.commodities.find(r);
    return it == q.commodities.end() ? net.routes[r].commodities : it->second;
}

bool mode_allowed(const FlowQuery& q, Mode m) {
    return q.modes.empty() || std::find(q.modes.begin(), q.modes.end(), m) != q.modes.end();
}

// A route the union max-flow would open: its mode allowed, whole tonnes above zero.
bool usable(const Network& net, const FlowQuery& q, const std::vector<MonthlyCapacity>& caps, std::size_t r) {
    return mode_allowed(q, net.routes[r].mode) && whole(caps[r].tonnes.value) > 0;
}

std::vector<std::string> listed_commodities(const Network& net, const FlowQuery& q) {
    std::set<std::string> set(q.commodity_list.begin(), q.commodity_list.end());
    if (set.size() > 1 && set.count("passengers"))
        throw infeasible_error("passengers are counted per passenger, not in tonnes: ask for commodity passengers alone");
    const auto caps = query_caps(net, q);
    for (const auto& k : set) {
        bool any = false;
        for (std::size_t r = 0; r < net.routes.size() && !any; ++r) any = carries(net.routes[r], route_list(net, q, r), caps[r], k);
        if (!any) throw infeasible_error("no route carries commodity \"" + k + "\"");
    }
    return {set.begin(), set.end()};
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
        for (const auto& k : route_list(net, q, r))
            if (k != "passengers" && carries(net.routes[r], route_list(net, q, r), caps[r], k)) set.insert(k);
    }
    return {set.begin(), set.end()};
}

bool needs_joint_flow(const Network& net, const FlowQuery& q) {
    const auto commodities = query_commodities(net, q);
    if (commodities.size() <= 1) return false;
    const auto caps = query_caps(net, q);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (!usable(net, q, caps, r)) continue;
        for (const auto& k : commodities)
            if (!carries(net.routes[r], route_list(net, q, r), caps[r], k)) return true;
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

// A route's direction: from_id -> to_id, or to_id -> from_id (backward) for a two-way route.
struct LpArc {
    std::uint32_t route = 0;
    std::uint32_t tail = 0;
    std::uint32_t head = 0;
    bool backward = false;
};

enum class ColumnKind : std::uint8_t { arc, source, sink };

// One LP column: a commodity's flow on an arc (item: arc index), or from its super-source
// into an origin, or from a destination to its super-sink (item: place index).
struct Column {
    ColumnKind kind = ColumnKind::arc;
    std::uint32_t commodity = 0;
    std::uint32_t item = 0;
};

// Every route's arcs, in route order (self-loops left out: they carry nothing anywhere).
std::vector<LpArc> route_arcs(const Network& net) {
    std::vector<LpArc> arcs;
    arcs.reserve(2 * net.routes.size());
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const auto a = static_cast<std::uint32_t>(net.from_index(net.routes[r]));
        const auto b = static_cast<std::uint32_t>(net.to_index(net.routes[r]));
        if (a == b) continue;
        arcs.push_back({static_cast<std::uint32_t>(r), a, b, false});
        if (net.routes[r].two_way) arcs.push_back({static_cast<std::uint32_t>(r), b, a, true});
    }
    return arcs;
}

// Places reached from `start` over the arcs (forward: tail to head; else head to tail).
std::vector<char> reached(std::size_t n, const std::vector<LpArc>& arcs, const std::vector<std::uint32_t>& use,
                          const std::vector<std::size_t>& start, bool forward) {
    std::vector<std::uint32_t> first(n + 1, 0), adj(use.size());
    for (std::uint32_t a : use) ++first[(forward ? arcs[a].tail : arcs[a].head) + 1];
    for (std::size_t v = 0; v < n; ++v) first[v + 1] += first[v];
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t a : use) adj[fill[forward ? arcs[a].tail : arcs[a].head]++] = a;
    std::vector<char> seen(n, 0);
    std::vector<std::size_t> queue(start.begin(), start.end());
    for (std::size_t v : start) seen[v] = 1;
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
    std::vector<std::string> commodities;
    bool passengers = false;
    std::vector<std::size_t> origins, destinations;
    std::vector<LpArc> arcs;
    std::vector<Column> columns;
    std::vector<int> route_row;  // per route; -1 when no column uses it
    std::vector<int> place_row;  // per place; -1 without a capacity or a column into it
    int rows = 0;
    std::unique_ptr<ClpSimplex> lp = std::make_unique<ClpSimplex>();
    bool solved_once = false;

    void resolve_terminals();
    std::vector<std::uint32_t> commodity_arcs(std::uint32_t k, const std::vector<MonthlyCapacity>& caps) const;
    void build_columns(const std::vector<MonthlyCapacity>& caps);
    std::vector<int> build_rows();
    void load(const std::vector<int>& conservation);
    void set_bounds(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps);
    void set_column_bounds(const std::vector<double>& route_cap);
    void run_simplex();
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

// The arcs commodity k may use: its routes' arcs on some origin-to-destination chain of them,
// leaving out arcs into an origin and out of a destination. Those never raise the maximum:
// a path through an origin may start there instead (its super-source reaches every origin),
// and one through a destination may end there, each using a part of the capacities it did.
// A country-to-country query so loses both countries' inner routes.
std::vector<std::uint32_t> JointFlowModel::Impl::commodity_arcs(std::uint32_t k,
                                                                const std::vector<MonthlyCapacity>& caps) const {
    const std::size_t n = net->places.size();
    std::vector<char> origin(n, 0), destination(n, 0);
    for (std::size_t v : origins) origin[v] = 1;
    for (std::size_t v : destinations) destination[v] = 1;
    std::vector<std::uint32_t> use;
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        const std::size_t r = arcs[a].route;
        if (!origin[arcs[a].head] && !destination[arcs[a].tail] && mode_allowed(query, net->routes[r].mode) &&
            carries(net->routes[r], route_list(*net, query, r), caps[r], commodities[k]))
            use.push_back(a);
    }
    const auto from_origins = reached(n, arcs, use, origins, true);
    const auto to_destinations = reached(n, arcs, use, destinations, false);
    std::erase_if(use, [&](std::uint32_t a) { return !from_origins[arcs[a].tail] || !to_destinations[arcs[a].head]; });
    return use;
}

// Columns by commodity: its arcs, then its source columns, then its sink columns.
void JointFlowModel::Impl::build_columns(const std::vector<MonthlyCapacity>& caps) {
    const std::size_t n = net->places.size();
    for (std::uint32_t k = 0; k < commodities.size(); ++k) {
        const auto use = commodity_arcs(k, caps);
        std::vector<char> leaves(n, 0), enters(n, 0);
        for (std::uint32_t a : use) {
            columns.push_back({ColumnKind::arc, k, a});
            leaves[arcs[a].tail] = 1;
            enters[arcs[a].head] = 1;
        }
        for (std::size_t v : origins)
            if (leaves[v]) columns.push_back({ColumnKind::source, k, static_cast<std::uint32_t>(v)});
        for (std::size_t v : destinations)
            if (enters[v]) columns.push_back({ColumnKind::sink, k, static_cast<std::uint32_t>(v)});
    }
}

// Numbers the rows: routes, places, then conservation per commodity and place (returned,
// indexed k * places + v; -1 where no column of k touches v).
std::vector<int> JointFlowModel::Impl::build_rows() {
    const std::size_t n = net->places.size();
    route_row.assign(net->routes.size(), -1);
    place_row.assign(n, -1);
    std::vector<int> conservation(commodities.size() * n, -1);
    auto touch = [&](std::uint32_t k, std::size_t v) { conservation[k * n + v] = 0; };
    for (const Column& c : columns) {
        if (c.kind == ColumnKind::arc) {
            route_row[arcs[c.item].route] = 0;
            touch(c.commodity, arcs[c.item].tail);
            touch(c.commodity, arcs[c.item].head);
            if (net->places[arcs[c.item].head].capacity) place_row[arcs[c.item].head] = 0;
        } else {
            touch(c.commodity, c.item);
            if (c.kind == ColumnKind::source && net->places[c.item].capacity) place_row[c.item] = 0;
        }
    }
    rows = 0;
    for (int& row : route_row)
        if (row == 0) row = rows++;
    for (int& row : place_row)
        if (row == 0) row = rows++;
    for (int& row : conservation)
        if (row == 0) row = rows++;
    return conservation;
}

// Loads the matrix column by column (bounds come from set_bounds).
void JointFlowModel::Impl::load(const std::vector<int>& conservation) {
    const std::size_t n = net->places.size();
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
            entry(route_row[a.route], 1);
            entry(place_row[a.head], 1);
            entry(conservation[base + a.tail], -1);
            entry(conservation[base + a.head], 1);
        } else if (c.kind == ColumnKind::source) {
            entry(place_row[c.item], 1);
            entry(conservation[base + c.item], 1);
        } else {
            entry(conservation[base + c.item], -1);
        }
        objective.push_back(c.kind == ColumnKind::sink ? -1.0 : 0.0);
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    const std::vector<double> col_lower(columns.size(), 0.0), col_upper(columns.size(), COIN_DBL_MAX);
    const std::vector<double> row_lower(static_cast<std::size_t>(rows), 0.0), row_upper(static_cast<std::size_t>(rows), 0.0);
    lp->loadProblem(static_cast<int>(columns.size()), rows, start.data(), index.data(), value.data(), col_lower.data(),
                    col_upper.data(), objective.data(), row_lower.data(), row_upper.data());
    lp->setLogLevel(0);
}

// Route and place rows: 0 .. capacity (whole units); conservation rows stay at 0 .. 0.
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
        if (place_row[i] >= 0) lp->setRowUpper(place_row[i], whole(place_caps.empty() ? *net->places[i].capacity : place_caps[i]));
    set_column_bounds(route_cap);
}

// Finite upper bounds on every column that no flow within the rows can reach: an arc's route
// capacity + 1; a source (sink) column's, 1 + the capacities of its commodity's arcs out of
// (into) its place (origins have no arcs in, destinations none out). They change no answer
// and no dual. Without them CLP's dual simplex gives the columns artificial bounds and keeps
// correcting them: re-solving one changed capacity on 100k routes took ever more dual
// iterations, up to 16,824. The primal re-solves now used gain nothing from them and lose
// nothing; they keep a switch back to the dual simplex safe.
void JointFlowModel::Impl::set_column_bounds(const std::vector<double>& route_cap) {
    const std::size_t n = net->places.size();
    std::vector<double> out(commodities.size() * n, 1.0), in(commodities.size() * n, 1.0);
    for (const Column& c : columns)
        if (c.kind == ColumnKind::arc) {
            out[c.commodity * n + arcs[c.item].tail] += route_cap[arcs[c.item].route];
            in[c.commodity * n + arcs[c.item].head] += route_cap[arcs[c.item].route];
        }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        const double upper = c.kind == ColumnKind::arc      ? route_cap[arcs[c.item].route] + 1
                             : c.kind == ColumnKind::source ? out[c.commodity * n + c.item]
                                                            : in[c.commodity * n + c.item];
        lp->setColumnUpper(static_cast<int>(j), upper);
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

double JointFlowModel::Impl::total() const {
    if (columns.empty()) return 0;
    const double t = -lp->objectiveValue();
    return t < kZero ? 0.0 : t;
}

// Per commodity: net route flows and totals; per route the load; per place what enters and leaves.
JointFlowResult JointFlowModel::Impl::read_flows() const {
    const std::size_t nr = net->routes.size(), n = net->places.size();
    JointFlowResult res;
    res.passengers = passengers;
    res.throughput = total();
    res.rounded = static_cast<Flow>(std::llround(res.throughput));
    res.route_load.assign(nr, 0);
    res.place_in.assign(n, 0);
    res.place_out.assign(n, 0);
    std::vector<std::vector<double>> fwd(commodities.size(), std::vector<double>(nr, 0)), bwd = fwd;
    for (const auto& k : commodities) res.flows.push_back({k, 0, std::vector<double>(nr, 0), std::vector<bool>(nr, false), {}});
    const double* x = columns.empty() ? nullptr : lp->primalColumnSolution();
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        const double v = x[j] < kZero ? 0.0 : x[j];
        if (c.kind == ColumnKind::arc) {
            const LpArc& a = arcs[c.item];
            (a.backward ? bwd : fwd)[c.commodity][a.route] += v;
            res.route_load[a.route] += v;
        } else if (c.kind == ColumnKind::sink) {
            res.flows[c.commodity].throughput += v;
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
        res.by_commodity[f.commodity] = f.throughput;
    }
    return res;
}

// Routes and places with their capacity used up and a non-zero dual (a shadow price).
void JointFlowModel::Impl::read_binding(JointFlowResult& res) const {
    if (columns.empty()) return;
    const double* activity = lp->primalRowSolution();
    const double* dual = lp->dualRowSolution();
    const double* upper = lp->rowUpper();
    // Minimising minus the total: a row's dual is d(-total)/d(capacity).
    auto add = [&](bool is_place, std::size_t index, int row) {
        if (row < 0) return;
        const double cap = upper[row];
        const double price = -dual[row];
        if (activity[row] >= cap - kZero * std::max(1.0, cap) && std::abs(price) > kZero)
            res.binding.push_back({is_place, index, cap, price});
    };
    for (std::size_t r = 0; r < route_row.size(); ++r) add(false, r, route_row[r]);
    for (std::size_t i = 0; i < place_row.size(); ++i) add(true, i, place_row[i]);
}

namespace {

// An arc of one commodity's flow between places (and the super-source and super-sink).
struct FlowArc {
    std::uint32_t tail = 0;
    std::uint32_t head = 0;
    std::int64_t route = -1;  // -1: a source or sink arc
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
// place closes a cycle, which is cancelled; a place nothing leaves (the simplex's rounding
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

// Commodity k's flow split into paths from its super-source to its super-sink, largest first.
std::vector<JointPath> JointFlowModel::Impl::decompose(std::uint32_t k) const {
    const auto n = static_cast<std::uint32_t>(net->places.size());
    const std::uint32_t source = n, sink = n + 1;
    std::vector<FlowArc> flow;
    const double* x = lp->primalColumnSolution();
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& c = columns[j];
        if (c.commodity != k || x[j] < kZero) continue;
        if (c.kind == ColumnKind::arc) flow.push_back({arcs[c.item].tail, arcs[c.item].head, arcs[c.item].route, x[j]});
        else if (c.kind == ColumnKind::source) flow.push_back({source, c.item, -1, x[j]});
        else flow.push_back({c.item, sink, -1, x[j]});
    }
    OutArcs out(n + 2, flow);
    std::vector<std::int32_t> pos(n + 2, -1);
    std::vector<JointPath> paths;
    while (auto p = next_path(flow, out, pos, source, sink))
        if (p->flow >= kZero) paths.push_back(std::move(*p));
    std::stable_sort(paths.begin(), paths.end(), [](const JointPath& a, const JointPath& b) { return a.flow > b.flow; });
    return paths;
}

JointFlowModel::JointFlowModel(const Network& net, const FlowQuery& query) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.net = &net;
    m.query = query;
    m.commodities = query_commodities(net, query);
    if (m.commodities.empty()) throw infeasible_error("no route the query may use carries any commodity in tonnes");
    m.passengers = m.commodities.size() == 1 && m.commodities[0] == "passengers";
    m.resolve_terminals();
    m.arcs = route_arcs(net);
    const auto caps = query_caps(net, query);
    m.build_columns(caps);
    m.load(m.build_rows());
}

JointFlowModel::~JointFlowModel() = default;
JointFlowModel::JointFlowModel(JointFlowModel&&) noexcept = default;
JointFlowModel& JointFlowModel::operator=(JointFlowModel&&) noexcept = default;

const std::vector<std::string>& JointFlowModel::commodities() const { return impl_->commodities; }
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
    m.run_simplex();
    JointFlowResult res = m.read_flows();
    m.read_binding(res);
    if (detail == JointDetail::paths && !m.columns.empty())
        for (std::uint32_t k = 0; k < m.commodities.size(); ++k) res.flows[k].paths = m.decompose(k);
    return res;
}

double JointFlowModel::throughput(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps) {
    impl_->set_bounds(caps, place_caps);
    impl_->run_simplex();
    return impl_->total();
}

JointFlowResult joint_max_flow(const Network& net, const FlowQuery& query) {
    JointFlowModel model(net, query);
    JointFlowResult res = model.solve();
    if (res.throughput <= 0) {
        std::string list;
        for (const auto& k : model.commodities()) list += (list.empty() ? "" : ", ") + k;
        throw infeasible_error("no path from " + query.from + " to " + query.to + " carries any of " + list +
                               " (or every such chain is closed or at zero capacity)");
    }
    return res;
}

}  // namespace corridor
