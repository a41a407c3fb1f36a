#include "corridor/report/inset_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace corridor {
namespace {

double distance(PixelXY a, PixelXY b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Union-find over positions 0..n-1, the smaller root winning so that groups are keyed by
// their smallest member.
struct Groups {
    std::vector<std::size_t> parent;
    explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
    std::size_t root(std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) {
        a = root(a), b = root(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

}  // namespace

std::vector<std::vector<std::size_t>> crowds(const std::vector<PixelXY>& at, const std::vector<std::size_t>& which,
                                             double reach) {
    std::vector<std::size_t> sorted = which;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    Groups groups(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        for (std::size_t j = i + 1; j < sorted.size(); ++j)
            if (distance(at.at(sorted[i]), at.at(sorted[j])) <= reach) groups.join(i, j);
    std::vector<std::vector<std::size_t>> out;
    std::vector<std::size_t> slot(sorted.size(), std::numeric_limits<std::size_t>::max());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const std::size_t r = groups.root(i);
        if (slot[r] == std::numeric_limits<std::size_t>::max()) slot[r] = out.size(), out.emplace_back();
        out[slot[r]].push_back(sorted[i]);
    }
    // Largest first; stable, so equal sizes keep the order of their smallest index.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return out;
}

std::optional<InsetExtent> inset_extent(const std::vector<PixelXY>& crowd, const std::vector<PixelXY>& near_points,
                                        double pad, const ZoomLimits& limits) {
    if (crowd.empty()) return std::nullopt;
    PixelBox e{crowd[0].x, crowd[0].y, crowd[0].x, crowd[0].y};
    for (PixelXY p : crowd) e = {std::min(e.x0, p.x), std::min(e.y0, p.y), std::max(e.x1, p.x), std::max(e.y1, p.y)};
    e = {e.x0 - pad, e.y0 - pad, e.x1 + pad, e.y1 + pad};
    double closest = std::numeric_limits<double>::infinity();
    std::vector<PixelXY> inside;
    for (PixelXY p : near_points)
        if (p.x >= e.x0 && p.x <= e.x1 && p.y >= e.y0 && p.y <= e.y1) inside.push_back(p);
    for (std::size_t i = 0; i < inside.size(); ++i)
        for (std::size_t j = i + 1; j < inside.size(); ++j) closest = std::min(closest, distance(inside[i], inside[j]));
    double zoom = std::isfinite(closest) && closest > 0 ? limits.spacing / closest : limits.max_zoom;
    zoom = std::min({zoom, limits.max_zoom, limits.max_side / std::max(e.width(), e.height())});
    if (zoom < limits.min_zoom) return std::nullopt;
    return InsetExtent{e, zoom};
}

ClutterCounts::ClutterCounts(const PixelMask& occupied, int cell_px)
    : cell_(std::max(cell_px, 1)), cols_((occupied.width() + cell_ - 1) / cell_),
      rows_((occupied.height() + cell_ - 1) / cell_),
      sum_(static_cast<std::size_t>(rows_ + 1) * static_cast<std::size_t>(cols_ + 1), 0) {
    const auto w = static_cast<std::size_t>(cols_ + 1);
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c) {
            const std::size_t cell = occupied.count(c * cell_, r * cell_, (c + 1) * cell_, (r + 1) * cell_);
            const auto i = static_cast<std::size_t>(r + 1) * w + static_cast<std::size_t>(c + 1);
            sum_[i] = cell + sum_[i - 1] + sum_[i - w] - sum_[i - w - 1];
        }
}

std::size_t ClutterCounts::count(const PixelBox& b) const {
    auto col = [&](double x) { return std::clamp(static_cast<int>(std::floor(x / cell_)), 0, cols_); };
    auto row = [&](double y) { return std::clamp(static_cast<int>(std::floor(y / cell_)), 0, rows_); };
    const int c0 = col(b.x0), r0 = row(b.y0);
    const int c1 = std::clamp(static_cast<int>(std::ceil(b.x1 / cell_)), 0, cols_);
    const int r1 = std::clamp(static_cast<int>(std::ceil(b.y1 / cell_)), 0, rows_);
    if (c1 <= c0 || r1 <= r0) return 0;
    const auto w = static_cast<std::size_t>(cols_ + 1);
    auto at = [&](int r, int c) { return sum_[static_cast<std::size_t>(r) * w + static_cast<std::size_t>(c)]; };
    return at(r1, c1) - at(r0, c1) - at(r1, c0) + at(r0, c0);
}

std::optional<PixelBox> free_box(const InsetSpace& space, const ClutterCounts& clutter, double w, double h,
                                 PixelXY near) {
    const double step = std::max(space.step, 1.0);
    std::optional<PixelBox> best;
    std::tuple<std::size_t, double> best_key{};
    for (double y = space.margin; y + h <= space.height_px - space.margin; y += step)
        for (double x = space.margin; x + w <= space.width_px - space.margin; x += step) {
            const PixelBox b{x, y, x + w, y + h};
            if (std::any_of(space.avoid.begin(), space.avoid.end(), [&](const PixelBox& a) { return a.overlaps(b); }))
                continue;
            const std::tuple<std::size_t, double> key{clutter.count(b), distance(b.centre(), near)};
            if (!best || key < best_key) best = b, best_key = key;
        }
    return best;
}

}  // namespace corridor
