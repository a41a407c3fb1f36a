// Reading the line layers of the import's sources: any GDAL vector datasource (files, an
// OSM extract through GDAL's OSM driver, a PG: connection string), filtered by OGR, each
// line matched to its capacity rule and reprojected to EPSG:4326 by PROJ.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/geo/types.hpp"
#include "corridor/importer/rules.hpp"
#include "corridor/model/load.hpp"

namespace corridor::importer {

// Where a line stands for noding: lines on different levels do not meet where they cross
// (OSM's bridge, tunnel and layer tags, or fields of those names in any layer).
struct Level {
    bool bridge = false;
    bool tunnel = false;
    int layer = 0;
    friend auto operator<=>(const Level&, const Level&) = default;
};

// One line of a source (a part of a multi-line feature is a line of its own).
struct Line {
    Polyline coords;  // EPSG:4326, no two consecutive points equal
    std::uint32_t source = 0;
    std::int64_t fid = 0;
    std::uint32_t part = 0;  // part of a multi-line feature, 0 for a plain line
    std::uint32_t rule = 0;  // index of the rule that matched
    Level level;
    std::string name;
    std::string gauge;              // the source's gauge attribute, as written
    std::vector<std::string> kept;  // --keep-fields values ("" when unset)
};

// Why features were not imported, and how many.
using SkipCounts = std::map<std::string, std::size_t>;

struct SourceInfo {
    std::string source;  // as given
    std::string layer;
    std::string driver;        // GDAL's short name ("ESRI Shapefile", "OSM", "GPKG", ...)
    std::string crs;           // "EPSG:4326", or the layer's CRS name
    std::string id_prefix;     // the slug route ids of this source start with
    bool osm = false;          // read through the OSM driver: ways split at shared nodes
    std::size_t features = 0;  // features read (after --where)
    std::size_t lines = 0;     // lines imported from them
    // Rules that do not apply to this layer (it lacks a field they read): rule label, field.
    std::vector<std::pair<std::string, std::string>> rules_not_applied;
};

struct ReadOptions {
    std::string layer;  // --layer; empty: the OSM lines layer, or the source's only line layer
    std::string where;  // --where, OGR's attribute filter
    std::vector<std::string> keep_fields;
    // Called now and then while a source is read (features read; total 0 when the driver
    // cannot count them without reading), and once when it is read.
    std::function<void(const ReadProgress&)> progress;
};

struct ReadResult {
    std::vector<SourceInfo> sources;
    std::vector<Line> lines;
    SkipCounts skipped;
    std::vector<std::size_t> rule_matches;  // features (lines) each rule matched
    // Rules that name a field no source layer has (a typo, or rules for other data): they
    // never match. Rule index and the field.
    std::vector<std::pair<std::size_t, std::string>> rules_unread;
};

// Reads every source in order. Throws input_error naming the source for one GDAL cannot
// open, a layer that is missing or not of lines, a rule whose expression does not compile
// for a reason other than a field the layer lacks (naming the rules file, rule and field
// where), and request_error for a --where OGR refuses or a --keep-fields name no source has.
ReadResult read_sources(const std::vector<std::string>& sources, const std::vector<Rule>& rules,
                        const ReadOptions& options);

// Named points of a --places source, for the places' names.
struct NamedPoint {
    LonLat pos;
    std::string name;
    std::string country;  // "" when the layer has no country or iso_a2 field
    std::string kind;     // "" when the layer has no kind field
};

// The points with a non-empty `name` of the first point layer of a source (any CRS).
std::vector<NamedPoint> read_named_points(const std::string& source);

// Whether a source is a PostgreSQL connection string ("PG:...") rather than a file.
bool is_connection_string(const std::string& source);

}  // namespace corridor::importer
