// The GeoJSON reader's simdjson worker: On-Demand over one feature at a time (the extents
// come from detail/geojson_scan.hpp), validating every value and reading what OGR reads.
// What is mirrored of GDAL 3.6 and what is left to it is listed at the top of
// geojson_reader.cpp. Recursive walks are bounded: "coordinates" at four levels, any other
// value at kMaxGeoJsonDepth (TooDeep), so no input overflows the stack.
#include "corridor/io/detail/feature_parser.hpp"

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "corridor/io/detail/geojson_scan.hpp"
#include "corridor/io/geojson_reader.hpp"

namespace corridor::io::detail {
namespace {

namespace od = simdjson::ondemand;

[[noreturn]] void needs_ogr() { throw NeedsOgr{}; }

// A member a GeoJSON object may hold once: OGR reads one that holds it twice.
void once(bool& seen) {
    if (seen) needs_ogr();
    seen = true;
}
template <class T>
T need(simdjson::simdjson_result<T>&& r) {
    T out;
    if (std::move(r).get(out) != simdjson::SUCCESS) needs_ogr();
    return out;
}

// Everything of the document consumed (current_location is past the last token).
bool at_end(od::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

// A feature member that OGR, which looks members up without regard to case, takes for
// "type", "properties", "geometry", "id" or "bbox", though it is not spelled so.
bool differently_cased_member(std::string_view key) {
    for (const std::string_view name : {"type", "properties", "geometry", "id", "bbox"}) {
        if (key.size() != name.size() || key == name) continue;
        bool same = true;
        for (std::size_t i = 0; same && i < key.size(); ++i)
            same = (key[i] >= 'A' && key[i] <= 'Z' ? static_cast<char>(key[i] - 'A' + 'a') : key[i]) == name[i];
        if (same) return true;
    }
    return false;
}

// A string OGRParseDate might accept: after spaces, a digit or sign, and a date or
// time separator somewhere. A superset of what GDAL 3.6 types as Date/Time/DateTime
// (checked against it on 21,000 random and structured strings).
bool might_be_date(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) return false;
    const char c = s[i];
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-')) return false;
    return s.find_first_of("-/:") != std::string_view::npos;
}

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct CoordInfo {
    int pos_depth = -1;       // nesting of the positions: 0 for a Point, 1 for a LineString...
    bool has_empty = false;   // an empty array somewhere
    bool root_empty = false;  // "coordinates": []
    bool has_3d = false;      // a position with a third number
    std::size_t positions = 0;
};

// Per-thread state: a parser and the field table of the features it reads.
class Worker {
public:
    explicit Worker(const MappedFile& src) : src_(src) {}

    std::vector<Field>& fields() { return fields_; }

    // Pass 2 in a worker of its own: the fields and their unified types.
    void adopt(const std::map<std::string, Field, std::less<>>& merged) {
        for (const auto& [name, m] : merged) {
            by_name_.emplace(name, static_cast<std::uint32_t>(fields_.size()));
            Field& f = fields_.emplace_back();
            f.name = name;
            f.type = m.type;
        }
    }

    // A top-level key, validated by simdjson. GDAL finds the driver by the raw text of
    // the head of the file, so escaped top-level keys are left to it.
    std::string top_key(const char* p, std::size_t len) {
        if (std::memchr(p, '\\', len) != nullptr) needs_ogr();
        od::document doc = parse(p, len);
        std::string key(need(doc.get_string()));
        if (!at_end(doc)) needs_ogr();
        return key;
    }

    // Any other top-level member: validated; "type" must be "FeatureCollection".
    void top_member(const char* p, std::size_t len, bool is_type) {
        od::document doc = parse(p, len);
        if (is_type) {
            if (need(doc.get_string()) != "FeatureCollection") needs_ogr();
        } else if (need(doc.is_scalar())) {
            scalar(doc, need(doc.type()), [](od::document& d) { need(d.get_double()); });
        } else {
            od::value v = need(doc.get_value());
            validate(v);
        }
        if (!at_end(doc)) needs_ogr();
    }

