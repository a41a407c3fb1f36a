// Where report's map puts a detail inset: places that crowd so closely that their names do
// not fit are grouped into crowds, and each crowd's part of the map is drawn again, larger,
// in the free part of the picture nearest to it. Pure geometry in picture pixels (y down);
// report/render draws what this lays out.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "corridor/report/pixel_mask.hpp"

namespace corridor {

// A point and an axis-aligned box in picture pixels (y down).
struct PixelXY {
    double x = 0, y = 0;
};
struct PixelBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const PixelBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    PixelXY centre() const { return {(x0 + x1) / 2, (y0 + y1) / 2}; }
};

// The crowds among the points `which` (indices into `at`): groups in which every point is
// within `reach` pixels of another of the group (single linkage). Largest first; groups of
// the same size in the order of their smallest index; indices ascending within a group.
std::vector<std::vector<std::size_t>> crowds(const std::vector<PixelXY>& at, const std::vector<std::size_t>& which,
                                             double reach);

// The part of the map an inset magnifies, and by how much: the box round the crowd's points
// with `pad` pixels on every side, magnified so that the closest two of `near_points` (the
// places inside that box, the crowd's own among them) end up `spacing` pixels apart, at most
// `max_zoom` times and at most `max_side` pixels on the longer side. None when that leaves
// less than `min_zoom` (a crowd too spread out to magnify usefully).
struct InsetExtent {
    PixelBox extent;    // on the main map
    double zoom = 1.0;  // the inset's scale over the main map's
};
struct ZoomLimits {
    double spacing = 40, min_zoom = 1.5, max_zoom = 6, max_side = 440;
};
std::optional<InsetExtent> inset_extent(const std::vector<PixelXY>& crowd, const std::vector<PixelXY>& near_points,
                                        double pad, const ZoomLimits& limits);

// Occupied pixels of a picture (a PixelMask of its routes and markers) summed over square
// cells, so that a box's count is four look-ups (a summed-area table). Counts are by whole
// cells: a box counts every cell it touches.
class ClutterCounts {
public:
    ClutterCounts(const PixelMask& occupied, int cell_px);
    std::size_t count(const PixelBox& b) const;

private:
    int cell_ = 1, cols_ = 0, rows_ = 0;
    std::vector<std::size_t> sum_;  // (rows_ + 1) × (cols_ + 1), sum_[0][*] = sum_[*][0] = 0
};

// Where a w × h inset goes in a width × height picture: of the positions on a grid of `step`
// pixels that keep `margin` from the edges and overlap none of `avoid`, the one over the
// fewest occupied pixels, then the nearest (centre to centre) to `near`, then the first in
// reading order. None when no position is free.
struct InsetSpace {
    int width_px = 0, height_px = 0;
    double margin = 0, step = 8;
    std::vector<PixelBox> avoid;
};
std::optional<PixelBox> free_box(const InsetSpace& space, const ClutterCounts& clutter, double w, double h,
                                 PixelXY near);

}  // namespace corridor
