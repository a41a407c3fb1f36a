// The capacity rules: a route's figures turned into tonnes and passengers per month.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "corridor/geo/types.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// A month is one twelfth of a year (30.44 days): annual figures are divided by 12,
// and trips_mo counts trips in such a month.
inline constexpr double kMonthsPerYear = 12.0;

// The largest monthly capacity (t/month, or passengers/month) a route or place may have:
// the solver's integer arcs hold 10^15 (graph/network_graph.hpp kMaxCapacity), and
// load_network refuses a figure beyond it.
inline constexpr double kMaxMonthlyCapacity = 1e15;

enum class CapacityRule {
    given,          // capacity (t/month) as written
    payload_trips,  // payload_t x trips_mo
    annual,         // annual_t / 12
};
std::string_view rule_name(CapacityRule r);

struct MonthlyCapacity {
    TonnesPerMonth tonnes;
    PassengersPerMonth passengers;  // pax_trip x trips_mo, 0 when not given
    CapacityRule rule = CapacityRule::given;
    std::optional<TonnesPerMonth> observed;  // observed, or obs_annual / 12
    std::optional<double> observed_ratio;    // observed / capacity (how full), when capacity > 0
};

// Applies the rules to figures that load_network has already checked
// (exactly one capacity form, no negative numbers).
MonthlyCapacity monthly_capacity(const Figures& f);

// The capacity figures a range can vary (FigureBounds), in the order of the input schema.
enum class RangedFigure : std::uint8_t { capacity, payload_t, trips_mo, annual_t };
inline constexpr std::array<RangedFigure, 4> kRangedFigures = {RangedFigure::capacity, RangedFigure::payload_t,
                                                               RangedFigure::trips_mo, RangedFigure::annual_t};
std::string_view figure_name(RangedFigure f);  // "capacity", "payload_t", ...
const Bounds& bounds_of(const FigureBounds& b, RangedFigure f);
OptionalNumber value_of(const Figures& f, RangedFigure which);
void set_value(Figures& f, RangedFigure which, double v);

// A figure's range: low and high are the value where the input gives no bound.
struct FigureRange {
    double low = 0;
    double value = 0;
    double high = 0;
    bool ranged() const { return low < high; }
};
// The range of one figure of a route; std::nullopt when the route has no such figure.
std::optional<FigureRange> figure_range(const Figures& f, RangedFigure which);

// Monthly capacity with every figure at its low bound, and at its high bound.
struct CapacityRange {
    MonthlyCapacity low;
    MonthlyCapacity high;
};
CapacityRange capacity_range(const Figures& f);

}  // namespace corridor
