// Strings as json-c escapes them in GDAL's GeoJSON output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace corridor::io::detail {

// Bytes escape_json may write for n bytes of input.
inline constexpr std::size_t escaped_room(std::size_t n) { return 6 * n; }

// json-c's json_escape_str with JSON_C_TO_STRING_NOSLASHESCAPE (control characters as
// \b \n \r \t \f or \u00XX, '"' and '\\' escaped, '/' and bytes >= 0x80 as they are) on
// the C string in s[0..n): it stops at the first NUL, where OGR's C string ends. Writes
// at out (room for escaped_room(n) bytes) and returns the end; no quotes are added.
char* escape_json(char* out, const char* s, std::size_t n);

// s as a quoted JSON string the way json_object_to_json_string prints it with json-c's
// default flags, as GDAL writes a layer's name: as escape_json, and '/' as "\/".
std::string json_c_string(std::string_view s);

// What OGR sees of a string: the C string, up to the first NUL.
std::string_view c_string(const std::string& s);

}  // namespace corridor::io::detail
