// The streaming GeoJSON writer: what GDAL's GeoJSON driver writes for a table, byte for byte, without OGR features.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "corridor/io/write.hpp"

namespace corridor::io {

// Features per chunk of the GeoJSON writer: each chunk is formatted into its own buffer,
// possibly on another thread, and written in order.
inline constexpr std::size_t kGeoJsonChunkFeatures = 1024;

// Writes a table as GeoJSON, byte for byte what GDAL's GeoJSON driver writes with
// RFC7946=YES, WRITE_BBOX=YES, COORDINATE_PRECISION=7 and the layer named after the
// table ("name": table.name). Features are formatted in chunks on `threads` threads (0:
// std::thread::hardware_concurrency()) and written in order, at most two chunks per
// thread held at a time; the bytes are the same for any number of threads. The table's
// row_at and geometry_at are called from those threads at once, so they must not change
// shared state. Throws output_error naming the file (a failing feature also names the
// feature), leaving no file behind.
void write_geojson_fast(const Table& table, const std::filesystem::path& path, unsigned threads = 0);

// The same bytes as write_geojson_fast, as a string (for pages and HTTP responses);
// errors name the layer as "NAME.geojson".
std::string geojson_text(const Table& table, unsigned threads = 0);

}  // namespace corridor::io
