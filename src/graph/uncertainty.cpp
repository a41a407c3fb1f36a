#include "corridor/graph/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>

#include "corridor/graph/multicommodity.hpp"
#include "corridor/parallel.hpp"

namespace corridor {
namespace {

// SplitMix64's finaliser: spreads neighbouring seeds and draw indices over the 64 bits.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// A uniform number in [0, 1) from the generator's top 53 bits: the same on every platform
// (std::uniform_real_distribution's algorithm is the library's choice).
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// The figures without their bounds (no allocation), to be changed and turned into capacity.
Figures plain(const Figures& f) {
    Figures p;
    p.capacity = f.capacity;
    p.payload_t = f.payload_t;
    p.trips_mo = f.trips_mo;
    p.annual_t = f.annual_t;
    p.pax_trip = f.pax_trip;
    return p;
}

// The query's capacity `base` moved as the figures moved from `stated` to `drawn`.
double scaled(double base, double stated, double drawn) {
    if (base == stated) return drawn;
    if (stated > 0) return base * (drawn / stated);
    return base;  // a route the query set from nothing: its figures say nothing about it
}

MonthlyCapacity moved(const MonthlyCapacity& base, const MonthlyCapacity& stated, const MonthlyCapacity& drawn) {
    MonthlyCapacity c = base;
    c.tonnes.value = scaled(base.tonnes.value, stated.tonnes.value, drawn.tonnes.value);
    c.passengers.value = scaled(base.passengers.value, stated.passengers.value, drawn.passengers.value);
    return c;
}

// The routes' ranged figures grouped by route: figures[first[k]] .. figures[first[k+1]] are
// route routes[k]'s; the places' follow from figures[first.back()] on, one per place.
struct Groups {
    std::vector<std::size_t> routes;
    std::vector<std::size_t> first;
};

Groups group(const std::vector<RangedRef>& figures) {
    Groups g;
    std::size_t i = 0;
    for (; i < figures.size() && !figures[i].is_place; ++i)
        if (g.routes.empty() || g.routes.back() != figures[i].index) {
            g.routes.push_back(figures[i].index);
            g.first.push_back(i);
        }
    g.first.push_back(i);
    return g;
}

// One solve as the draws and the sensitivity ranking read it.
struct Answer {
    Flow throughput = 0;
    bool passengers = false;
    std::vector<CutItem> limits;     // the minimum cut; for the joint flow, its binding routes and places
    std::vector<double> route_flow;  // per route: the capacity its flow uses
};

// The solver of one part of the draws: Boost's max-flow on a graph of its own for the
// query's endpoints; or, for a query that needs the joint multi-commodity flow
// (needs_joint_flow), the joint LP, built once and re-solved with each draw's capacities
// (bounds only, from the last basis).
class DrawSolver {
public:
    DrawSolver(const Network& net, const FlowQuery& q, const Terminals& terminals, bool joint) : net_(&net) {
        if (joint) model_.emplace(net, q);
        else graph_ = build_graph(net, terminals);
    }

    // Throws infeasible_error when nothing can flow, as max_flow does.
    Answer solve_or_throw(const FlowQuery& q) {
        Answer a;
        if (model_) {
            const JointFlowResult r = model_->solve(q.capacities, q.place_capacities, JointDetail::flows);
            if (r.rounded == 0)
                throw infeasible_error("no path from " + q.from + " to " + q.to + " for the joint flow");
            a = {r.rounded, r.passengers, {}, r.route_load};
            for (const BindingItem& b : r.binding) a.limits.push_back({b.is_place, b.index, whole_tonnes(b.capacity)});
            return a;
        }
        FlowResult r = max_flow(*graph_, *net_, q);
        a = {r.throughput, r.passengers, std::move(r.min_cut), {}};
        a.route_flow.assign(r.route_flow.begin(), r.route_flow.end());
        return a;
    }

    // A draw with no possible flow: nullopt (throughput 0, no cut).
    std::optional<Answer> solve(const FlowQuery& q) {
        try {
            return solve_or_throw(q);
        } catch (const infeasible_error&) {
            return std::nullopt;
        }
    }

private:
    const Network* net_;
    std::optional<NetworkGraph> graph_;
    std::optional<JointFlowModel> model_;
};

double unit_capacity(const MonthlyCapacity& c, bool passengers) {
    return passengers ? c.passengers.value : c.tonnes.value;
}

}  // namespace

std::vector<RangedRef> ranged_figures(const Network& net) {
    std::vector<RangedRef> out;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Figures& f = net.routes[r].figures;
        if (f.bounds.empty()) continue;
        for (RangedFigure which : kRangedFigures)
            if (const auto range = figure_range(f, which); range && range->ranged())
                out.push_back({false, r, which, *range});
    }
    for (std::size_t p = 0; p < net.places.size(); ++p) {
        const Place& place = net.places[p];
        if (!place.capacity) continue;
        const FigureRange range{place.cap_low.value_or(*place.capacity), *place.capacity,
                                place.cap_high.value_or(*place.capacity)};
        if (range.ranged()) out.push_back({true, p, RangedFigure::capacity, range});
    }
    return out;
}

