// Geographic value types: coordinates and units that must not be mixed.
#pragma once

#include <compare>
#include <vector>

namespace corridor {

// WGS84 longitude/latitude in degrees (EPSG:4326, GIS axis order).
struct LonLat {
    double lon = 0;
    double lat = 0;
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

using Polyline = std::vector<LonLat>;

// A quantity tagged with its unit, so kilometres never add to tonnes.
template <class Tag>
struct Quantity {
    double value = 0;
    constexpr Quantity operator+(Quantity o) const { return {value + o.value}; }
    constexpr Quantity operator-(Quantity o) const { return {value - o.value}; }
    constexpr Quantity operator*(double k) const { return {value * k}; }
    constexpr auto operator<=>(const Quantity&) const = default;
};

using Km = Quantity<struct KmTag>;
using Metres = Quantity<struct MetresTag>;
using Hours = Quantity<struct HoursTag>;
using TonnesPerMonth = Quantity<struct TonnesPerMonthTag>;
using PassengersPerMonth = Quantity<struct PassengersPerMonthTag>;

constexpr Km to_km(Metres m) { return {m.value / 1000.0}; }

}  // namespace corridor
