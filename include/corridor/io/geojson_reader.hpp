// The fast path for big GeoJSON networks: simdjson reading and a streaming writer, both
// giving exactly what GDAL's GeoJSON driver reads and writes for the same data.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "corridor/io/read.hpp"
#include "corridor/io/write.hpp"

namespace corridor::io {

// Calls visit(feature) for every feature of a GeoJSON FeatureCollection, with the same
// fields, field types, geometry kind, geometry type name and coordinates as read_layer
// through OGR gives (OGR unifies a field's type over all features: integers become reals
// when any value has a fraction). Returns false without visiting anything when the file
// needs something only OGR handles (a "crs" member, a field mixing strings with other
// types, top-level feature ids, nested objects, date-like strings, 3D geometries other
// than points and lines, malformed JSON), so that the caller reads it through OGR.
// Throws input_error naming the file when it cannot be read at all.
bool read_geojson_fast(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit);

// The same in parts (see read_features_parallel): the file is mapped, not copied, and the
// pages already read are released as the parts go, so memory stays near the size of
// what the visitor keeps. `threads` 0 means one per core.
bool read_geojson_fast(const std::filesystem::path& path, const PartVisitor& visitor, std::size_t threads);

// Features per chunk of the GeoJSON writer: each chunk is formatted into its own buffer,
// possibly on another thread, and written in order.
inline constexpr std::size_t kGeoJsonChunkFeatures = 1024;

// Writes a table as GeoJSON, byte for byte what GDAL's GeoJSON driver writes with
// RFC7946=YES, WRITE_BBOX=YES, COORDINATE_PRECISION=7, WRITE_NAME=NO. Features are
// formatted in chunks on `threads` threads (0: std::thread::hardware_concurrency()) and
// written in order, at most two chunks per thread held at a time; the bytes are the same
// for any number of threads. The table's row_at and geometry_at are called from those
// threads at once, so they must not change shared state. Throws output_error naming the
// file (a failing feature also names the feature), leaving no file behind.
void write_geojson_fast(const Table& table, const std::filesystem::path& path, unsigned threads = 0);

// The same bytes as write_geojson_fast, as a string (for pages and HTTP responses);
// errors name the layer as "NAME.geojson".
std::string geojson_text(const Table& table, unsigned threads = 0);

}  // namespace corridor::io
