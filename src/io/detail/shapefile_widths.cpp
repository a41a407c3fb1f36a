#include "corridor/io/detail/shapefile_widths.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "corridor/parallel.hpp"

namespace corridor::io::detail {
namespace {

constexpr std::size_t kStringBytes = 254;  // a .dbf character field's most
constexpr std::size_t kEllipsisBytes = 3;  // "…" (U+2026) in UTF-8
constexpr std::size_t kRowsPerPart = 16384;

}  // namespace

std::size_t shapefile_string_bytes(std::string_view s) {
    if (s.size() <= kStringBytes) return s.size();
    // As fit_shapefile_string cuts: back over UTF-8 continuation bytes to a character start.
    std::size_t cut = kStringBytes - kEllipsisBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return cut + kEllipsisBytes;
}

std::vector<int> shapefile_string_widths(const Table& table, std::size_t threads) {
    const std::size_t n = table.size();
    const std::size_t fields = table.fields.size();
    const std::size_t parts = parts_for(n, kRowsPerPart, threads);
    std::vector<std::vector<std::size_t>> widest(parts, std::vector<std::size_t>(fields, 1));
    run_parts(parts, [&](std::size_t part) {
        std::vector<std::size_t>& w = widest[part];
        std::vector<Cell> row;
        for (std::size_t r = part_begin(n, part, parts), end = part_begin(n, part + 1, parts); r < end; ++r) {
            table.row_at(r, row);
            for (std::size_t c = 0; c < fields && c < row.size(); ++c)
                if (const auto* s = std::get_if<std::string>(&row[c]))
                    w[c] = std::max(w[c], shapefile_string_bytes(*s));
        }
    });
    std::vector<int> out(fields, 0);
    for (std::size_t c = 0; c < fields; ++c) {
        if (table.fields[c].type != FieldType::string) continue;
        std::size_t w = 1;
        for (const auto& part : widest) w = std::max(w, part[c]);
        out[c] = static_cast<int>(w);
    }
    return out;
}

}  // namespace corridor::io::detail
