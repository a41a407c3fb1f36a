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

// What the draws found: each draw's throughput (0 where nothing could flow) and, per part of
// the draws, how often each route and place was on the minimum cut and how many draws had no
// possible flow.
struct DrawCounts {
    std::vector<Flow> throughput;
    std::vector<std::vector<std::uint32_t>> route_cuts, place_cuts;
    std::vector<std::size_t> infeasible;
};

// One run of flow_uncertainty, as named steps: the base capacities the draws move away
// from, the deterministic answer, the draws, their summary, and the sensitivity ranking.
class UncertaintyRun {
public:
    UncertaintyRun(const Network& net, const FlowQuery& query, const UncertaintyOptions& options)
        : net_(net), options_(options), figures_(ranged_figures(net)), groups_(group(figures_)),
          place_first_(groups_.first.back()), joint_(needs_joint_flow(net, query)), base_(base_query(query)),
          stated_(stated_capacities()), terminals_(query_terminals(net, query.from, query.to)),
          // The joint flow runs in one thread: its binding routes depend on the basis each
          // re-solve starts from, so with parts the cut probabilities would depend on the threads.
          threads_(joint_                 ? 1
                   : options.threads == 0 ? hardware_threads()
                                          : options.threads) {}

    UncertaintyResult operator()() {
        UncertaintyResult result;
        result.draws = options_.draws;
        result.figures = figures_;
        // Every figure at its value: the deterministic answer (infeasible queries throw here).
        DrawSolver main_solver(net_, base_, terminals_, joint_);
        const Answer nominal = main_solver.solve_or_throw(base_);
        result.deterministic = nominal.throughput;
        result.passengers = nominal.passengers;
        summarise(run_draws(main_solver), result);
        if (options_.sensitivity) result.sensitivity = sensitivity(main_solver, nominal);
        return result;
    }

private:
    // The query's capacities (the network's own when it gives none); the places' likewise
    // when any place is ranged (else the query's stay untouched).
    FlowQuery base_query(const FlowQuery& query) const {
        FlowQuery base = joint_ ? query : max_flow_query(net_, query);
        if (base.capacities.empty()) {
            base.capacities.reserve(net_.routes.size());
            for (const auto& r : net_.routes) base.capacities.push_back(monthly_capacity(r.figures));
        }
        if (place_first_ < figures_.size() && base.place_capacities.empty()) {
            base.place_capacities.reserve(net_.places.size());
            for (const auto& p : net_.places) base.place_capacities.push_back(p.capacity.value_or(0));
        }
        return base;
    }

    // The stated capacities of the ranged routes, which draws move away from.
    std::vector<MonthlyCapacity> stated_capacities() const {
        std::vector<MonthlyCapacity> stated;
        stated.reserve(groups_.routes.size());
        for (std::size_t r : groups_.routes) stated.push_back(monthly_capacity(net_.routes[r].figures));
        return stated;
    }

    double place_capacity(std::size_t p, double drawn) const {
        return scaled(base_.place_capacities[p], *net_.places[p].capacity, drawn);
    }

    // Draw d's capacities into q: every ranged figure at a triangular quantile of its range.
    void draw(FlowQuery& q, std::size_t d) const {
        std::mt19937_64 rng(mix(options_.seed ^ mix(d)));
        for (std::size_t k = 0; k < groups_.routes.size(); ++k) {
            const std::size_t r = groups_.routes[k];
            Figures f = plain(net_.routes[r].figures);
            for (std::size_t i = groups_.first[k]; i < groups_.first[k + 1]; ++i) {
                const FigureRange& range = figures_[i].range;
                set_value(f, figures_[i].figure, triangular_quantile(range.low, range.value, range.high, uniform(rng)));
            }
            q.capacities[r] = moved(base_.capacities[r], stated_[k], monthly_capacity(f));
        }
        for (std::size_t i = place_first_; i < figures_.size(); ++i) {
            const FigureRange& range = figures_[i].range;
            q.place_capacities[figures_[i].index] = place_capacity(
                figures_[i].index, triangular_quantile(range.low, range.value, range.high, uniform(rng)));
        }
    }

