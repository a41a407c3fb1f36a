// The static map: size by the documented rule, the palette's colours in the pixels,
// byte-identical output, atomic writes and refused formats.
#include "corridor/report/render.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "corridor/analysis/analyse.hpp"
#include "corridor/error.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/network_graph.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/report/style.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

// A decoded PNG: size and pixels as RGB.
struct Picture {
    int width = 0;
    int height = 0;
    std::vector<style::Rgb> pixels;

    // Pixels within tolerance (per component) of a colour.
    std::size_t count(style::Rgb c, int tolerance = 2) const {
        std::size_t n = 0;
        for (const auto& p : pixels)
            if (std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance &&
                std::abs(p.b - c.b) <= tolerance)
                ++n;
        return n;
    }
    std::size_t count(std::string_view hex) const { return count(style::parse_hex(hex)); }
};

Picture decode_png(const fs::path& file) {
    struct Destroy {
        void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
    };
    std::unique_ptr<cairo_surface_t, Destroy> s(cairo_image_surface_create_from_png(file.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("not a PNG: " + file.string());
    cairo_surface_flush(s.get());
    Picture p;
    p.width = cairo_image_surface_get_width(s.get());
    p.height = cairo_image_surface_get_height(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    for (int y = 0; y < p.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < p.width; ++x) {
            const std::uint32_t v = row[x];  // 0xAARRGGBB in native order; opaque here
            p.pixels.push_back(
                {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
        }
    }
    return p;
}

// The max-flow analysis from `from` to `to`, the one render draws.
Analysis max_flow_analysis(const Network& net, const std::string& from, const std::string& to) {
    NetworkGraph graph = build_graph(net, query_terminals(net, from, to));
    FlowQuery q;
    q.from = from;
    q.to = to;
    Analysis analysis;
    analysis.from = from;
    analysis.to = to;
    analysis.result = max_flow(graph, net, q);
    return analysis;
}

class Render : public ::testing::Test {
protected:
    void SetUp() override {
        analysis = max_flow_analysis(net, "RU", "pyongyang");
        options.width_px = 1200;
        options.land = test::geodata_dir() / "land.geojson";
        options.countries = test::geodata_dir() / "countries.geojson";
    }

    Network net = load_network(default_files(test::geodata_dir()));
    std::vector<RouteMeasure> measures = measure_routes(net, SpeedTable::defaults());
    Analysis analysis;
    RenderOptions options;
    test::TempDir tmp;
};

TEST_F(Render, PngHasTheWidthAndTheDocumentedHeight) {
    render_map(net, measures, &analysis, options, tmp / "map.png");
    const Picture p = decode_png(tmp / "map.png");
    EXPECT_EQ(p.width, 1200);
    const MapFrame f = map_frame(net, 1200);
    EXPECT_EQ(p.height, f.height_px);
    // No clamping: the extent's own aspect ratio (the shipped network, with the coal lane
    // round Korea, is taller than wide).
    EXPECT_EQ(f.height_px, std::lround(1200 * (f.max_y - f.min_y) / (f.max_x - f.min_x)));
    EXPECT_GT(f.height_px, 1200 / 3);
    EXPECT_LT(f.height_px, 3 * 1200);
}

TEST_F(Render, PngShowsRoutesBottlenecksLandAndSea) {
    ASSERT_FALSE(analysis.result.min_cut.empty());
    render_map(net, measures, &analysis, options, tmp / "map.png");
    const Picture p = decode_png(tmp / "map.png");
    const std::size_t all = p.pixels.size();
    EXPECT_GT(p.count(style::mode_hex(Mode::rail)), 200u) << "rail routes";
    EXPECT_GT(p.count(style::mode_hex(Mode::ferry)), 100u) << "the ferry and the ports";
    EXPECT_GT(p.count(style::kBottleneckHex), 200u) << "the minimum cut's halo";
    EXPECT_GT(p.count(style::kLandHex), all / 10) << "land";
    EXPECT_GT(p.count(style::kSeaHex), all / 10) << "sea";
}

TEST_F(Render, WithoutAnalysisNoBottleneckAndWithoutBasemapNoLand) {
    options.land = tmp / "no-land.geojson";  // missing: sea only, not an error
    options.countries.clear();
    render_map(net, measures, nullptr, options, tmp / "map.png");
    const Picture p = decode_png(tmp / "map.png");
    EXPECT_EQ(p.count(style::kBottleneckHex), 0u);
    EXPECT_LT(p.count(style::kLandHex), p.pixels.size() / 1000) << "a few antialiased edges may blend into it";
    EXPECT_GT(p.count(style::kSeaHex), p.pixels.size() / 2);
    EXPECT_GT(p.count(style::mode_hex(Mode::rail)), 100u);
}

TEST_F(Render, SvgHasTheWidthAndHeight) {
    options.width_px = 800;
    render_map(net, measures, &analysis, options, tmp / "map.svg");
    const std::string svg = test::read_file(tmp / "map.svg");
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u) << svg.substr(0, 100);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("width=\"800px\""), std::string::npos) << svg.substr(0, 400);
    EXPECT_NE(svg.find(fmt::format("height=\"{}px\"", map_frame(net, 800).height_px)), std::string::npos)
        << svg.substr(0, 400);
}

TEST_F(Render, SameInputGivesTheSameBytes) {
    for (const char* ext : {".png", ".svg"}) {
        render_map(net, measures, &analysis, options, tmp / (std::string("a") + ext));
        render_map(net, measures, &analysis, options, tmp / (std::string("b") + ext));
        const std::string a = test::read_file(tmp / (std::string("a") + ext));
        EXPECT_GT(a.size(), 1000u) << ext;
        EXPECT_EQ(a, test::read_file(tmp / (std::string("b") + ext))) << ext;
    }
}

TEST_F(Render, BytesForStandardOutputAreTheFilesBytes) {
    render_map(net, measures, &analysis, options, tmp / "map.svg");
    EXPECT_EQ(render_map_bytes(net, measures, &analysis, options, ImageFormat::svg), test::read_file(tmp / "map.svg"));
    render_map(net, measures, &analysis, options, tmp / "map.png");
    EXPECT_EQ(render_map_bytes(net, measures, &analysis, options, ImageFormat::png), test::read_file(tmp / "map.png"));
}

TEST(PictureFormat, ByFormatOrExtensionWhichMustAgree) {
    EXPECT_EQ(picture_format("", "out/map.PNG"), ImageFormat::png);
    EXPECT_EQ(picture_format("svg", "map.svg"), ImageFormat::svg);
    EXPECT_EQ(picture_format("png", "-"), ImageFormat::png);
    EXPECT_THROW(picture_format("", "-"), request_error);           // stdout needs a format
    EXPECT_THROW(picture_format("jpg", "map.png"), request_error);  // not a format
    EXPECT_THROW(picture_format("", "map.jpg"), request_error);     // not an extension
    EXPECT_THROW(picture_format("svg", "map.png"), request_error);  // they disagree
}

TEST(PictureFormat, WidthWithinItsBounds) {
    EXPECT_NO_THROW(check_render_width(kMinRenderWidth));
    EXPECT_NO_THROW(check_render_width(kMaxRenderWidth));
    EXPECT_THROW(check_render_width(kMinRenderWidth - 1), request_error);
    EXPECT_THROW(check_render_width(kMaxRenderWidth + 1), request_error);
}

// An observation about the analysed pair, as question_observations gives it.
ObservationCheck observed_check(const char* id) {
    ObservationCheck c;
    c.observation.id = id;
    c.observation.from = "RU";
    c.observation.to = "pyongyang";
    c.months = 1;
    c.observed_t_mo = c.observation.tonnes = 100'000;
    c.capacity_t_mo = c.capacity_t = 150'000;
    c.ratio = 2.0 / 3;
    return c;
}

TEST_F(Render, ObservationsAddABlockToTheLegend) {
    render_map(net, measures, &analysis, options, tmp / "none.png");
    options.observations = {observed_check("one")};
    render_map(net, measures, &analysis, options, tmp / "one.png");
    options.observations.push_back(observed_check("two"));
    render_map(net, measures, &analysis, options, tmp / "two.png");
    const Picture none = decode_png(tmp / "none.png"), one = decode_png(tmp / "one.png"),
                  two = decode_png(tmp / "two.png");
    ASSERT_EQ(none.pixels.size(), one.pixels.size());
    // The block is text in the legend's ink on its panel: more dark pixels with each line. A
    // line of it is about 200 such pixels, the exact count depending on where the glyphs fall
    // on the pixel grid (the shipped network's extent sets the picture's height), so the test
    // asks for clearly more than the anti-aliasing noise, not for a full line's count.
    const style::Rgb ink{26, 26, 26};
    EXPECT_GT(one.count(ink, 40), none.count(ink, 40) + 100);
    EXPECT_GT(two.count(ink, 40), one.count(ink, 40) + 100);
    // Nothing else changes colour: the routes and the cut are drawn as before.
    for (std::string_view hex : {style::mode_hex(Mode::rail), style::kBottleneckHex})
        EXPECT_NEAR(static_cast<double>(one.count(hex)), static_cast<double>(none.count(hex)),
                    0.02 * static_cast<double>(none.count(hex)));
    // Without an analysis there is no question, so no block.
    options.observations = {observed_check("one")};
    render_map(net, measures, nullptr, options, tmp / "a.png");
    options.observations.clear();
    render_map(net, measures, nullptr, options, tmp / "b.png");
    EXPECT_EQ(test::read_file(tmp / "a.png"), test::read_file(tmp / "b.png"));
}

TEST_F(Render, UnwritableFolderIsAnErrorNamingTheFile) {
    test::write_file(tmp / "file", "x");
    const fs::path out = tmp / "file" / "map.png";  // a folder that is a file
    try {
        render_map(net, measures, &analysis, options, out);
        FAIL() << "no error";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find(out.string()), std::string::npos) << e.what();
    }
}

TEST_F(Render, ReadOnlyFolderKeepsThePreviousPicture) {
    fs::create_directory(tmp / "ro");
    test::write_file(tmp / "ro" / "map.png", "previous");
    fs::permissions(tmp / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const bool writable = ::access((tmp / "ro").c_str(), W_OK) == 0;
    if (!writable) {
        EXPECT_THROW(render_map(net, measures, &analysis, options, tmp / "ro" / "map.png"), error);
        EXPECT_EQ(test::read_file(tmp / "ro" / "map.png"), "previous");
    }
    fs::permissions(tmp / "ro", fs::perms::owner_all);  // so the temporary folder can go
    if (writable) GTEST_SKIP() << "running as root: a read-only folder is writable";
}

TEST_F(Render, FailedDrawingKeepsThePreviousPictureAndLeavesNoTemporaryFile) {
    test::write_file(tmp / "map.png", "previous");
    test::write_file(tmp / "land.geojson", "{ not GeoJSON");
    options.land = tmp / "land.geojson";
    EXPECT_THROW(render_map(net, measures, &analysis, options, tmp / "map.png"), error);
    EXPECT_EQ(test::read_file(tmp / "map.png"), "previous");
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(tmp.path())) files += e.is_regular_file() ? 1 : 0;
    EXPECT_EQ(files, 2u) << "map.png and land.geojson only";
}

TEST_F(Render, UnknownExtensionIsRefused) {
    try {
        render_map(net, measures, &analysis, options, tmp / "map.jpg");
        FAIL() << "no error";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("map.jpg"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(tmp / "map.jpg"));
    EXPECT_EQ(image_format("x/MAP.PNG"), ImageFormat::png);
    EXPECT_EQ(image_format("map.svg"), ImageFormat::svg);
    EXPECT_THROW(image_format("map"), error);
}

bool any_two_overlap(const std::vector<PlacedLabel>& labels, std::string* which) {
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            const PlacedLabel &a = labels[i], &b = labels[j];
            if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
                *which = a.text + " / " + b.text;
                return true;
            }
        }
    return false;
}

