// The GeoJSON reader's simdjson worker: validates and reads one feature (or top-level member) at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "corridor/io/detail/mapped_file.hpp"
#include "corridor/io/read.hpp"

namespace corridor::io::detail {

// Thrown when the file needs OGR; never escapes read_geojson_fast.
struct NeedsOgr {};

// Thrown when a value is nested deeper than kMaxGeoJsonDepth; read_geojson_fast turns it
// into an input_error naming the feature or member.
struct TooDeep {};

// A property's type as OGR unifies it over all features.
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

// OGR's type for a field from the kinds of value seen; throws NeedsOgr for the mixes only
// OGR resolves (and for strings that might all be dates).
Unified unify(const Field& f);

// Per-thread state: a simdjson parser and the field table of the features it reads. The
// extents given are inside the file; a value too close to the end of the mapping is copied
// out first. Every function throws NeedsOgr (or TooDeep) when the value needs OGR.
class FeatureParser {
public:
    explicit FeatureParser(const MappedFile& file);
    ~FeatureParser();
    FeatureParser(const FeatureParser&) = delete;
    FeatureParser& operator=(const FeatureParser&) = delete;

    std::vector<Field>& fields();
    // Pass 2 in a parser of its own: the fields and their unified types.
    void adopt(const std::map<std::string, Field, std::less<>>& merged);

    // A top-level key (the quoted text at p), validated. GDAL finds the driver by the raw
    // text of the head of the file, so escaped top-level keys are left to it.
    std::string top_key(const char* p, std::size_t len);
    // Any other top-level member's value: validated; "type" must be "FeatureCollection".
    void top_member(const char* p, std::size_t len, bool is_type);

    // Pass 1: validates the feature and records its fields' kinds.
    void analyse(const char* p, std::size_t len);
    // Pass 2: reads the feature into rf (its fields, geometry kind, name and coordinates).
    void read(const char* p, std::size_t len, RawFeature& rf);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::io::detail
