// The .dbf widths of a table's string fields, measured before a shapefile is written, so
// every column is created as wide as its widest value and never resized afterwards.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "corridor/io/write.hpp"

namespace corridor::io::detail {

// The bytes fit_shapefile_string(s) takes: s's own up to 254, else those of its cut with "…".
std::size_t shapefile_string_bytes(std::string_view s);

// For each field of the table, in order: the bytes of its longest string value as a
// shapefile holds it (at least 1: a .dbf column has a width) for a string field, 0 for the
// others. Reads every row once, in parts on up to `threads` threads (0: one per core).
std::vector<int> shapefile_string_widths(const Table& table, std::size_t threads = 0);

}  // namespace corridor::io::detail