    // Pass 1 (Emit false): validates the feature and records its fields' kinds.
    // Pass 2 (Emit true): fills *rf.
    template <bool Emit>
    void feature(const char* p, std::size_t len, RawFeature* rf) {
        ++stamp_;
        od::document doc = parse(p, len);
        bool seen_type = false, seen_props = false, seen_geom = false, seen_foreign = false;
        if constexpr (Emit) {
            rf->kind = GeomKind::none;
            rf->geom_type = "no geometry";
            rf->coords.clear();
        }
        for (auto fr : need(doc.get_object())) {
            od::field f = need(std::move(fr));
            const std::string_view key = need(f.unescaped_key());
            if (key == "type") {
                once(seen_type);
                if (need(f.value().get_string()) != "Feature") needs_ogr();
            } else if (key == "properties") {
                once(seen_props);
                properties<Emit>(f.value(), rf);
            } else if (key == "geometry") {
                once(seen_geom);
                geometry<Emit>(f.value(), rf);
            } else if (key == "id" || differently_cased_member(key)) {
                // "id" becomes the FID or an "id" field; OGR finds members whatever their
                // case ("geomeTry" is the geometry: found by the fuzz target geojson_reader)
                needs_ogr();
            } else {
                if (key != "bbox") seen_foreign = true;
                // bbox, foreign members: ignored by OGR when properties exist (validated in
                // pass 1, skipped in pass 2)
                if constexpr (!Emit) validate(f.value());
            }
        }
        if (!at_end(doc) || !seen_type) needs_ogr();
        if (seen_foreign && !seen_props) needs_ogr();  // OGR then reads foreign members as fields
        if constexpr (Emit) {
            // Fields set in the previous feature but not in this one.
            std::size_t kept = 0;
            for (std::uint32_t idx : present_) {
                Field& fd = fields_[idx];
                if (fd.set_stamp == stamp_) {
                    present_[kept++] = idx;
                } else {
                    rf->fields.erase(fd.it);
                    fd.present = false;
                }
            }
            present_.resize(kept);
        }
    }

private:
    const MappedFile& src_;
    od::parser parser_;
    simdjson::padded_string scratch_;  // a value copied out from near the end of a mapping
    std::vector<Field> fields_;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> by_name_;
    std::vector<std::uint32_t> order_;  // the field of the k-th property of the last feature
    std::vector<std::uint32_t> present_;
    std::uint64_t stamp_ = 0;  // one per feature per pass

    od::document parse(const char* p, std::size_t len) {
        const std::size_t room = src_.readable() - static_cast<std::size_t>(p - src_.data());
        if (room < len + simdjson::SIMDJSON_PADDING) {
            scratch_ = simdjson::padded_string(p, len);
            return need(parser_.iterate(scratch_));
        }
        return need(parser_.iterate(p, len, room));
    }

    // Consumes any value, failing on malformed JSON; `depth` counts the arrays and objects
    // around it, bounded so that the recursion is.
    void validate(od::value v, std::size_t depth = 1) {
        const od::json_type type = need(v.type());
        switch (type) {
            case od::json_type::object:
                if (depth >= kMaxGeoJsonDepth) throw TooDeep{};
                for (auto fr : need(v.get_object())) {
                    od::field f = need(std::move(fr));
                    need(f.unescaped_key());
                    validate(f.value(), depth + 1);
                }
                break;
            case od::json_type::array:
                if (depth >= kMaxGeoJsonDepth) throw TooDeep{};
                for (auto er : need(v.get_array())) validate(need(std::move(er)), depth + 1);
                break;
            default:
                scalar(v, type, [](od::value& x) { check_number(x); });
        }
    }

    // A scalar read whole, failing on a malformed one; a number as `number` reads it.
    template <class Json, class Number>
    void scalar(Json& j, od::json_type type, Number&& number) {
        switch (type) {
            case od::json_type::string:
                need(j.get_string());
                break;
            case od::json_type::number:
                number(j);
                break;
            case od::json_type::boolean:
                need(j.get_bool());
                break;
            case od::json_type::null:
                if (!need(j.is_null())) needs_ogr();
                break;
            default:
                needs_ogr();
        }
    }

