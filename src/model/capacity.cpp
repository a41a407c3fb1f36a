#include "corridor/model/capacity.hpp"
#include "corridor/enum_names.hpp"

namespace corridor {

namespace {

constexpr Named<CapacityRule> kRuleNames[] = {{CapacityRule::given, "capacity"},
                                              {CapacityRule::payload_trips, "payload_t x trips_mo"},
                                              {CapacityRule::annual, "annual_t / 12"}};

// A ranged figure's name, its value in Figures and its bounds in FigureBounds (RangedFigure order).
struct RangedField {
    const char* name;
    OptionalNumber Figures::*value;
    Bounds FigureBounds::*bounds;
};
constexpr RangedField kRangedFields[] = {{"capacity", &Figures::capacity, &FigureBounds::capacity},
                                         {"payload_t", &Figures::payload_t, &FigureBounds::payload_t},
                                         {"trips_mo", &Figures::trips_mo, &FigureBounds::trips_mo},
                                         {"annual_t", &Figures::annual_t, &FigureBounds::annual_t}};
const RangedField& field_of(RangedFigure f) { return kRangedFields[static_cast<std::size_t>(f)]; }

}  // namespace

std::string_view rule_name(CapacityRule r) { return name_of(kRuleNames, r); }

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

std::string_view figure_name(RangedFigure f) { return field_of(f).name; }

const Bounds& bounds_of(const FigureBounds& b, RangedFigure f) { return b.*field_of(f).bounds; }

OptionalNumber value_of(const Figures& f, RangedFigure which) { return f.*field_of(which).value; }

void set_value(Figures& f, RangedFigure which, double v) { f.*field_of(which).value = v; }

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
