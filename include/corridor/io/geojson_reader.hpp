// The fast GeoJSON reader: simdjson over a mapped file, giving exactly what GDAL's GeoJSON driver reads, or declining.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>

#include "corridor/io/read.hpp"

namespace corridor::io {

// Calls visit(feature) for every feature of a GeoJSON FeatureCollection, with the same
// fields, field types, geometry kind, geometry type name and coordinates as read_layer
// through OGR gives (OGR unifies a field's type over all features: integers become reals
// when any value has a fraction). Returns false without visiting anything when the file
// needs something only OGR handles (a "crs" member, a field mixing strings with other
// types, top-level feature ids, nested objects, date-like strings, 3D geometries other
// than points and lines, malformed JSON), so that the caller reads it through OGR.
// Throws input_error naming the file when it cannot be read at all, and naming the
// feature (or the top-level member) when a value is nested deeper than
// kMaxGeoJsonDepth arrays and objects (GDAL refuses such a file too).
bool read_geojson_fast(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit);

// The same in parts (see read_features_parallel): the file is mapped, not copied, and the
// pages already read are released as the parts go, so memory stays near the size of
// what the visitor keeps. `threads` 0 means one per core.
bool read_geojson_fast(const std::filesystem::path& path, const PartVisitor& visitor, std::size_t threads);

// The deepest nesting of arrays and objects the reader follows inside a feature or a
// top-level member: simdjson's default maximum depth, and about where json-c as GDAL uses
// it stops ("Too many nested objects and/or arrays").
inline constexpr std::size_t kMaxGeoJsonDepth = 1024;

}  // namespace corridor::io
