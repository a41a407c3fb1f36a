#include "corridor/report/render.hpp"

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>
#include <ogr_geometry.h>
#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <optional>

#include "canvas.hpp"
#include "corridor/error.hpp"
#include "corridor/geo/geodesic.hpp"
#include "corridor/geo/web_mercator.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/io/read.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/parallel.hpp"
#include "corridor/report/observed.hpp"
#include "corridor/report/pixel_mask.hpp"
#include "corridor/report/style.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using namespace report_detail;

using Mercator = WebMercator;

// --- the frame -----------------------------------------------------------------------

// Every place and route vertex of a network in Web Mercator metres, projected once.
struct Projected {
    std::vector<MercatorXY> places;  // as net.places
    std::vector<MercatorXY> points;  // every route's vertices, route after route
    std::vector<std::size_t> first;  // route i: points[first[i]] .. points[first[i + 1]]

    Projected(const Network& net, const Mercator& merc) {
        std::vector<LonLat> at;
        at.reserve(net.places.size());
        for (const Place& p : net.places) at.push_back(p.pos);
        places = merc.forward_all(at);
        at.clear();
        first.reserve(net.routes.size() + 1);
        for (const Route& r : net.routes) {
            first.push_back(at.size());
            at.insert(at.end(), r.line.begin(), r.line.end());
        }
        first.push_back(at.size());
        points = merc.forward_all(at);
    }
};

MapFrame frame_of(const Projected& projected, int width_px) {
    if (width_px < kMinRenderWidth || width_px > kMaxRenderWidth)
        throw error(fmt::format("picture width {} px: give {} to {}", width_px, kMinRenderWidth, kMaxRenderWidth));
    const double inf = std::numeric_limits<double>::infinity();
    double x0 = inf, y0 = inf, x1 = -inf, y1 = -inf;
    auto add = [&](MercatorXY q) {
        x0 = std::min(x0, q.x);
        y0 = std::min(y0, q.y);
        x1 = std::max(x1, q.x);
        y1 = std::max(y1, q.y);
    };
    for (MercatorXY q : projected.places) add(q);
    for (MercatorXY q : projected.points) add(q);
    if (!(x0 <= x1)) throw error("nothing to draw: the network has no places and no routes");
    const double pad = std::max(0.08 * std::max(x1 - x0, y1 - y0), 20'000.0);
    x0 -= pad, x1 += pad, y0 -= pad, y1 += pad;
    // Keep height / width within [1/3, 2] by widening the short axis about its middle.
    auto widen = [](double& lo, double& hi, double want) {
        const double mid = (lo + hi) / 2;
        lo = mid - want / 2;
        hi = mid + want / 2;
    };
    if (y1 - y0 < (x1 - x0) / 3) widen(y0, y1, (x1 - x0) / 3);
    if (y1 - y0 > 2 * (x1 - x0)) widen(x0, x1, (y1 - y0) / 2);
    MapFrame f{x0, y0, x1, y1, width_px, 0};
    f.height_px = static_cast<int>(std::lround(width_px * (y1 - y0) / (x1 - x0)));
    return f;
}

// Picture coordinates (pixels, y down) of Web Mercator metres.
struct Pixels {
    MapFrame frame;
    double scale = 1;  // pixels per metre
    PixelXY operator()(MercatorXY p) const { return {(p.x - frame.min_x) * scale, (frame.max_y - p.y) * scale}; }
};

// --- Cairo -------------------------------------------------------------------------

// The basemap's polygons in pixels: each polygon's rings.
using Rings = std::vector<std::vector<PixelXY>>;

Rings read_rings(const fs::path& file, const Mercator& merc, const Pixels& px) {
    Rings rings;
    if (file.empty() || !io::present(file)) return rings;  // no basemap: not an error
    struct GeometryDeleter {
        void operator()(OGRGeometry* g) const noexcept { OGRGeometryFactory::destroyGeometry(g); }
    };
    auto add_polygon = [&](const OGRPolygon& poly) {
        for (const OGRLinearRing* ring : poly) {
            std::vector<PixelXY> pts;
            pts.reserve(static_cast<std::size_t>(ring->getNumPoints()));
            for (int i = 0; i < ring->getNumPoints(); ++i)
                pts.push_back(px(merc.forward({ring->getX(i), ring->getY(i)})));
            rings.push_back(std::move(pts));
        }
    };
    for (const auto& wkb : io::read_polygons_wkb(file)) {
        OGRGeometry* raw = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw)
            throw input_error({file.string(), "", "geometry"}, "cannot decode a polygon");
        std::unique_ptr<OGRGeometry, GeometryDeleter> g(raw);
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon) add_polygon(*g->toPolygon());
        else if (type == wkbMultiPolygon)
            for (const OGRPolygon* p : *g->toMultiPolygon()) add_polygon(*p);
    }
    return rings;
}

void ring_path(cairo_t* cr, const std::vector<PixelXY>& ring) {
    for (std::size_t i = 0; i < ring.size(); ++i) (i == 0 ? cairo_move_to : cairo_line_to)(cr, ring[i].x, ring[i].y);
    cairo_close_path(cr);
}

void line_path(cairo_t* cr, const std::vector<PixelXY>& line) {
    for (std::size_t i = 0; i < line.size(); ++i) (i == 0 ? cairo_move_to : cairo_line_to)(cr, line[i].x, line[i].y);
}

// The point halfway along a line (by its length in pixels) and the direction there.
struct Middle {
    PixelXY at;
    double dx = 1, dy = 0;  // unit vector along the line
};
Middle middle_of(const std::vector<PixelXY>& line) {
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    double left = total / 2;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double dx = line[i].x - line[i - 1].x, dy = line[i].y - line[i - 1].y;
        const double len = std::hypot(dx, dy);
        if (len > 0 && (left <= len || i + 1 == line.size())) {
            const double t = std::min(left / len, 1.0);
            return {{line[i - 1].x + t * dx, line[i - 1].y + t * dy}, dx / len, dy / len};
        }
        left -= len;
    }
    return {line.empty() ? PixelXY{} : line.front(), 1, 0};
}

// Text in ink on a white halo (so it reads over routes and borders), starting at (x, baseline).
void halo_text(cairo_t* cr, const std::string& text, double x, double baseline, double halo) {
    cairo_move_to(cr, x, baseline);
    cairo_text_path(cr, text.c_str());
    paper(cr);
    cairo_set_line_width(cr, halo);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke_preserve(cr);
    ink(cr);
    cairo_fill(cr);
}

std::string unit_of(const Analysis* a, bool short_form) {
    const bool pax = a && a->result.passengers;
    if (short_form) return pax ? "pax/mo" : "t/mo";
    return pax ? "passengers/month" : "t/month";
}

}  // namespace

