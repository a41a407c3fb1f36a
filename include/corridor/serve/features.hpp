// The features of an exported layer as OGC API items: GeoJSON per feature, and the
// selection an items request makes (bbox, property equality, limit and offset).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/io/write.hpp"
#include "corridor/model/dates.hpp"

namespace corridor {

// Longitude and latitude (WGS 84), west, south, east, north.
struct BBox {
    double west = 0, south = 0, east = 0, north = 0;
};

struct ItemsQuery {
    std::optional<BBox> bbox;
    std::size_t limit = 1000;
    std::size_t offset = 0;
    std::vector<std::pair<std::string, std::string>> equals;  // property, value
    std::vector<std::pair<std::string, std::string>> lists;   // property (comma-separated), a value it lists
    // Features open on at least one of these days (their open_from..open_until, or an
    // observation's period_from..period_until); ignored by a layer without such fields, which
    // has no temporal extent either.
    std::optional<Period> datetime;
};

inline constexpr std::size_t kDefaultLimit = 1000;
inline constexpr std::size_t kMaxLimit = 10000;

// "W,S,E,N": four numbers with W <= E and S <= N, within -180..180 and -90..90; throws
// request_error otherwise (three or five numbers, min above max, not a number).
BBox parse_bbox(const std::string& text);
// 1..kMaxLimit (a larger one is lowered to kMaxLimit, as the standard allows); throws
// request_error for 0, a negative or a non-number.
std::size_t parse_limit(const std::string& text);
// 0 or more; throws request_error otherwise.
std::size_t parse_offset(const std::string& text);

// The days a datetime parameter asks (OGC API – Features 1.0, 7.15.4): an instant or an
// interval "start/end" whose open end is ".." or empty; each an RFC 3339 date ("2017-05-18") or
// date-time ("2017-05-18T10:00:00Z", "…+09:00", fractions of a second allowed), taken as the UTC
// day it falls on (the features' periods are whole days). Throws request_error otherwise, and
// for an interval that ends before it starts or is open at both ends.
Period parse_datetime(const std::string& text);

// Whether the layer's features are dated: open_from and open_until, or period_from and
// period_until.
bool has_dates(const io::Table& table);

// The days the features span together: the earliest start and the latest end of their
// periods (open when some feature is open that way); none for a layer without dates.
std::optional<Period> temporal_extent_of(const io::Table& table);

// {"type": "Feature", "id": <the id field>, "geometry": ..., "properties": {...}}.
nlohmann::ordered_json feature_json(const io::Table& table, std::size_t row);

// The rows matching the bbox (the geometry's envelope intersects it), every equality
// (numbers compared as numbers, booleans as true/false or 1/0), every list membership
// ("coal" in "cargo,coal") and the datetime (the feature's period meets it), in layer order. Throws
// request_error naming a property the layer does not have.
std::vector<std::size_t> matching_rows(const io::Table& table, const ItemsQuery& query);

// The row whose id field is id.
std::optional<std::size_t> row_of_id(const io::Table& table, const std::string& id);

// The envelope of every geometry (none for an empty layer).
std::optional<BBox> extent_of(const io::Table& table);

}  // namespace corridor
