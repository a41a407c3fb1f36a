// Per-mode speeds (km/h) that turn route lengths into transit times; documented defaults, overridable.
#pragma once

#include <filesystem>
#include <map>

#include "corridor/geo/types.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

struct SpeedTable {
    std::map<Mode, double> kmh;

    // The documented defaults (README "Speeds").
    static SpeedTable defaults();
    Hours hours(Mode mode, Km length) const;
};

// Reads {"rail": 35, "ferry": 28, ...} (km/h, positive) over the defaults.
// Throws input_error naming the file and the mode for a bad entry.
SpeedTable load_speeds(const std::filesystem::path& file, SpeedTable base = SpeedTable::defaults());

}  // namespace corridor