CapacityRange query_capacity_range(const MonthlyCapacity& query, const Figures& f) {
    if (f.bounds.empty()) return {query, query};
    const MonthlyCapacity stated = monthly_capacity(f);
    const CapacityRange bounds = capacity_range(f);
    return {moved(query, stated, bounds.low), moved(query, stated, bounds.high)};
}

double triangular_quantile(double low, double value, double high, double u) {
    if (!(low < high)) return low;
    const double width = high - low;
    const double split = (value - low) / width;  // the CDF at the mode
    if (u < split) return low + std::sqrt(u * width * (value - low));
    return high - std::sqrt((1 - u) * width * (high - value));
}

Flow percentile(const std::vector<Flow>& sorted, unsigned p) {
    if (sorted.empty()) return 0;
    const std::size_t n = sorted.size();
    const std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil(p% of n)
    return sorted[std::clamp<std::size_t>(rank, 1, n) - 1];
}

UncertaintyResult flow_uncertainty(const Network& net, const FlowQuery& query, const UncertaintyOptions& options) {
    UncertaintyResult result;
    result.draws = options.draws;
    result.figures = ranged_figures(net);
    const Groups groups = group(result.figures);

    // The query's capacities (the network's own when it gives none) and the stated ones
    // of the ranged routes, which draws move away from.
    const bool joint = needs_joint_flow(net, query);
    FlowQuery base = joint ? query : max_flow_query(net, query);
    if (base.capacities.empty()) {
        base.capacities.reserve(net.routes.size());
        for (const auto& r : net.routes) base.capacities.push_back(monthly_capacity(r.figures));
    }
    std::vector<MonthlyCapacity> stated;
    stated.reserve(groups.routes.size());
    for (std::size_t r : groups.routes) stated.push_back(monthly_capacity(net.routes[r].figures));
    // The places' capacities, likewise, when any is ranged (else the query's stay untouched).
    const std::size_t place_first = groups.first.back();
    if (place_first < result.figures.size() && base.place_capacities.empty()) {
        base.place_capacities.reserve(net.places.size());
        for (const auto& p : net.places) base.place_capacities.push_back(p.capacity.value_or(0));
    }
    auto place_capacity = [&](std::size_t p, double drawn) {
        return scaled(base.place_capacities[p], *net.places[p].capacity, drawn);
    };

    const Terminals terminals = query_terminals(net, query.from, query.to);
    // The joint flow runs in one thread: its binding routes depend on the basis each re-solve
    // starts from, so with parts the cut probabilities would depend on the threads.
    const std::size_t threads = joint ? 1 : options.threads == 0 ? hardware_threads() : options.threads;

    // Every figure at its value: the deterministic answer (infeasible queries throw here).
    DrawSolver main_solver(net, base, terminals, joint);
    const Answer nominal = main_solver.solve_or_throw(base);
    result.deterministic = nominal.throughput;
    result.passengers = nominal.passengers;

    // The draws, in contiguous parts, one graph and one query per part.
    std::vector<Flow> throughput(options.draws, 0);
    const std::size_t parts = parts_for(options.draws, 8, threads);
    std::vector<std::vector<std::uint32_t>> route_cuts(parts), place_cuts(parts);
    std::vector<std::size_t> infeasible(parts, 0);
    run_parts(parts, [&](std::size_t part) {
        std::optional<DrawSolver> local;
        DrawSolver& solver = part == 0 ? main_solver : local.emplace(net, base, terminals, joint);
        FlowQuery q = base;
        auto& rc = route_cuts[part];
        auto& pc = place_cuts[part];
        rc.assign(net.routes.size(), 0);
        pc.assign(net.places.size(), 0);
        const std::size_t end = part_begin(options.draws, part + 1, parts);
        for (std::size_t d = part_begin(options.draws, part, parts); d < end; ++d) {
            std::mt19937_64 rng(mix(options.seed ^ mix(d)));
            for (std::size_t k = 0; k < groups.routes.size(); ++k) {
                const std::size_t r = groups.routes[k];
                Figures f = plain(net.routes[r].figures);
                for (std::size_t i = groups.first[k]; i < groups.first[k + 1]; ++i) {
                    const FigureRange& range = result.figures[i].range;
                    set_value(f, result.figures[i].figure,
                              triangular_quantile(range.low, range.value, range.high, uniform(rng)));
                }
                q.capacities[r] = moved(base.capacities[r], stated[k], monthly_capacity(f));
            }
            for (std::size_t i = place_first; i < result.figures.size(); ++i) {
                const FigureRange& range = result.figures[i].range;
                q.place_capacities[result.figures[i].index] = place_capacity(
                    result.figures[i].index, triangular_quantile(range.low, range.value, range.high, uniform(rng)));
            }
            const auto flow = solver.solve(q);
            if (!flow) {
                ++infeasible[part];
                continue;
            }
            throughput[d] = flow->throughput;
            for (const auto& c : flow->limits) ++(c.is_place ? pc : rc)[c.index];
        }
    });

    for (std::size_t n : infeasible) result.infeasible += n;
    result.cut_probability.assign(net.routes.size(), 0.0);
    result.place_cut_probability.assign(net.places.size(), 0.0);
    if (options.draws > 0) {
        const double n = static_cast<double>(options.draws);
        for (std::size_t r = 0; r < net.routes.size(); ++r) {
            std::size_t count = 0;
            for (const auto& rc : route_cuts) count += rc[r];
            result.cut_probability[r] = static_cast<double>(count) / n;
        }
        for (std::size_t p = 0; p < net.places.size(); ++p) {
            std::size_t count = 0;
            for (const auto& pc : place_cuts) count += pc[p];
            result.place_cut_probability[p] = static_cast<double>(count) / n;
        }
        double sum = 0;
        for (Flow t : throughput) sum += static_cast<double>(t);
        result.mean = sum / n;
        std::vector<Flow> sorted = throughput;
        std::sort(sorted.begin(), sorted.end());
        result.p10 = percentile(sorted, 10);
        result.p50 = percentile(sorted, 50);
        result.p90 = percentile(sorted, 90);
        result.min = sorted.front();
        result.max = sorted.back();
    }

    if (!options.sensitivity) return result;
    // Tornado: each figure at its low and at its high bound, the others at their values.
    // A solve is skipped where its answer is known: a figure lowered no further than the
    // flow its route carries leaves that flow possible (and none larger), and a figure
    // raised on a route or place off the minimum cut (with capacity, so an open arc)
    // leaves that cut's capacity, the maximum, unchanged. A place's low bound is always
    // solved (FlowResult does not hold the flow through a place). For the joint flow only the
    // first holds (a route's zero dual does not promise that more capacity gains nothing).
    std::vector<bool> on_cut(net.routes.size(), false), place_on_cut(net.places.size(), false);
    for (const auto& c : nominal.limits) (c.is_place ? place_on_cut : on_cut)[c.index] = true;
    const std::size_t m = result.figures.size();
    result.sensitivity.resize(m);
    std::vector<std::size_t> group_of(m);
    for (std::size_t k = 0; k < groups.routes.size(); ++k)
        for (std::size_t i = groups.first[k]; i < groups.first[k + 1]; ++i) group_of[i] = k;
    std::vector<MonthlyCapacity> ends(2 * m);  // [2i] the query capacity at figure i's low, [2i+1] at its high
    std::vector<double> place_ends(2 * m);     // the same for a place's figure
    std::vector<std::size_t> tasks;            // 2i + end for the solves that are needed
    for (std::size_t i = 0; i < m; ++i) {
        const RangedRef& ref = result.figures[i];
        result.sensitivity[i] = {ref, result.deterministic, result.deterministic};
        for (std::size_t e = 0; e < 2; ++e) {
            const double bound = e == 0 ? ref.range.low : ref.range.high;
            bool known = false;
            if (ref.is_place) {
                place_ends[2 * i + e] = place_capacity(ref.index, bound);
                known = !joint && e == 1 && !place_on_cut[ref.index] && base.place_capacities[ref.index] >= 1;
            } else {
                Figures f = plain(net.routes[ref.index].figures);
                set_value(f, ref.figure, bound);
                ends[2 * i + e] = moved(base.capacities[ref.index], stated[group_of[i]], monthly_capacity(f));
                const double cap = unit_capacity(ends[2 * i + e], result.passengers);
                // whole units, as the solvers take them
                known = e == 0 ? std::floor(cap + 1e-6) + 1e-9 >= nominal.route_flow[ref.index]
                               : !joint && !on_cut[ref.index] &&
                                     unit_capacity(base.capacities[ref.index], result.passengers) >= 1;
            }
            if (!known) tasks.push_back(2 * i + e);
        }
    }
    const std::size_t sparts = parts_for(tasks.size(), 2, threads);
    run_parts(sparts, [&](std::size_t part) {
        std::optional<DrawSolver> local;
        DrawSolver& solver = part == 0 ? main_solver : local.emplace(net, base, terminals, joint);
        FlowQuery q = base;
        const std::size_t end = part_begin(tasks.size(), part + 1, sparts);
        for (std::size_t t = part_begin(tasks.size(), part, sparts); t < end; ++t) {
            const std::size_t i = tasks[t] / 2, e = tasks[t] % 2;
            const RangedRef& ref = result.figures[i];
            if (ref.is_place) q.place_capacities[ref.index] = place_ends[tasks[t]];
            else q.capacities[ref.index] = ends[tasks[t]];
            const auto flow = solver.solve(q);
            (e == 0 ? result.sensitivity[i].low : result.sensitivity[i].high) = flow ? flow->throughput : 0;
            if (ref.is_place) q.place_capacities[ref.index] = base.place_capacities[ref.index];
            else q.capacities[ref.index] = base.capacities[ref.index];
        }
    });
    std::stable_sort(result.sensitivity.begin(), result.sensitivity.end(),
                     [](const SensitivityItem& a, const SensitivityItem& b) { return a.swing() > b.swing(); });
    return result;
}

}  // namespace corridor
