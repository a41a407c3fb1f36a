#include "corridor/serve/features.hpp"

#include <algorithm>
#include <cctype>
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

// The index of a field, if the layer has it.
std::optional<std::size_t> find_field(const io::Table& table, std::string_view name) {
    for (std::size_t i = 0; i < table.fields.size(); ++i)
        if (table.fields[i].name == name) return i;
    return std::nullopt;
}

std::size_t field_index(const io::Table& table, const std::string& name) {
    if (const auto i = find_field(table, name)) return *i;
    throw request_error(fmt::format("unknown property \"{}\" (the {} layer has no such field)", name, table.name));
}

// Two digits at t[at], at most max; else nullopt.
std::optional<int> two_digits(std::string_view t, std::size_t at, int max) {
    if (at + 2 > t.size() || !std::isdigit(static_cast<unsigned char>(t[at])) ||
        !std::isdigit(static_cast<unsigned char>(t[at + 1])))
        return std::nullopt;
    const int v = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return v <= max ? std::optional<int>(v) : std::nullopt;
}

// One end of a datetime: an RFC 3339 full-date, or a date-time "full-date T partial-time
// time-offset", as the UTC day it falls on.
std::optional<Day> datetime_day(std::string_view t) {
    if (t.size() < 10) return std::nullopt;
    const auto day = parse_date(t.substr(0, 10));
    if (!day || t.size() == 10) return day;
    if (t[10] != 'T' && t[10] != 't') return std::nullopt;
    const auto hours = two_digits(t, 11, 23), minutes = two_digits(t, 14, 59), seconds = two_digits(t, 17, 60);
    if (!hours || !minutes || !seconds || t[13] != ':' || t[16] != ':') return std::nullopt;
    std::size_t at = 19;
    if (at < t.size() && t[at] == '.') {
        const std::size_t digits = at + 1;
        for (at = digits; at < t.size() && std::isdigit(static_cast<unsigned char>(t[at]));) ++at;
        if (at == digits) return std::nullopt;
    }
    int offset = 0;  // minutes east of UTC
    if (at < t.size() && (t[at] == 'Z' || t[at] == 'z')) {
        ++at;
    } else if (at < t.size() && (t[at] == '+' || t[at] == '-')) {
        const auto oh = two_digits(t, at + 1, 23), om = two_digits(t, at + 4, 59);
        if (!oh || !om || at + 3 >= t.size() || t[at + 3] != ':') return std::nullopt;
        offset = (t[at] == '-' ? -1 : 1) * (*oh * 60 + *om);
        at += 6;
    } else {
        return std::nullopt;  // RFC 3339 requires the offset
    }
    if (at != t.size()) return std::nullopt;
    const int utc_minutes = *hours * 60 + *minutes - offset;  // -1439 .. 2879
    return *day + (utc_minutes < 0 ? -1 : utc_minutes >= 1440 ? 1 : 0);
}

// A layer's period columns: open_from and open_until (places, routes) or period_from and
// period_until (observations).
std::optional<std::pair<std::size_t, std::size_t>> period_columns(const io::Table& table) {
    for (const auto& [from, until] : {std::pair{"open_from", "open_until"}, std::pair{"period_from", "period_until"}}) {
        const auto f = find_field(table, from), u = find_field(table, until);
        if (f && u) return std::pair{*f, *u};
    }
    return std::nullopt;
}

// A feature's period from its period cells (null: open that way).
Period period_of(const std::vector<io::Cell>& cells, std::size_t from, std::size_t until) {
    Period p;
    auto day = [&](std::size_t i) -> std::optional<Day> {
        const auto* s = i < cells.size() ? std::get_if<std::string>(&cells[i]) : nullptr;
        return s ? parse_date(*s) : std::nullopt;
    };
    if (const auto d = day(from)) p.from = *d;
    if (const auto d = day(until)) p.until = *d;
    return p;
}

bool meets(const Period& a, const Period& b) { return a.from <= b.until && b.from <= a.until; }

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

Period parse_datetime(const std::string& text) {
    const auto bad = [&](const char* why) {
        return request_error(
            fmt::format("datetime \"{}\": {} (give a date or date-time as in RFC 3339, "
                        "2017-05-18 or 2017-05-18T10:00:00Z, or an interval start/end with .. for "
                        "an open end)",
                        text, why));
    };
    const std::size_t slash = text.find('/');
    if (slash == std::string::npos) {
        const auto day = datetime_day(text);
        if (!day) throw bad("not a date or date-time");
        return {*day, *day};
    }
    const std::string_view all(text);
    const std::string_view start = all.substr(0, slash), end = all.substr(slash + 1);
    const bool open_start = start.empty() || start == "..", open_end = end.empty() || end == "..";
    if (open_start && open_end) throw bad("an interval open at both ends");
    Period p;
    if (!open_start) {
        const auto day = datetime_day(start);
        if (!day) throw bad("its start is not a date or date-time");
        p.from = *day;
    }
    if (!open_end) {
        const auto day = datetime_day(end);
        if (!day) throw bad("its end is not a date or date-time");
        p.until = *day;
    }
    if (p.from > p.until) throw bad("the interval ends before it starts");
    return p;
}

bool has_dates(const io::Table& table) { return period_columns(table).has_value(); }

std::optional<Period> temporal_extent_of(const io::Table& table) {
    const auto columns = period_columns(table);
    if (!columns) return std::nullopt;
    std::optional<Period> all;
    std::vector<io::Cell> scratch;
    for (std::size_t r = 0; r < table.size(); ++r) {
        const std::vector<io::Cell>& cells = table.row_view(r, scratch);
        const Period p = period_of(cells, columns->first, columns->second);
        if (!all) all = p;
        all->from = std::min(all->from, p.from);
        all->until = std::max(all->until, p.until);
    }
    return all;
}

ordered_json feature_json(const io::Table& table, std::size_t row) {
    std::vector<io::Cell> scratch;
    const std::vector<io::Cell>& cells = table.row_view(row, scratch);
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
    const auto columns = period_columns(table);
    const bool dated = query.datetime && columns;
    const bool by_cells = !equals.empty() || !listed.empty() || dated;
    std::vector<std::size_t> rows;
    std::vector<io::Cell> scratch;
    for (std::size_t r = 0; r < table.size(); ++r) {
        if (query.bbox) {
            const auto points = table.geom == io::GeomType::none ? std::span<const LonLat>{} : table.geometry_at(r);
            if (points.empty() || !intersects(envelope(points), *query.bbox)) continue;
        }
        if (!by_cells) {
            rows.push_back(r);
            continue;
        }
        const std::vector<io::Cell>& cells = table.row_view(r, scratch);
        if (dated && !meets(period_of(cells, columns->first, columns->second), *query.datetime)) continue;
        if (!equals.empty() || !listed.empty()) {
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
    std::vector<io::Cell> scratch;
    for (std::size_t r = 0; r < table.size(); ++r) {
        const std::vector<io::Cell>& cells = table.row_view(r, scratch);
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
