// The fast GeoJSON reader: simdjson On-Demand over one feature at a time, giving what
// read_layer through GDAL's GeoJSON driver (3.6) gives, or false when only OGR knows.
//
// The file is mapped (not copied). A light scanner walks the top-level object and splits
// the "features" array into one extent per feature; each extent is parsed (and fully
// validated) by simdjson on its own, so the parser's buffers stay the size of one
// feature. Pass 1 scans the features array in chunks cut at line starts, one thread
// each, and analyses each feature as soon as its extent is known (a chunk's first
// feature is a guess, kept only when it is where the chunk before stopped:
// Reader::features); pass 2 reads the features again in contiguous parts, one thread
// each. Each pass gives back the pages it has read as it goes, so memory stays near
// what the visitor keeps rather than the file size.
//
// Pass 1 validates every feature, unifies each property's type over all features as
// OGR does (integers become reals when any value has a fraction) and finds whatever
// this reader does not reproduce; pass 2 visits, skipping what pass 1 validated and no
// visitor sees (bbox, foreign members). Behaviour checked against GDAL 3.6.2:
//  - a field's type is unified over all features before any is read: integers only
//    -> Integer/Integer64 (int64 here), any fraction or exponent -> Real (integers read
//    as the double of the int64), true/false -> Boolean, arrays of strings -> StringList;
//  - a field whose every string OGRParseDate accepts becomes Date/Time/DateTime: any
//    field whose strings all might be dates is left to OGR (one plain string makes the
//    field a String, dates included);
//  - null properties are unset; a field with only nulls is a String never set;
//  - "3D Point"/"3D Line String" when a position has a third number (extra numbers
//    beyond three are dropped by OGR: left to OGR), "empty geometry" for a LineString
//    with no positions, "Multi Point", "Multi Line String", "Polygon", "Multi Polygon";
//  - field names are case-sensitive (OGR keeps "a" and "A" apart); an integer "id"
//    property becomes the FID, which read_layer does not use;
//  - left to OGR: a feature without "properties" but with foreign members (OGR reads
//    those as fields), a feature-level "id", a "crs", "Topology" in the head of the file
//    (the TopoJSON driver takes it), duplicate keys (json-c keeps the last), strings
//    with NUL (OGR cuts them), empty arrays (typed by the first seen), nested objects,
//    mixed types, integers beyond int64 (clamped), GeometryCollection, malformed
//    geometries and malformed JSON.
#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/geojson_fast.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace {

namespace od = simdjson::ondemand;

// Thrown inside the reader when the file needs OGR; never escapes read_geojson_fast.
struct NeedsOgr {};

[[noreturn]] void needs_ogr() { throw NeedsOgr{}; }

template <class T>
T need(simdjson::simdjson_result<T>&& r) {
    T out;
    if (std::move(r).get(out) != simdjson::SUCCESS) needs_ogr();
    return out;
}

// Everything of the document consumed (current_location is past the last token).
bool at_end(od::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

// ---- the top-level scanner --------------------------------------------------

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

// p just after an opening quote; returns just after the closing quote.
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
    needs_ogr();
}

// The end of the JSON value starting at p (not whitespace). Only finds the extent: the
// value itself is validated by simdjson afterwards.
const char* value_end(const char* p, const char* end) {
    if (*p == '"') return string_end(p + 1, end);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < end) {
            while (p < end && !scan_table.stop[static_cast<unsigned char>(*p)]) ++p;
            if (p == end) break;
            switch (*p++) {
                case '"': p = string_end(p, end); break;
                case '{':
                case '[': ++depth; break;
                default:
                    if (--depth == 0) return p;
            }
        }
        needs_ogr();
    }
    while (p < end && !is_ws(*p) && *p != ',' && *p != '}' && *p != ']') ++p;
    return p;
}

const char* skip_ws(const char* p, const char* end) {
    while (p < end && is_ws(*p)) ++p;
    return p;
}

// ---- fields -------------------------------------------------------------------

enum class Unified { none, boolean, integer, real, string, list };

struct Field {
    std::string name;
    // Pass 1: the kinds of value seen.
    bool has_bool = false, has_int = false, has_real = false, has_string = false, has_list = false;
    bool has_plain_string = false;  // a string OGR cannot take for a date
    Unified type = Unified::none;
    // Per feature: the last feature that named it (duplicates) and that set it.
    std::uint64_t key_stamp = 0;
    std::uint64_t set_stamp = 0;
    // Pass 2: its entry in the feature's map while present.
    bool present = false;
    std::map<std::string, FieldValue, std::less<>>::iterator it;
};

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

