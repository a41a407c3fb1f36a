// The streaming GeoJSON writer writes byte for byte what GDAL's GeoJSON driver writes.
#include <cpl_vsi.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/speeds.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "support/fixtures.hpp"

namespace corridor::io {
namespace {
namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Written {
    std::string ogr;
    std::string fast;
};

// Writes a table through OGR (write_tables) and through write_geojson_fast.
Written write_both(const Table& t, const test::TempDir& tmp) {
    WriteOptions o;
    o.out_dir = tmp / "ogr";
    o.formats = {Format::geojson};
    o.engine = WriteEngine::ogr;
    write_tables({t}, o);
    fs::create_directories(tmp / "fast");
    const fs::path fast = tmp / "fast" / (t.name + ".geojson");
    write_geojson_fast(t, fast);
    return {test::read_file(o.out_dir / (t.name + ".geojson")), test::read_file(fast)};
}

std::string context(const std::string& s, std::size_t at) {
    const std::size_t from = at >= 20 ? at - 20 : 0;
    return s.substr(from, 80);
}

void expect_identical(const Table& t) {
    test::TempDir tmp;
    const Written w = write_both(t, tmp);
    // The in-memory writer (map pages, HTTP responses) gives the same bytes, with 1 and 3 threads.
    EXPECT_TRUE(geojson_text(t, 1) == w.ogr) << "geojson_text (1 thread) differs from OGR for " << t.name;
    EXPECT_TRUE(geojson_text(t, 3) == w.ogr) << "geojson_text (3 threads) differs from OGR for " << t.name;
    if (w.ogr == w.fast) return;
    const auto diff = std::mismatch(w.ogr.begin(), w.ogr.end(), w.fast.begin(), w.fast.end());
    const std::size_t at = static_cast<std::size_t>(diff.first - w.ogr.begin());
    ADD_FAILURE() << "table " << t.name << ": first difference at byte " << at << " (OGR " << w.ogr.size()
                  << " bytes, fast " << w.fast.size() << " bytes), 80 bytes from byte " << (at >= 20 ? at - 20 : 0)
                  << ":\n  OGR:  " << context(w.ogr, at) << "\n  fast: " << context(w.fast, at);
}

Table table(const std::string& name, GeomType geom, std::vector<FieldDef> fields) {
    Table t;
    t.name = name;
    t.geom = geom;
    t.fields = std::move(fields);
    return t;
}

// One string field and one point or line per geometry.
Table shapes(GeomType geom, std::vector<Polyline> geometries) {
    Table t = table("shapes", geom, {{"n", FieldType::integer}});
    for (std::size_t i = 0; i < geometries.size(); ++i) t.rows.push_back({static_cast<std::int64_t>(i)});
    t.geometries = std::move(geometries);
    return t;
}

std::string every_byte() {
    std::string s;
    for (int c = 1; c < 256; ++c) s += static_cast<char>(c);
    return s;
}

const std::string kLongQuote = [] {
    std::string s;
    while (s.size() < 5000) s += "North Korea’s “east coast” — «Wŏnsan» \"quoted\" back\\slash / slash, ";
    return s;
}();

TEST(GeoJsonWriter, EmptyTables) {
    expect_identical(table("empty_line", GeomType::line, {{"id"}, {"v", FieldType::real}}));
    expect_identical(table("empty_point", GeomType::point, {}));
    expect_identical(table("empty_none", GeomType::none, {{"id"}}));
}

TEST(GeoJsonWriter, TablesWithoutGeometryOrFields) {
    Table none = table("nogeom", GeomType::none, {{"id"}, {"x", FieldType::integer}});
    none.rows = {{std::string("a"), std::int64_t{1}}, {Cell{}, Cell{}}, {std::string("c"), std::int64_t{-7}}};
    expect_identical(none);

    Table nofields = table("nofields", GeomType::point, {});
    nofields.rows = {{}, {}};
    nofields.geometries = {{{126.5, 39.0}}, {{-3.25, -60.125}}};
    expect_identical(nofields);
}

// GDAL writes the layer's name ("name": "routes"), json-c escaped (a '/' too); without it
// GDAL names a layer read over HTTP (no file name) "OGRGeoJSON".
TEST(GeoJsonWriter, LayerNameAsGdalWritesIt) {
    for (const std::string name : {"routes", "ro\"u\\té\tx", "a\x01b"}) {
        Table t = table(name, GeomType::point, {{"n", FieldType::integer}});
        t.rows = {{std::int64_t{1}}};
        t.geometries = {{{126.5, 39.0}}};
        expect_identical(t);
    }
    Table t = table("routes", GeomType::none, {{"n", FieldType::integer}});
    t.rows = {{std::int64_t{1}}};
    const std::string text = geojson_text(t);
    EXPECT_EQ(text.rfind("{\n\"type\": \"FeatureCollection\",\n\"name\": \"routes\",\n", 0), 0u) << text.substr(0, 80);
    // Read from a place whose name says nothing, as over HTTP: the layer is still "routes".
    const std::string mem = "/vsimem/corridor-served-layer";
    VSIFCloseL(VSIFileFromMemBuffer(mem.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(text.data())),
                                    static_cast<vsi_l_offset>(text.size()), FALSE));
    {
        gdal::DatasetPtr ds(GDALDataset::Open(mem.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        EXPECT_STREQ(ds->GetLayer(0)->GetName(), "routes");
    }
    VSIUnlink(mem.c_str());
}

TEST(GeoJsonWriter, Strings) {
    Table t = table("strings", GeomType::point, {{"s"}, {"k/ey \"q\"\\"}, {"ключ"}});
    const std::vector<std::string> values = {
        "",
        "plain",
        kLongQuote,
        every_byte(),
        std::string("nul\0inside", 10),
        "a/b\"c\\d\n\t\r\b\f\x01\x1f\x7f é",
        "{\"a\": 1, \"b\": [1, 2.50, \"x/y\", true, null], \"c\": {\"d\": -0.0}}",
        "[1,2,  3]",
        "[]",
        "{}",
        "{bad}",
        "[1, 2",
        "{",
        "}",
        "[",
        "{\"trailing\": 1} ",
        "\xff\xfe invalid UTF-8 \xc3",
    };
    for (const auto& v : values) {
        t.rows.push_back({v, std::string("x"), v});
        t.geometries.push_back({{127.0, 38.5}});
    }
    expect_identical(t);
}

TEST(GeoJsonWriter, Reals) {
    Table t =
        table("reals", GeomType::none, {{"r", FieldType::real}, {"i", FieldType::integer}, {"b", FieldType::boolean}});
    std::vector<double> values = {0.0,
                                  -0.0,
                                  1.0,
                                  0.1,
                                  0.1 + 0.2,
                                  1.0 / 3,
                                  2.5e-5,
                                  1e-7,
                                  1e20,
                                  1e16,
                                  1e15,
                                  1e21,
                                  1e300,
                                  5e-324,
                                  1e-320,
                                  123456789.123456789,
                                  -6000.5,
                                  12345.000000011,
                                  0.30000000000000004,
                                  99.99999999999999,
                                  1234567.8999999999,
                                  kNaN,
                                  -kNaN,
                                  kInf,
                                  -kInf,
                                  std::numeric_limits<double>::max(),
                                  std::numeric_limits<double>::lowest(),
                                  std::numeric_limits<double>::min(),
                                  9007199254740993.0,
                                  2147483647.5,
                                  -2147483649.0};
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> exponent(-12, 12), digits(0, 9);
    for (int i = 0; i < 4000; ++i) {
        const double scale = std::pow(10.0, exponent(rng));
        values.push_back((unit(rng) - 0.5) * scale);
        values.push_back(std::round(unit(rng) * 1e6) / std::pow(10.0, digits(rng)));  // short decimals
    }
    for (double v : values) t.rows.push_back({v, v, v});
    expect_identical(t);
}

TEST(GeoJsonWriter, Integers) {
    Table t = table("ints", GeomType::none, {{"i", FieldType::integer}, {"b", FieldType::boolean}});
    for (std::int64_t v : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{2}, std::int64_t{INT32_MAX},
                           std::int64_t{INT32_MIN}, std::int64_t{5000000000LL}, std::int64_t{-5000000000LL},
                           std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()})
        t.rows.push_back({v, v});
    t.rows.push_back({Cell{}, true});
    t.rows.push_back({Cell{}, false});
    t.rows.push_back({Cell{}, Cell{}});
    expect_identical(t);
}

TEST(GeoJsonWriter, CellsOfAnotherTypeConvertAsOgrDoes) {
    Table t = table("mixed", GeomType::none,
                    {{"s"}, {"i", FieldType::integer}, {"r", FieldType::real}, {"b", FieldType::boolean}});
    const std::vector<Cell> cells = {true,
                                     false,
                                     std::int64_t{7},
                                     std::int64_t{-5000000000LL},
                                     2.7,
                                     -2.7,
                                     0.1 + 0.2,
                                     1e20,
                                     kNaN,
                                     -kNaN,
                                     kInf,
                                     -kInf,
                                     1.0 / 3,
                                     std::string("12abc"),
                                     std::string(" -2.5e1xyz"),
                                     std::string("0x1F"),
                                     std::string("true"),
                                     std::string("nan"),
                                     std::string("99999999999999999999"),
                                     std::string("1,5"),
                                     std::string(""),
                                     Cell{}};
    for (const auto& c : cells) t.rows.push_back({c, c, c, c});
    expect_identical(t);
}

TEST(GeoJsonWriter, DuplicateFieldNamesShiftLaterCells) {
    Table t = table(
        "dup", GeomType::point,
        {{"x"}, {"x", FieldType::integer}, {"X", FieldType::real}, {"y", FieldType::real}, {"z", FieldType::boolean}});
    t.rows = {{std::string("a"), std::int64_t{3}, 2.5, -1.0, true}, {Cell{}, 1.5, std::string("s"), 4.0, false}};
    t.geometries = {{{1, 2}}, {{3, 4}}};
    expect_identical(t);
}

TEST(GeoJsonWriter, ManyFields) {
    std::vector<FieldDef> fields;
    for (int i = 0; i < 120; ++i)
        fields.push_back({std::string("f").append(std::to_string(i)), static_cast<FieldType>(i % 4), 10, 3});
    Table t = table("many", GeomType::line, fields);
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> lon(120.0, 135.0), lat(33.0, 45.0), val(-1e6, 1e6);
    for (int r = 0; r < 200; ++r) {
        std::vector<Cell> row;
        for (int i = 0; i < 120; ++i) {
            if ((r + i) % 17 == 0) {
                row.emplace_back();
                continue;
            }
            switch (i % 4) {
                case 0: {
                    std::string v = "v";
                    v += std::to_string(r * i);
                    if (i % 8 == 0) v += kLongQuote.substr(0, 300);
                    row.emplace_back(v);
                    break;
                }
                case 1:
                    row.emplace_back(static_cast<std::int64_t>(val(rng)));
                    break;
                case 2:
                    row.emplace_back((r + i) % 2 == 0);
                    break;
                default:
                    row.emplace_back(val(rng));
                    break;
            }
        }
        t.rows.push_back(row);
        Polyline line;
        for (int k = 0; k < 1 + r % 30; ++k) line.push_back({lon(rng), lat(rng)});
        t.geometries.push_back(line);
    }
    expect_identical(t);
}

TEST(GeoJsonWriter, Coordinates) {
    std::vector<Polyline> points = {{{130.0, 42.0}},
                                    {{-0.5, 0.0}},
                                    {{0.0, -0.0}},
                                    {{123.456789, -45.1234567890}},
                                    {{100.0000001, 1e-9}},
                                    {{-0.00000004, 0.00000005}},
                                    {{12.99999995, -12.9999999}},
                                    {{99.99999999, -99.999999 / 2}},
                                    {{170.0, 90.0}},
                                    {{-170.0, -90.0}},
                                    {{169.99999999, 89.99999999}}};
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> lon(-170.0, 170.0), lat(-90.0, 90.0);
    std::uniform_int_distribution<int> decimals(0, 12);
    std::uniform_int_distribution<int> nudge(-3, 3);
    for (int i = 0; i < 20000; ++i) {
        const double p = std::pow(10.0, decimals(rng));
        // Values on and next to decimal boundaries exercise GDAL's 00000x / 99999x rounding.
        const double x = std::round(lon(rng) * p) / p + nudge(rng) * 1e-13 * (i % 3);
        const double y = std::round(lat(rng) * p) / p + nudge(rng) * 1e-8 * (i % 2);
        points.push_back({{x, std::clamp(y, -90.0, 90.0)}});
    }
    expect_identical(shapes(GeomType::point, points));

    std::vector<Polyline> lines = {{}, {{1, 2}}, {{3, 4}, {5, 6}}, {{-169.5, -89.0}, {169.5, 89.0}}};
    for (std::size_t i = 0; i + 7 < points.size(); i += 7) {
        Polyline l;
        for (std::size_t k = i; k < i + 7; ++k) l.push_back(points[k][0]);
        lines.push_back(l);
    }
    expect_identical(shapes(GeomType::line, lines));
}

TEST(GeoJsonWriter, DateLineAndNonFiniteGeometries) {
    expect_identical(shapes(GeomType::line, {{{175, 2}, {-175, 3}}, {{170, 1}, {171, 1}}}));
    expect_identical(shapes(GeomType::line, {{{179, 2}, {-179, 3}, {179.5, 4}}, {{10, 1}, {11, 1}}}));
    expect_identical(
        shapes(GeomType::line, {{{10, 1}, {11, 1}}, {{179, 2}, {-179, 3}, {179.5, 4}}, {{-20, 5}, {-21, 6}}}));
    expect_identical(
        shapes(GeomType::line, {{{-160, 1}, {-150, 1}}, {{179, 2}, {-179, 3}, {179.5, 4}}, {{20, 5}, {21, 6}}}));
    expect_identical(shapes(GeomType::line, {{{170, 2}, {190, 2}}, {{-190, 1}, {-175, 1}}}));
    expect_identical(shapes(GeomType::line, {{{180, 2}, {-180, 3}}, {{-180, 1}, {180, 1}, {-179.99999999, 2}}}));
    expect_identical(shapes(GeomType::point, {{{190, 2}}, {{-185, 3}}, {{180, 0}}, {{-180, 0}}, {{175, 1}}}));
    expect_identical(shapes(GeomType::point, {{{kNaN, 2}}, {{1, 2}}, {{1, kNaN}}}));
    expect_identical(shapes(GeomType::point, {{{kInf, 2}}, {{1, 2}}}));
    expect_identical(shapes(GeomType::line, {{{1, 2}, {kNaN, 2}}, {{1, 2}, {3, 3}}, {{kNaN, 1}, {2, 2}}}));
}

TEST(GeoJsonWriter, OutOfRangeLatitudeFailsLikeOgr) {
    const Table t = shapes(GeomType::point, {{{10, 95}}});
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp / "ogr";
    o.formats = {Format::geojson};
    o.engine = WriteEngine::ogr;
    EXPECT_THROW(write_tables({t}, o), output_error);
    EXPECT_THROW(write_geojson_fast(t, tmp / "fast.geojson"), output_error);
    EXPECT_FALSE(fs::exists(tmp / "fast.geojson")) << "no partial file is left";
}

TEST(GeoJsonWriter, UnwritablePathThrowsOutputError) {
    const Table t = shapes(GeomType::point, {{{10, 5}}});
    test::TempDir tmp;
    try {
        write_geojson_fast(t, tmp / "missing" / "x.geojson");
        FAIL() << "expected output_error";
    } catch (const output_error& e) {
        EXPECT_NE(std::string(e.what()).find("x.geojson"), std::string::npos) << e.what();
    }
}

// A generated layer of `rows` features over several chunks: every field type, nulls, strings
// to escape or to hand to GDAL's driver (JSON-like), lines of 0 to 5 points, and now and then
// a line across the date line (written through GDAL, with a bbox whose west edge is east of
// its east edge, so the layer extent depends on the order in which the features are merged).
// make_row throws at throw_at.
Table chunked_layer(std::size_t rows, std::size_t throw_at = SIZE_MAX) {
    Table t = table("chunked", GeomType::line,
                    {{"id"}, {"n", FieldType::integer}, {"r", FieldType::real}, {"b", FieldType::boolean}, {"s"}});
    t.count = rows;
    t.make_row = [throw_at](std::size_t i, std::vector<Cell>& row) {
        if (i == throw_at)
            throw output_error({"rows", std::string("#").append(std::to_string(i + 1)), ""}, "no such row");
        row.assign(5, Cell{});
        row[0] = std::string("f").append(std::to_string(i));
        if (i % 7 != 0) row[1] = static_cast<std::int64_t>(i * 37 % 1000) - 500;
        if (i % 5 != 0) row[2] = static_cast<double>(i) / 1000.0 + 0.1;
        row[3] = i % 2 == 0;
        if (i % 3 == 0) row[4] = std::string("quote \"").append(std::to_string(i)).append("\"\n\tend");
        if (i % 1000 == 998) row[4] = std::string("{\"json\": [1, 2.50, \"x/y\"]}");  // through the driver
    };
    auto lines = std::make_shared<std::vector<Polyline>>(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        Polyline& l = (*lines)[i];
        if (i % 997 == 5) {
            l = {{179.0 - static_cast<double>(i % 3), 2.0}, {-179.5, 3.0}};
            continue;
        }
        const double x = -160.0 + static_cast<double>(i % 3200) * 0.1, y = -80.0 + static_cast<double>(i % 1600) * 0.1;
        for (std::size_t k = 0; k < i % 6; ++k)
            l.push_back({x + 0.01234567 * static_cast<double>(k), y - 0.00765432 * static_cast<double>(k)});
    }
    t.shape = [lines](std::size_t i) -> const Polyline& { return (*lines)[i]; };
    return t;
}

TEST(GeoJsonWriter, SameBytesForAnyNumberOfThreads) {
    const std::size_t rows = 6 * kGeoJsonChunkFeatures + 321;  // seven chunks, the last one short
    const Table t = chunked_layer(rows);
    test::TempDir tmp;
    write_geojson_fast(t, tmp / "one.geojson", 1);
    const std::string one = test::read_file(tmp / "one.geojson");
    ASSERT_GT(one.size(), rows * 100);
    for (unsigned threads : {2u, 3u, 8u, 0u}) {
        const fs::path file = tmp / fmt::format("threads{}.geojson", threads);
        write_geojson_fast(t, file, threads);
        EXPECT_TRUE(test::read_file(file) == one) << threads << " threads write other bytes than one thread";
    }
    // and the same as GDAL's driver writes
    expect_identical(t);
}

TEST(GeoJsonWriter, AWorkersExceptionReachesTheCaller) {
    const std::size_t rows = 5 * kGeoJsonChunkFeatures;
    for (std::size_t bad : {std::size_t{0}, kGeoJsonChunkFeatures * 3 + 17, rows - 1}) {
        const Table t = chunked_layer(rows, bad);
        for (unsigned threads : {1u, 2u, 4u}) {
            test::TempDir tmp;
            try {
                write_geojson_fast(t, tmp / "x.geojson", threads);
                ADD_FAILURE() << "expected output_error";
            } catch (const output_error& e) {
                EXPECT_EQ(std::string(e.what()),
                          output_error({"rows", fmt::format("#{}", bad + 1), ""}, "no such row").what());
            }
            EXPECT_FALSE(fs::exists(tmp / "x.geojson")) << "no partial file is left";
        }
    }
}

TEST(GeoJsonWriter, AFailingFeatureOnAWorkerFailsLikeOneThread) {
    // The first feature out of range decides the message, whatever thread formats it.
    Table t = shapes(GeomType::point, std::vector<Polyline>(4 * kGeoJsonChunkFeatures, Polyline{{10, 5}}));
    t.geometries[2 * kGeoJsonChunkFeatures + 3] = {{10, 95}};
    t.geometries[3 * kGeoJsonChunkFeatures + 1] = {{10, -95}};
    test::TempDir tmp;
    std::string expected;
    for (unsigned threads : {1u, 2u, 4u}) {
        try {
            write_geojson_fast(t, tmp / "x.geojson", threads);
            ADD_FAILURE() << "expected output_error";
        } catch (const output_error& e) {
            if (threads == 1) expected = e.what();
            EXPECT_EQ(e.what(), expected);
            EXPECT_NE(expected.find(fmt::format("#{}", 2 * kGeoJsonChunkFeatures + 4)), std::string::npos) << expected;
        }
        EXPECT_FALSE(fs::exists(tmp / "x.geojson"));
    }
}

TEST(GeoJsonWriter, UnwritablePathFailsTheSameWithThreads) {
    const Table t = chunked_layer(3 * kGeoJsonChunkFeatures);
    test::TempDir tmp;
    std::string expected;
    for (unsigned threads : {1u, 4u}) {
        try {
            write_geojson_fast(t, tmp / "missing" / "x.geojson", threads);
            ADD_FAILURE() << "expected output_error";
        } catch (const output_error& e) {
            if (threads == 1) expected = e.what();
            EXPECT_EQ(e.what(), expected);
            EXPECT_EQ(expected.find('\n'), std::string::npos) << expected;
        }
    }
}

class GeoJsonWriterNetwork : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        net_ = new Network(load_network(default_files(test::geodata_dir())));
        measures_ = new std::vector<RouteMeasure>(measure_routes(*net_, SpeedTable::defaults()));
        generated_ = new Network(generate_network({2000, 7}));
    }
    static void TearDownTestSuite() {
        delete generated_;
        delete measures_;
        delete net_;
    }
    static Network* net_;
    static std::vector<RouteMeasure>* measures_;
    static Network* generated_;
};
Network* GeoJsonWriterNetwork::net_ = nullptr;
std::vector<RouteMeasure>* GeoJsonWriterNetwork::measures_ = nullptr;
Network* GeoJsonWriterNetwork::generated_ = nullptr;

