// Fuzz target geojson_reader: the fast GeoJSON reader against OGR on the same bytes.
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/geojson_reader.hpp"
#include "corridor/io/read.hpp"
#include "harness.hpp"

namespace corridor::fuzz {
namespace {

using io::FieldValue;
using io::RawFeature;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::string where(std::size_t feature, const std::string& what) {
    return "geojson_reader: feature " + std::to_string(feature) + ": " + what;
}

// The first difference between what the fast path and OGR read, or nothing.
std::optional<std::string> difference(const std::vector<RawFeature>& fast, const std::vector<RawFeature>& ogr) {
    if (fast.size() != ogr.size())
        return "geojson_reader: " + std::to_string(fast.size()) + " features by the fast path, " +
               std::to_string(ogr.size()) + " by OGR";
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const RawFeature& a = fast[i];
        const RawFeature& b = ogr[i];
        if (a.index != b.index) return where(i, "index differs");
        if (a.kind != b.kind) return where(i, "geometry kind differs");
        if (a.geom_type != b.geom_type) return where(i, "geometry type " + a.geom_type + " vs OGR's " + b.geom_type);
        if (a.coords.size() != b.coords.size()) return where(i, "number of coordinates differs");
        for (std::size_t k = 0; k < a.coords.size(); ++k)
            if (!same_bits(a.coords[k].lon, b.coords[k].lon) || !same_bits(a.coords[k].lat, b.coords[k].lat))
                return where(i, "coordinate " + std::to_string(k) + " differs");
        if (a.fields.size() != b.fields.size())
            return where(i, std::to_string(a.fields.size()) + " fields vs OGR's " + std::to_string(b.fields.size()));
        for (auto ia = a.fields.begin(), ib = b.fields.begin(); ia != a.fields.end(); ++ia, ++ib) {
            if (ia->first != ib->first) return where(i, "field " + ia->first + " vs OGR's " + ib->first);
            const FieldValue& va = ia->second;
            const FieldValue& vb = ib->second;
            if (va.index() != vb.index())
                return where(i, "field " + ia->first + ": type " + std::to_string(va.index()) + " vs OGR's " +
                                    std::to_string(vb.index()));
            const bool same =
                std::holds_alternative<double>(va) ? same_bits(std::get<double>(va), std::get<double>(vb)) : va == vb;
            if (!same) return where(i, "field " + ia->first + ": value differs");
        }
    }
    return std::nullopt;
}

}  // namespace

void geojson_reader(std::string_view data) {
    const auto path = scratch_file("layer.geojson", data);
    std::vector<RawFeature> fast;
    bool read = false;
    std::optional<std::string> refused;
    try {
        read = io::read_geojson_fast(path, [&](const RawFeature& f) { fast.push_back(f); });
    } catch (const error& e) {
        refused = e.what();
    }
    if (!read && !refused) {
        if (!fast.empty()) throw Finding("geojson_reader: the fast path visited features, then declined");
        return;  // declined: OGR reads it, there is nothing to compare
    }
    std::optional<io::RawLayer> ogr;
    try {
        ogr = io::read_layer(path, io::ReadEngine::ogr);
    } catch (const error& e) {
        if (!refused) throw Finding(std::string("geojson_reader: the fast path read what OGR refuses: ") + e.what());
        return;  // both refuse
    }
    if (refused) throw Finding("geojson_reader: the fast path refused what OGR reads: " + *refused);
    if (const auto d = difference(fast, ogr->features)) throw Finding(*d);
}

}  // namespace corridor::fuzz