TEST_F(Render, NoTwoLabelsOverlapOnTheShippedNetworkAndEveryCutCapacityIsLabelled) {
    for (int width : {800, 1200, 1600}) {
        options.width_px = width;
        const RenderedMap drawn = render_map(net, measures, &analysis, options, tmp / "map.png");
        std::string which;
        EXPECT_FALSE(any_two_overlap(drawn.labels, &which)) << width << " px: " << which;
        const MapFrame f = map_frame(net, width);
        std::size_t capacities = 0;
        for (const PlacedLabel& l : drawn.labels) {
            EXPECT_GE(l.x0, 0) << l.text;
            EXPECT_GE(l.y0, 0) << l.text;
            EXPECT_LE(l.x1, f.width_px) << l.text;
            EXPECT_LE(l.y1, f.height_px) << l.text;
            EXPECT_FALSE(l.overlaps) << l.text;
            capacities += l.text.find(" t/mo") != std::string::npos ? 1 : 0;
        }
        std::size_t on_cut = 0;
        for (const CutItem& c : limits_of(analysis)) {
            const bool labelled = c.is_place ? net.places.at(c.index).capacity.has_value() : true;
            on_cut += labelled ? 1 : 0;
        }
        EXPECT_EQ(capacities, on_cut) << width << " px";
        // A place is named on the picture, in a detail inset, or reported as left out.
        std::set<std::string> named(drawn.names_left_out.begin(), drawn.names_left_out.end());
        for (const PlacedLabel& l : drawn.labels) named.insert(l.text);
        for (const DetailInset& in : drawn.insets) {
            // Inside its box, over no label of the map, its own labels apart.
            const PlacedLabel box{"inset", in.x0, in.y0, in.x1, in.y1};
            for (const PlacedLabel& l : drawn.labels) {
                std::vector<PlacedLabel> two{box, l};
                EXPECT_FALSE(any_two_overlap(two, &which)) << width << " px: " << which;
            }
            EXPECT_FALSE(any_two_overlap(in.labels, &which)) << width << " px, inset: " << which;
            for (const PlacedLabel& l : in.labels) {
                EXPECT_GE(l.x0, in.x0) << l.text;
                EXPECT_GE(l.y0, in.y0) << l.text;
                EXPECT_LE(l.x1, in.x1) << l.text;
                EXPECT_LE(l.y1, in.y1) << l.text;
                named.insert(l.text);
            }
            EXPECT_GT(in.zoom, 1.0);
        }
        for (const Place& p : net.places) EXPECT_TRUE(named.count(style::map_label(p.name))) << p.name;
    }
}