    // The draws, in contiguous parts, one graph and one query per part.
    DrawCounts run_draws(DrawSolver& main_solver) const {
        DrawCounts c;
        c.throughput.assign(options_.draws, 0);
        const std::size_t parts = parts_for(options_.draws, 8, threads_);
        c.route_cuts.resize(parts);
        c.place_cuts.resize(parts);
        c.infeasible.assign(parts, 0);
        run_parts(parts, [&](std::size_t part) {
            std::optional<DrawSolver> local;
            DrawSolver& solver = part == 0 ? main_solver : local.emplace(net_, base_, terminals_, joint_);
            FlowQuery q = base_;
            auto& rc = c.route_cuts[part];
            auto& pc = c.place_cuts[part];
            rc.assign(net_.routes.size(), 0);
            pc.assign(net_.places.size(), 0);
            const std::size_t end = part_begin(options_.draws, part + 1, parts);
            for (std::size_t d = part_begin(options_.draws, part, parts); d < end; ++d) {
                draw(q, d);
                const auto flow = solver.solve(q);
                if (!flow) {
                    ++c.infeasible[part];
                    continue;
                }
                c.throughput[d] = flow->throughput;
                for (const auto& cut : flow->limits) ++(cut.is_place ? pc : rc)[cut.index];
            }
        });
        return c;
    }

    // Cut probabilities, mean, percentiles and extremes of the draws.
    void summarise(const DrawCounts& c, UncertaintyResult& result) const {
        for (std::size_t n : c.infeasible) result.infeasible += n;
        result.cut_probability.assign(net_.routes.size(), 0.0);
        result.place_cut_probability.assign(net_.places.size(), 0.0);
        if (options_.draws == 0) return;
        const double n = static_cast<double>(options_.draws);
        for (std::size_t r = 0; r < net_.routes.size(); ++r) {
            std::size_t count = 0;
            for (const auto& rc : c.route_cuts) count += rc[r];
            result.cut_probability[r] = static_cast<double>(count) / n;
        }
        for (std::size_t p = 0; p < net_.places.size(); ++p) {
            std::size_t count = 0;
            for (const auto& pc : c.place_cuts) count += pc[p];
            result.place_cut_probability[p] = static_cast<double>(count) / n;
        }
        double sum = 0;
        for (Flow t : c.throughput) sum += static_cast<double>(t);
        result.mean = sum / n;
        std::vector<Flow> sorted = c.throughput;
        std::sort(sorted.begin(), sorted.end());
        result.p10 = percentile(sorted, 10);
        result.p50 = percentile(sorted, 50);
        result.p90 = percentile(sorted, 90);
        result.min = sorted.front();
        result.max = sorted.back();
    }

    // The capacities at each figure's bounds, and which of those solves are needed.
    struct BoundSolves {
        std::vector<MonthlyCapacity> ends;  // [2i] the query capacity at figure i's low, [2i+1] at its high
        std::vector<double> place_ends;     // the same for a place's figure
        std::vector<std::size_t> tasks;     // 2i + end for the solves that are needed
    };

