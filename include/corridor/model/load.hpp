// Loads places and routes from any OGR vector files and refuses schema errors with file, feature and field.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "corridor/model/network.hpp"

namespace corridor {

// Where a read is: the file being read, its features read so far and its feature count
// (0 when the reader cannot know it up front).
struct ReadProgress {
    std::filesystem::path file;
    std::size_t done = 0;
    std::size_t total = 0;
};

// The distinct problems load_network's error lists; the rest are counted on a last line.
inline constexpr std::size_t kListedProblems = 20;

struct LoadOptions {
    // The datasource of each layer: a file, a GeoPackage, or "PG:…" (a PostgreSQL database).
    std::filesystem::path places_file;
    std::filesystem::path routes_file;
    // Called now and then while a layer is read, and once when it is read (done == total),
    // for a progress display.
    std::function<void(const ReadProgress&)> progress;
    // The layer of each datasource; empty: a file's first (and only) layer.
    std::string places_layer;
    std::string routes_layer;
};

// The layers an export's GeoPackage (corridor.gpkg) holds the network in, beside its analysis
// layers places and routes (whose capacity is the month's, not the given figure).
inline constexpr const char* kInputPlacesLayer = "input_places";
inline constexpr const char* kInputRoutesLayer = "input_routes";

// The layers of --geodata: for a folder, places.* and routes.* (the first of .geojson, .fgb
// (FlatGeobuf), .shp); for a PG: string, its tables places and routes; for a file (a
// GeoPackage), its layers input_places and input_routes when it has both (an export's
// corridor.gpkg), else places and routes.
LoadOptions default_files(const std::filesystem::path& geodata);

// Whether --geodata is a folder of layer files, not a GeoPackage or a database.
bool is_geodata_folder(const std::filesystem::path& geodata);

// Reads both layers and checks the schema: required fields and their types,
// unique slug ids, known place ids, non-negative figures, exactly one capacity
// form, Point places and valid LineString routes. Every problem of both layers is found in
// one run: throws input_errors listing them in file order, each naming file, feature id
// and field, the same problem of many features once with their count (ProblemLog).
Network load_network(const LoadOptions& options);

}  // namespace corridor