std::string capacity_label(const Route& r, const RouteMeasure& m, const Analysis* a) {
    const bool pax = a && a->result.passengers;
    const double used = pax ? m.capacity.passengers.value : m.capacity.tonnes.value;
    std::string label = fmt::format("{} {}", whole_thousands(used), unit_of(a, true));
    const CapacityRange range = capacity_range(r.figures);
    const MonthlyCapacity stated = monthly_capacity(r.figures);
    const double s = pax ? stated.passengers.value : stated.tonnes.value;
    const double lo = pax ? range.low.passengers.value : range.low.tonnes.value;
    const double hi = pax ? range.high.passengers.value : range.high.tonnes.value;
    if (s > 0 && lo < hi)
        label += fmt::format(" ({}–{})", whole_thousands(lo * used / s), whole_thousands(hi * used / s));
    return label;
}

std::string place_capacity_label(const Place& p) {
    std::string label = fmt::format("{} t/mo", whole_thousands(p.capacity.value_or(0)));
    const double lo = p.cap_low.value_or(p.capacity.value_or(0)), hi = p.cap_high.value_or(p.capacity.value_or(0));
    if (lo < hi) label += fmt::format(" ({}–{})", whole_thousands(lo), whole_thousands(hi));
    return label;
}

namespace {

// A round length for the scale bar: 1, 2 or 5 times a power of ten, at most max_km.
double nice_km(double max_km) {
    const double p = std::pow(10.0, std::floor(std::log10(max_km)));
    for (double k : {5.0, 2.0, 1.0})
        if (k * p <= max_km) return k * p;
    return p;
}

std::string kind_label(std::string kind) {
    std::replace(kind.begin(), kind.end(), '_', ' ');
    return kind;
}

// --- the picture -------------------------------------------------------------------

constexpr std::size_t kMaxPlaceLabels = 500;  // more names than that would be a grey smear
// Over this many routes, those without flow are drawn at the picture's resolution: every
// pixel they touch, one mask per mode (report/pixel_mask), instead of a Cairo stroke each
// (about 5 µs a stroke: 5 s for a million routes, against a few hundred ms).
constexpr std::size_t kPixelRoutes = 20'000;

// Sizes are given for a 1600 px picture and scale with its width; text shrinks less, so a
// small picture stays readable. An inset keeps the sizes of the picture it is drawn in.
struct Sizes {
    double lines = 1, text = 1;
    static Sizes of(int width_px) {
        return {std::clamp(width_px / 1600.0, 0.6, 6.0), std::clamp(width_px / 1600.0, 0.8, 6.0)};
    }
};

// How a label may be placed: only next to its anchor (else left out), also as a callout with
// a leader line (place names), or, failing both, over other labels (capacities on the minimum
// cut, which are never left out); `leader`: as `always`, but a callout first, so that a line
// shows which of several close anchors the label belongs to.
enum class Fit { next_to, callout, always, leader };

// At most this many detail insets on a picture (report/inset_layout), each for a crowd of
// at least kMinCrowd places whose names do not fit next to them.
constexpr std::size_t kMaxInsets = 2;
constexpr std::size_t kMinCrowd = 3;

// The basemap's land and country rings in the picture's pixels, read once per picture.
struct Basemap {
    Rings land, countries;
};

// What an inset's painter is told: the sizes of the picture it is drawn in, its zoom, and
// the picture's basemap with the corner of the inset's extent, from which the inset's rings
// follow (Web Mercator pixels scale linearly: (x - origin) × zoom), without reading the
// files again.
struct InsetOf {
    Sizes sizes;
    double zoom = 1;
    const Basemap* basemap = nullptr;
    PixelXY origin;
};

// An inset of the picture: its box, the extent it magnifies (main-map pixels) and by how
// much, and once drawn its labels (picture pixels) and the places it named.
struct Inset {
    PixelBox box, extent;
    double zoom = 1;
    std::vector<PlacedLabel> labels;
    std::vector<std::size_t> named;
};

class Painter {
public:
    Painter(cairo_t* cr, const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
            const RenderOptions& options, const MapFrame& frame, const Mercator& merc, const Projected& projected,
            std::optional<InsetOf> inset_of = std::nullopt)
        : cr_(cr), net_(net), measures_(measures), an_(analysis), opt_(options), frame_(frame), merc_(merc),
          projected_(projected), inset_(inset_of),
          dense_(net.routes.size() > kPixelRoutes), px_{frame, frame.width_px / (frame.max_x - frame.min_x)},
          s_(inset_of ? inset_of->sizes.lines : Sizes::of(frame.width_px).lines),
          t_(inset_of ? inset_of->sizes.text : Sizes::of(frame.width_px).text) {}

    void paint() {
        cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        basemap();
        project_routes();
        routes();
        places();
        if (inset_) return inset_names();
        layout();
        reserve_overlays();
        plan_insets();
        inset_frames();
        labels();
        insets();
        title();
        legend();
        scale_bar();
    }

private:
    // The picture's basemap read from its files; an inset's scaled from the picture's.
    void read_basemap() {
        if (!inset_) {
            basemap_ = {read_rings(opt_.land, merc_, px_), read_rings(opt_.countries, merc_, px_)};
            return;
        }
        const PixelXY o = inset_->origin;
        const double z = inset_->zoom;
        auto scaled = [&](Rings rings) {
            for (auto& ring : rings)
                for (PixelXY& q : ring) q = {(q.x - o.x) * z, (q.y - o.y) * z};
            return rings;
        };
        basemap_ = {scaled(inset_->basemap->land), scaled(inset_->basemap->countries)};
    }