    // A number with a fraction or exponent, as strtod reads it. simdjson 3.0.1 misreads
    // some with more than 19 digits (0.30000000000000004441 gives 0.1155..., its issue
    // #2093), so those go through std::from_chars, correctly rounded like strtod.
    static double real_value(od::value& v) {
        const std::string_view token = v.raw_json_token();
        double d = need(v.get_double());   // validates the number
        if (token.size() <= 20) return d;  // 19 digits at most, with a point
        std::size_t digits = 0, len = 0;
        for (; len < token.size(); ++len) {
            const char c = token[len];
            if (c >= '0' && c <= '9') ++digits;
            else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') break;
        }
        if (digits > 19) {
            const auto [ptr, ec] = std::from_chars(token.data(), token.data() + len, d);
            if (ec != std::errc{} || ptr != token.data() + len) needs_ogr();
        }
        return d;
    }

    // A number as json_object_get_double gives it: integers through int64.
    static double number_as_double(od::value& v) {
        switch (need(v.get_number_type())) {
            case od::number_type::floating_point_number:
                return real_value(v);
            case od::number_type::signed_integer:
                return static_cast<double>(need(v.get_int64()));
            default:
                needs_ogr();  // beyond int64: OGR clamps
        }
    }

    // A number where only its validity counts (pass 1): checked without being converted
    // when it is plain (no exponent, at most 18 digits: valid and finite whatever they
    // are), else read as number_as_double reads it.
    static void check_number(od::value& v) {
        const std::string_view t = v.raw_json_token();  // with the whitespace after it
        std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
        const std::size_t first = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        std::size_t digits = i - first;
        bool plain = digits == 1 || (digits > 1 && t[first] != '0');
        if (plain && i < t.size() && t[i] == '.') {
            const std::size_t frac = ++i;
            while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
            plain = i > frac;
            digits += i - frac;
        }
        while (plain && i < t.size() && is_json_space(t[i])) ++i;
        if (plain && i == t.size() && digits <= 18) return;
        number_as_double(v);
    }

    std::uint32_t field_index(std::string_view key, std::size_t k) {
        if (k < order_.size() && fields_[order_[k]].name == key) return order_[k];
        std::uint32_t idx;
        if (auto it = by_name_.find(key); it != by_name_.end()) {
            idx = it->second;
        } else {
            if (key.empty() || key.find('\0') != std::string_view::npos) needs_ogr();
            idx = static_cast<std::uint32_t>(fields_.size());
            fields_.emplace_back().name = key;
            by_name_.emplace(std::string(key), idx);
        }
        if (k < order_.size()) order_[k] = idx;
        else order_.push_back(idx);
        return idx;
    }

    static std::string_view string_value(od::value& v) {
        const std::string_view s = need(v.get_string());
        if (s.find('\0') != std::string_view::npos) needs_ogr();  // OGR cuts at NUL
        return s;
    }

    template <bool Emit>
    void properties(od::value v, RawFeature* rf) {
        if (need(v.type()) == od::json_type::null) {
            if (!need(v.is_null())) needs_ogr();
            return;
        }
        std::size_t k = 0;
        for (auto fr : need(v.get_object())) {
            od::field f = need(std::move(fr));
            const std::string_view key = need(f.unescaped_key());
            const std::uint32_t idx = field_index(key, k++);
            Field& fd = fields_[idx];
            if (fd.key_stamp == stamp_) needs_ogr();  // duplicate key: json-c keeps the last
            fd.key_stamp = stamp_;
            od::value val = f.value();
            const od::json_type t = need(val.type());
            if (t == od::json_type::null) {
                if (!need(val.is_null())) needs_ogr();
                continue;
            }
            if constexpr (!Emit) {
                analyse_value(fd, val, t);
            } else {
                FieldValue* slot;
                if (fd.present) {
                    slot = &fd.it->second;
                } else {
                    fd.it = rf->fields.emplace(fd.name, std::monostate{}).first;
                    fd.present = true;
                    present_.push_back(idx);
                    slot = &fd.it->second;
                }
                fd.set_stamp = stamp_;
                emit_value(fd, val, *slot);
            }
        }
    }