    // A solve is skipped where its answer is known: a figure lowered no further than the
    // flow its route carries leaves that flow possible (and none larger), and a figure
    // raised on a route or place off the minimum cut (with capacity, so an open arc)
    // leaves that cut's capacity, the maximum, unchanged. A place's low bound is always
    // solved (FlowResult does not hold the flow through a place). For the joint flow only the
    // first holds (a route's zero dual does not promise that more capacity gains nothing).
    BoundSolves bound_solves(const Answer& nominal) const {
        std::vector<bool> on_cut(net_.routes.size(), false), place_on_cut(net_.places.size(), false);
        for (const auto& c : nominal.limits) (c.is_place ? place_on_cut : on_cut)[c.index] = true;
        const std::size_t m = figures_.size();
        std::vector<std::size_t> group_of(m);
        for (std::size_t k = 0; k < groups_.routes.size(); ++k)
            for (std::size_t i = groups_.first[k]; i < groups_.first[k + 1]; ++i) group_of[i] = k;
        BoundSolves b{std::vector<MonthlyCapacity>(2 * m), std::vector<double>(2 * m), {}};
        for (std::size_t i = 0; i < m; ++i) {
            const RangedRef& ref = figures_[i];
            for (std::size_t e = 0; e < 2; ++e) {
                const double bound = e == 0 ? ref.range.low : ref.range.high;
                bool known = false;
                if (ref.is_place) {
                    b.place_ends[2 * i + e] = place_capacity(ref.index, bound);
                    known = !joint_ && e == 1 && !place_on_cut[ref.index] && base_.place_capacities[ref.index] >= 1;
                } else {
                    Figures f = plain(net_.routes[ref.index].figures);
                    set_value(f, ref.figure, bound);
                    b.ends[2 * i + e] = moved(base_.capacities[ref.index], stated_[group_of[i]], monthly_capacity(f));
                    const double cap = unit_capacity(b.ends[2 * i + e], nominal.passengers);
                    // whole units, as the solvers take them
                    known = e == 0 ? std::floor(cap + 1e-6) + 1e-9 >= nominal.route_flow[ref.index]
                                   : !joint_ && !on_cut[ref.index] &&
                                         unit_capacity(base_.capacities[ref.index], nominal.passengers) >= 1;
                }
                if (!known) b.tasks.push_back(2 * i + e);
            }
        }
        return b;
    }

    // Tornado: each figure at its low and at its high bound, the others at their values,
    // largest swing first.
    std::vector<SensitivityItem> sensitivity(DrawSolver& main_solver, const Answer& nominal) const {
        std::vector<SensitivityItem> items;
        for (const RangedRef& ref : figures_) items.push_back({ref, nominal.throughput, nominal.throughput});
        const BoundSolves b = bound_solves(nominal);
        const std::size_t parts = parts_for(b.tasks.size(), 2, threads_);
        run_parts(parts, [&](std::size_t part) {
            std::optional<DrawSolver> local;
            DrawSolver& solver = part == 0 ? main_solver : local.emplace(net_, base_, terminals_, joint_);
            FlowQuery q = base_;
            const std::size_t end = part_begin(b.tasks.size(), part + 1, parts);
            for (std::size_t t = part_begin(b.tasks.size(), part, parts); t < end; ++t) {
                const std::size_t i = b.tasks[t] / 2, e = b.tasks[t] % 2;
                const RangedRef& ref = figures_[i];
                if (ref.is_place) q.place_capacities[ref.index] = b.place_ends[b.tasks[t]];
                else q.capacities[ref.index] = b.ends[b.tasks[t]];
                const auto flow = solver.solve(q);
                (e == 0 ? items[i].low : items[i].high) = flow ? flow->throughput : 0;
                if (ref.is_place) q.place_capacities[ref.index] = base_.place_capacities[ref.index];
                else q.capacities[ref.index] = base_.capacities[ref.index];
            }
        });
        std::stable_sort(items.begin(), items.end(),
                         [](const SensitivityItem& a, const SensitivityItem& b) { return a.swing() > b.swing(); });
        return items;
    }

    const Network& net_;
    const UncertaintyOptions& options_;
    const std::vector<RangedRef> figures_;
    const Groups groups_;
    const std::size_t place_first_;  // figures_[place_first_..] are the places'
    const bool joint_;
    const FlowQuery base_;
    const std::vector<MonthlyCapacity> stated_;
    const Terminals terminals_;
    const std::size_t threads_;
};

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
    return UncertaintyRun(net, query, options)();
}

}  // namespace corridor