    void basemap() {
        colour(cr_, style::kSeaHex);
        cairo_paint(cr_);
        read_basemap();
        cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);
        for (const auto& ring : basemap_.land) ring_path(cr_, ring);
        colour(cr_, style::kLandHex);
        cairo_fill(cr_);
        for (const auto& ring : basemap_.countries) ring_path(cr_, ring);
        colour(cr_, style::kBorderHex);
        cairo_set_line_width(cr_, 1.0 * s_);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr_);
    }

    void project_routes() {
        lines_.clear();
        lines_.reserve(net_.routes.size());
        for (std::size_t i = 0; i < net_.routes.size(); ++i) {
            std::vector<PixelXY> line;
            line.reserve(projected_.first[i + 1] - projected_.first[i]);
            for (std::size_t k = projected_.first[i]; k < projected_.first[i + 1]; ++k)
                line.push_back(px_(projected_.points[k]));
            lines_.push_back(std::move(line));
        }
        place_px_.clear();
        place_px_.reserve(net_.places.size());
        for (MercatorXY q : projected_.places) place_px_.push_back(px_(q));
        max_flow_ = 0;
        if (an_)
            for (Flow f : an_->result.route_flow) max_flow_ = std::max(max_flow_, static_cast<double>(f));
        cut_.assign(net_.routes.size(), false);
        place_cut_.assign(net_.places.size(), false);
        if (an_)
            for (const CutItem& c : limits_of(*an_)) (c.is_place ? place_cut_ : cut_).at(c.index) = true;
    }

    double flow_of(std::size_t i) const { return an_ ? static_cast<double>(an_->result.route_flow.at(i)) : 0.0; }
    double width_of(std::size_t i) const { return style::route_width_px(flow_of(i), max_flow_) * s_; }

    void set_stroke(double width, bool dashed) {
        cairo_set_line_width(cr_, width);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        if (dashed) {
            const double dash[] = {std::max(8.0 * s_, 2.5 * width), std::max(5.0 * s_, 1.5 * width)};
            cairo_set_dash(cr_, dash, 2, 0);
            cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
        } else {
            cairo_set_dash(cr_, nullptr, 0, 0);
            cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
        }
    }

    void stroke_route(std::size_t i, double width, bool dashed) {
        line_path(cr_, lines_[i]);
        set_stroke(width, dashed);
        cairo_stroke(cr_);
        cairo_set_dash(cr_, nullptr, 0, 0);
    }

    bool dashed(std::size_t i) const { return net_.routes[i].basis == Basis::assumed; }

    void routes() {
        // Halos of the minimum cut under everything.
        for (std::size_t i = 0; i < net_.routes.size(); ++i)
            if (cut_[i]) {
                colour(cr_, style::kBottleneckHex);
                stroke_route(i, width_of(i) + 8 * s_, false);
            }
        // Routes without flow, then the routes with flow, thin under thick, and their arrows.
        // (One stroke per route: a path of every route at once costs Cairo more memory
        // and no less time.)
        if (dense_) {
            burn_routes_without_flow();
        } else {
            for (std::size_t i = 0; i < net_.routes.size(); ++i)
                if (flow_of(i) <= 0) {
                    colour(cr_, style::mode_hex(net_.routes[i].mode));
                    stroke_route(i, width_of(i), dashed(i));
                }
        }
        std::vector<std::size_t> flowing;
        for (std::size_t i = 0; i < net_.routes.size(); ++i)
            if (flow_of(i) > 0) flowing.push_back(i);
        std::stable_sort(flowing.begin(), flowing.end(),
                         [&](std::size_t a, std::size_t b) { return flow_of(a) < flow_of(b); });
        for (std::size_t i : flowing) {
            colour(cr_, style::mode_hex(net_.routes[i].mode));
            stroke_route(i, width_of(i), dashed(i));
        }
        for (std::size_t i : flowing)
            if (lines_[i].size() >= 2) arrow(i);
    }

    // Dense networks: the routes without flow burnt into a mask per mode, each painted in
    // its mode's colour in the order of the modes (no dashes: at this density a route is a
    // few pixels long); every route's pixels also go into covered_, which layout counts.
    void burn_routes_without_flow() {
        covered_.emplace(frame_.width_px, frame_.height_px);
        for (std::size_t i = 0; i < net_.routes.size(); ++i) {
            const auto& line = lines_[i];
            PixelMask* mask = nullptr;
            if (flow_of(i) <= 0)
                mask = &masks_.try_emplace(net_.routes[i].mode, frame_.width_px, frame_.height_px).first->second;
            for (std::size_t k = 1; k < line.size(); ++k) {
                covered_->line(line[k - 1].x, line[k - 1].y, line[k].x, line[k].y);
                if (mask) mask->line(line[k - 1].x, line[k - 1].y, line[k].x, line[k].y);
            }
        }
        for (auto& [mode, mask] : masks_) {
            SurfacePtr a8(cairo_image_surface_create_for_data(mask.data(), CAIRO_FORMAT_A8, mask.width(), mask.height(),
                                                              mask.stride()));
            colour(cr_, style::mode_hex(mode));
            cairo_mask_surface(cr_, a8.get(), 0, 0);
        }
    }

    // A triangle at the middle of the route pointing the way its net flow runs.
    void arrow(std::size_t i) {
        Middle m = middle_of(lines_[i]);
        if (an_->result.route_backward.at(i)) m.dx = -m.dx, m.dy = -m.dy;
        const double len = width_of(i) + 10 * s_, half = len * 0.6;
        const double bx = m.at.x - m.dx * len / 2, by = m.at.y - m.dy * len / 2;
        cairo_move_to(cr_, m.at.x + m.dx * len / 2, m.at.y + m.dy * len / 2);
        cairo_line_to(cr_, bx - m.dy * half, by + m.dx * half);
        cairo_line_to(cr_, bx + m.dy * half, by - m.dx * half);
        cairo_close_path(cr_);
        colour(cr_, style::mode_hex(net_.routes[i].mode));
        cairo_fill_preserve(cr_);
        paper(cr_);
        cairo_set_line_width(cr_, 1.2 * s_);
        cairo_stroke(cr_);
    }

    void places() {
        if (net_.places.size() > kMaxPlaceLabels) {
            // Many places: small squares without outline, one fill per kind (circles cost
            // Cairo about 30 µs each, too much for a million places).
            std::vector<std::string_view> kinds;
            for (const Place& p : net_.places)
                if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) kinds.push_back(p.kind);
            // Each kind's squares (3 × 3 pixels round the place's nearest pixel corner) go into a
            // mask painted in the kind's colour: the same pixels as a Cairo fill of the
            // squares, without building a path of half a million rectangles.
            for (std::string_view kind : kinds) {
                PixelMask mask(frame_.width_px, frame_.height_px);
                for (std::size_t i = 0; i < net_.places.size(); ++i) {
                    if (net_.places[i].kind != kind) continue;
                    const PixelXY q = place_px_[i];
                    const int x = static_cast<int>(std::lround(q.x)), y = static_cast<int>(std::lround(q.y));
                    mask.fill(x - 1, y - 1, x + 2, y + 2);
                }
                SurfacePtr a8(cairo_image_surface_create_for_data(mask.data(), CAIRO_FORMAT_A8, mask.width(),
                                                                  mask.height(), mask.stride()));
                colour(cr_, style::place_hex(kind));
                cairo_mask_surface(cr_, a8.get(), 0, 0);
            }
            return;
        }
        for (std::size_t i = 0; i < net_.places.size(); ++i) {
            const Place& p = net_.places[i];
            const PixelXY q = place_px_[i];
            if (place_cut_[i]) {  // a place whose own capacity limits the throughput
                cairo_new_sub_path(cr_);
                cairo_arc(cr_, q.x, q.y, 10 * s_, 0, 2 * std::numbers::pi);
                colour(cr_, style::kBottleneckHex);
                cairo_fill(cr_);
            }
            cairo_new_sub_path(cr_);
            cairo_arc(cr_, q.x, q.y, 5 * s_, 0, 2 * std::numbers::pi);
            colour(cr_, style::place_hex(p.kind));
            cairo_fill_preserve(cr_);
            paper(cr_);
            cairo_set_line_width(cr_, 1.5 * s_);
            cairo_stroke(cr_);
            taken_.push_back({q.x - 6 * s_, q.y - 6 * s_, q.x + 6 * s_, q.y + 6 * s_});  // labels avoid markers
        }
    }

    // Where a label goes: the first of the spots next to its anchor that overlaps nothing
    // placed yet; else (Fit::callout and Fit::always) the nearest free spot on rings around
    // the anchor, to be joined to it by a leader line; else (Fit::always) over the others at
    // the first spot. None: the label does not fit.
    struct Spot {
        PixelBox box;
        bool leader = false, overlaps = false;
    };
    std::optional<Spot> label_spot(const std::string& text, PixelXY at, double size, Fit fit) const {
        cairo_set_font_size(cr_, size);
        cairo_text_extents_t e;
        cairo_text_extents(cr_, text.c_str(), &e);
        const double gap = 8 * s_, w = e.x_advance, h = size;
        const PixelXY spots[] = {{at.x + gap, at.y - h / 2},
                                 {at.x - gap - w, at.y - h / 2},
                                 {at.x - w / 2, at.y - gap - h},
                                 {at.x - w / 2, at.y + gap}};
        auto beside = [&]() -> std::optional<Spot> {
            for (const PixelXY& spot : spots)
                if (const PixelBox b{spot.x, spot.y, spot.x + w, spot.y + h}; is_free(b)) return Spot{b};
            return std::nullopt;
        };
        if (fit != Fit::leader)
            if (auto b = beside()) return b;
        if (fit == Fit::next_to) return std::nullopt;
        if (const auto b = callout_box(at, w, h)) return Spot{*b, true};
        if (fit == Fit::leader)
            if (auto b = beside()) return b;
        if (fit == Fit::callout) return std::nullopt;
        return Spot{{spots[0].x, spots[0].y, spots[0].x + w, spots[0].y + h}, false, true};
    }

    // Draws a label where label_spot puts it; true if it fitted.
    bool place_label(const std::string& text, PixelXY at, double size, Fit fit) {
        const auto spot = label_spot(text, at, size, fit);
        if (spot) draw_label(text, spot->box, size, spot->leader ? &at : nullptr, spot->overlaps);
        return spot.has_value();
    }

    bool is_free(const PixelBox& b) const {
        const bool inside = b.x0 >= 0 && b.y0 >= 0 && b.x1 <= frame_.width_px && b.y1 <= frame_.height_px;
        return inside && std::none_of(taken_.begin(), taken_.end(), [&](const PixelBox& t) { return t.overlaps(b); });
    }

    // The free box of w × h nearest to the anchor on rings 24 px apart out to 360 px, 16
    // directions each (east first, then counter-clockwise); its edge faces the anchor.
    std::optional<PixelBox> callout_box(PixelXY at, double w, double h) const {
        constexpr int kDirections = 16;
        for (double r = 36 * s_; r <= 360 * s_; r += 24 * s_)
            for (int k = 0; k < kDirections; ++k) {
                const double a = 2 * std::numbers::pi * k / kDirections;
                const double cx = at.x + r * std::cos(a), cy = at.y - r * std::sin(a);
                // The end of the leader sits at the middle of the box's side facing the anchor.
                const double c = std::cos(a), sn = std::sin(a);
                const double x0 = c > 0.3 ? cx : c < -0.3 ? cx - w : cx - w / 2;
                const double y0 = sn > 0.3 ? cy - h : sn < -0.3 ? cy : cy - h / 2;
                if (const PixelBox b{x0, y0, x0 + w, y0 + h}; is_free(b)) return b;
            }
        return std::nullopt;
    }

    void draw_label(const std::string& text, const PixelBox& b, double size, const PixelXY* leader,
                    bool overlaps = false) {
        if (leader) {
            const PixelXY end{std::clamp(leader->x, b.x0, b.x1), std::clamp(leader->y, b.y0, b.y1)};
            cairo_move_to(cr_, leader->x, leader->y);
            cairo_line_to(cr_, end.x, end.y);
            paper(cr_);
            cairo_set_line_width(cr_, 3 * s_);
            cairo_stroke_preserve(cr_);
            ink(cr_);
            cairo_set_line_width(cr_, 1 * s_);
            cairo_stroke(cr_);
        }
        cairo_set_font_size(cr_, size);
        halo_text(cr_, text, b.x0, b.y0 + size * 0.8, 3 * s_);
        taken_.push_back(b);
        placed_.push_back({text, b.x0, b.y0, b.x1, b.y1, leader != nullptr, overlaps});
    }

    // Where the overlays go: the title top left; the legend, then the scale bar, in the
    // corner (bottom left, bottom right, top right) with the fewest places and route points.
    void layout() {
        enum class Corner { bottom_left, bottom_right, top_right };
        auto at = [&](Corner c, PixelBox size) {
            const double m = 12 * t_, w = size.x1, h = size.y1;
            const double x0 = c == Corner::bottom_left ? m : frame_.width_px - m - w;
            const double y0 = c == Corner::top_right ? m : frame_.height_px - m - h;
            return PixelBox{x0, y0, x0 + w, y0 + h};
        };
        std::vector<Corner> free{Corner::bottom_left, Corner::bottom_right, Corner::top_right};
        auto place = [&](PixelBox size) {
            auto best = free.begin();
            std::size_t least = std::numeric_limits<std::size_t>::max();
            for (auto c = free.begin(); c != free.end(); ++c)
                if (const std::size_t n = clutter(at(*c, size)); n < least) least = n, best = c;
            const PixelBox b = at(*best, size);
            free.erase(best);
            return b;
        };
        legend_box_ = place(legend_size());
        scale_box_ = place(scale_size());
    }

    // Places and points along the routes (every 4 px; dense networks: route pixels / 4) inside a box.
    std::size_t clutter(const PixelBox& b) const {
        auto inside = [&](PixelXY p) { return p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1; };
        std::size_t n = 0;
        for (PixelXY q : place_px_) n += inside(q) ? 1 : 0;
        if (covered_) {
            const auto floor_of = [](double v) { return static_cast<int>(std::floor(v)); };
            return n + covered_->count(floor_of(b.x0), floor_of(b.y0), floor_of(b.x1) + 1, floor_of(b.y1) + 1) / 4;
        }
        for (const auto& line : lines_)
            for (std::size_t i = 0; i < line.size(); ++i) {
                n += inside(line[i]) ? 1 : 0;
                if (i == 0) continue;
                const double len = std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
                for (double t = 4; t < len; t += 4)
                    n += inside({line[i - 1].x + (line[i].x - line[i - 1].x) * t / len,
                                 line[i - 1].y + (line[i].y - line[i - 1].y) * t / len})
                             ? 1
                             : 0;
            }
        return n;
    }

    void reserve_overlays() {
        taken_.push_back(title_box());  // the overlays are drawn later, over the map
        taken_.push_back(legend_box_);
        taken_.push_back(scale_box_);
    }

    std::string name_of(std::size_t i) const {
        const Place& p = net_.places[i];
        return p.name.empty() ? p.id : style::map_label(p.name);
    }
    double name_size() const { return 12 * t_; }
    bool names_drawn() const { return net_.places.size() <= kMaxPlaceLabels; }

    // The capacity labels of the minimum cut, in drawing order, to `f(text, anchor, size, fit)`:
    // each cut route's at its middle (as a callout with a leader line when another cut route's
    // middle is within 30 px, so that the line shows which route the figure belongs to), then
    // each cut place's.
    template <class F>
    void each_capacity_label(F&& f) const {
        std::vector<std::size_t> routes;
        std::vector<PixelXY> middles;
        for (std::size_t i = 0; i < net_.routes.size(); ++i)
            if (cut_[i] && !lines_[i].empty()) routes.push_back(i), middles.push_back(middle_of(lines_[i]).at);
        for (std::size_t k = 0; k < routes.size(); ++k) {
            bool close = false;
            for (std::size_t o = 0; o < routes.size(); ++o)
                close =
                    close || (o != k && std::hypot(middles[o].x - middles[k].x, middles[o].y - middles[k].y) < 30 * s_);
            const std::size_t i = routes[k];
            const Route& r = net_.routes[i];
            const std::string figure = capacity_label(r, measures_.at(i), an_);
            if (close)
                f(style::map_label(r.name.empty() ? r.id : r.name) + ": " + figure, middles[k], 13 * t_, Fit::leader);
            else f(figure, middles[k], 13 * t_, Fit::always);
        }
        for (std::size_t i = 0; i < net_.places.size(); ++i)
            if (place_cut_[i] && net_.places[i].capacity)
                f(place_capacity_label(net_.places[i]), place_px_[i], 13 * t_, Fit::always);
    }

    // The capacities of the minimum cut (every one, as a callout or over others if it must),
    // then the place names only where they can be read, next to the place or as a callout,
    // each checked against the others (those inside an inset are named there).
    void labels() {
        each_capacity_label(
            [&](const std::string& text, PixelXY at, double size, Fit fit) { place_label(text, at, size, fit); });
        if (names_drawn())
            for (std::size_t i = 0; i < net_.places.size(); ++i)
                if (!in_an_inset(place_px_[i]) && !place_label(name_of(i), place_px_[i], name_size(), Fit::callout))
                    names_left_out_.push_back(i);
    }

    // Places inside an inset's extent are named in the inset, not on the map.
    bool in_an_inset(PixelXY q) const {
        return std::any_of(insets_.begin(), insets_.end(), [&](const Inset& in) {
            return q.x >= in.extent.x0 && q.x <= in.extent.x1 && q.y >= in.extent.y0 && q.y <= in.extent.y1;
        });
    }

    // --- detail insets (report/inset_layout) ------------------------------------------

    // The places whose names labels() would leave out, found without drawing.
    std::vector<std::size_t> names_that_do_not_fit() {
        const std::vector<PixelBox> before = taken_;
        auto take = [&](const std::string& text, PixelXY at, double size, Fit fit) {
            const auto spot = label_spot(text, at, size, fit);
            if (spot) taken_.push_back(spot->box);
            return spot.has_value();
        };
        each_capacity_label(take);
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < net_.places.size(); ++i)
            if (!take(name_of(i), place_px_[i], name_size(), Fit::next_to)) out.push_back(i);
        taken_ = before;
        return out;
    }

    // Routes and place markers as pixels, for where an inset may go.
    PixelMask occupied_pixels() const {
        PixelMask mask(frame_.width_px, frame_.height_px);
        for (const auto& line : lines_)
            for (std::size_t k = 1; k < line.size(); ++k) mask.line(line[k - 1].x, line[k - 1].y, line[k].x, line[k].y);
        const auto r = static_cast<int>(std::ceil(6 * s_));
        for (PixelXY q : place_px_) {
            const int x = static_cast<int>(std::lround(q.x)), y = static_cast<int>(std::lround(q.y));
            mask.fill(x - r, y - r, x + r, y + r);
        }
        return mask;
    }

    // Where names do not fit next to their places, the crowds of those places (within 120 px
    // of each other, kMinCrowd or more), each drawn again larger in a free box near it, up to
    // kMaxInsets; the boxes are taken before any label is placed.
    void plan_insets() {
        if (dense_ || !names_drawn()) return;
        const std::vector<std::size_t> left_out = names_that_do_not_fit();
        if (left_out.empty()) return;
        const ClutterCounts clutter(occupied_pixels(), static_cast<int>(std::ceil(8 * s_)));
        const ZoomLimits limits{40 * t_, 1.5, 4, 520 * s_};
        InsetSpace space{frame_.width_px, frame_.height_px, 12 * t_, 8 * s_, taken_};
        std::vector<InsetExtent> wanted;
        for (const auto& crowd : crowds(place_px_, left_out, 120 * s_)) {
            if (crowd.size() < kMinCrowd) break;  // largest first: one or two names get leader lines instead
            std::vector<PixelXY> at;
            for (std::size_t i : crowd) at.push_back(place_px_[i]);
            if (const auto e = inset_extent(at, place_px_, 40 * s_, limits)) wanted.push_back(*e);
        }
        for (const InsetExtent& e : wanted) space.avoid.push_back(e.extent);  // no inset covers a crowd
        for (const InsetExtent& e : wanted) {
            if (insets_.size() == kMaxInsets) break;
            const double w = std::round(e.extent.width() * e.zoom), h = std::round(e.extent.height() * e.zoom);
            const auto box = free_box(space, clutter, w, h, e.extent.centre());
            if (!box) continue;
            insets_.push_back({*box, e.extent, e.zoom, {}, {}});
            const double gap = 6 * s_;
            space.avoid.push_back({box->x0 - gap, box->y0 - gap, box->x1 + gap, box->y1 + gap});
            taken_.push_back(*box);
        }
    }

    // Each inset's extent outlined on the map and joined to its inset by a line between their
    // nearest edges (drawn before the labels, which go over them).
    void inset_frames() {
        for (const Inset& in : insets_) {
            const PixelBox& e = in.extent;
            const PixelXY to = in.box.centre(), from = e.centre();
            const PixelXY a{std::clamp(to.x, e.x0, e.x1), std::clamp(to.y, e.y0, e.y1)};
            const PixelXY b{std::clamp(from.x, in.box.x0, in.box.x1), std::clamp(from.y, in.box.y0, in.box.y1)};
            cairo_rectangle(cr_, e.x0, e.y0, e.width(), e.height());
            cairo_move_to(cr_, a.x, a.y);
            cairo_line_to(cr_, b.x, b.y);
            ink(cr_);
            cairo_set_line_width(cr_, 1.2 * s_);
            cairo_stroke(cr_);
        }
    }

    // Each inset: its extent drawn again at its zoom (basemap, routes, places and their names,
    // which may take leader lines there), framed, with its scale over the map's in a corner.
    void insets() {
        for (Inset& in : insets_) {
            const double scale = px_.scale * in.zoom;  // pixels per metre in the inset
            const double x0 = frame_.min_x + in.extent.x0 / px_.scale, y1 = frame_.max_y - in.extent.y0 / px_.scale;
            const MapFrame f{x0,
                             y1 - in.box.height() / scale,
                             x0 + in.box.width() / scale,
                             y1,
                             static_cast<int>(std::lround(in.box.width())),
                             static_cast<int>(std::lround(in.box.height()))};
            cairo_save(cr_);
            cairo_rectangle(cr_, in.box.x0, in.box.y0, in.box.width(), in.box.height());
            cairo_clip(cr_);
            cairo_translate(cr_, in.box.x0, in.box.y0);
            Painter detail(cr_, net_, measures_, an_, opt_, f, merc_, projected_,
                           InsetOf{{s_, t_}, in.zoom, &basemap_, {in.extent.x0, in.extent.y0}});
            detail.paint();
            cairo_restore(cr_);
            cairo_rectangle(cr_, in.box.x0, in.box.y0, in.box.width(), in.box.height());
            ink(cr_);
            cairo_set_line_width(cr_, 1.5 * s_);
            cairo_stroke(cr_);
            for (PlacedLabel l : detail.placed_) {
                l.x0 += in.box.x0, l.x1 += in.box.x0, l.y0 += in.box.y0, l.y1 += in.box.y0;
                in.labels.push_back(std::move(l));
            }
            in.named = std::move(detail.named_);
        }
    }

    // In an inset: the zoom in its top left corner, then every place name, as a callout where
    // it must be.
    void inset_names() {
        const std::string caption = fmt::format("detail, {:.1f}× scale", inset_->zoom);
        cairo_set_font_size(cr_, 11 * t_);
        cairo_text_extents_t e;
        cairo_text_extents(cr_, caption.c_str(), &e);
        const double pad = 4 * s_;
        const PixelBox c{0, 0, e.x_advance + 2 * pad, 11 * t_ + 2 * pad};
        panel(c);
        ink(cr_);
        cairo_move_to(cr_, pad, pad + 11 * t_ * 0.85);
        cairo_show_text(cr_, caption.c_str());
        taken_.push_back(c);
        for (std::size_t i = 0; i < net_.places.size(); ++i) {
            const PixelXY q = place_px_[i];
            const bool inside = q.x >= 0 && q.y >= 0 && q.x <= frame_.width_px && q.y <= frame_.height_px;
            if (inside && place_label(name_of(i), q, name_size(), Fit::callout)) named_.push_back(i);
        }
    }

    // --- overlays: title (top left), legend (bottom left), scale bar (bottom right)

    std::vector<std::pair<std::string, double>> title_lines() const {
        std::vector<std::pair<std::string, double>> lines;
        const std::string unit = unit_of(an_, false);
        std::string title = opt_.title;
        if (title.empty() && an_) {
            title = fmt::format("{} → {}: {} {}", an_->from, an_->to, thousands(an_->result.throughput), unit);
            if (!an_->commodity.empty()) title += fmt::format(" of {}", an_->commodity);
        }
        if (title.empty()) title = fmt::format("{} places, {} routes", net_.places.size(), net_.routes.size());
        lines.emplace_back(title, 20 * t_);
        if (!opt_.subtitle.empty()) lines.emplace_back(opt_.subtitle, 13 * t_);
        else if (an_) lines.emplace_back(bottleneck_sentence(*an_), 13 * t_);
        if (opt_.percentiles) {
            const ThroughputPercentiles& p = *opt_.percentiles;
            lines.emplace_back(
                fmt::format("P10 / P50 / P90 over {} draws: {} / {} / {} {}", thousands(static_cast<Flow>(p.draws)),
                            thousands(p.p10), thousands(p.p50), thousands(p.p90), unit),
                13 * t_);
        }
        return lines;
    }

    double text_width(const std::string& text, double size) const {
        cairo_set_font_size(cr_, size);
        cairo_text_extents_t e;
        cairo_text_extents(cr_, text.c_str(), &e);
        return e.x_advance;
    }

    PixelBox title_box() const {
        double w = 0, h = 0;
        for (const auto& [text, size] : title_lines()) {
            w = std::max(w, text_width(text, size));
            h += size * 1.35;
        }
        const double m = 12 * t_, pad = 8 * s_;
        return {m, m, m + w + 2 * pad, m + h + 2 * pad};
    }

    void title() {
        const PixelBox b = title_box();
        panel(b);
        const double pad = 8 * s_;
        double y = b.y0 + pad;
        for (const auto& [text, size] : title_lines()) {
            cairo_set_font_size(cr_, size);
            ink(cr_);
            cairo_move_to(cr_, b.x0 + pad, y + size);
            cairo_show_text(cr_, text.c_str());
            y += size * 1.35;
        }
    }

    void panel(const PixelBox& b) {
        cairo_rectangle(cr_, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
        paper(cr_, 0.88);
        cairo_fill_preserve(cr_);
        colour(cr_, style::kBorderHex);
        cairo_set_line_width(cr_, 1 * s_);
        cairo_stroke(cr_);
    }

    // One legend row: a sample (a line in a mode's colour, the cut's halo, a dashed line
    // or a place marker) and its text.
    enum class Sample { mode, bottleneck, assumed, place };
    struct Entry {
        std::string text;
        Sample what = Sample::mode;
        Mode m = Mode::rail;
        std::string kind;
    };

    std::vector<Entry> legend_entries() const {
        std::vector<Entry> out;
        for (Mode m : all_modes())
            if (std::any_of(net_.routes.begin(), net_.routes.end(), [&](const Route& r) { return r.mode == m; }))
                out.push_back({std::string(mode_name(m)), Sample::mode, m, {}});
        if (std::find(cut_.begin(), cut_.end(), true) != cut_.end() ||
            std::find(place_cut_.begin(), place_cut_.end(), true) != place_cut_.end())
            out.push_back({"bottleneck (minimum cut)", Sample::bottleneck, Mode::rail, {}});
        if (std::any_of(net_.routes.begin(), net_.routes.end(),
                        [](const Route& r) { return r.basis == Basis::assumed; }))
            out.push_back({"dashed: assumed capacity", Sample::assumed, Mode::rail, {}});
        std::vector<std::string> kinds;
        for (const Place& p : net_.places)
            if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) kinds.push_back(p.kind);
        std::sort(kinds.begin(), kinds.end());
        for (const auto& k : kinds) out.push_back({kind_label(k), Sample::place, Mode::rail, k});
        return out;
    }

    double row_height() const { return 18 * t_; }
    double sample_width() const { return 30 * s_; }

    // Observed against capacity for the analysed question, under the entries (none without
    // an analysis or a matching observation).
    std::vector<std::string> observed_lines() const {
        return an_ ? observation_block(opt_.observations) : std::vector<std::string>{};
    }
    double observed_gap() const { return 6 * s_; }

    // The legend's width and height (as a box at 0, 0).
    PixelBox legend_size() const {
        const auto entries = legend_entries();
        const auto observed = observed_lines();
        double w = 0;
        for (const auto& e : entries) w = std::max(w, sample_width() + 8 * s_ + text_width(e.text, 12 * t_));
        for (const auto& line : observed) w = std::max(w, text_width(line, 12 * t_));
        const double pad = 8 * s_;
        double h = static_cast<double>(entries.size()) * row_height();
        if (!observed.empty())
            h += (entries.empty() ? 0 : observed_gap()) + static_cast<double>(observed.size()) * row_height();
        return {0, 0, w + 2 * pad, h + 2 * pad};
    }

    // A legend sample's line from x0 to x1 at height mid.
    void sample_line(double x0, double x1, double mid, std::string_view hex, double width, bool dashed) {
        cairo_move_to(cr_, x0, mid);
        cairo_line_to(cr_, x1, mid);
        colour(cr_, hex);
        cairo_set_line_width(cr_, width);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
        if (dashed) {
            const double dash[] = {6 * s_, 4 * s_};
            cairo_set_dash(cr_, dash, 2, 0);
        }
        cairo_stroke(cr_);
        cairo_set_dash(cr_, nullptr, 0, 0);
    }

    // An entry's sample between x0 and x1 at height mid: a mode's line, the bottleneck's halo,
    // the dashes of an assumed capacity, a place's marker.
    void legend_sample(const Entry& e, double x0, double x1, double mid) {
        switch (e.what) {
            case Sample::mode:
                sample_line(x0, x1, mid, style::mode_hex(e.m), 4 * s_, false);
                break;
            case Sample::bottleneck:
                sample_line(x0, x1, mid, style::kBottleneckHex, 10 * s_, false);
                sample_line(x0, x1, mid, style::kBorderHex, 3 * s_, false);
                break;
            case Sample::assumed:
                sample_line(x0, x1, mid, style::kBorderHex, 3 * s_, true);
                break;
            case Sample::place:
                cairo_new_sub_path(cr_);
                cairo_arc(cr_, (x0 + x1) / 2, mid, 5 * s_, 0, 2 * std::numbers::pi);
                colour(cr_, style::place_hex(e.kind));
                cairo_fill_preserve(cr_);
                paper(cr_);
                cairo_set_line_width(cr_, 1.5 * s_);
                cairo_stroke(cr_);
                break;
        }
    }

    // The observation block under the entries, from y on (after a rule when there are entries).
    void legend_observed(const PixelBox& b, double y, bool rule, const std::vector<std::string>& observed) {
        const double pad = 8 * s_;
        if (rule) {
            y += observed_gap() / 2;
            cairo_move_to(cr_, b.x0 + pad, y);
            cairo_line_to(cr_, b.x1 - pad, y);
            colour(cr_, style::kBorderHex);
            cairo_set_line_width(cr_, 1 * s_);
            cairo_stroke(cr_);
            y += observed_gap() / 2;
        }
        cairo_set_font_size(cr_, 12 * t_);
        ink(cr_);
        for (const auto& line : observed) {
            cairo_move_to(cr_, b.x0 + pad, y + row_height() / 2 + 4.5 * t_);
            cairo_show_text(cr_, line.c_str());
            y += row_height();
        }
    }

    void legend() {
        const auto entries = legend_entries();
        const auto observed = observed_lines();
        if (entries.empty() && observed.empty()) return;
        const PixelBox b = legend_box_;
        panel(b);
        const double pad = 8 * s_;
        double y = b.y0 + pad;
        for (const auto& e : entries) {
            const double mid = y + row_height() / 2, x0 = b.x0 + pad, x1 = x0 + sample_width();
            legend_sample(e, x0, x1, mid);
            cairo_set_font_size(cr_, 12 * t_);
            ink(cr_);
            cairo_move_to(cr_, x1 + 8 * s_, mid + 4.5 * t_);
            cairo_show_text(cr_, e.text.c_str());
            y += row_height();
        }
        if (!observed.empty()) legend_observed(b, y, !entries.empty(), observed);
    }

    // The scale bar: a round number of kilometres measured along the ellipsoid (PROJ's
    // geodesic) across the map's centre; Mercator stretches with latitude, so the bar holds
    // there and the label says at which latitude.
    struct Scale {
        double km = 0, px = 0, lat = 0;
    };
    Scale scale() const {
        const double cx = (frame_.min_x + frame_.max_x) / 2, cy = (frame_.min_y + frame_.max_y) / 2;
        const double span_px = frame_.width_px / 5.0;  // at most a fifth of the width
        const double half_m = span_px / px_.scale / 2;
        const LonLat a = merc_.inverse({cx - half_m, cy}), b = merc_.inverse({cx + half_m, cy});
        const double span_km = to_km(Geodesic().distance(a, b)).value;
        const double km = nice_km(span_km);
        return {km, span_px * km / span_km, merc_.inverse({cx, cy}).lat};
    }

    std::string scale_text(const Scale& sc) const {
        const std::string km =
            sc.km >= 1 ? fmt::format("{}", static_cast<long long>(sc.km)) : fmt::format("{:g}", sc.km);
        return fmt::format("{} km (at {:.1f}° {})", km, std::abs(sc.lat), sc.lat >= 0 ? "N" : "S");
    }

    PixelBox scale_size() const {
        const Scale sc = scale();
        const double pad = 8 * s_;
        return {0, 0, std::max(sc.px, text_width(scale_text(sc), 12 * t_)) + 2 * pad, 12 * t_ + 14 * s_ + 2 * pad};
    }

    void scale_bar() {
        const Scale sc = scale();
        const PixelBox b = scale_box_;
        panel(b);
        const double pad = 8 * s_;
        cairo_set_font_size(cr_, 12 * t_);
        ink(cr_);
        cairo_move_to(cr_, b.x0 + pad, b.y0 + pad + 12 * t_);
        cairo_show_text(cr_, scale_text(sc).c_str());
        const double y = b.y1 - pad - 4 * s_, x0 = b.x0 + pad;
        cairo_move_to(cr_, x0, y - 5 * s_);
        cairo_line_to(cr_, x0, y);
        cairo_line_to(cr_, x0 + sc.px, y);
        cairo_line_to(cr_, x0 + sc.px, y - 5 * s_);
        cairo_set_line_width(cr_, 2 * s_);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
        cairo_stroke(cr_);
    }

    cairo_t* cr_;
    const Network& net_;
    const std::vector<RouteMeasure>& measures_;
    const Analysis* an_;
    const RenderOptions& opt_;
    MapFrame frame_;
    const Mercator& merc_;
    const Projected& projected_;
    std::optional<InsetOf> inset_;  // drawing an inset: the map and its names only
    Basemap basemap_;
    // Over kPixelRoutes routes, those without flow are burnt into one pixel mask per mode.
    bool dense_ = false;
    std::vector<PixelXY> place_px_;     // each place's pixel position
    std::map<Mode, PixelMask> masks_;   // dense: routes without flow, by mode
    std::optional<PixelMask> covered_;  // dense: every route pixel (layout)
    Pixels px_;
    double s_;                                 // sizes are given for a 1600 px picture: lines and markers
    double t_;                                 // text
    std::vector<std::vector<PixelXY>> lines_;  // routes in pixels
    std::vector<bool> cut_;                    // per route: on the minimum cut
    std::vector<bool> place_cut_;              // per place: on the minimum cut
    double max_flow_ = 0;
    std::vector<PixelBox> taken_;  // label and overlay boxes placed so far
    std::vector<PlacedLabel> placed_;
    std::vector<std::size_t> names_left_out_;  // places whose names did not fit
    std::vector<std::size_t> named_;           // an inset: places it named
    std::vector<Inset> insets_;

