// Loads places and routes from any OGR vector files and refuses schema errors with file, feature and field.
#pragma once

#include <filesystem>
#include <functional>

#include "corridor/model/network.hpp"

namespace corridor {

struct LoadOptions {
    std::filesystem::path places_file;
    std::filesystem::path routes_file;
    // Called now and then with the features read so far (for a progress display).
    std::function<void(std::size_t features)> progress;
};

// geodata/places.* and geodata/routes.*: the first of .geojson, .fgb (FlatGeobuf), .shp.
LoadOptions default_files(const std::filesystem::path& geodata_dir);

// Reads both layers and checks the schema: required fields and their types,
// unique slug ids, known place ids, non-negative figures, exactly one capacity
// form, Point places and valid LineString routes. Throws input_error on the first
// problem, naming file, feature id and field.
Network load_network(const LoadOptions& options);

}  // namespace corridor
