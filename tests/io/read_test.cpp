// Reading any OGR layer into plain records.
#include "corridor/io/read.hpp"

#include <gtest/gtest.h>

#include "corridor/error.hpp"
#include "support/fixtures.hpp"

namespace corridor::io {
namespace {

TEST(Read, TypedFieldsAndGeometry) {
    test::TempDir tmp;
    test::write_file(tmp / "l.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"s":"x","i":3,"d":2.5,"b":true,"l":["p","q"],"n":null},
       "geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}},
      {"type":"Feature","properties":{"s":"y"},"geometry":{"type":"Point","coordinates":[5,6]}},
      {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[5,6]]}}]})");
    const RawLayer layer = read_layer(tmp / "l.geojson");
    ASSERT_EQ(layer.features.size(), 3u);
    const auto& f = layer.features[0].fields;
    EXPECT_EQ(std::get<std::string>(f.at("s")), "x");
    EXPECT_EQ(std::get<std::int64_t>(f.at("i")), 3);
    EXPECT_DOUBLE_EQ(std::get<double>(f.at("d")), 2.5);
    EXPECT_EQ(std::get<bool>(f.at("b")), true);
    EXPECT_EQ(std::get<std::vector<std::string>>(f.at("l")), (std::vector<std::string>{"p", "q"}));
    EXPECT_EQ(f.count("n"), 0u) << "null is absent";
    EXPECT_EQ(layer.features[0].kind, GeomKind::line);
    EXPECT_EQ(layer.features[0].coords, (Polyline{{1, 2}, {3, 4}}));
    EXPECT_EQ(layer.features[1].fields.count("i"), 0u) << "unset is absent";
    EXPECT_EQ(layer.features[1].kind, GeomKind::point);
    EXPECT_EQ(layer.features[2].kind, GeomKind::other);
    EXPECT_EQ(layer.features[2].geom_type, "Multi Point");
}

TEST(Read, PolygonsAsWkb) {
    const auto wkb = read_polygons_wkb(test::geodata_dir() / "land.geojson");
    ASSERT_FALSE(wkb.empty());
    EXPECT_EQ(wkb[0][0], 1) << "little-endian WKB";
}

TEST(Read, ErrorsNameTheFile) {
    test::TempDir tmp;
    test::write_file(tmp / "bad.geojson", "not json at all");
    try {
        read_layer(tmp / "bad.geojson");
        FAIL();
    } catch (const input_error& e) {
        EXPECT_EQ(e.where().file, (tmp / "bad.geojson").string());
    }
    EXPECT_THROW(read_layer(tmp / "absent.geojson"), input_error);
}

}  // namespace
}  // namespace corridor::io

#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/report/input.hpp"

namespace corridor::io {
namespace {

// OGR formats read in parts (OGR decoding, the parts visiting batches) give every
// feature once, as one pass does, and the first failing feature's error.
class OgrParts : public ::testing::TestWithParam<Format> {};

TEST_P(OgrParts, GiveWhatOnePassGivesAndTheFirstError) {
    test::TempDir tmp;
    const Network net = generate_network({80000, 5});
    WriteOptions opts;
    opts.out_dir = tmp.path();
    opts.formats = {GetParam()};
    write_tables({input_routes_table(net)}, opts);
    const auto file = tmp / layer_files({input_routes_table(net)}, opts).front().name;

    std::vector<RawFeature> serial;
    read_features(file, [&](const RawFeature& f) { serial.push_back(f); });
    std::vector<RawFeature> parted;
    std::vector<std::size_t> last;  // by part: the last index it saw
    std::size_t parts = 0;
    PartVisitor v;
    v.start = [&](std::size_t n, std::size_t total) {
        parts = n;
        parted.resize(total);
        last.assign(n, 0);
    };
    v.visit = [&](std::size_t part, const RawFeature& f) {
        EXPECT_TRUE(f.index == 0 || f.index > last[part]) << "ascending within a part";
        last[part] = f.index;
        parted[f.index] = f;
    };
    read_features_parallel(file, v, ReadEngine::automatic, 3);
    EXPECT_EQ(parts, 3u);
    ASSERT_EQ(parted.size(), serial.size());
    for (std::size_t i = 0; i < serial.size(); ++i) {
        ASSERT_EQ(parted[i].index, i);
        ASSERT_EQ(parted[i].fields, serial[i].fields) << "feature " << i;
        ASSERT_EQ(parted[i].coords, serial[i].coords) << "feature " << i;
    }

    v.visit = [](std::size_t, const RawFeature& f) {
        if (f.index == 70001 || f.index == 30003 || f.index == 30007) throw input_error("at " + std::to_string(f.index));
    };
    try {
        read_features_parallel(file, v, ReadEngine::automatic, 3);
        FAIL() << "expected an error";
    } catch (const input_error& e) {
        EXPECT_STREQ(e.what(), "at 30003");
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, OgrParts, ::testing::Values(Format::flatgeobuf, Format::geopackage),
                         [](const auto& info) { return format_name(info.param); });

}  // namespace
}  // namespace corridor::io