// The bytes of the file: mapped when possible (the kernel's page cache, nothing copied),
// else loaded into a padded buffer. simdjson reads up to SIMDJSON_PADDING bytes past the
// end of what it parses; inside the file that is the text that follows, and a value too
// close to the end of the mapping is copied out first (Worker::parse).
class Source {
public:
    explicit Source(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
            const auto size = static_cast<std::size_t>(st.st_size);
            void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (m != MAP_FAILED) {
                map_ = m;
                data_ = static_cast<const char*>(m);
                size_ = size;
                const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
                readable_ = (size + page - 1) / page * page;  // the last page reads as zeros past the end
                ::madvise(m, size, MADV_SEQUENTIAL);
            }
        }
        if (fd >= 0) ::close(fd);
        if (map_ == nullptr) {
            if (const auto err = simdjson::padded_string::load(path.string()).get(text_); err != simdjson::SUCCESS)
                throw input_error({path.string(), "", ""}, std::string("cannot read: ") + simdjson::error_message(err));
            data_ = text_.data();
            size_ = text_.size();
            readable_ = size_ + simdjson::SIMDJSON_PADDING;
        }
    }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    ~Source() {
        if (map_ != nullptr) ::munmap(map_, size_);
    }

    const char* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::size_t readable() const { return readable_; }

    // Gives back the pages wholly inside [from, to) (offsets): they are read again from
    // the page cache if touched again, so only memory is saved.
    void release(std::size_t from, std::size_t to) const {
        if (map_ == nullptr) return;
        const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        from = (from + page - 1) / page * page;
        to = to / page * page;
        if (to > from) ::madvise(static_cast<char*>(map_) + from, to - from, MADV_DONTNEED);
    }

private:
    void* map_ = nullptr;
    simdjson::padded_string text_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t readable_ = 0;
};

constexpr std::size_t kReleaseEvery = std::size_t{32} << 20;  // bytes read between page releases
constexpr std::size_t kFeaturesPerPart = 20000;                // fewer features than this: one part
constexpr std::size_t kBytesPerChunk = std::size_t{1} << 20;    // fewer bytes a thread than this: one chunk

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

// Per-thread state: a parser and the field table of the features it reads.
class Worker {
public:
    explicit Worker(const Source& src) : src_(src) {}

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
            switch (need(doc.type())) {
                case od::json_type::string: need(doc.get_string()); break;
                case od::json_type::number: need(doc.get_double()); break;
                case od::json_type::boolean: need(doc.get_bool()); break;
                case od::json_type::null:
                    if (!need(doc.is_null())) needs_ogr();
                    break;
                default: needs_ogr();
            }
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
                if (seen_type) needs_ogr();
                seen_type = true;
                if (need(f.value().get_string()) != "Feature") needs_ogr();
            } else if (key == "properties") {
                if (seen_props) needs_ogr();
                seen_props = true;
                properties<Emit>(f.value(), rf);
            } else if (key == "geometry") {
                if (seen_geom) needs_ogr();
                seen_geom = true;
                geometry<Emit>(f.value(), rf);
            } else if (key == "id") {
                needs_ogr();  // becomes the FID or an "id" field
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
    const Source& src_;
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

    // Consumes any value, failing on malformed JSON.
    void validate(od::value v) {
        switch (need(v.type())) {
            case od::json_type::object:
                for (auto fr : need(v.get_object())) {
                    od::field f = need(std::move(fr));
                    need(f.unescaped_key());
                    validate(f.value());
                }
                break;
            case od::json_type::array:
                for (auto er : need(v.get_array())) validate(need(std::move(er)));
                break;
            case od::json_type::string: need(v.get_string()); break;
            case od::json_type::number: check_number(v); break;
            case od::json_type::boolean: need(v.get_bool()); break;
            case od::json_type::null:
                if (!need(v.is_null())) needs_ogr();
                break;
        }
    }

    // A number with a fraction or exponent, as strtod reads it. simdjson 3.0.1 misreads
    // some with more than 19 digits (0.30000000000000004441 gives 0.1155..., its issue
    // #2093), so those go through std::from_chars, correctly rounded like strtod.
    static double real_value(od::value& v) {
        const std::string_view token = v.raw_json_token();
        double d = need(v.get_double());  // validates the number
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
            case od::number_type::floating_point_number: return real_value(v);
            case od::number_type::signed_integer: return static_cast<double>(need(v.get_int64()));
            default: needs_ogr();  // beyond int64: OGR clamps
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
        while (plain && i < t.size() && is_ws(t[i])) ++i;
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
                    default: needs_ogr();  // beyond int64
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
            default: needs_ogr();  // nested objects
        }
    }

    static void emit_value(const Field& fd, od::value& val, FieldValue& slot) {
        switch (fd.type) {
            case Unified::boolean: slot = need(val.get_bool()); break;
            case Unified::integer: slot = need(val.get_int64()); break;
            case Unified::real: slot = number_as_double(val); break;
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
            case Unified::none: needs_ogr();  // cannot happen: a value was seen in pass 1
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
                if (seen_type) needs_ogr();
                seen_type = true;
                type = need(f.value().get_string());
            } else if (key == "coordinates") {
                if (seen_coords) needs_ogr();
                seen_coords = true;
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
        GeomKind kind = GeomKind::other;
        const char* name = nullptr;
        if (type == "Point") {
            if (ci.pos_depth != 0) needs_ogr();  // empty or nested: OGR reads no geometry
            kind = GeomKind::point;
            name = ci.has_3d ? "3D Point" : "Point";
        } else if (type == "LineString") {
            if (ci.root_empty) {  // "coordinates": [] is an empty line string
                if constexpr (Emit) {
                    rf->kind = GeomKind::none;
                    rf->geom_type = "empty geometry";
                }
                return;
            }
            if (ci.pos_depth != 1 || ci.has_empty) needs_ogr();
            kind = GeomKind::line;
            name = ci.has_3d ? "3D Line String" : "Line String";
        } else {
            int depth = 0;
            if (type == "MultiPoint") depth = 1, name = "Multi Point";
            else if (type == "MultiLineString") depth = 2, name = "Multi Line String";
            else if (type == "Polygon") depth = 2, name = "Polygon";
            else if (type == "MultiPolygon") depth = 3, name = "Multi Polygon";
            else needs_ogr();  // GeometryCollection, unknown or differently cased types
            if (ci.pos_depth != depth || ci.has_empty || ci.has_3d) needs_ogr();
        }
        if constexpr (Emit) {
            rf->kind = kind;
            rf->geom_type = name;
            if (kind == GeomKind::other) rf->coords.clear();
        }
    }
};


