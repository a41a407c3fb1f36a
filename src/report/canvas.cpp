#include "canvas.hpp"

#include <cairo-svg.h>
#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/report/style.hpp"

namespace corridor::report_detail {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void colour(cairo_t* cr, std::string_view hex, double alpha) {
    const style::Rgb c = style::parse_hex(hex);
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

std::string encode_picture(ImageFormat format, int width, int height, const std::filesystem::path& out,
                           const std::function<void(cairo_t*)>& paint,
                           const std::function<std::string(std::string)>& svg_text) {
    std::string bytes;
    SurfacePtr surface(format == ImageFormat::png
                           ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)
                           : cairo_svg_surface_create_for_stream(append_bytes, &bytes, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw output_error({out.string(), "", ""},
                           fmt::format("Cairo: cannot create the picture: {}",
                                       cairo_status_to_string(cairo_surface_status(surface.get()))));
    if (format == ImageFormat::svg) {
        cairo_svg_surface_restrict_to_version(surface.get(), CAIRO_SVG_VERSION_1_1);
        cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PX);
    }
    {
        CairoPtr cr(cairo_create(surface.get()));
        paint(cr.get());
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
            throw output_error({out.string(), "", ""},
                               fmt::format("Cairo: {}", cairo_status_to_string(cairo_status(cr.get()))));
    }
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    if (format == ImageFormat::png) {
        cairo_surface_flush(surface.get());
        status = cairo_surface_write_to_png_stream(surface.get(), append_bytes, &bytes);
    } else {
        cairo_surface_finish(surface.get());  // the SVG is complete only now
        status = cairo_surface_status(surface.get());
        bytes = stable_svg_ids(bytes);
        if (svg_text) bytes = svg_text(std::move(bytes));
    }
    if (status != CAIRO_STATUS_SUCCESS)
        throw output_error({out.string(), "", ""}, fmt::format("Cairo: {}", cairo_status_to_string(status)));
    return bytes;
}

}  // namespace corridor::report_detail
