#include "corridor/model/capacity.hpp"

namespace corridor {

std::string_view rule_name(CapacityRule r) {
    switch (r) {
        case CapacityRule::given:
            return "capacity";
        case CapacityRule::payload_trips:
            return "payload_t x trips_mo";
        case CapacityRule::annual:
            return "annual_t / 12";
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

std::string_view figure_name(RangedFigure f) {
    switch (f) {
        case RangedFigure::capacity:
            return "capacity";
        case RangedFigure::payload_t:
            return "payload_t";
        case RangedFigure::trips_mo:
            return "trips_mo";
        case RangedFigure::annual_t:
            return "annual_t";
    }
    return "?";
}

const Bounds& bounds_of(const FigureBounds& b, RangedFigure f) {
    switch (f) {
        case RangedFigure::capacity:
            return b.capacity;
        case RangedFigure::payload_t:
            return b.payload_t;
        case RangedFigure::trips_mo:
            return b.trips_mo;
        case RangedFigure::annual_t:
            break;
    }
    return b.annual_t;
}

OptionalNumber value_of(const Figures& f, RangedFigure which) {
    switch (which) {
        case RangedFigure::capacity:
            return f.capacity;
        case RangedFigure::payload_t:
            return f.payload_t;
        case RangedFigure::trips_mo:
            return f.trips_mo;
        case RangedFigure::annual_t:
            break;
    }
    return f.annual_t;
}

void set_value(Figures& f, RangedFigure which, double v) {
    switch (which) {
        case RangedFigure::capacity:
            f.capacity = v;
            return;
        case RangedFigure::payload_t:
            f.payload_t = v;
            return;
        case RangedFigure::trips_mo:
            f.trips_mo = v;
            return;
        case RangedFigure::annual_t:
            f.annual_t = v;
            return;
    }
}

std::optional<FigureRange> figure_range(const Figures& f, RangedFigure which) {
    const OptionalNumber v = value_of(f, which);
    if (!v) return std::nullopt;
    const Bounds& b = bounds_of(f.bounds.get(), which);
    return FigureRange{b.low.value_or(*v), *v, b.high.value_or(*v)};
}

CapacityRange capacity_range(const Figures& f) {
    Figures low, high;
    low.capacity = high.capacity = f.capacity;
    low.payload_t = high.payload_t = f.payload_t;
    low.trips_mo = high.trips_mo = f.trips_mo;
    low.annual_t = high.annual_t = f.annual_t;
    low.pax_trip = high.pax_trip = f.pax_trip;
    low.observed = high.observed = f.observed;
    low.obs_annual = high.obs_annual = f.obs_annual;
    for (RangedFigure which : kRangedFigures)
        if (const auto r = figure_range(f, which)) {
            set_value(low, which, r->low);
            set_value(high, which, r->high);
        }
    return {monthly_capacity(low), monthly_capacity(high)};
}

}  // namespace corridor