// The first feature a chunk of the features array probably starts: the first line in
// [from, to) whose first character other than blanks (and one comma) is '{'. Only a
// guess, checked against where the chunk before left off (Reader::features).
const char* first_feature_guess(const char* from, const char* to, const char* end) {
    for (const char* line = from; line < to;) {
        const char* q = line;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
        if (q < end && *q == ',') q = skip_ws(q + 1, end);
        if (q < to && *q == '{') return q;
        const void* nl = std::memchr(line, '\n', static_cast<std::size_t>(to - line));
        if (nl == nullptr) break;
        line = static_cast<const char*>(nl) + 1;
    }
    return nullptr;
}

// The top-level scan with pass 1 in chunks, then pass 2 in parts.
class Reader {
public:
    explicit Reader(const Source& src) : src_(src) {}

    // Pass 1: finds every feature's extent, validates every feature and unifies each
    // field's type over all of them (chunks analysed concurrently, their findings
    // merged). Throws NeedsOgr.
    void analyse(std::size_t threads) {
        threads_ = threads == 0 ? hardware_threads() : threads;
        Worker top(src_);
        scan(top);
        // OGR's types come from all features: merge what each chunk saw, by field name.
        std::map<std::string, Field, std::less<>> merged;
        for (const auto& w : chunk_workers_)
            for (const Field& f : w->fields()) {
                Field& m = merged[f.name];
                m.has_bool |= f.has_bool;
                m.has_int |= f.has_int;
                m.has_real |= f.has_real;
                m.has_string |= f.has_string;
                m.has_list |= f.has_list;
                m.has_plain_string |= f.has_plain_string;
            }
        for (auto& [name, m] : merged) m.type = unify(m);
        chunk_workers_.clear();
        parts_ = parts_for(extents_.size(), kFeaturesPerPart, threads);
        workers_.clear();
        for (std::size_t p = 0; p < parts_; ++p) {
            workers_.push_back(std::make_unique<Worker>(src_));
            workers_.back()->adopt(merged);
        }
    }