TEST_F(Render, CrowdedPlacesOfTheShippedNetworkAreNamedInADetailInset) {
    // Round the mouth of the Tumen a dozen places lie a few kilometres apart: on a 1,600 px
    // picture of the region their names do not fit, and an inset shows them all; the two
    // names that do not fit on the Yalu (Dandong, Sinuiju) take leader lines instead.
    options.width_px = 1600;
    const RenderedMap drawn = render_map(net, measures, &analysis, options, tmp / "map.png");
    ASSERT_EQ(drawn.insets.size(), 1u);
    EXPECT_GE(drawn.insets[0].zoom, 2.0);
    EXPECT_TRUE(drawn.names_left_out.empty()) << drawn.names_left_out.front();
    auto named_in = [](const std::vector<PlacedLabel>& labels, const std::string& name) {
        return std::any_of(labels.begin(), labels.end(), [&](const PlacedLabel& l) { return l.text == name; });
    };
    auto name_of = [&](const char* id) {
        const auto i = net.place_index(id);
        return i ? style::map_label(net.places[*i].name) : std::string(id);
    };
    for (const char* id : {"khasan", "tumangang", "friendship_bridge", "hongui", "kraskino", "makhalino"}) {
        EXPECT_TRUE(named_in(drawn.insets[0].labels, name_of(id))) << id;
        EXPECT_FALSE(named_in(drawn.labels, name_of(id))) << id << ": named in the inset, not on the map";
    }
    for (const char* id : {"dandong", "sinuiju"}) {
        const auto l = std::find_if(drawn.labels.begin(), drawn.labels.end(),
                                    [&](const PlacedLabel& x) { return x.text == name_of(id); });
        ASSERT_NE(l, drawn.labels.end()) << id;
        EXPECT_TRUE(l->leader) << id;
    }
}

