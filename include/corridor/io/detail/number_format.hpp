// Numbers as GDAL 3.6's GeoJSON driver prints them (json-c's doubles with OGR's rounding rules).
#pragma once

#include <cstddef>

namespace corridor::io::detail {

// Bytes format_coordinate may write.
inline constexpr std::size_t kCoordinateRoom = 400;
// Bytes format_real may write.
inline constexpr std::size_t kRealRoom = 64;

// A coordinate or bbox value as OGR_json_double_with_precision_to_string writes it with
// precision 7 (ogrgeojsonwriter.cpp): "%.7f", then OGRFormatDouble's intelliround (a run of
// six 0s or 9s before the last digit is rounded away) and trailing zeros trimmed to one
// after the point; |v| > 1e50 as "%.18g"; "nan", "inf", "-inf" as json-c would print them.
// Writes at out (room for kCoordinateRoom bytes) and returns the end.
char* format_coordinate(char* out, double v);

// A finite real property as OGR_json_double_with_significant_figures_to_string writes it
// with 17 digits: "%.17g", or 16 down to 14 digits when that has a run of six 0s or 9s
// after the point and the shorter one does not; ".0" added to an integral value without
// an exponent. Writes at out (room for kRealRoom bytes) and returns the end.
char* format_real(char* out, double v);

}  // namespace corridor::io::detail