TEST_F(GeoJsonWriterNetwork, DefaultNetworkLayers) {
    expect_identical(places_table(*net_));
    expect_identical(routes_table(*net_, *measures_));
    expect_identical(materialised(routes_table(*net_, *measures_)));
    expect_identical(input_places_table(*net_));
    expect_identical(input_routes_table(*net_));
}

TEST_F(GeoJsonWriterNetwork, GeneratedNetworkLayers) {
    expect_identical(input_places_table(*generated_));
    expect_identical(input_routes_table(*generated_));
    const auto measures = measure_routes(*generated_, SpeedTable::defaults());
    expect_identical(places_table(*generated_));
    expect_identical(routes_table(*generated_, measures));
}

TEST_F(GeoJsonWriterNetwork, ReportLayersGiveTheSameBytesOnSeveralThreads) {
    // Their make_row and shape are called from every thread at once.
    const Network net = generate_network({4500, 5});
    const auto measures = measure_routes(net, SpeedTable::defaults());
    for (const Table& t :
         {routes_table(net, measures), places_table(net), input_routes_table(net), input_places_table(net)}) {
        ASSERT_GT(t.size(), kGeoJsonChunkFeatures) << t.name;
        test::TempDir tmp;
        write_geojson_fast(t, tmp / "one.geojson", 1);
        write_geojson_fast(t, tmp / "four.geojson", 4);
        EXPECT_TRUE(test::read_file(tmp / "one.geojson") == test::read_file(tmp / "four.geojson")) << t.name;
    }
}

TEST_F(GeoJsonWriterNetwork, OgrReadsTheFastFileBack) {
    for (const Table& t : {input_routes_table(*generated_), places_table(*net_), routes_table(*net_, *measures_)}) {
        test::TempDir tmp;
        const fs::path file = tmp / (t.name + ".geojson");
        write_geojson_fast(t, file);
        auto ds = gdal::open_vector(file);
        ASSERT_EQ(ds->GetLayerCount(), 1);
        OGRLayer* layer = ds->GetLayer(0);
        EXPECT_EQ(layer->GetFeatureCount(), static_cast<GIntBig>(t.size())) << t.name;
        EXPECT_EQ(layer->GetLayerDefn()->GetFieldCount(), static_cast<int>(t.fields.size())) << t.name;
    }
}

}  // namespace
}  // namespace corridor::io
