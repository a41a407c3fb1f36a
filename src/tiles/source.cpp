#include "corridor/tiles/source.hpp"

#include <algorithm>
#include <numeric>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "corridor/parallel.hpp"

namespace corridor::tiles {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using IndexPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using IndexBox = bg::model::box<IndexPoint>;
using IndexEntry = std::pair<IndexBox, std::uint32_t>;

// Boost.Geometry's R*-tree, filled through its range constructor: that packs it (sort-tile-
// recursive bulk loading), far faster to build than inserting one by one, and tighter.
class SpatialIndex {
public:
    explicit SpatialIndex(const std::vector<WorldBox>& boxes) : tree_(entries(boxes)) {}
    void query(const WorldBox& b, std::vector<std::uint32_t>& out) const {
        const IndexBox q{{b.min_x, b.min_y}, {b.max_x, b.max_y}};
        for (auto it = tree_.qbegin(bgi::intersects(q)); it != tree_.qend(); ++it) out.push_back(it->second);
    }
    std::size_t bytes() const { return tree_.size() * (sizeof(IndexEntry) + 8); }

private:
    static std::vector<IndexEntry> entries(const std::vector<WorldBox>& boxes) {
        std::vector<IndexEntry> e;
        e.reserve(boxes.size());
        for (std::size_t i = 0; i < boxes.size(); ++i)
            e.emplace_back(IndexBox{{boxes[i].min_x, boxes[i].min_y}, {boxes[i].max_x, boxes[i].max_y}},
                           static_cast<std::uint32_t>(i));
        return e;
    }
    bgi::rtree<IndexEntry, bgi::rstar<16>> tree_;
};

namespace {

std::optional<std::size_t> field(const io::Table& t, const char* name) {
    for (std::size_t i = 0; i < t.fields.size(); ++i)
        if (t.fields[i].name == name) return i;
    return std::nullopt;
}

double number(const std::vector<io::Cell>& row, std::optional<std::size_t> at) {
    if (!at || *at >= row.size()) return 0;
    if (const auto* i = std::get_if<std::int64_t>(&row[*at])) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&row[*at])) return *d;
    if (const auto* b = std::get_if<bool>(&row[*at])) return *b ? 1 : 0;
    return 0;
}

// Projects the layer's geometries and reads each feature's importance, in parts, one per core.
SourceLayer project(const io::Table& t) {
    SourceLayer l;
    l.name = t.name;
    l.geom = t.geom;
    l.table = &t;
    const std::size_t n = t.size();
    std::vector<std::uint32_t> count(n);
    for (std::size_t i = 0; i < n; ++i) count[i] = static_cast<std::uint32_t>(t.geometry_at(i).size());
    l.offsets.resize(n + 1);
    l.offsets[0] = 0;
    std::partial_sum(count.begin(), count.end(), l.offsets.begin() + 1);
    l.points.resize(l.offsets[n]);
    l.boxes.resize(n);
    l.importance.resize(n);
    const std::size_t parts = parts_for(n, 4096);
    run_parts(parts, [&](std::size_t part) {
        std::vector<io::Cell> row;
        for (std::size_t i = part_begin(n, part, parts); i < part_begin(n, part + 1, parts); ++i) {
            const auto line = t.geometry_at(i);
            WorldBox b{1, 1, 0, 0};
            for (std::size_t k = 0; k < line.size(); ++k) {
                const WorldPoint w = world_point(line[k]);
                l.points[l.offsets[i] + k] = w;
                b = {std::min(b.min_x, w.x), std::min(b.min_y, w.y), std::max(b.max_x, w.x), std::max(b.max_y, w.y)};
            }
            l.boxes[i] = b;
            t.row_at(i, row);
            l.importance[i] = importance_of(t, row);
        }
    });
    // Features without geometry get an empty box the index never returns.
    std::vector<WorldBox> indexed;
    indexed.reserve(n);
    for (std::size_t i = 0; i < n; ++i) indexed.push_back(count[i] ? l.boxes[i] : WorldBox{-10, -10, -10, -10});
    l.index = std::make_shared<const SpatialIndex>(indexed);
    return l;
}

}  // namespace

Importance importance_of(const io::Table& t, const std::vector<io::Cell>& row) {
    Importance im;
    const double flow = t.name == "places"
                            ? std::max(number(row, field(t, "in_t_mo")), number(row, field(t, "out_t_mo")))
                            : number(row, field(t, "flow"));
    im.flow = static_cast<std::int64_t>(flow);
    im.capacity = number(row, field(t, "capacity"));
    im.kept_always =
        t.name == "bottlenecks" || (t.name == "routes" && (flow > 0 || number(row, field(t, "bottleneck")) == 1));
    return im;
}

namespace {
std::vector<const io::Table*> pointers_to(const std::vector<io::Table>& tables) {
    std::vector<const io::Table*> out;
    for (const io::Table& t : tables) out.push_back(&t);
    return out;
}
}  // namespace

TileSource::TileSource(const std::vector<io::Table>& tables) : TileSource(pointers_to(tables)) {}

TileSource::TileSource(const std::vector<const io::Table*>& tables) {
    for (const io::Table* t : tables) {
        if (t->geom == io::GeomType::none) continue;
        layers_.push_back(project(*t));
        const auto l = static_cast<std::uint32_t>(layers_.size() - 1);
        for (std::size_t i = 0; i < layers_.back().size(); ++i) {
            if (layers_.back().offsets[i] == layers_.back().offsets[i + 1]) continue;
            order_.push_back({l, static_cast<std::uint32_t>(i)});
            const WorldBox& b = layers_.back().boxes[i];
            if (!bounds_) bounds_ = b;
            bounds_ = WorldBox{std::min(bounds_->min_x, b.min_x), std::min(bounds_->min_y, b.min_y),
                               std::max(bounds_->max_x, b.max_x), std::max(bounds_->max_y, b.max_y)};
        }
    }
    // One order for all layers, so that the features of every layer compete for a tile's bytes.
    std::stable_sort(order_.begin(), order_.end(), [&](const Ref& a, const Ref& b) {
        const Importance &x = layers_[a.layer].importance[a.row], &y = layers_[b.layer].importance[b.row];
        if (x.kept_always != y.kept_always) return x.kept_always;
        if (x.flow != y.flow) return x.flow > y.flow;
        return x.capacity > y.capacity;
    });
    for (auto& l : layers_) l.rank.assign(l.size(), UINT32_MAX);
    for (std::size_t r = 0; r < order_.size(); ++r)
        layers_[order_[r].layer].rank[order_[r].row] = static_cast<std::uint32_t>(r);
}

TileSource::~TileSource() = default;
TileSource::TileSource(TileSource&&) noexcept = default;

void TileSource::query(std::size_t l, const WorldBox& box, std::vector<std::uint32_t>& out) const {
    layers_[l].index->query(box, out);
}

std::size_t TileSource::memory_bytes() const {
    std::size_t n = 0;
    for (const auto& l : layers_)
        n += l.points.size() * sizeof(WorldPoint) + l.size() * (sizeof(WorldBox) + sizeof(Importance) + 16) +
             l.index->bytes();
    return n;
}

}  // namespace corridor::tiles
