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
//
// The parts: detail/mapped_file.hpp maps the file, detail/geojson_scan.hpp finds the
// extents, detail/feature_parser.hpp validates and reads each feature with simdjson; this
// file runs the two passes on OrderedQueue workers (parallel.hpp). A value nested deeper
// than kMaxGeoJsonDepth is refused with an error naming the feature or member, as GDAL
// refuses the file ("Too many nested objects and/or arrays"): no recursion follows it.
#include "corridor/io/geojson_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/detail/feature_parser.hpp"
#include "corridor/io/detail/geojson_scan.hpp"
#include "corridor/io/detail/mapped_file.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace {

using detail::FeatureParser;
using detail::Field;
using detail::MappedFile;
using detail::NeedsOgr;
using detail::skip_space;
using detail::TooDeep;

[[noreturn]] void needs_ogr() { throw NeedsOgr{}; }

// A scanner's result: nullptr means the text is not what OGR would read the same way.
const char* need(const char* p) {
    if (p == nullptr) needs_ogr();
    return p;
}

constexpr std::size_t kReleaseEvery = std::size_t{32} << 20;  // bytes read between page releases
constexpr std::size_t kFeaturesPerPart = 20000;               // fewer features than this: one part
constexpr std::size_t kBytesPerChunk = std::size_t{1} << 20;  // fewer bytes a thread than this: one chunk

std::string too_deep_message() {
    return "cannot read: arrays and objects nested more than " + std::to_string(kMaxGeoJsonDepth) + " levels deep";
}

// The top-level scan with pass 1 in chunks, then pass 2 in parts.
class Reader {
public:
    Reader(const MappedFile& src, const std::filesystem::path& path) : src_(src), path_(path) {}

    // Pass 1: finds every feature's extent, validates every feature and unifies each
    // field's type over all of them (chunks analysed concurrently, their findings
    // merged). Throws NeedsOgr.
    void analyse(std::size_t threads) {
        threads_ = threads == 0 ? hardware_threads() : threads;
        FeatureParser top(src_);
        scan(top);
        const auto merged = merged_fields();
        chunk_parsers_.clear();
        parts_ = parts_for(extents_.size(), kFeaturesPerPart, threads);
        parsers_.clear();
        for (std::size_t p = 0; p < parts_; ++p) {
            parsers_.push_back(std::make_unique<FeatureParser>(src_));
            parsers_.back()->adopt(merged);
        }
    }

    // Pass 2: visits every feature, each part on a worker of its own (one part: on the
    // calling thread). The lowest failing part's exception is the one rethrown.
    void visit(const PartVisitor& visitor) {
        visitor.start(parts_, parts_ > 1 ? extents_.size() : 0);
        LowestFailure failed;
        if (parts_ == 1) return visit_part(0, visitor, failed);
        OrderedQueue queue(parts_, parts_);
        for (std::size_t part = 0; part < parts_; ++part)
            queue.push([&, part](std::size_t) { visit_part(part, visitor, failed); });
        while (!queue.empty()) queue.pop();
    }

private:
    using Extents = std::vector<std::pair<std::size_t, std::size_t>>;  // offset and length of each feature

    // What one chunk of the features array found.
    struct Chunk {
        std::unique_ptr<FeatureParser> parser;
        Extents extents;
        const char* start = nullptr;          // its first feature (a guess but for chunk 0), null if none
        const char* next = nullptr;           // where the feature after its last one starts, or after ']'
        bool done = false;                    // next is past the end of the array
        bool failed = false;                  // NeedsOgr: final only if start is confirmed
        std::optional<std::size_t> too_deep;  // TooDeep at this feature of the chunk (failed too)
    };

    const MappedFile& src_;
    const std::filesystem::path& path_;
    std::size_t threads_ = 1;
    Extents extents_;
    std::size_t parts_ = 1;
    std::vector<std::unique_ptr<FeatureParser>> chunk_parsers_;  // pass 1
    std::vector<std::unique_ptr<FeatureParser>> parsers_;        // pass 2, one per part

    std::size_t begin(std::size_t part) const { return part_begin(extents_.size(), part, parts_); }

    // Releases the pages of the file a part has read, every kReleaseEvery bytes.
    void release_behind(std::size_t& released, std::size_t offset) const {
        if (offset - released < kReleaseEvery) return;
        src_.release(released, offset);
        released = offset;
    }