public:
    // What was drawn: a name counts as left out only if no inset named it either.
    RenderedMap drawn() && {
        RenderedMap out{std::move(placed_), {}, {}};
        std::vector<bool> named(net_.places.size(), false);
        for (Inset& in : insets_) {
            for (std::size_t i : in.named) named[i] = true;
            out.insets.push_back({in.box.x0, in.box.y0, in.box.x1, in.box.y1, in.zoom, std::move(in.labels)});
        }
        std::vector<bool> left_out(net_.places.size(), false);  // off the map, outside every inset
        for (std::size_t i : names_left_out_) left_out[i] = true;
        for (std::size_t i = 0; i < net_.places.size(); ++i)
            if (left_out[i] || (in_an_inset(place_px_[i]) && !named[i])) out.names_left_out.push_back(name_of(i));
        return out;
    }
    PixelBox legend_box_, scale_box_;
};

std::string encode(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                   const RenderOptions& options, ImageFormat format, const fs::path& out, RenderedMap& drawn) {
    const Mercator merc;
    const Projected projected(net, merc);
    const MapFrame frame = frame_of(projected, options.width_px);
    return encode_picture(format, frame.width_px, frame.height_px, out, [&](cairo_t* cr) {
        Painter painter(cr, net, measures, analysis, options, frame, merc, projected);
        painter.paint();
        drawn = std::move(painter).drawn();
    });
}

}  // namespace

