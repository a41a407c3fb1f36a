// Reads any OGR vector layer into plain records (fields and WGS84 coordinates) for the model to check.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "corridor/geo/types.hpp"

namespace corridor::io {

// A field as OGR typed it; std::monostate for unset or null.
using FieldValue = std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<std::string>>;

enum class GeomKind { none, point, line, other };

struct RawFeature {
    std::size_t index = 0;                                  // 0-based position in the layer
    std::size_t total = 0;                                  // features in the layer, 0 when not known up front
    std::map<std::string, FieldValue, std::less<>> fields;  // only fields that are set and not null
    GeomKind kind = GeomKind::none;
    std::string geom_type;  // OGR's name, for messages ("MultiLineString")
    Polyline coords;        // points of a Point or LineString, in EPSG:4326
};

struct RawLayer {
    std::filesystem::path path;
    std::vector<RawFeature> features;
};

// A layer of a GDAL datasource: the first layer of a file (layer empty), or a named layer of
// a multi-layer file (GeoPackage) or of a PostgreSQL database (datasource "PG:…").
struct LayerSource {
    std::filesystem::path datasource;
    std::string layer;  // empty: the first layer
    // For messages: the datasource without a password, then " (LAYER)" when named.
    std::string label() const;
};

enum class ReadEngine {
    automatic,  // GeoJSON files through the fast path when it applies, everything else through OGR
    ogr,        // always OGR
};

// Streams the features of the first layer of a vector dataset (any OGR format),
// reprojected to EPSG:4326 when the layer has another CRS, to visit one at a time.
// Throws input_error naming the file.
void read_features(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit,
                   ReadEngine engine = ReadEngine::automatic);

// A reader's visitor for features read in parts, each part on a thread of its own,
// concurrently with the other parts. A part sees its features in ascending order.
struct PartVisitor {
    // Called once before any feature, on the calling thread: the number of parts, and the
    // number of features (exact when parts > 1; 0 when not known up front).
    std::function<void(std::size_t parts, std::size_t total)> start;
    // Called for each feature of a part; `feature.index` is its place in the whole layer.
    std::function<void(std::size_t part, const RawFeature& feature)> visit;
};

// The same as read_features, on up to `threads` threads (0: one per core) for layers
// big enough to gain from it: GeoJSON read by the fast path is split into contiguous
// parts; other formats are decoded by OGR on the calling thread and visited by the parts
// in batches. When a visit throws, the features after it may go unvisited, every
// feature before it has been visited, and the exception rethrown is that of the
// lowest-indexed feature whose visit threw: the one a single pass in file order would
// have met first.
void read_features_parallel(const std::filesystem::path& path, const PartVisitor& visitor,
                            ReadEngine engine = ReadEngine::automatic, std::size_t threads = 0);

// The same for a layer of any datasource: a file without a layer name as above; a named
// layer (or a PG: datasource) through OGR, in the order of its feature ids. A routes layer
// with pgRouting's columns (postgres.hpp: kPgRoutingColumns) is read without them, its
// cap_t_mo as capacity. Errors name source.label().
void read_features_parallel(const LayerSource& source, const PartVisitor& visitor,
                            ReadEngine engine = ReadEngine::automatic, std::size_t threads = 0);

// The same, collected.
RawLayer read_layer(const std::filesystem::path& path, ReadEngine engine = ReadEngine::automatic);

// Reads the polygon geometries of the first layer as ISO WKB (EPSG:4326), e.g. a basemap.
std::vector<std::vector<unsigned char>> read_polygons_wkb(const std::filesystem::path& path);

}  // namespace corridor::io
