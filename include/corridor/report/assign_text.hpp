// The plain text assign prints: the demands (met, unmet and why), the paths they take and
// the routes used, with spare capacity and the tonnes by commodity.
#pragma once

#include <string>

#include "corridor/analysis/assign.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// A headline (demands, cost criterion, month, scenario: met of asked, total cost), then three
// tables: demands, paths, routes used.
std::string assignment_text(const Network& net, const Assignment& assignment);

}  // namespace corridor