    // OGR's types come from all features: what each chunk saw, merged by field name.
    std::map<std::string, Field, std::less<>> merged_fields() const {
        std::map<std::string, Field, std::less<>> merged;
        for (const auto& parser : chunk_parsers_)
            for (const Field& f : parser->fields()) {
                Field& m = merged[f.name];
                m.has_bool |= f.has_bool;
                m.has_int |= f.has_int;
                m.has_real |= f.has_real;
                m.has_string |= f.has_string;
                m.has_list |= f.has_list;
                m.has_plain_string |= f.has_plain_string;
            }
        for (auto& [name, m] : merged) m.type = detail::unify(m);
        return merged;
    }

    void visit_part(std::size_t part, const PartVisitor& visitor, LowestFailure& failed) {
        FeatureParser& parser = *parsers_[part];
        RawFeature rf;
        rf.total = extents_.size();
        std::size_t released = extents_.empty() ? 0 : extents_[begin(part)].first;
        try {
            for (std::size_t i = begin(part); i < begin(part + 1); ++i) {
                if (failed.before(part)) return;  // an earlier part's error wins
                rf.index = i;
                parser.read(src_.data() + extents_[i].first, extents_[i].second, rf);
                visitor.visit(part, rf);
                release_behind(released, extents_[i].first);
            }
        } catch (...) {
            failed.fail(part);
            throw;
        }
    }

