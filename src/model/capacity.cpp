#include "corridor/model/capacity.hpp"

namespace corridor {

std::string_view rule_name(CapacityRule r) {
    switch (r) {
        case CapacityRule::given: return "capacity";
        case CapacityRule::payload_trips: return "payload_t x trips_mo";
        case CapacityRule::annual: return "annual_t / 12";
    }
    return "?";
}

MonthlyCapacity monthly_capacity(const Figures& f) {
    MonthlyCapacity c;
    if (f.capacity) {
        c.tonnes = {*f.capacity};
        c.rule = CapacityRule::given;
    } else if (f.payload_t && f.trips_mo) {
        c.tonnes = {*f.payload_t * *f.trips_mo};
        c.rule = CapacityRule::payload_trips;
    } else if (f.annual_t) {
        c.tonnes = {*f.annual_t / kMonthsPerYear};
        c.rule = CapacityRule::annual;
    }
    if (f.pax_trip && f.trips_mo) c.passengers = {*f.pax_trip * *f.trips_mo};
    if (f.observed) c.observed = TonnesPerMonth{*f.observed};
    else if (f.obs_annual) c.observed = TonnesPerMonth{*f.obs_annual / kMonthsPerYear};
    if (c.observed && c.tonnes.value > 0) c.observed_ratio = c.observed->value / c.tonnes.value;
    return c;
}

}  // namespace corridor
