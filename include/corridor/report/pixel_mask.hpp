// A one-byte-per-pixel coverage mask that lines are burnt into, for pictures of networks
// too dense for Cairo to stroke route by route (report/render draws a million routes
// without flow this way, then paints each mode's mask in its colour through Cairo).
//
// Hand-written for speed: Cairo takes about 5 µs per stroke and GDAL's rasterizer about
// 1 µs per line (with an OGR geometry built for each); a traversal of the pixels a line
// touches takes a few nanoseconds per pixel. It burns the same pixels as GDAL's
// GDALRasterizeGeometries with ALL_TOUCHED=TRUE, which tests/report/pixel_mask_test.cpp checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace corridor {

class PixelMask {
public:
    PixelMask(int width_px, int height_px);

    int width() const { return width_; }
    int height() const { return height_; }
    // The stride Cairo wants for an A8 image of this width; rows are padded to it.
    int stride() const { return stride_; }
    std::uint8_t* data() { return px_.data(); }
    const std::uint8_t* data() const { return px_.data(); }

    // Marks 255 every pixel the segment from (x0, y0) to (x1, y1) passes through, in pixel
    // coordinates (pixel (i, j) covers [i, i+1) × [j, j+1)); the parts outside the mask are left out.
    void line(double x0, double y0, double x1, double y1);

    // Marks 255 the pixels of [x0, x1) × [y0, y1) inside the mask.
    void fill(int x0, int y0, int x1, int y1);

    bool at(int x, int y) const { return px_[static_cast<std::size_t>(y) * stride_ + x] != 0; }
    // Marked pixels within [x0, x1) × [y0, y1), clipped to the mask.
    std::size_t count(int x0, int y0, int x1, int y1) const;

private:
    void set(int x, int y) {
        if (x >= 0 && y >= 0 && x < width_ && y < height_) px_[static_cast<std::size_t>(y) * stride_ + x] = 255;
    }

    int width_ = 0, height_ = 0, stride_ = 0;
    std::vector<std::uint8_t> px_;
};

}  // namespace corridor
