// Per-route measures: geodesic length, transit time, monthly capacity and fill.
#pragma once

#include <vector>

#include "corridor/geo/types.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/speeds.hpp"

namespace corridor {

struct RouteMeasure {
    Km length;  // geodesic on WGS84 (PROJ)
    Hours hours;
    MonthlyCapacity capacity;
};

// One measure per route, in the network's order.
std::vector<RouteMeasure> measure_routes(const Network& net, const SpeedTable& speeds);

}  // namespace corridor
