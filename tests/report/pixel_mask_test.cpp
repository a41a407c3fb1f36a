// The pixel mask burns the pixels GDAL's rasterizer burns with ALL_TOUCHED=TRUE (the
// library it stands in for, for speed), and clips lines that leave the picture.
#include "corridor/report/pixel_mask.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <memory>
#include <random>

namespace corridor {
namespace {

struct Segment {
    double x0, y0, x1, y1;
};

// The same segments burnt by GDAL into a MEM raster of the same size, pixel (i, j) covering
// [i, i+1) × [j, j+1) (geotransform 0, 1, 0, 0, 0, 1).
std::vector<std::uint8_t> gdal_burn(int w, int h, const std::vector<Segment>& segments) {
    GDALAllRegister();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> ds(mem->Create("", w, h, 1, GDT_Byte, nullptr));
    double gt[6] = {0, 1, 0, 0, 0, 1};
    ds->SetGeoTransform(gt);
    std::vector<std::unique_ptr<OGRLineString>> lines;
    std::vector<OGRGeometryH> handles;
    for (const Segment& s : segments) {
        auto l = std::make_unique<OGRLineString>();
        l->addPoint(s.x0, s.y0);
        l->addPoint(s.x1, s.y1);
        handles.push_back(OGRGeometry::ToHandle(l.get()));
        lines.push_back(std::move(l));
    }
    int band = 1;
    std::vector<double> burn(segments.size(), 255);
    char** options = CSLSetNameValue(nullptr, "ALL_TOUCHED", "TRUE");
    EXPECT_EQ(GDALRasterizeGeometries(ds.get(), 1, &band, static_cast<int>(handles.size()), handles.data(), nullptr,
                                      nullptr, burn.data(), options, nullptr, nullptr),
              CE_None);
    CSLDestroy(options);
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h);
    EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, px.data(), w, h, GDT_Byte, 0, 0), CE_None);
    return px;
}

struct Agreement {
    std::size_t both = 0, only_ours = 0, only_gdal = 0;
};

Agreement compare(const PixelMask& ours, const std::vector<std::uint8_t>& gdal) {
    Agreement a;
    for (int y = 0; y < ours.height(); ++y)
        for (int x = 0; x < ours.width(); ++x) {
            const bool o = ours.at(x, y), g = gdal[static_cast<std::size_t>(y) * ours.width() + x] != 0;
            a.both += o && g;
            a.only_ours += o && !g;
            a.only_gdal += !o && g;
        }
    return a;
}

TEST(PixelMask, BurnsThePixelsGdalBurnsWithAllTouched) {
    // Short lines (as a million routes drawn small are) and long ones, in every direction.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(0, 300), y(0, 200), d(-3, 3), far(-150, 150);
    std::vector<Segment> segments;
    for (int i = 0; i < 3000; ++i) {
        const double ax = x(rng), ay = y(rng);
        segments.push_back({ax, ay, ax + d(rng), ay + d(rng)});
    }
    for (int i = 0; i < 200; ++i) {
        const double ax = x(rng), ay = y(rng);
        segments.push_back({ax, ay, ax + far(rng), ay + far(rng)});
    }
    PixelMask mask(300, 200);
    for (const Segment& s : segments) mask.line(s.x0, s.y0, s.x1, s.y1);
    const Agreement a = compare(mask, gdal_burn(300, 200, segments));
    ASSERT_GT(a.both, 10000u);
    // The traversals differ only where a line passes exactly through a pixel corner, or ends
    // exactly on a pixel edge: at most one pixel in two hundred.
    EXPECT_LE(a.only_ours + a.only_gdal, a.both / 200)
        << a.only_ours << " only here, " << a.only_gdal << " only in GDAL";
}

TEST(PixelMask, AxisParallelAndDiagonalLinesAreExact) {
    PixelMask mask(10, 10);
    mask.line(0.5, 2.5, 9.5, 2.5);  // a row
    mask.line(4.5, 0.5, 4.5, 9.5);  // a column
    for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(mask.at(i, 2)) << i;
        EXPECT_TRUE(mask.at(4, i)) << i;
    }
    EXPECT_EQ(mask.count(0, 0, 10, 10), 19u);
    PixelMask diag(10, 10);
    diag.line(0.2, 0.5, 9.2, 9.5);  // crosses x edges before y edges: two pixels per step
    EXPECT_TRUE(diag.at(0, 0));
    EXPECT_TRUE(diag.at(9, 9));
    EXPECT_EQ(diag.count(0, 0, 10, 10), 19u);
}

TEST(PixelMask, LinesLeavingThePictureAreClippedAndNonFiniteOnesIgnored) {
    PixelMask mask(20, 10);
    mask.line(-1e12, 5.5, 1e12, 5.5);  // across, far beyond both sides: only the row inside
    EXPECT_EQ(mask.count(0, 0, 20, 10), 20u);
    mask.line(-50, -50, -10, -10);  // wholly outside
    mask.line(std::nan(""), 1, 2, 3);
    mask.line(1, 1, std::numeric_limits<double>::infinity(), 3);
    EXPECT_EQ(mask.count(0, 0, 20, 10), 20u);
    EXPECT_EQ(mask.count(-5, -5, 100, 100), 20u);  // the count clips its box too
}

}  // namespace
}  // namespace corridor
