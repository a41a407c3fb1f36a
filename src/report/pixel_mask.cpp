#include "corridor/report/pixel_mask.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace corridor {

PixelMask::PixelMask(int width_px, int height_px)
    : width_(width_px), height_(height_px), stride_(cairo_format_stride_for_width(CAIRO_FORMAT_A8, width_px)),
      px_(static_cast<std::size_t>(stride_) * static_cast<std::size_t>(height_px), 0) {}

// The cells a segment crosses, in order (Amanatides and Woo's traversal): from the cell of
// the start, step into the x or the y neighbour, whichever boundary the segment reaches
// first, until the cell of the end. Segments are first clipped to the mask (with a pixel's
// margin), so a line across a huge frame costs only the pixels inside it.
void PixelMask::line(double x0, double y0, double x1, double y1) {
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1)) return;
    // Liang–Barsky clipping to [-1, width + 1] × [-1, height + 1].
    double t0 = 0, t1 = 1;
    const double dx = x1 - x0, dy = y1 - y0;
    auto clip = [&](double p, double q) {
        if (p == 0) return q >= 0;
        const double r = q / p;
        if (p < 0) {
            if (r > t1) return false;
            t0 = std::max(t0, r);
        } else {
            if (r < t0) return false;
            t1 = std::min(t1, r);
        }
        return true;
    };
    if (!clip(-dx, x0 + 1) || !clip(dx, width_ + 1 - x0) || !clip(-dy, y0 + 1) || !clip(dy, height_ + 1 - y0)) return;
    const double ax = x0 + t0 * dx, ay = y0 + t0 * dy, bx = x0 + t1 * dx, by = y0 + t1 * dy;

    int cx = static_cast<int>(std::floor(ax)), cy = static_cast<int>(std::floor(ay));
    const int ex = static_cast<int>(std::floor(bx)), ey = static_cast<int>(std::floor(by));
    const double ddx = bx - ax, ddy = by - ay;
    const int sx = ddx > 0 ? 1 : -1, sy = ddy > 0 ? 1 : -1;
    constexpr double inf = std::numeric_limits<double>::infinity();
    // Parameter along the segment at the next x and y cell boundary, and per cell.
    double tx = ddx == 0 ? inf : ((sx > 0 ? cx + 1 : cx) - ax) / ddx;
    double ty = ddy == 0 ? inf : ((sy > 0 ? cy + 1 : cy) - ay) / ddy;
    const double step_x = ddx == 0 ? inf : sx / ddx, step_y = ddy == 0 ? inf : sy / ddy;
    set(cx, cy);
    // At most one step per cell boundary between the two ends.
    for (int n = std::abs(ex - cx) + std::abs(ey - cy); n > 0; --n) {
        if (tx < ty) {
            cx += sx;
            tx += step_x;
        } else {
            cy += sy;
            ty += step_y;
        }
        set(cx, cy);
    }
}

void PixelMask::fill(int x0, int y0, int x1, int y1) {
    x0 = std::clamp(x0, 0, width_), x1 = std::clamp(x1, 0, width_);
    y0 = std::clamp(y0, 0, height_), y1 = std::clamp(y1, 0, height_);
    for (int y = y0; y < y1; ++y)
        std::fill_n(px_.begin() + static_cast<std::ptrdiff_t>(y) * stride_ + x0, std::max(0, x1 - x0), 255);
}

std::size_t PixelMask::count(int x0, int y0, int x1, int y1) const {
    x0 = std::clamp(x0, 0, width_), x1 = std::clamp(x1, 0, width_);
    y0 = std::clamp(y0, 0, height_), y1 = std::clamp(y1, 0, height_);
    std::size_t n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += at(x, y) ? 1 : 0;
    return n;
}

}  // namespace corridor
