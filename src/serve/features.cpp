#include "corridor/serve/features.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/report/columns.hpp"

namespace corridor {
namespace {

using nlohmann::ordered_json;

// A whole decimal number (no trailing text), as strtod would not promise for "1e".
std::optional<double> number_of(const std::string& text) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool cell_equals(const io::Cell& c, const std::string& value) {
    if (const auto* s = std::get_if<std::string>(&c)) return *s == value;
    if (const auto* b = std::get_if<bool>(&c)) return value == (*b ? "true" : "false") || value == (*b ? "1" : "0");
    const auto n = number_of(value);
    if (const auto* i = std::get_if<std::int64_t>(&c)) return n && *n == static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&c)) return n && *n == *d;
    return false;  // null matches no value
}

bool lists(const io::Cell& c, const std::string& value) {
    const auto* s = std::get_if<std::string>(&c);
    if (!s) return false;
    for (std::size_t at = 0; at <= s->size();) {
        const std::size_t comma = std::min(s->find(',', at), s->size());
        if (s->compare(at, comma - at, value) == 0) return true;
        at = comma + 1;
    }
    return false;
}

BBox envelope(std::span<const LonLat> points) {
    BBox b{points[0].lon, points[0].lat, points[0].lon, points[0].lat};
    for (const LonLat& p : points) {
        b.west = std::min(b.west, p.lon);
        b.east = std::max(b.east, p.lon);
        b.south = std::min(b.south, p.lat);
        b.north = std::max(b.north, p.lat);
    }
    return b;
}

bool intersects(const BBox& a, const BBox& b) {
    return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

std::size_t field_index(const io::Table& table, const std::string& name) {
    for (std::size_t i = 0; i < table.fields.size(); ++i)
        if (table.fields[i].name == name) return i;
    throw request_error(fmt::format("unknown property \"{}\" (the {} layer has no such field)", name, table.name));
}

std::size_t whole_number(const std::string& name, const std::string& text) {
    std::size_t v = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || p != end)
        throw request_error(fmt::format("{} must be a whole number, not \"{}\"", name, text));
    return v;
}

}  // namespace

BBox parse_bbox(const std::string& text) {
    std::vector<double> v;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        const auto n = number_of(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!n) throw request_error(fmt::format("bbox \"{}\": give four numbers west,south,east,north", text));
        v.push_back(*n);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (v.size() != 4)
        throw request_error(fmt::format("bbox: give four numbers west,south,east,north (not {})", v.size()));
    const BBox b{v[0], v[1], v[2], v[3]};
    if (b.west > b.east || b.south > b.north) throw request_error("bbox: west must not exceed east, nor south north");
    if (b.west < -180 || b.east > 180 || b.south < -90 || b.north > 90)
        throw request_error("bbox: longitudes within -180..180, latitudes within -90..90");
    return b;
}

std::size_t parse_limit(const std::string& text) {
    if (text.starts_with('-')) throw request_error(fmt::format("limit must be 1 or more, not {}", text));
    const std::size_t v = whole_number("limit", text);
    if (v == 0) throw request_error("limit must be 1 or more, not 0");
    return std::min(v, kMaxLimit);
}

std::size_t parse_offset(const std::string& text) { return whole_number("offset", text); }

ordered_json feature_json(const io::Table& table, std::size_t row) {
    std::vector<io::Cell> cells;
    table.row_at(row, cells);
    ordered_json properties = ordered_json::object();
    for (std::size_t i = 0; i < table.fields.size() && i < cells.size(); ++i)
        properties[table.fields[i].name] = cell_json(cells[i]);
    ordered_json geometry = nullptr;
    const auto points = table.geom == io::GeomType::none ? std::span<const LonLat>{} : table.geometry_at(row);
    if (table.geom == io::GeomType::point && !points.empty()) {
        geometry = {{"type", "Point"}, {"coordinates", {points[0].lon, points[0].lat}}};
    } else if (table.geom == io::GeomType::line && !points.empty()) {
        ordered_json coords = ordered_json::array();
        for (const LonLat& p : points) coords.push_back({p.lon, p.lat});
        geometry = {{"type", "LineString"}, {"coordinates", std::move(coords)}};
    }
    ordered_json f = {{"type", "Feature"}};
    if (properties.contains("id")) f["id"] = properties["id"];
    f["geometry"] = std::move(geometry);
    f["properties"] = std::move(properties);
    return f;
}

std::vector<std::size_t> matching_rows(const io::Table& table, const ItemsQuery& query) {
    std::vector<std::pair<std::size_t, std::string>> equals, listed;
    for (const auto& [name, value] : query.equals) equals.emplace_back(field_index(table, name), value);
    for (const auto& [name, value] : query.lists) listed.emplace_back(field_index(table, name), value);
    std::vector<std::size_t> rows;
    std::vector<io::Cell> cells;
    for (std::size_t r = 0; r < table.size(); ++r) {
        if (query.bbox) {
            const auto points = table.geom == io::GeomType::none ? std::span<const LonLat>{} : table.geometry_at(r);
            if (points.empty() || !intersects(envelope(points), *query.bbox)) continue;
        }
        if (!equals.empty() || !listed.empty()) {
            table.row_at(r, cells);
            const bool all =
                std::all_of(
                    equals.begin(), equals.end(),
                    [&](const auto& e) { return e.first < cells.size() && cell_equals(cells[e.first], e.second); }) &&
                std::all_of(listed.begin(), listed.end(),
                            [&](const auto& e) { return e.first < cells.size() && lists(cells[e.first], e.second); });
            if (!all) continue;
        }
        rows.push_back(r);
    }
    return rows;
}

std::optional<std::size_t> row_of_id(const io::Table& table, const std::string& id) {
    const std::size_t column = field_index(table, "id");
    std::vector<io::Cell> cells;
    for (std::size_t r = 0; r < table.size(); ++r) {
        table.row_at(r, cells);
        if (column < cells.size() && cell_equals(cells[column], id)) return r;
    }
    return std::nullopt;
}

std::optional<BBox> extent_of(const io::Table& table) {
    std::optional<BBox> all;
    if (table.geom == io::GeomType::none) return all;
    for (std::size_t r = 0; r < table.size(); ++r) {
        const auto points = table.geometry_at(r);
        if (points.empty()) continue;
        const BBox b = envelope(points);
        if (!all) all = b;
        all->west = std::min(all->west, b.west);
        all->south = std::min(all->south, b.south);
        all->east = std::max(all->east, b.east);
        all->north = std::max(all->north, b.north);
    }
    return all;
}

}  // namespace corridor