TEST(RenderLabels, CrowdedCapacitiesGetCalloutsWithLeaderLinesInsteadOfOverlapping) {
    // Eight parallel routes a -> b, each its own bottleneck, their middles a few pixels apart:
    // only a few labels fit next to their route; the rest are drawn as callouts.
    test::NetBuilder b;
    b.place_at("a", "RU", {130.0, 42.0}).place_at("b", "KP", {130.6, 42.0});
    for (int i = 0; i < 8; ++i) {
        const std::string id = fmt::format("r{}", i);
        b.route(id, "a", "b", 100.0 + i);
    }
    Network net = b.build();
    for (int i = 0; i < 8; ++i)  // a slight bow each, so the lines are distinct
        net.routes[i].line = {{130.0, 42.0}, {130.3, 42.0 + 0.004 * i}, {130.6, 42.0}};
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const Analysis analysis = max_flow_analysis(net, "a", "b");
    ASSERT_EQ(analysis.result.min_cut.size(), 8u);
    test::TempDir tmp;
    RenderOptions options;
    options.width_px = 800;
    const RenderedMap drawn = render_map(net, measures, &analysis, options, tmp / "map.png");
    std::size_t capacities = 0, leaders = 0;
    for (const PlacedLabel& l : drawn.labels) {
        capacities += l.text.find(" t/mo") != std::string::npos ? 1 : 0;
        leaders += l.leader ? 1 : 0;
        EXPECT_FALSE(l.overlaps) << l.text;
    }
    EXPECT_EQ(capacities, 8u);
    // Their middles are within 30 px of each other: every one goes out on a leader line, so
    // the line shows which route a figure belongs to.
    EXPECT_EQ(leaders, 8u);
    std::string which;
    EXPECT_FALSE(any_two_overlap(drawn.labels, &which)) << which;
}

