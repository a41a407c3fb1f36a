// Writes Mapbox Vector Tile 2.1 layers (https://github.com/mapbox/vector-tile-spec/tree/master/2.1)
// with protozero: per layer a keys table, a values table with each value once, and features
// whose geometry is command-encoded with zigzag deltas.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corridor/io/write.hpp"

namespace corridor::tiles {

// A point in tile units (0..kExtent inside the tile; negative or beyond in the buffer).
struct TilePoint {
    std::int32_t x = 0, y = 0;
    friend bool operator==(const TilePoint&, const TilePoint&) = default;
};
using TileLine = std::vector<TilePoint>;

enum class GeomKind : std::uint32_t { point = 1, line = 2 };

class LayerEncoder {
public:
    // keys: the layer's field names; a feature's tags index them.
    LayerEncoder(std::string name, std::vector<std::string> keys, std::uint32_t extent);

    // One feature: cells[k] is the value of keys[k] (a null cell is left out, as MVT has no
    // null). parts: one point (point), or one or more lines of 2+ points (a MultiLineString).
    void add_feature(std::uint64_t id, std::span<const io::Cell> cells, GeomKind kind, std::span<const TileLine> parts);

    // Takes back the last feature added (its keys and values too, when only it used them).
    // Only one level: call at most once after each add_feature.
    void undo_last();

    bool empty() const { return features_ == 0; }
    std::size_t features() const { return features_; }
    // The layer message's size so far, within a few bytes.
    std::size_t bytes() const {
        return name_.size() + features_bytes_.size() + keys_bytes_ + values_bytes_.size() + 16;
    }

    // Appends the layer (Tile field 3) to tile.
    void finish_into(std::string& tile) const;

private:
    std::uint32_t key_index(std::size_t k);
    std::uint32_t value_index(const io::Cell& c);

    std::string name_;
    std::vector<std::string> keys_;
    std::uint32_t extent_;
    std::vector<std::int32_t> key_slot_;  // field -> index in the tile's keys, -1 unused
    std::vector<std::size_t> used_keys_;  // fields in the order first used
    std::size_t keys_bytes_ = 0;
    std::string values_bytes_;                                   // the Value messages, each as a layer field 4
    std::unordered_map<std::string, std::uint32_t> value_slot_;  // a Value message's bytes -> index
    std::string features_bytes_;
    std::size_t features_ = 0;
    std::string scratch_;
    std::vector<std::uint32_t> tags_, geometry_;
    // What the last add_feature appended, for undo_last.
    struct Mark {
        std::size_t features_bytes = 0, values_bytes = 0, used_keys = 0, keys_bytes = 0;
        std::vector<std::string> new_values;
    } last_;
};

}  // namespace corridor::tiles
