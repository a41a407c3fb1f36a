// Cairo for report's pictures (render's map, the timeline chart; internal to src/report):
// owned surfaces and contexts, the palette's colours, ink and paper, boxes that must not
// overlap, and a picture drawn and encoded as PNG or SVG bytes.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "corridor/report/inset_layout.hpp"
#include "corridor/report/render.hpp"

namespace corridor::report_detail {

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;

// A colour of the map palette (report/style, "#rrggbb").
void colour(cairo_t* cr, std::string_view hex, double alpha = 1.0);
// Text and its halo: neutral ink and paper, not part of the map palette.
inline void ink(cairo_t* cr) { cairo_set_source_rgb(cr, 0.1, 0.1, 0.1); }
inline void paper(cairo_t* cr, double alpha = 1.0) { cairo_set_source_rgba(cr, 1, 1, 1, alpha); }

// A width × height picture drawn by paint and encoded: PNG, or SVG 1.1 in pixels with its
// surface ids renumbered (stable_svg_ids) and then svg_text applied, when given. Errors name
// `out`.
std::string encode_picture(ImageFormat format, int width, int height, const std::filesystem::path& out,
                           const std::function<void(cairo_t*)>& paint,
                           const std::function<std::string(std::string)>& svg_text = {});

}  // namespace corridor::report_detail