    // Pass 2: visits every feature, each part on its own thread.
    void visit(const PartVisitor& visitor) {
        visitor.start(parts_, parts_ > 1 ? extents_.size() : 0);
        constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
        std::atomic<std::size_t> lowest_failed{none};
        const auto errors = run_parts_collect(parts_, [&](std::size_t part) {
            Worker& w = *workers_[part];
            RawFeature rf;
            rf.total = extents_.size();
            std::size_t released = extents_.empty() ? 0 : extents_[begin(part)].first;
            try {
                for (std::size_t i = begin(part); i < begin(part + 1); ++i) {
                    if (lowest_failed.load(std::memory_order_relaxed) < part) return;  // an earlier error wins
                    rf.index = i;
                    w.feature<true>(src_.data() + extents_[i].first, extents_[i].second, &rf);
                    visitor.visit(part, rf);
                    release_behind(released, extents_[i].first);
                }
            } catch (...) {
                std::size_t seen = lowest_failed.load();
                while (part < seen && !lowest_failed.compare_exchange_weak(seen, part)) {
                }
                throw;
            }
        });
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
    }

private:
    using Extents = std::vector<std::pair<std::size_t, std::size_t>>;  // offset and length of each feature

    // What one chunk of the features array found.
    struct Chunk {
        std::unique_ptr<Worker> worker;
        Extents extents;
        const char* start = nullptr;  // its first feature (a guess but for chunk 0), null if none
        const char* next = nullptr;   // where the feature after its last one starts, or after ']'
        bool done = false;            // next is past the end of the array
        bool failed = false;          // NeedsOgr: final only if start is confirmed
    };

    const Source& src_;
    std::size_t threads_ = 1;
    Extents extents_;
    std::size_t parts_ = 1;
    std::vector<std::unique_ptr<Worker>> chunk_workers_;  // pass 1
    std::vector<std::unique_ptr<Worker>> workers_;        // pass 2, one per part

    std::size_t begin(std::size_t part) const { return part_begin(extents_.size(), part, parts_); }

    // Releases the pages of the file a part has read, every kReleaseEvery bytes.
    void release_behind(std::size_t& released, std::size_t offset) const {
        if (offset - released < kReleaseEvery) return;
        src_.release(released, offset);
        released = offset;
    }