    // The top-level object: its members validated, the features' extents recorded and
    // the features analysed.
    void scan(FeatureParser& top) {
        const char* end = src_.data() + src_.size();
        const char* p = src_.data();
        if (src_.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;  // GDAL skips a UTF-8 BOM
        // GDAL hands a file with "type": "Topology" in its head to the TopoJSON driver.
        if (std::string_view(p, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - p, 1 << 20)))
                .find("Topology") != std::string_view::npos)
            needs_ogr();
        p = skip_space(p, end);
        if (p == end || *p != '{') needs_ogr();
        p = skip_space(p + 1, end);
        bool seen_type = false, seen_features = false;
        std::vector<std::string> keys;
        if (p < end && *p == '}') needs_ogr();
        while (true) {
            if (p == end || *p != '"') needs_ogr();
            const char* key_end = need(detail::string_end(p + 1, end));
            const std::string key = top.top_key(p, static_cast<std::size_t>(key_end - p));
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) needs_ogr();
            keys.push_back(key);
            p = skip_space(key_end, end);
            if (p == end || *p != ':') needs_ogr();
            p = skip_space(p + 1, end);
            if (p == end) needs_ogr();
            if (key == "features") seen_features = true;
            if (key == "type") seen_type = true;
            p = key == "features" ? features(p, end) : top_member(top, key, p, end);
            p = skip_space(p, end);
            if (p == end) needs_ogr();
            if (*p == '}') break;
            if (*p != ',') needs_ogr();
            p = skip_space(p + 1, end);
        }
        if (skip_space(p + 1, end) != end) needs_ogr();
        if (!seen_type || !seen_features) needs_ogr();
    }

    // A top-level member other than "features", validated; returns the end of its value.
    const char* top_member(FeatureParser& top, const std::string& key, const char* p, const char* end) {
        const char* ve = need(detail::value_end(p, end));
        if (key == "crs") needs_ogr();
        try {
            top.top_member(p, static_cast<std::size_t>(ve - p), key == "type");
        } catch (const TooDeep&) {
            throw input_error({path_.string(), "", ""},
                              too_deep_message() + " in the top-level member \"" + key + "\"");
        }
        return ve;
    }

    // Where the chunks of the features array (from p, its first feature) start: chunk k
    // holds the lines starting in [bounds[k], bounds[k + 1]).
    std::vector<const char*> chunk_bounds(const char* p, const char* end) const {
        const auto bytes = static_cast<std::size_t>(end - p);
        const std::size_t n = std::max<std::size_t>(1, std::min(threads_, bytes / kBytesPerChunk));
        std::vector<const char*> bounds(n + 1, end);
        bounds[0] = p;
        for (std::size_t k = 1; k < n; ++k) {
            const char* c = std::max(p + bytes / n * k, bounds[k - 1]);
            const void* nl = std::memchr(c, '\n', static_cast<std::size_t>(end - c));
            bounds[k] = nl == nullptr ? end : static_cast<const char*>(nl) + 1;
        }
        return bounds;
    }

    // The "features" array, p at its '['; returns just past its ']'. The array is cut into
    // chunks at line starts (chunk_bounds), one worker each, and each chunk records and
    // analyses the features that start in it, beginning at its first line that looks like
    // the start of a feature. The guess is confirmed when it is where the chunk before left
    // off: from the same place, a chunk does exactly what one pass over the whole array
    // does. Past the first chunk that does not match, the array is read in one pass from
    // where the last confirmed chunk left off.
    const char* features(const char* p, const char* end) {
        if (*p != '[') needs_ogr();
        p = skip_space(p + 1, end);
        if (p < end && *p == ']') return p + 1;
        const std::vector<const char*> bounds = chunk_bounds(p, end);
        const std::size_t n = bounds.size() - 1;
        std::vector<Chunk> chunks(n);
        std::atomic<bool> stop{false};  // the outcome is known: the other chunks may stop
        OrderedQueue queue(n, n);
        for (std::size_t k = 0; k < n; ++k)
            queue.push([&, k](std::size_t) {
                Chunk& c = chunks[k];
                c.start = k == 0 ? p : detail::first_feature_guess(bounds[k], bounds[k + 1], end);
                if (c.start != nullptr) scan_chunk(c, c.start, bounds[k + 1], end, stop);
                if (k == 0 && c.failed) stop = true;
            });
        const char* next = p;
        bool done = false;
        try {
            for (std::size_t k = 0; k < n && !done; ++k) {
                queue.pop();
                Chunk& c = chunks[k];
                if (c.start == nullptr && next >= bounds[k + 1]) continue;  // inside a feature of an earlier chunk
                if (c.start != next) break;
                take(c);
                next = c.next;
                done = c.done;
            }
        } catch (...) {
            stop = true;
            throw;
        }
        stop = true;
        if (done) return next;
        Chunk rest;  // the rest in one pass
        const std::atomic<bool> never{false};
        scan_chunk(rest, next, end, end, never);
        take(rest);
        return rest.next;
    }

    // A confirmed chunk's findings, after those of the chunks before it.
    void take(Chunk& c) {
        if (c.too_deep)
            throw input_error({path_.string(), "#" + std::to_string(extents_.size() + *c.too_deep + 1), ""},
                              too_deep_message());
        if (c.failed) needs_ogr();
        extents_.insert(extents_.end(), c.extents.begin(), c.extents.end());
        chunk_parsers_.push_back(std::move(c.parser));
    }

    // Records and analyses the features from p (the first byte of one) as long as they
    // start before limit, or up to the end of the array; a failure is kept in c.
    void scan_chunk(Chunk& c, const char* p, const char* limit, const char* end, const std::atomic<bool>& stop) {
        c.parser = std::make_unique<FeatureParser>(src_);
        try {
            scan_features(c, p, limit, end, stop);
        } catch (const NeedsOgr&) {
            c.failed = true;
        } catch (const TooDeep&) {
            c.failed = true;
            c.too_deep = c.extents.size() - 1;
        }
    }

    void scan_features(Chunk& c, const char* p, const char* limit, const char* end, const std::atomic<bool>& stop) {
        std::size_t released = static_cast<std::size_t>(p - src_.data());
        while (!stop.load(std::memory_order_relaxed)) {
            if (p == end || *p != '{') needs_ogr();
            const char* fe = need(detail::value_end(p, end));
            const auto offset = static_cast<std::size_t>(p - src_.data());
            c.extents.emplace_back(offset, static_cast<std::size_t>(fe - p));
            c.parser->analyse(p, static_cast<std::size_t>(fe - p));
            release_behind(released, offset);
            p = skip_space(fe, end);
            if (p == end) needs_ogr();
            if (*p == ']') {
                c.next = p + 1;
                c.done = true;
                return;
            }
            if (*p != ',') needs_ogr();
            p = skip_space(p + 1, end);
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
    const MappedFile source(path);
    if (source.size() == 0) return false;  // OGR names the problem
    Reader reader(source, path);
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