TEST(RenderLabels, ACutRouteFarFromTheOthersIsLabelledBesideItsMiddle) {
    // Two parallel bottlenecks bowed far apart: each label sits beside its own route, no leader.
    test::NetBuilder b;
    b.place_at("a", "RU", {128.0, 42.0}).place_at("m", "KP", {130.0, 42.0}).place_at("z", "KP", {132.0, 42.0});
    b.route("r0", "a", "m", 100.0).route("r1", "a", "m", 100.0).route("r2", "m", "z", 500.0);
    Network net = b.build();
    net.routes[0].line = {{128.0, 42.0}, {129.0, 42.5}, {130.0, 42.0}};
    net.routes[1].line = {{128.0, 42.0}, {129.0, 41.5}, {130.0, 42.0}};
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const Analysis analysis = max_flow_analysis(net, "a", "z");
    ASSERT_EQ(analysis.result.min_cut.size(), 2u);  // r0 and r1
    test::TempDir tmp;
    RenderOptions options;
    options.width_px = 800;
    const RenderedMap drawn = render_map(net, measures, &analysis, options, tmp / "map.png");
    std::size_t capacities = 0;
    for (const PlacedLabel& l : drawn.labels) {
        if (l.text.find(" t/mo") == std::string::npos) continue;
        ++capacities;
        EXPECT_FALSE(l.leader) << l.text;
    }
    EXPECT_EQ(capacities, 2u);
}