    // The top-level object: its members validated, the features' extents recorded and
    // the features analysed.
    void scan(Worker& top) {
        const char* end = src_.data() + src_.size();
        const char* p = src_.data();
        if (src_.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;  // GDAL skips a UTF-8 BOM
        // GDAL hands a file with "type": "Topology" in its head to the TopoJSON driver.
        if (std::string_view(p, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - p, 1 << 20)))
                .find("Topology") != std::string_view::npos)
            needs_ogr();
        p = skip_ws(p, end);
        if (p == end || *p != '{') needs_ogr();
        p = skip_ws(p + 1, end);
        bool seen_type = false, seen_features = false;
        std::vector<std::string> keys;
        if (p < end && *p == '}') needs_ogr();
        while (true) {
            if (p == end || *p != '"') needs_ogr();
            const char* key_end = string_end(p + 1, end);
            const std::string key = top.top_key(p, static_cast<std::size_t>(key_end - p));
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) needs_ogr();
            keys.push_back(key);
            p = skip_ws(key_end, end);
            if (p == end || *p != ':') needs_ogr();
            p = skip_ws(p + 1, end);
            if (p == end) needs_ogr();
            if (key == "features") {
                seen_features = true;
                p = features(p, end);
            } else {
                const char* ve = value_end(p, end);
                if (key == "crs") needs_ogr();
                if (key == "type") seen_type = true;
                top.top_member(p, static_cast<std::size_t>(ve - p), key == "type");
                p = ve;
            }
            p = skip_ws(p, end);
            if (p == end) needs_ogr();
            if (*p == '}') break;
            if (*p != ',') needs_ogr();
            p = skip_ws(p + 1, end);
        }
        if (skip_ws(p + 1, end) != end) needs_ogr();
        if (!seen_type || !seen_features) needs_ogr();
    }

    // The "features" array, p at its '['; returns just past its ']'. JSON strings hold no
    // raw line breaks, so in a valid file every line starts outside any string: the
    // array is cut into chunks at line starts, one thread each, and each chunk records
    // and analyses the features that start in it, beginning at its first line that
    // looks like the start of a feature. The guess is confirmed when it is where the
    // chunk before left off: from the same place, a chunk does exactly what one pass over
    // the whole array does. Past the first chunk that does not match, the array is read
    // in one pass from where the last confirmed chunk left off.
    const char* features(const char* p, const char* end) {
        if (*p != '[') needs_ogr();
        p = skip_ws(p + 1, end);
        if (p < end && *p == ']') return p + 1;
        const auto bytes = static_cast<std::size_t>(end - p);
        const std::size_t n = std::max<std::size_t>(1, std::min(threads_, bytes / kBytesPerChunk));
        std::vector<const char*> bounds(n + 1, end);  // chunk k: lines starting in [bounds[k], bounds[k + 1])
        bounds[0] = p;
        for (std::size_t k = 1; k < n; ++k) {
            const char* c = std::max(p + bytes / n * k, bounds[k - 1]);
            const void* nl = std::memchr(c, '\n', static_cast<std::size_t>(end - c));
            bounds[k] = nl == nullptr ? end : static_cast<const char*>(nl) + 1;
        }
        std::vector<Chunk> chunks(n);
        std::atomic<bool> declined{false};  // chunk 0 needs OGR: the others may stop
        const auto errors = run_parts_collect(n, [&](std::size_t k) {
            Chunk& c = chunks[k];
            c.worker = std::make_unique<Worker>(src_);
            c.start = k == 0 ? p : first_feature_guess(bounds[k], bounds[k + 1], end);
            if (c.start == nullptr) return;
            try {
                scan_chunk(c, c.start, bounds[k + 1], end, declined);
            } catch (const NeedsOgr&) {
                c.failed = true;
                if (k == 0) declined = true;
            }
        });
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
        const char* next = p;
        bool done = false;
        for (std::size_t k = 0; k < n && !done; ++k) {
            Chunk& c = chunks[k];
            if (c.start == nullptr && next >= bounds[k + 1]) continue;  // inside a feature of an earlier chunk
            if (c.start != next) break;
            if (c.failed) needs_ogr();
            if (extents_.empty()) extents_ = std::move(c.extents);
            else extents_.insert(extents_.end(), c.extents.begin(), c.extents.end());
            chunk_workers_.push_back(std::move(c.worker));
            next = c.next;
            done = c.done;
        }
        chunks.clear();
        if (!done) {  // the rest in one pass
            Chunk rest;
            rest.worker = std::make_unique<Worker>(src_);
            scan_chunk(rest, next, end, end, declined);
            extents_.insert(extents_.end(), rest.extents.begin(), rest.extents.end());
            chunk_workers_.push_back(std::move(rest.worker));
            next = rest.next;
        }
        return next;
    }

    // Records and analyses the features from p (the first byte of one) as long as they
    // start before limit, or up to the end of the array.
    void scan_chunk(Chunk& c, const char* p, const char* limit, const char* end, const std::atomic<bool>& stop) {
        std::size_t released = static_cast<std::size_t>(p - src_.data());
        while (!stop.load(std::memory_order_relaxed)) {
            if (p == end || *p != '{') needs_ogr();
            const char* fe = value_end(p, end);
            const auto offset = static_cast<std::size_t>(p - src_.data());
            c.extents.emplace_back(offset, static_cast<std::size_t>(fe - p));
            c.worker->feature<false>(p, static_cast<std::size_t>(fe - p), nullptr);
            release_behind(released, offset);
            p = skip_ws(fe, end);
            if (p == end) needs_ogr();
            if (*p == ']') {
                c.next = p + 1;
                c.done = true;
                return;
            }
            if (*p != ',') needs_ogr();
            p = skip_ws(p + 1, end);
            if (p >= limit) {
                c.next = p;
                return;
            }
        }
    }
};

// Visits one feature at a time, in order, on the calling thread.
PartVisitor serial(const std::function<void(const RawFeature&)>& visit) {
    return {[](std::size_t, std::size_t) {}, [&visit](std::size_t, const RawFeature& f) { visit(f); }};
}

}  // namespace

bool read_geojson_fast(const std::filesystem::path& path, const PartVisitor& visitor, std::size_t threads) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw input_error({path.string(), "", ""}, "cannot read: no such file");
    if (std::filesystem::is_directory(path, ec))
        throw input_error({path.string(), "", ""}, "cannot read: is a directory");
    const Source source(path);
    if (source.size() == 0) return false;  // OGR names the problem
    Reader reader(source);
    try {
        reader.analyse(threads);
    } catch (const NeedsOgr&) {
        return false;
    }
    try {
        reader.visit(visitor);
    } catch (const NeedsOgr&) {
        // Pass 1 read the same bytes: cannot happen, but never hand back half a layer silently.
        throw input_error({path.string(), "", ""}, "cannot read: GeoJSON changed while reading");
    }
    return true;
}

bool read_geojson_fast(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit) {
    return read_geojson_fast(path, serial(visit), 1);
}

}  // namespace corridor::io
