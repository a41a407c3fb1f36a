// End-to-end: corridor render and the map.png that export writes.
#include <cairo.h>
#include <gtest/gtest.h>

#include <memory>

#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }

// Width and height of a PNG, or {0, 0} when it is not one.
std::pair<int, int> png_size(const fs::path& file) {
    struct Destroy {
        void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
    };
    std::unique_ptr<cairo_surface_t, Destroy> s(cairo_image_surface_create_from_png(file.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return {0, 0};
    return {cairo_image_surface_get_width(s.get()), cairo_image_surface_get_height(s.get())};
}

TEST(RenderCommand, WritesAPngOfTheAskedWidth) {
    test::TempDir tmp;
    const fs::path out = tmp / "pics" / "map.png";  // the folder is made
    const auto r = run_cli({"render", "--geodata", geodata(), "--out", out.string(), "--width", "800"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, out.string() + "\n");
    EXPECT_NE(r.err.find("cap RU to pyongyang at"), std::string::npos) << r.err;
    const auto [w, h] = png_size(out);
    EXPECT_EQ(w, 800);
    EXPECT_GT(h, 800 / 3);
    EXPECT_LE(h, 1600);
}

TEST(RenderCommand, WritesAnSvgAndTakesTheAnalysisOptions) {
    test::TempDir tmp;
    const fs::path out = tmp / "map.svg";
    const auto r = run_cli({"render", "--geodata", geodata(), "--out", out.string(), "--width", "600", "--from", "CN",
                            "--to", "pyongyang", "--uncertainty", "50"});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string svg = test::read_file(out);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_NE(svg.find("width=\"600px\""), std::string::npos);
    EXPECT_NE(r.err.find("CN to pyongyang"), std::string::npos) << r.err;
}

TEST(RenderCommand, BadWidthOrFormatIsAUsageError) {
    test::TempDir tmp;
    for (const char* width : {"199", "10001", "0", "wide"}) {
        const auto r = run_cli({"render", "--geodata", geodata(), "--out", (tmp / "m.png").string(), "--width", width});
        EXPECT_EQ(r.code, 2) << width << ": " << r.err;
    }
    const auto r = run_cli({"render", "--geodata", geodata(), "--out", (tmp / "m.jpg").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("m.jpg"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "m.png"));
    EXPECT_FALSE(fs::exists(tmp / "m.jpg"));
}

TEST(RenderCommand, UnknownEndpointIsAnError) {
    test::TempDir tmp;
    const auto r = run_cli({"render", "--geodata", geodata(), "--out", (tmp / "m.png").string(), "--from", "nowhere"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "m.png"));
}

TEST(RenderCommand, ExportWritesMapPng) {
    test::TempDir tmp;
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "geojson"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find((tmp / "map.png").string()), std::string::npos) << r.out;
    const auto [w, h] = png_size(tmp / "map.png");
    EXPECT_EQ(w, 1600);
    EXPECT_GT(h, 0);
    // The same picture render draws by default.
    ASSERT_EQ(run_cli({"render", "--geodata", geodata(), "--out", (tmp / "render.png").string()}).code, 0);
    EXPECT_EQ(test::read_file(tmp / "map.png"), test::read_file(tmp / "render.png"));
}

// The shipped geodata folder without observations.json (its files linked).
fs::path geodata_without_observations(const fs::path& dir) {
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(test::geodata_dir()))
        if (e.path().filename() != "observations.json") fs::create_symlink(e.path(), dir / e.path().filename());
    return dir;
}

TEST(RenderCommand, ObservedAgainstCapacityForTheAnalysedPairOnly) {
    test::TempDir tmp;
    const std::string bare = geodata_without_observations(tmp / "geodata").string();
    auto render = [&](const std::string& geo, const std::string& commodity, const fs::path& out) {
        const auto r =
            run_cli({"render", "--geodata", geo, "--seeds", test::seeds_dir().string(), "--out", out.string(), "--from",
                     "KP", "--to", "CN", "--commodity", commodity, "--month", "2016-12"});
        EXPECT_EQ(r.code, 0) << r.err;
        return test::read_file(out);
    };
    // kp_cn_coal_2016_12 is about KP → CN coal: the picture has its block.
    EXPECT_NE(render(geodata(), "coal", tmp / "with.png"), render(bare, "coal", tmp / "without.png"));
    // No observation of oil products from KP to CN: the same picture as without the file.
    EXPECT_EQ(render(geodata(), "oil_products", tmp / "oil.png"), render(bare, "oil_products", tmp / "oil-bare.png"));
    // export's map.png is the same picture as render's.
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", (tmp / "out").string(), "--format", "geojson",
                            "--from", "KP", "--to", "CN", "--commodity", "coal", "--month", "2016-12"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(test::read_file(tmp / "out" / "map.png"), test::read_file(tmp / "with.png"));
}

TEST(RenderCommand, ExportWithoutMap) {
    test::TempDir tmp;
    const auto r =
        run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "geojson", "--no-map"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(tmp / "routes.geojson"));
    EXPECT_FALSE(fs::exists(tmp / "map.png"));
    EXPECT_EQ(r.out.find("map.png"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace corridor