std::string stable_svg_ids(const std::string& svg) {
    static constexpr std::string_view kPrefix = "surface";
    std::map<std::string, std::string, std::less<>> renamed;
    std::string out;
    out.reserve(svg.size());
    std::size_t i = 0;
    while (i < svg.size()) {
        const std::size_t at = svg.find(kPrefix, i);
        if (at == std::string::npos) break;
        std::size_t end = at + kPrefix.size();
        while (end < svg.size() && std::isdigit(static_cast<unsigned char>(svg[end]))) ++end;
        const bool is_id = end > at + kPrefix.size() && at > 0 && (svg[at - 1] == '"' || svg[at - 1] == '#');
        out.append(svg, i, at - i);
        if (is_id) {
            const std::string old = svg.substr(at, end - at);
            auto [it, fresh] = renamed.try_emplace(old, std::string());
            if (fresh) it->second = fmt::format("{}{}", kPrefix, renamed.size());
            out += it->second;
        } else {
            out.append(svg, at, end - at);
        }
        i = end;
    }
    out.append(svg, i, std::string::npos);
    return out;
}

MapFrame map_frame(const Network& net, int width_px) {
    const Mercator merc;
    return frame_of(Projected(net, merc), width_px);
}

ImageFormat image_format(const fs::path& out) {
    const std::string ext = ascii_lower(out.extension().string());
    if (ext == ".png") return ImageFormat::png;
    if (ext == ".svg") return ImageFormat::svg;
    throw output_error({out.string(), "", ""}, "cannot draw this format: give a .png or .svg file name");
}

