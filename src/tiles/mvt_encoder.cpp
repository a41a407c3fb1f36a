#include "corridor/tiles/mvt_encoder.hpp"

#include <protozero/pbf_writer.hpp>
#include <protozero/varint.hpp>

namespace corridor::tiles {
namespace {

// Field numbers of vector_tile.proto (MVT 2.1).
enum : protozero::pbf_tag_type {
    kTileLayers = 3,
    kLayerName = 1,
    kLayerFeatures = 2,
    kLayerKeys = 3,
    kLayerValues = 4,
    kLayerExtent = 5,
    kLayerVersion = 15,
    kFeatureId = 1,
    kFeatureTags = 2,
    kFeatureType = 3,
    kFeatureGeometry = 4,
    kValueString = 1,
    kValueDouble = 3,
    kValueInt = 4,
    kValueSint = 6,
    kValueBool = 7,
};

constexpr std::uint32_t command(std::uint32_t id, std::uint32_t count) { return (id & 7u) | (count << 3); }
constexpr std::uint32_t kMoveTo = 1, kLineTo = 2;

std::uint32_t zigzag(std::int64_t v) { return protozero::encode_zigzag32(static_cast<std::int32_t>(v)); }

// The Value message of a cell (empty for null).
void encode_value(const io::Cell& c, std::string& out) {
    out.clear();
    protozero::pbf_writer w(out);
    if (const auto* s = std::get_if<std::string>(&c)) w.add_string(kValueString, *s);
    else if (const auto* d = std::get_if<double>(&c)) w.add_double(kValueDouble, *d);
    else if (const auto* i = std::get_if<std::int64_t>(&c)) {
        if (*i >= 0) w.add_int64(kValueInt, *i);
        else w.add_sint64(kValueSint, *i);
    } else if (const auto* b = std::get_if<bool>(&c)) w.add_bool(kValueBool, *b);
}

}  // namespace

LayerEncoder::LayerEncoder(std::string name, std::vector<std::string> keys, std::uint32_t extent)
    : name_(std::move(name)), keys_(std::move(keys)), extent_(extent), key_slot_(keys_.size(), -1) {}

std::uint32_t LayerEncoder::key_index(std::size_t k) {
    if (key_slot_[k] < 0) {
        key_slot_[k] = static_cast<std::int32_t>(used_keys_.size());
        used_keys_.push_back(k);
        keys_bytes_ += keys_[k].size() + 2;
    }
    return static_cast<std::uint32_t>(key_slot_[k]);
}

std::uint32_t LayerEncoder::value_index(const io::Cell& c) {
    encode_value(c, scratch_);
    auto [it, added] = value_slot_.try_emplace(scratch_, static_cast<std::uint32_t>(value_slot_.size()));
    if (added) {
        protozero::pbf_writer(values_bytes_).add_message(kLayerValues, scratch_);
        last_.new_values.push_back(scratch_);
    }
    return it->second;
}

void LayerEncoder::add_feature(std::uint64_t id, std::span<const io::Cell> cells, GeomKind kind,
                               std::span<const TileLine> parts) {
    last_.features_bytes = features_bytes_.size();
    last_.values_bytes = values_bytes_.size();
    last_.used_keys = used_keys_.size();
    last_.keys_bytes = keys_bytes_;
    last_.new_values.clear();
    tags_.clear();
    for (std::size_t k = 0; k < cells.size() && k < keys_.size(); ++k) {
        if (std::holds_alternative<std::monostate>(cells[k])) continue;
        tags_.push_back(key_index(k));
        tags_.push_back(value_index(cells[k]));
    }
    geometry_.clear();
    TilePoint cursor;
    auto delta = [&](TilePoint p) {
        geometry_.push_back(zigzag(std::int64_t{p.x} - cursor.x));
        geometry_.push_back(zigzag(std::int64_t{p.y} - cursor.y));
        cursor = p;
    };
    if (kind == GeomKind::point) {
        geometry_.push_back(command(kMoveTo, 1));
        delta(parts.front().front());
    } else {
        for (const TileLine& line : parts) {
            geometry_.push_back(command(kMoveTo, 1));
            delta(line.front());
            geometry_.push_back(command(kLineTo, static_cast<std::uint32_t>(line.size() - 1)));
            for (std::size_t i = 1; i < line.size(); ++i) delta(line[i]);
        }
    }
    protozero::pbf_writer layer(features_bytes_);
    protozero::pbf_writer feature(layer, kLayerFeatures);
    feature.add_uint64(kFeatureId, id);
    feature.add_packed_uint32(kFeatureTags, tags_.begin(), tags_.end());
    feature.add_enum(kFeatureType, static_cast<std::int32_t>(kind));
    feature.add_packed_uint32(kFeatureGeometry, geometry_.begin(), geometry_.end());
    ++features_;
}

void LayerEncoder::undo_last() {
    features_bytes_.resize(last_.features_bytes);
    values_bytes_.resize(last_.values_bytes);
    for (const auto& v : last_.new_values) value_slot_.erase(v);
    last_.new_values.clear();
    while (used_keys_.size() > last_.used_keys) {
        key_slot_[used_keys_.back()] = -1;
        used_keys_.pop_back();
    }
    keys_bytes_ = last_.keys_bytes;
    --features_;
}

void LayerEncoder::finish_into(std::string& tile) const {
    std::string payload;
    protozero::pbf_writer layer(payload);
    layer.add_uint32(kLayerVersion, 2);
    layer.add_string(kLayerName, name_);
    payload += features_bytes_;  // whole fields already: appended as they are
    for (std::size_t k : used_keys_) layer.add_string(kLayerKeys, keys_[k]);
    payload += values_bytes_;
    layer.add_uint32(kLayerExtent, extent_);
    protozero::pbf_writer(tile).add_message(kTileLayers, payload);
}

}  // namespace corridor::tiles
