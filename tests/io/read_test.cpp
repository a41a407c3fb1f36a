// Reading any OGR layer into plain records.
#include "corridor/io/read.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
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

// OGR unifies a GeoJSON field's type over all features; the reader gives each value as
// the feature wrote it (true stays a boolean, 1 a number, "a,b" a string) and dates as text.
TEST(Read, OgrGivesValuesAsWrittenAcrossFeatures) {
    test::TempDir tmp;
    test::write_file(tmp / "l.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"c":true,"b":1,"l":["p","q"],"r":2,"d":"2015-01-02","t":"12:30"},
       "geometry":{"type":"Point","coordinates":[1,2]}},
      {"type":"Feature","properties":{"c":5,"b":"true","l":"p,q","r":2.5,"d":"2015-01-03","t":"12:31"},
       "geometry":{"type":"Point","coordinates":[1,2]}}]})");
    for (const ReadEngine engine : {ReadEngine::automatic, ReadEngine::ogr}) {
        const RawLayer layer = read_layer(tmp / "l.geojson", engine);
        ASSERT_EQ(layer.features.size(), 2u);
        const auto& a = layer.features[0].fields;
        const auto& b = layer.features[1].fields;
        EXPECT_EQ(std::get<bool>(a.at("c")), true);
        EXPECT_EQ(std::get<std::int64_t>(b.at("c")), 5);
        EXPECT_EQ(std::get<std::int64_t>(a.at("b")), 1);
        EXPECT_EQ(std::get<std::string>(b.at("b")), "true");
        EXPECT_EQ(std::get<std::vector<std::string>>(a.at("l")), (std::vector<std::string>{"p", "q"}));
        EXPECT_EQ(std::get<std::string>(b.at("l")), "p,q");
        EXPECT_DOUBLE_EQ(std::get<double>(a.at("r")), 2.0) << "an integer among reals is a real, as OGR reads it";
        EXPECT_EQ(std::get<std::string>(a.at("d")), "2015-01-02");
        EXPECT_EQ(std::get<std::string>(a.at("t")), "12:30");
    }
}

// Formats with typed date columns: the date in ISO 8601, as the file stores it.
TEST(Read, TypedDatesAreIso8601) {
    test::TempDir tmp;
    gdal::init();
    {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        gdal::DatasetPtr ds(driver->Create((tmp / "d.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRLayer* layer = ds->CreateLayer("d", nullptr, wkbPoint, nullptr);
        OGRFieldDefn date("d", OFTDate), when("w", OFTDateTime);
        ASSERT_EQ(layer->CreateField(&date), OGRERR_NONE);
        ASSERT_EQ(layer->CreateField(&when), OGRERR_NONE);
        OGRFeature f(layer->GetLayerDefn());
        f.SetField(0, 2015, 1, 2);
        f.SetField(1, 2015, 1, 2, 12, 30, 0.0f, 100);
        f.SetGeometryDirectly(new OGRPoint(1, 2));
        ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
    const RawLayer layer = read_layer(tmp / "d.gpkg");
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_EQ(std::get<std::string>(layer.features[0].fields.at("d")), "2015-01-02");
    EXPECT_EQ(std::get<std::string>(layer.features[0].fields.at("w")), "2015-01-02T12:30:00Z");
}

// Found by the fuzz target geojson_reader (tests/fuzz/geojson_reader/vrt_marker_in_a_quote.geojson):
// OGR's driver probing took a GeoJSON file whose first kilobyte quotes "<OGRVRTDataSource"
// for an OGR VRT file and refused it; a .geojson or .json file is read as JSON.
TEST(Read, AGeoJsonFileQuotingAnotherFormatsMarkerIsGeoJson) {
    test::TempDir tmp;
    for (const char* marker : {"<OGRVRTDataSource", "<gml:FeatureCollection", "<kml", "<?xml"}) {
        SCOPED_TRACE(marker);
        test::write_file(tmp / "l.geojson", std::string(R"({"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"quote":"a )") +
                                                marker + R"( b"},"geometry":{"type":"Point","coordinates":[5,6]}}]})");
        for (const ReadEngine engine : {ReadEngine::automatic, ReadEngine::ogr}) {
            const RawLayer layer = read_layer(tmp / "l.geojson", engine);
            ASSERT_EQ(layer.features.size(), 1u);
            EXPECT_EQ(std::get<std::string>(layer.features[0].fields.at("quote")), std::string("a ") + marker + " b");
        }
    }
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

// The fast reader declines malformed JSON, and OGR's error then says where it is (GDAL's
// parser reports the line and character before its summary "Failed to read GeoJSON data").
TEST(Read, MalformedGeoJsonErrorsSayWhere) {
    test::TempDir tmp;
    const auto file = tmp / "bad.geojson";
    test::write_file(file,
                     "{\"type\": \"FeatureCollection\",\n\"features\": [\n"
                     "{\"type\": \"Feature\", \"properties\": {\"a\" 1}, \"geometry\": null}\n]}\n");
    for (const ReadEngine engine : {ReadEngine::automatic, ReadEngine::ogr}) {
        try {
            read_layer(file, engine);
            FAIL() << "expected an error";
        } catch (const input_error& e) {
            EXPECT_EQ(std::string(e.what()),
                      file.string() +
                          ": cannot read: Failed to read GeoJSON data (At line 3, character 40: Unexpected state)");
        }
    }
}

}  // namespace
}  // namespace corridor::io

#include "corridor/model/generate.hpp"
#include "support/parts.hpp"

namespace corridor::io {
namespace {

// OGR formats read in parts (OGR decoding, the parts visiting batches) give every
// feature once, as one pass does, and the first failing feature's error.
class OgrParts : public ::testing::TestWithParam<Format> {};

TEST_P(OgrParts, GiveWhatOnePassGivesAndTheFirstError) {
    test::TempDir tmp;
    const auto file = test::write_routes(generate_network({80000, 5}), tmp.path(), GetParam());
    std::vector<RawFeature> serial;
    read_features(file, [&](const RawFeature& f) { serial.push_back(f); });
    const test::PartedRead parted = test::read_in_parts(file, 3);
    EXPECT_EQ(parted.parts, 3u);
    test::expect_same_features(parted.features, serial);
    EXPECT_EQ(test::first_error_in_parts(file, 3, {70001, 30003, 30007}), "at 30003");
}

INSTANTIATE_TEST_SUITE_P(Formats, OgrParts, ::testing::Values(Format::flatgeobuf, Format::geopackage),
                         [](const auto& info) { return format_name(info.param); });

}  // namespace
}  // namespace corridor::io