TEST(RenderDense, ADenseNetworkIsDrawnAtThePicturesResolutionTheSameEachTime) {
    // Over 20k routes, routes without flow are burnt into pixel masks by mode: the picture
    // still shows every mode's colour and the flows, and the same input gives the same bytes.
    const Network net = generate_network({30'000, 3});
    ASSERT_GT(net.routes.size(), 20'000u);
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const auto [from, to] = generated_corners(net);
    const Analysis analysis = max_flow_analysis(net, from, to);
    ASSERT_GT(analysis.result.throughput, 0);
    test::TempDir tmp;
    RenderOptions options;
    options.width_px = 800;
    render_map(net, measures, &analysis, options, tmp / "a.png");
    render_map(net, measures, &analysis, options, tmp / "b.png");
    EXPECT_EQ(test::read_file(tmp / "a.png"), test::read_file(tmp / "b.png"));
    const Picture p = decode_png(tmp / "a.png");
    std::map<Mode, std::size_t> routes_by_mode;
    for (const Route& r : net.routes) ++routes_by_mode[r.mode];
    for (const auto& [m, n] : routes_by_mode)
        EXPECT_GT(p.count(style::mode_hex(m)), n > 1000 ? 100u : 0u) << mode_name(m);
    EXPECT_GT(p.count(style::kBottleneckHex), 30u);
}

TEST(MapLabel, DropsParenthesisedNotesAndTidiesTheSpaces) {
    EXPECT_EQ(style::map_label("Rajin port (Rason)"), "Rajin port");
    EXPECT_EQ(style::map_label("Nanping crossing (Helong), Chinese end"), "Nanping crossing, Chinese end");
    EXPECT_EQ(style::map_label("Vladivostok (sea port, Golden Horn (passenger) terminal)"), "Vladivostok");
    EXPECT_EQ(style::map_label("Pyongyang"), "Pyongyang");
    EXPECT_EQ(style::map_label("(unnamed)"), "(unnamed)");
    EXPECT_EQ(style::map_label("Musan (Korean end) station"), "Musan station");
}

TEST(RenderPlaces, APlaceOnTheMinimumCutIsRinged) {
    // a -> m -> b, the routes wide, m's own capacity the limit.
    test::NetBuilder b;
    b.place_at("a", "RU", {130.0, 42.0}).place_at("m", "KP", {130.5, 42.0}, 100.0).place_at("b", "KP", {131.0, 42.0});
    Network net = b.route("am", "a", "m", 1000).route("mb", "m", "b", 1000).build();
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const Analysis analysis = max_flow_analysis(net, "a", "b");
    ASSERT_EQ(analysis.result.throughput, 100);
    ASSERT_EQ(analysis.result.min_cut.size(), 1u);
    ASSERT_TRUE(analysis.result.min_cut[0].is_place);
    test::TempDir tmp;
    RenderOptions options;
    options.width_px = 600;
    render_map(net, measures, &analysis, options, tmp / "map.png");
    EXPECT_GT(decode_png(tmp / "map.png").count(style::kBottleneckHex), 30u);
    render_map(net, measures, nullptr, options, tmp / "plain.png");
    EXPECT_EQ(decode_png(tmp / "plain.png").count(style::kBottleneckHex), 0u);
}

// One rounding rule for every printed flow: a label shows the whole tonnes the solver
// carries (rounded down), not the nearest tonne. A 6,000 t/month ferry that opens on 18 May
// counts for 14 of May's 31 days: 2,709.68 t/month, which the solver holds as 2,709.
TEST(RenderLabels, ACapacityLabelShowsTheWholeTonnesTheSolverCarries) {
    test::NetBuilder b;
    Network net = b.place_at("vladivostok", "RU", {131.9, 43.1})
                      .place_at("rajin", "KP", {130.3, 42.2})
                      .route("ferry", "vladivostok", "rajin", 6000, {Mode::ferry, false, {"cargo"}})
                      .build();
    net.routes[0].open.from = *parse_date("2017-05-18");
    AnalysisRequest request;
    request.from = "vladivostok";
    request.to = "rajin";
    request.month = "2017-05";
    InputPaths none;
    none.geodata = "/nonexistent-corridor-geodata";
    const AnalysedNetwork an = analyse_network(net, measure_routes(net, SpeedTable::defaults()), none, request);
    ASSERT_TRUE(an.analysis);
    EXPECT_NEAR(an.measures[0].capacity.tonnes.value, 6000.0 * 14 / 31, 1e-9);
    EXPECT_EQ(an.analysis->result.throughput, 2709);
    EXPECT_EQ(capacity_label(net.routes[0], an.measures[0], &*an.analysis),
              thousands(an.analysis->result.throughput) + " t/mo");
    // A place's capacity, and ranges, by the same rule.
    Place p = net.places[1];
    p.capacity = 2709.68;
    EXPECT_EQ(place_capacity_label(p), "2,709 t/mo");
    p.cap_low = 1999.5;
    p.cap_high = 3000.9;
    EXPECT_EQ(place_capacity_label(p), "2,709 t/mo (1,999–3,000)");
    EXPECT_EQ(whole_thousands(2709.68), "2,709");
    EXPECT_EQ(whole_thousands(4999.9999999), "5,000") << "the solver's tolerance: an annual figure / 12";
    EXPECT_EQ(whole_thousands(1234567.9), "1,234,567");
    EXPECT_EQ(whole_thousands(0.4), "0");
}

TEST(MapFrame, ALineOfPlacesGetsAThirdOfTheWidth) {
    // Two places on one parallel: the frame is widened north and south to height = width / 3.
    const Network net =
        test::NetBuilder().place_at("a", "KP", {126.0, 40.0}).place_at("b", "KP", {127.0, 40.0}).build();
    const MapFrame f = map_frame(net, 900);
    EXPECT_EQ(f.height_px, 300);
    EXPECT_NEAR((f.max_y - f.min_y) * 3, f.max_x - f.min_x, 1e-6 * (f.max_x - f.min_x));
    // Web Mercator x of 126° E: 126 / 180 * 20037508.34 m; the frame holds both places.
    EXPECT_LT(f.min_x, 126.0 / 180 * 20037508.34);
    EXPECT_GT(f.max_x, 127.0 / 180 * 20037508.34);
}

TEST(MapFrame, WidthOutOfRangeAndEmptyNetworkAreErrors) {
    const Network net = test::NetBuilder().place("a").build();
    EXPECT_THROW(map_frame(net, kMinRenderWidth - 1), error);
    EXPECT_THROW(map_frame(net, kMaxRenderWidth + 1), error);
    EXPECT_NO_THROW(map_frame(net, kMinRenderWidth));
    EXPECT_THROW(map_frame(Network{}, 800), error);
}

}  // namespace
}  // namespace corridor
