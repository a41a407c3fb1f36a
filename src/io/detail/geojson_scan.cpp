// The GeoJSON reader's extent scanner: memchr for strings, a table of the bytes that matter.
#include "corridor/io/detail/geojson_scan.hpp"

#include <cstring>

namespace corridor::io::detail {
namespace {

// Characters the extent scanner stops at outside strings.
struct ScanTable {
    bool stop[256] = {};
    constexpr ScanTable() {
        stop[static_cast<unsigned char>('"')] = true;
        stop[static_cast<unsigned char>('{')] = true;
        stop[static_cast<unsigned char>('}')] = true;
        stop[static_cast<unsigned char>('[')] = true;
        stop[static_cast<unsigned char>(']')] = true;
    }
};
constexpr ScanTable scan_table;

// p at '{' or '[': just after the matching bracket, or nullptr. Counts the depth only.
const char* container_end(const char* p, const char* end) {
    long depth = 0;
    while (p < end) {
        while (p < end && !scan_table.stop[static_cast<unsigned char>(*p)]) ++p;
        if (p == end) break;
        switch (*p++) {
            case '"':
                p = string_end(p, end);
                if (p == nullptr) return nullptr;
                break;
            case '{':
            case '[':
                ++depth;
                break;
            default:
                if (--depth == 0) return p;
        }
    }
    return nullptr;
}

}  // namespace

const char* string_end(const char* p, const char* end) {
    while (p < end) {
        const void* q = std::memchr(p, '"', static_cast<std::size_t>(end - p));
        if (q == nullptr) break;
        const char* quote = static_cast<const char*>(q);
        // Escaped when preceded by an odd number of backslashes.
        const char* b = quote;
        while (b > p && b[-1] == '\\') --b;
        if (((quote - b) & 1) == 0) return quote + 1;
        p = quote + 1;
    }
    return nullptr;
}

const char* value_end(const char* p, const char* end) {
    if (*p == '"') return string_end(p + 1, end);
    if (*p == '{' || *p == '[') return container_end(p, end);
    while (p < end && !is_json_space(*p) && *p != ',' && *p != '}' && *p != ']') ++p;
    return p;
}

const char* first_feature_guess(const char* from, const char* to, const char* end) {
    for (const char* line = from; line < to;) {
        const char* q = line;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
        if (q < end && *q == ',') q = skip_space(q + 1, end);
        if (q < to && *q == '{') return q;
        const void* nl = std::memchr(line, '\n', static_cast<std::size_t>(to - line));
        if (nl == nullptr) break;
        line = static_cast<const char*>(nl) + 1;
    }
    return nullptr;
}

}  // namespace corridor::io::detail
