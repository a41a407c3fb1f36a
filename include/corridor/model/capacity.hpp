// The capacity rules: a route's figures turned into tonnes and passengers per month.
#pragma once

#include <optional>
#include <string_view>

#include "corridor/geo/types.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// A month is one twelfth of a year (30.44 days): annual figures are divided by 12,
// and trips_mo counts trips in such a month.
inline constexpr double kMonthsPerYear = 12.0;

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

}  // namespace corridor
