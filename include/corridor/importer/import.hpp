// `corridor import`: line layers of any GDAL source in, a geodata folder in corridor's schema
// out (places.geojson, routes.geojson and import-report.json), written as one step.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/importer/rules.hpp"
#include "corridor/importer/source.hpp"
#include "corridor/importer/topology.hpp"
#include "corridor/io/write.hpp"
#include "corridor/option_text.hpp"

namespace corridor::importer {

inline constexpr const char* kReportName = "import-report.json";

struct ImportOptions {
    std::vector<std::string> sources;                   // files or PG: strings, merged into one network
    std::filesystem::path out;                          // the geodata folder written
    std::vector<std::filesystem::path> rules;           // rules files, in order (first match wins)
    std::string layer;                                  // --layer
    std::string where;                                  // --where (OGR SQL attribute filter)
    double snap_m = kDefaultSnapMetres;                 // --snap
    bool node_intersections = false;                    // --node-intersections
    std::string places;                                 // --places: named points for the places' names
    std::vector<std::string> keep_fields;               // --keep-fields
    bool overwrite = false;                             // replace the network in an existing geodata folder
    std::function<void(const ReadProgress&)> progress;  // called while the sources are read
};

// Refuses (request_error, a usage problem) options that cannot be run: no source, no rules
// file, a snap distance not over 0 or over kMaxSnapMetres, a --keep-fields name that is a
// field of corridor's route schema, and an --out that exists and is not a geodata folder
// (or is one, without overwrite).
void check_options(const ImportOptions& options);

// Whether dir is a corridor geodata folder: it holds places.geojson, routes.geojson or an
// import report.
bool is_geodata_folder(const std::filesystem::path& dir);

struct Imported {
    std::vector<Rule> rules;
    ReadResult read;  // sources, lines (coordinates moved into the topology), skipped features
    Topology topology;
    std::size_t gauges_not_read = 0;  // rail gauges left empty: not a number, nor two joined by ';'
};

// Reads, matches and builds the network (nothing is written).
Imported import_network(const ImportOptions& options);

// The two layers in the input schema (docs/schema.md): places with id, name (the id when no
// named point is near), country (ZZ when unknown), kind; routes with id, name, mode,
// from_id, to_id, two_way, commodity, annual_t or capacity with their bounds, basis
// "assumed", the rule's note, gauge, speed_kmh and the kept fields.
io::Table places_table(const Imported& imported);
io::Table routes_table(const Imported& imported, const std::vector<std::string>& keep_fields);

// import-report.json (docs/schema/import-report.schema.json), with the files written.
nlohmann::ordered_json report_json(const Imported& imported, const ImportOptions& options,
                                   const nlohmann::ordered_json& files);

// Writes the folder: the layers staged in a temporary folder inside it, then renamed in,
// the report last (io::OutputSet). Returns the files written.
std::vector<std::filesystem::path> write_import(const Imported& imported, const ImportOptions& options);

// import's options (ImportOptions); sources is the positional argument.
namespace import_flags {
extern const OptionText kSources, kOut, kRules, kLayer, kWhere, kSnap, kNodeIntersections, kPlaces, kKeepFields,
    kOverwrite;
}  // namespace import_flags

}  // namespace corridor::importer