    static void analyse_value(Field& fd, od::value& val, od::json_type t) {
        switch (t) {
            case od::json_type::boolean:
                need(val.get_bool());
                fd.has_bool = true;
                break;
            case od::json_type::number:
                switch (need(val.get_number_type())) {
                    case od::number_type::floating_point_number:
                        real_value(val);
                        fd.has_real = true;
                        break;
                    case od::number_type::signed_integer:
                        need(val.get_int64());
                        fd.has_int = true;
                        break;
                    default:
                        needs_ogr();  // beyond int64
                }
                break;
            case od::json_type::string: {
                const std::string_view s = string_value(val);
                fd.has_string = true;
                if (!fd.has_plain_string && !might_be_date(s)) fd.has_plain_string = true;
                break;
            }
            case od::json_type::array: {
                std::size_t n = 0;
                for (auto er : need(val.get_array())) {
                    od::value e = need(std::move(er));
                    if (need(e.type()) != od::json_type::string) needs_ogr();  // only string lists
                    string_value(e);
                    ++n;
                }
                if (n == 0) needs_ogr();  // OGR types an empty array by what it saw first
                fd.has_list = true;
                break;
            }
            default:
                needs_ogr();  // nested objects
        }
    }

    static void emit_value(const Field& fd, od::value& val, FieldValue& slot) {
        switch (fd.type) {
            case Unified::boolean:
                slot = need(val.get_bool());
                break;
            case Unified::integer:
                slot = need(val.get_int64());
                break;
            case Unified::real:
                slot = number_as_double(val);
                break;
            case Unified::string: {
                const std::string_view s = need(val.get_string());
                if (auto* str = std::get_if<std::string>(&slot)) str->assign(s);
                else slot = std::string(s);
                break;
            }
            case Unified::list: {
                auto* list = std::get_if<std::vector<std::string>>(&slot);
                if (list == nullptr) list = &slot.emplace<std::vector<std::string>>();
                std::size_t n = 0;
                for (auto er : need(val.get_array())) {
                    od::value e = need(std::move(er));
                    const std::string_view s = need(e.get_string());
                    if (n < list->size()) (*list)[n].assign(s);
                    else list->emplace_back(s);
                    ++n;
                }
                list->resize(n);
                break;
            }
            case Unified::none:
                needs_ogr();  // cannot happen: a value was seen in pass 1
        }
    }

    // Reads "coordinates" whatever the geometry type, which may come after it.
    void coordinates(od::value v, int depth, CoordInfo& ci, Polyline* out) {
        int kind = 0;  // 1: numbers (a position), 2: arrays
        double xyz[3] = {0, 0, 0};
        int n = 0;
        for (auto er : need(v.get_array())) {
            od::value e = need(std::move(er));
            const od::json_type t = need(e.type());
            if (t == od::json_type::number) {
                if (kind == 2 || n == 3) needs_ogr();  // OGR drops a fourth number
                kind = 1;
                if (out != nullptr) xyz[n] = number_as_double(e);
                else check_number(e);
                ++n;
            } else if (t == od::json_type::array) {
                if (kind == 1 || depth >= 3) needs_ogr();
                kind = 2;
                coordinates(e, depth + 1, ci, out);
            } else {
                needs_ogr();
            }
        }
        if (kind == 0) {
            ci.has_empty = true;
            if (depth == 0) ci.root_empty = true;
            return;
        }
        if (kind == 1) {
            if (n < 2) needs_ogr();  // OGR reads no geometry
            if (ci.pos_depth == -1) ci.pos_depth = depth;
            else if (ci.pos_depth != depth) needs_ogr();
            if (n == 3) ci.has_3d = true;
            ++ci.positions;
            if (out != nullptr && depth <= 1) out->push_back({xyz[0], xyz[1]});
        }
    }