RenderedMap render_map(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                       const RenderOptions& options, const fs::path& out) {
    const ImageFormat format = image_format(out);
    if (measures.size() != net.routes.size())
        throw error(fmt::format("internal: {} route measures for {} routes", measures.size(), net.routes.size()));
    RenderedMap drawn;
    io::write_file_atomic(out,
                          encode(net, measures, analysis, options, format, out, drawn));  // temporary file, then rename
    return drawn;
}

std::string render_map_bytes(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                             const RenderOptions& options, ImageFormat format) {
    if (measures.size() != net.routes.size())
        throw error(fmt::format("internal: {} route measures for {} routes", measures.size(), net.routes.size()));
    RenderedMap drawn;
    return encode(net, measures, analysis, options, format, "-", drawn);
}

ImageFormat picture_format(const std::string& format, const std::string& out) {
    std::optional<ImageFormat> named;
    if (format == "png") named = ImageFormat::png;
    else if (format == "svg") named = ImageFormat::svg;
    else if (!format.empty()) throw request_error(fmt::format("--format: give png or svg, not {}", format));
    if (out == "-") {
        if (!named) throw request_error("--out -: give --format png or --format svg for standard output");
        return *named;
    }
    ImageFormat by_name;
    try {
        by_name = image_format(out);
    } catch (const error& e) {
        throw request_error(fmt::format("--out: {}", e.what()));
    }
    if (named && *named != by_name)
        throw request_error(fmt::format("--format {} does not match --out {}", format, out));
    return by_name;
}

std::optional<ThroughputPercentiles> percentiles_of(const Analysis* analysis) {
    if (!analysis || !analysis->uncertainty) return std::nullopt;
    const UncertaintyResult& u = *analysis->uncertainty;
    return ThroughputPercentiles{u.p10, u.p50, u.p90, u.draws};
}

void check_render_width(int width_px) {
    if (width_px < kMinRenderWidth || width_px > kMaxRenderWidth)
        throw request_error(
            fmt::format("--width: give {} to {} pixels, not {}", kMinRenderWidth, kMaxRenderWidth, width_px));
}

namespace render_flags {
const OptionText kOut{"out", "Picture file: .png or .svg (-: stdout, with --format)", true};
const OptionText kFormat{"format", "png or svg (default: by the --out extension)"};
const OptionText kWidth{"width", "Width in pixels (the height follows the map's extent)", true};
}  // namespace render_flags

}  // namespace corridor
