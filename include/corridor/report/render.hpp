// A static map picture for reports (PNG or SVG, drawn with Cairo): basemap, routes by
// mode and flow, the minimum cut, places, legend, scale bar and title, in Web Mercator.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/observations.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/layers.hpp"

namespace corridor {

// Throughput percentiles of a Monte Carlo run (graph/uncertainty.hpp), for the title.
struct ThroughputPercentiles {
    Flow p10 = 0, p50 = 0, p90 = 0;
    std::size_t draws = 0;
};

// The percentiles of an analysis' uncertainty run; none without one (or without an analysis).
std::optional<ThroughputPercentiles> percentiles_of(const Analysis* analysis);

inline constexpr int kMinRenderWidth = 200;
inline constexpr int kMaxRenderWidth = 10000;

// The picture render writes unless told.
inline constexpr const char* kDefaultPictureFile = "output/map.png";

struct RenderOptions {
    int width_px = 1600;              // kMinRenderWidth..kMaxRenderWidth; the height follows (map_frame)
    std::filesystem::path land;       // land polygons (geodata/land.geojson); a missing file: sea only
    std::filesystem::path countries;  // country polygons, drawn as borders; a missing file: no borders
    std::string title;                // empty: "FROM → TO: N t/month" from the analysis
    std::string subtitle;             // the line under it; empty: the analysis' bottleneck sentence
    std::optional<ThroughputPercentiles> percentiles;  // printed under the title when set
    // The observations about the analysed question (question_observations), drawn as a block
    // under the legend's entries (report/observed: observation_block); none: no block.
    std::vector<ObservationCheck> observations;
};

// The label of a route on the minimum cut: "1,000 t/mo (500–1,000)", the capacity the
// analysis used and the range of the route's figures scaled to it (a scenario that halves a
// capacity halves its range too); passengers as "pax/mo". Whole units rounded down, as the
// solver holds them (whole_thousands).
std::string capacity_label(const Route& r, const RouteMeasure& m, const Analysis* a);

// The label of a place on the minimum cut: "5,000 t/mo (4,000–6,000)", its own capacity and
// its bounds, rounded down as capacity_label.
std::string place_capacity_label(const Place& p);

// What the picture shows, in Web Mercator (EPSG:3857) metres, and its size in pixels.
struct MapFrame {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    int width_px = 0;
    int height_px = 0;
};

// The frame of a network: the bounding box of its places and route vertices in Web
// Mercator, padded on every side by 8% of its longer side (at least 20 km). The height is
// round(width_px × frame height / frame width), one scale on both axes; it is kept within
// [width_px / 3, 2 × width_px] by widening the frame along its short axis, so a network
// strung along a line still gets a picture. Throws error for a network with nothing to
// draw or a width outside kMinRenderWidth..kMaxRenderWidth.
MapFrame map_frame(const Network& net, int width_px);

enum class ImageFormat { png, svg };

// The format named by the file's extension (.png or .svg, any case); throws error naming
// the file for anything else.
ImageFormat image_format(const std::filesystem::path& out);

// The picture format a command asks for: `format` ("png", "svg", or "" for none) and the
// file `out` ("-": standard output, which needs a format). Throws request_error for an
// unknown format, stdout without one, an extension that is neither .png nor .svg ("--out:
// ..."), or a format that does not match the extension.
ImageFormat picture_format(const std::string& format, const std::string& out);

// Refuses (request_error) a width outside kMinRenderWidth..kMaxRenderWidth:
// "--width: give 200 to 10000 pixels, not 50".
void check_render_width(int width_px);

// A label as drawn, its box in pixels (y down). `leader`: drawn away from its anchor with a
// line to it, because no spot next to the anchor was free; `overlaps`: drawn over another
// label because no spot within reach was free either (only capacity labels of the minimum
// cut are drawn that way: a place name that does not fit is left out).
struct PlacedLabel {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool leader = false;
    bool overlaps = false;
};

// A detail inset: where place names do not fit on the map, their part of it drawn again at
// `zoom` times the scale in a free box of the picture (report/inset_layout), with its outline
// on the map joined to the inset by a line. Its labels are the place names drawn in it
// (picture pixels; leader lines allowed there).
struct DetailInset {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double zoom = 1;
    std::vector<PlacedLabel> labels;
};

// What a drawing placed: its labels on the map, its insets, and the place names drawn
// neither on the map nor in an inset, for want of room.
struct RenderedMap {
    std::vector<PlacedLabel> labels;
    std::vector<DetailInset> insets;
    std::vector<std::string> names_left_out;
};

// Draws the network (measures[i].capacity: the capacity the analysis used) with the
// analysis' flows and minimum cut, if any, into out: PNG or SVG by the extension.
// Routes are coloured by mode (report/style), as wide as their flow, dashed where their
// capacity is assumed, haloed where on the minimum cut (with their capacity and its
// range, next to the route or else as a callout with a leader line), and arrowed at their
// middle in the direction of their flow. Place names (report/style: map_label) are drawn
// where they overlap no other label, marker or overlay; where places crowd so that names do
// not fit, up to two detail insets show their part of the map larger (DetailInset), and a
// name that fits in neither is left out.
// Writes a temporary file in out's folder and renames it into place, so a failure leaves
// a previous picture whole; throws error naming the file. The same input gives the same
// bytes (the SVG's surface ids are renumbered, as Cairo counts them per process).
RenderedMap render_map(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                       const RenderOptions& options, const std::filesystem::path& out);

// The same picture as render_map, as bytes in `format` (for standard output); errors name
// the file "-".
std::string render_map_bytes(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                             const RenderOptions& options, ImageFormat format);

// Cairo numbers an SVG's <g id="surfaceN"> by a counter that runs for the whole process:
// the SVG with them renumbered in order of appearance, so the same picture gives the same
// bytes (every SVG corridor draws goes through it).
std::string stable_svg_ids(const std::string& svg);

// render's options: the picture file, its format and width.
namespace render_flags {
extern const OptionText kOut, kFormat, kWidth;
}  // namespace render_flags

}  // namespace corridor
