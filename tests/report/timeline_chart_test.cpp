// The timeline's chart (PNG and SVG) and its CSV.
#include "corridor/report/timeline_chart.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "corridor/report/render.hpp"
#include "corridor/report/style.hpp"
#include "corridor/report/timeline_table.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

// Three months of 100, 40, 100 t/month of coal, with an event in the second and third.
Timeline sample() {
    Timeline t;
    t.from = "KP";
    t.to = "CN";
    t.commodity = "coal";
    t.scenario = "";
    t.range = parse_month_range("2017-01..2017-03");
    t.passengers = false;
    const Day feb19 = *parse_date("2017-02-19"), apr1 = *parse_date("2017-03-01");
    t.months = {
        {t.range.first, 100, {{"coal", 100.0}}, "", {}},
        {t.range.first.next(),
         40,
         {{"coal", 40.0}},
         "",
         {{"lane_closed", "starts", feb19, "lane closed from 2017-02-19, \"pro rata\""}}},
        {t.range.last, 100, {{"coal", 100.0}}, "", {{"lane_closed", "ends", apr1, "lane closed until 2017-02-28"}}},
    };
    return t;
}

struct Pixels {
    int width = 0, height = 0;
    std::vector<std::uint32_t> argb;
    // Pixels within tolerance (per component) of a colour; lines are antialiased, so a
    // thin one has few pixels of its exact colour.
    std::size_t count(std::string_view hex, int tolerance = 2) const {
        const style::Rgb c = style::parse_hex(hex);
        std::size_t n = 0;
        for (auto p : argb) {
            const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (std::abs(r - c.r) <= tolerance && std::abs(g - c.g) <= tolerance && std::abs(b - c.b) <= tolerance) ++n;
        }
        return n;
    }
};

Pixels decode(const fs::path& file) {
    struct Destroy {
        void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
    };
    std::unique_ptr<cairo_surface_t, Destroy> s(cairo_image_surface_create_from_png(file.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return {};
    cairo_surface_flush(s.get());
    Pixels p;
    p.width = cairo_image_surface_get_width(s.get());
    p.height = cairo_image_surface_get_height(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            p.argb.push_back(reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride)[x]);
    return p;
}

TEST(TimelineChart, PngHasTheSizeAndShowsTheStepsAndTheEventMarks) {
    test::TempDir tmp;
    TimelineChartOptions o;
    o.width_px = 800;
    render_timeline(sample(), o, tmp / "t.png");
    const Pixels p = decode(tmp / "t.png");
    EXPECT_EQ(p.width, 800);
    EXPECT_EQ(p.height, 400);
    EXPECT_EQ(timeline_chart_height(800), 400);
    EXPECT_GT(p.count("#1f77b4", 40), 300u) << "the steps";
    EXPECT_GT(p.count(style::kBottleneckHex, 60), 50u) << "the event marks";
    EXPECT_GT(p.count("#ffffff"), p.argb.size() / 3) << "paper";
    EXPECT_GT(p.count("#1a1a1a"), 100u) << "text and axes in ink";
}

TEST(TimelineChart, SvgIsTheSameBytesEachTimeAndCarriesTheTitleAndEventsAsText) {
    test::TempDir tmp;
    TimelineChartOptions o;
    o.width_px = 600;
    render_timeline(sample(), o, tmp / "a.svg");
    render_timeline(sample(), o, tmp / "b.svg");
    const std::string a = test::read_file(tmp / "a.svg");
    EXPECT_EQ(a, test::read_file(tmp / "b.svg"));
    EXPECT_EQ(a.rfind("<?xml", 0), 0u);
    EXPECT_NE(a.find("width=\"600px\""), std::string::npos);
    EXPECT_NE(a.find("height=\"300px\""), std::string::npos);
    EXPECT_NE(a.find("<title>KP → CN, coal, baseline: t/month by month</title>"), std::string::npos)
        << a.substr(0, 600);
    EXPECT_NE(a.find("2017-02 lane_closed starts: lane closed from 2017-02-19, &quot;pro rata&quot;"),
              std::string::npos);
    EXPECT_NE(a.find("2017-03 lane_closed ends"), std::string::npos);
    EXPECT_EQ(timeline_title(sample()), "KP → CN, coal, baseline: t/month by month");
    // PNG too: the same bytes.
    render_timeline(sample(), o, tmp / "a.png");
    render_timeline(sample(), o, tmp / "b.png");
    EXPECT_EQ(test::read_file(tmp / "a.png"), test::read_file(tmp / "b.png"));
}

TEST(TimelineChart, ManyEventsInOneMonthStackWithoutOverlapOrAreCounted) {
    test::TempDir tmp;
    Timeline t = sample();
    for (int i = 0; i < 40; ++i)
        t.months[1].events.push_back({fmt::format("event_{}", i), "starts", *parse_date("2017-02-01"), "x"});
    TimelineChartOptions o;
    o.width_px = 800;
    render_timeline(t, o, tmp / "t.svg");  // the rows that fit, and a count of the rest
    const std::string svg = test::read_file(tmp / "t.svg");
    EXPECT_NE(svg.find("event_39 starts"), std::string::npos) << "every event stays in the SVG's text";
    render_timeline(t, o, tmp / "t.png");
    EXPECT_EQ(decode(tmp / "t.png").height, 400);
}

TEST(TimelineChart, BadFormatWidthOrFolderIsAnErrorNamingTheFileAndLeavesTheOldFile) {
    test::TempDir tmp;
    TimelineChartOptions o;
    EXPECT_THROW(render_timeline(sample(), o, tmp / "t.jpg"), error);
    EXPECT_FALSE(fs::exists(tmp / "t.jpg"));
    o.width_px = 100;
    EXPECT_THROW(render_timeline(sample(), o, tmp / "t.png"), error);
    EXPECT_FALSE(fs::exists(tmp / "t.png"));
    o.width_px = 400;
    test::write_file(tmp / "file", "x");
    try {
        render_timeline(sample(), o, tmp / "file" / "t.png");
        FAIL() << "no error";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("t.png"), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_file(tmp / "file"), "x");
}

TEST(TimelineCsv, OneRowPerMonthWithCommodityColumnsAndQuotedEvents) {
    const std::string csv = timeline_csv(sample());
    EXPECT_EQ(csv,
              "month,t_mo,coal_t_mo,events\n"
              "2017-01,100,100.0,\n"
              "2017-02,40,40.0,\"lane_closed starts: lane closed from 2017-02-19, \"\"pro rata\"\"\"\n"
              "2017-03,100,100.0,lane_closed ends: lane closed until 2017-02-28\n");
    Timeline union_flow = sample();
    union_flow.months[0].by_commodity.clear();  // a single max-flow of several commodities: no split
    EXPECT_EQ(timeline_csv(union_flow).rfind("month,t_mo,coal_t_mo,events\n2017-01,100,,\n2017-02,40,40.0,", 0), 0u);
}

}  // namespace
}  // namespace corridor