    template <bool Emit>
    void geometry(od::value v, RawFeature* rf) {
        if (need(v.type()) == od::json_type::null) {
            if (!need(v.is_null())) needs_ogr();
            return;  // "no geometry", set by feature()
        }
        std::string_view type;
        bool seen_type = false, seen_coords = false;
        CoordInfo ci;
        for (auto fr : need(v.get_object())) {
            od::field f = need(std::move(fr));
            const std::string_view key = need(f.unescaped_key());
            if (key == "type") {
                once(seen_type);
                type = need(f.value().get_string());
            } else if (key == "coordinates") {
                once(seen_coords);
                Polyline* out = nullptr;
                if constexpr (Emit) out = &rf->coords;
                coordinates(f.value(), 0, ci, out);
            } else if (key == "bbox") {
                if constexpr (!Emit) validate(f.value());  // skipped in pass 2
            } else {
                needs_ogr();  // "crs", "geometries", anything else
            }
        }
        if (!seen_type || !seen_coords) needs_ogr();
        const auto [kind, name] = kind_and_name(type, ci);
        if constexpr (Emit) {
            rf->kind = kind;
            rf->geom_type = name;
            if (kind == GeomKind::other) rf->coords.clear();
        }
    }

    // The geometry as OGR reads it from its type and coordinates: the kind and OGR's name
    // ("empty geometry" for a LineString without positions). Throws NeedsOgr otherwise.
    static std::pair<GeomKind, const char*> kind_and_name(std::string_view type, const CoordInfo& ci) {
        if (type == "Point") {
            if (ci.pos_depth != 0) needs_ogr();  // empty or nested: OGR reads no geometry
            return {GeomKind::point, ci.has_3d ? "3D Point" : "Point"};
        }
        if (type == "LineString") {
            if (ci.root_empty) return {GeomKind::none, "empty geometry"};  // "coordinates": []
            if (ci.pos_depth != 1 || ci.has_empty) needs_ogr();
            return {GeomKind::line, ci.has_3d ? "3D Line String" : "Line String"};
        }
        int depth = 0;
        const char* name = nullptr;
        if (type == "MultiPoint") depth = 1, name = "Multi Point";
        else if (type == "MultiLineString") depth = 2, name = "Multi Line String";
        else if (type == "Polygon") depth = 2, name = "Polygon";
        else if (type == "MultiPolygon") depth = 3, name = "Multi Polygon";
        else needs_ogr();  // GeometryCollection, unknown or differently cased types
        if (ci.pos_depth != depth || ci.has_empty || ci.has_3d) needs_ogr();
        return {GeomKind::other, name};
    }
};

}  // namespace

Unified unify(const Field& f) {
    const bool number = f.has_int || f.has_real;
    if (f.has_string && (number || f.has_bool || f.has_list)) needs_ogr();
    if (f.has_bool && (number || f.has_list)) needs_ogr();
    if (f.has_list && number) needs_ogr();
    if (f.has_string) {
        if (!f.has_plain_string) needs_ogr();  // OGR might type it as a date or time
        return Unified::string;
    }
    if (f.has_list) return Unified::list;
    if (f.has_bool) return Unified::boolean;
    if (f.has_real) return Unified::real;
    if (f.has_int) return Unified::integer;
    return Unified::none;
}

struct FeatureParser::Impl {
    explicit Impl(const MappedFile& file) : worker(file) {}
    Worker worker;
};

FeatureParser::FeatureParser(const MappedFile& file) : impl_(std::make_unique<Impl>(file)) {}
FeatureParser::~FeatureParser() = default;

std::vector<Field>& FeatureParser::fields() { return impl_->worker.fields(); }
void FeatureParser::adopt(const std::map<std::string, Field, std::less<>>& merged) { impl_->worker.adopt(merged); }
std::string FeatureParser::top_key(const char* p, std::size_t len) { return impl_->worker.top_key(p, len); }
void FeatureParser::top_member(const char* p, std::size_t len, bool is_type) {
    impl_->worker.top_member(p, len, is_type);
}
void FeatureParser::analyse(const char* p, std::size_t len) { impl_->worker.feature<false>(p, len, nullptr); }
void FeatureParser::read(const char* p, std::size_t len, RawFeature& rf) { impl_->worker.feature<true>(p, len, &rf); }

}  // namespace corridor::io::detail
