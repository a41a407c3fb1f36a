// What tiles are cut from: the exported layers (places, routes, bottlenecks) projected to the
// world square once, with a packed R-tree per layer and every feature's importance, built
// once per network and analysis and then shared by every tile (read-only, so by many threads).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corridor/io/write.hpp"
#include "corridor/tiles/tile_math.hpp"

namespace corridor::tiles {

// How much a feature matters when a tile is too big: features are dropped lowest first.
// Protected features are never dropped: a route on the minimum cut or binding (bottleneck 1),
// one that carries the analysed flow (flow > 0), and every feature of the bottlenecks layer.
struct Importance {
    bool kept_always = false;
    std::int64_t flow = 0;  // flow, or for a place the larger of in_t_mo and out_t_mo
    double capacity = 0;    // capacity, 0 when none
};

class SpatialIndex;

struct SourceLayer {
    std::string name;
    io::GeomType geom = io::GeomType::point;
    const io::Table* table = nullptr;    // rows are made from it when a tile keeps them
    std::vector<std::uint32_t> offsets;  // feature i: points[offsets[i] .. offsets[i + 1])
    std::vector<WorldPoint> points;
    std::vector<WorldBox> boxes;
    std::vector<std::uint32_t> rank;  // position in the source's importance order (all layers)
    std::vector<Importance> importance;
    std::shared_ptr<const SpatialIndex> index;

    std::size_t size() const { return boxes.size(); }
};

class TileSource {
public:
    // Builds from the tables (which must outlive the source), in the order given; features
    // without geometry are left out. Cores: hardware_threads().
    explicit TileSource(const std::vector<const io::Table*>& tables);
    // The same, for tables held together (tile_layers' result).
    explicit TileSource(const std::vector<io::Table>& tables);
    ~TileSource();
    TileSource(TileSource&&) noexcept;

    const std::vector<SourceLayer>& layers() const { return layers_; }
    // The features of layer l whose box meets box, in index order (unsorted).
    void query(std::size_t l, const WorldBox& box, std::vector<std::uint32_t>& out) const;
    // Every feature with geometry, most important first across layers: kept-always, then
    // flow, then capacity, then layer and row order. SourceLayer::rank is the position here.
    struct Ref {
        std::uint32_t layer = 0, row = 0;
    };
    const std::vector<Ref>& order() const { return order_; }
    // The envelope of every feature (nullopt when there is none).
    std::optional<WorldBox> bounds() const { return bounds_; }
    std::size_t memory_bytes() const;

private:
    std::vector<SourceLayer> layers_;
    std::optional<WorldBox> bounds_;
    std::vector<Ref> order_;
};

// The importance of row `row` of a layer (see Importance), read from its fields.
Importance importance_of(const io::Table& table, const std::vector<io::Cell>& row);

}  // namespace corridor::tiles
