// Writing layers through GDAL: every format reads back the same, atomically and reproducibly.
#include "corridor/io/write.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <limits>
#include <span>
#include <stdexcept>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "support/fixtures.hpp"

namespace corridor::io {
namespace {
namespace fs = std::filesystem;

const std::string kLongQuote = [] {
    std::string s;
    while (s.size() < 300) s += "North Korea’s “east coast” — ";  // curly quotes and dashes: multi-byte
    return s;
}();

Table sample_table() {
    Table t;
    t.name = "routes";
    t.geom = GeomType::line;
    t.fields = {{"id"},
                {"two_way", FieldType::boolean},
                {"capacity", FieldType::real, 16, 3},
                {"count", FieldType::integer, 8, 0},
                {"quote"}};
    t.rows = {{std::string("r1"), true, 6000.5, std::int64_t{3}, kLongQuote},
              {std::string("r2"), false, Cell{}, std::int64_t{0}, std::string("short")}};
    t.geometries = {{{130.1, 42.1}, {130.2, 42.2}, {130.3, 42.25}}, {{125.0, 39.0}, {125.5, 39.5}}};
    return t;
}

struct ReadBack {
    std::vector<std::string> fields;
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> wkt;
};

ReadBack read_back(const fs::path& file, const std::string& layer_name) {
    auto ds = gdal::open_vector(file);
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (layer == nullptr) throw std::runtime_error("no layer " + layer_name + " in " + file.string());
    ReadBack out;
    OGRFeatureDefn* def = layer->GetLayerDefn();
    for (int i = 0; i < def->GetFieldCount(); ++i) out.fields.emplace_back(def->GetFieldDefn(i)->GetNameRef());
    for (auto& f : *layer) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < def->GetFieldCount(); ++i)
            row[out.fields[i]] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
        out.rows.push_back(row);
        char* wkt = nullptr;
        if (const OGRGeometry* g = f->GetGeometryRef()) g->exportToWkt(&wkt);  // none in a CSV
        out.wkt.emplace_back(wkt != nullptr ? wkt : "");
        CPLFree(wkt);
    }
    return out;
}

TEST(Write, ShapefileStringsAreCutAtACharacterBoundary) {
    const std::string cut = fit_shapefile_string(kLongQuote);
    EXPECT_LE(cut.size(), 254u);
    EXPECT_GE(cut.size(), 250u);
    EXPECT_TRUE(cut.ends_with("…"));
    EXPECT_EQ(kLongQuote.compare(0, cut.size() - 3, cut, 0, cut.size() - 3), 0) << "a prefix of the original";
    const unsigned char before = static_cast<unsigned char>(cut[cut.size() - 4]);
    EXPECT_TRUE(before < 0x80 || (before & 0xC0) == 0x80) << "no lead byte left without its continuation";
    EXPECT_EQ(fit_shapefile_string("short"), "short");
    EXPECT_EQ(fit_shapefile_string(std::string(254, 'x')), std::string(254, 'x'));
}

TEST(Write, EveryFormatReadsBackTheSameFields) {
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp / "out";
    const auto files = write_tables({sample_table()}, o);
    for (const char* name :
         {"routes.geojson", "routes.shp", "routes.shx", "routes.dbf", "routes.prj", "routes.cpg", "corridor.gpkg"})
        EXPECT_TRUE(fs::exists(o.out_dir / name)) << name;
    EXPECT_EQ(files.size(), 7u);
    EXPECT_EQ(test::read_file(o.out_dir / "routes.cpg"), "UTF-8");

    const ReadBack gj = read_back(o.out_dir / "routes.geojson", "routes");
    const ReadBack shp = read_back(o.out_dir / "routes.shp", "routes");
    const ReadBack gpkg = read_back(o.out_dir / "corridor.gpkg", "routes");
    const std::vector<std::string> expected{"id", "two_way", "capacity", "count", "quote"};
    EXPECT_EQ(gj.fields, expected);
    EXPECT_EQ(shp.fields, expected);
    EXPECT_EQ(gpkg.fields, expected);
    for (const auto* rb : {&gj, &shp, &gpkg}) {
        ASSERT_EQ(rb->rows.size(), 2u);
        EXPECT_EQ(rb->rows[0].at("id"), "r1");
        EXPECT_EQ(rb->rows[0].at("two_way"), "1");
        EXPECT_EQ(rb->rows[1].at("two_way"), "0");
        EXPECT_DOUBLE_EQ(std::stod(rb->rows[0].at("capacity")), 6000.5);
        EXPECT_EQ(rb->rows[0].at("count"), "3");
        EXPECT_EQ(rb->rows[1].at("quote"), "short");
        EXPECT_EQ(rb->wkt[0], "LINESTRING (130.1 42.1,130.2 42.2,130.3 42.25)");
    }
    EXPECT_EQ(gj.rows[1].at("capacity"), "<null>");
    EXPECT_EQ(gpkg.rows[1].at("capacity"), "<null>");
    EXPECT_EQ(gj.rows[0].at("quote"), kLongQuote) << "GeoJSON keeps the quote whole";
    EXPECT_EQ(gpkg.rows[0].at("quote"), kLongQuote) << "GeoPackage keeps the quote whole";
    EXPECT_EQ(shp.rows[0].at("quote"), fit_shapefile_string(kLongQuote));
}

// Flows pass 2^31 - 1: an integer64 column keeps them whole in every format, and the
// streaming GeoJSON writer still gives GDAL's bytes.
TEST(Write, Integer64ColumnsKeepFlowsAboveInt32) {
    Table t;
    t.name = "flows";
    t.geom = GeomType::point;
    t.fields = {{"id"}, {"flow", FieldType::integer64, 18, 0}};
    t.rows = {{std::string("big"), std::int64_t{3'000'000'000}},
              {std::string("max"), std::int64_t{999'999'999'999'999'999}},
              {std::string("neg"), std::int64_t{-5}}};
    t.geometries = {{{1, 2}}, {{3, 4}}, {{5, 6}}};
    std::string bytes[2];
    for (const WriteEngine engine : {WriteEngine::automatic, WriteEngine::ogr}) {
        test::TempDir tmp;
        WriteOptions o;
        o.out_dir = tmp / "out";
        o.engine = engine;
        o.formats = {Format::geojson, Format::shapefile, Format::geopackage, Format::flatgeobuf, Format::csv};
        write_tables({t}, o);
        for (const char* name : {"flows.geojson", "flows.shp", "corridor.gpkg", "flows.fgb", "flows.csv"}) {
            const ReadBack rb = read_back(o.out_dir / name, "flows");
            ASSERT_EQ(rb.rows.size(), 3u) << name;
            EXPECT_EQ(rb.rows[0].at("flow"), "3000000000") << name;
            EXPECT_EQ(rb.rows[1].at("flow"), "999999999999999999") << name;
            EXPECT_EQ(rb.rows[2].at("flow"), "-5") << name;
        }
        bytes[engine == WriteEngine::ogr] = test::read_file(o.out_dir / "flows.geojson");
    }
    EXPECT_EQ(bytes[0], bytes[1]) << "the streaming writer and GDAL's driver";
}

// flows.csv: GDAL reads column types from the .csvt; reals always show a decimal point.
TEST(Write, CsvHasATypeSidecarAndRealsThatLookReal) {
    Table t;
    t.name = "flows";
    t.geom = GeomType::none;
    t.fields = {
        {"id"}, {"n", FieldType::integer}, {"b", FieldType::boolean}, {"r", FieldType::real}, {"u", FieldType::real}};
    t.rows = {{std::string("a, \"quoted\""), std::int64_t{7}, true, 1200.0, 0.482},
              {std::string(" x"), Cell{}, false, 1e20, std::numeric_limits<double>::quiet_NaN()}};
    t.geometries = {{}, {}};
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp / "out";
    o.formats = {Format::csv};
    EXPECT_EQ(write_tables({t}, o).size(), 2u);
    EXPECT_EQ(test::read_file(o.out_dir / "flows.csvt"), "String,Integer,Integer(Boolean),Real,Real\n");
    EXPECT_EQ(test::read_file(o.out_dir / "flows.csv"),
              "id,n,b,r,u\n\"a, \"\"quoted\"\"\",7,1,1200.0,0.482\n\" x\",,0,1e+20,\n");
    auto ds = gdal::open_vector(o.out_dir / "flows.csv");
    OGRFeatureDefn* def = ds->GetLayer(0)->GetLayerDefn();
    EXPECT_EQ(def->GetFieldDefn(1)->GetType(), OFTInteger);
    EXPECT_EQ(def->GetFieldDefn(2)->GetSubType(), OFSTBoolean);
    EXPECT_EQ(def->GetFieldDefn(3)->GetType(), OFTReal);
    const ReadBack rb = read_back(o.out_dir / "flows.csv", "flows");
    EXPECT_EQ(rb.rows[0].at("id"), "a, \"quoted\"");
    EXPECT_EQ(rb.rows[1].at("id"), " x");
    EXPECT_EQ(rb.rows[1].at("n"), "<null>");
}

// FlatGeobuf has GDAL's spatial index only when asked for: the same features either way.
TEST(Write, FlatGeobufSpatialIndexOnlyWhenAsked) {
    test::TempDir tmp;
    for (const bool indexed : {false, true}) {
        WriteOptions o;
        o.out_dir = tmp / (indexed ? "indexed" : "plain");
        o.formats = {Format::flatgeobuf};
        o.fgb_spatial_index = indexed;
        write_tables({sample_table()}, o);
        const fs::path file = o.out_dir / "routes.fgb";
        auto ds = gdal::open_vector(file);
        OGRLayer* layer = ds->GetLayer(0);
        ASSERT_NE(layer, nullptr);
        EXPECT_EQ(layer->TestCapability(OLCFastSpatialFilter) != 0, indexed) << file;
        const ReadBack rb = read_back(file, "routes");
        ASSERT_EQ(rb.rows.size(), 2u);
        EXPECT_EQ(rb.wkt[0], "LINESTRING (130.1 42.1,130.2 42.2,130.3 42.25)");
    }
}

TEST(Write, GeoJsonIsRfc7946WithBbox) {
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp.path();
    o.formats = {Format::geojson};
    write_tables({sample_table()}, o);
    const auto j = test::read_json(tmp / "routes.geojson");
    EXPECT_FALSE(j.contains("crs"));
    ASSERT_TRUE(j.contains("bbox"));
    EXPECT_DOUBLE_EQ(j["bbox"][0].get<double>(), 125.0);
    EXPECT_DOUBLE_EQ(j["bbox"][3].get<double>(), 42.25);
    EXPECT_TRUE(j["features"][0].contains("bbox"));
}

TEST(Write, ReRunsAreByteIdentical) {
    test::TempDir tmp;
    WriteOptions a, b;
    a.out_dir = tmp / "a";
    b.out_dir = tmp / "b";
    write_tables({sample_table()}, a);
    write_tables({sample_table()}, b);
    for (const auto& entry : fs::directory_iterator(a.out_dir)) {
        const auto name = entry.path().filename();
        EXPECT_EQ(test::read_file(a.out_dir / name), test::read_file(b.out_dir / name)) << name;
    }
}

TEST(Write, APointWithoutACoordinateIsRefusedByEveryEngine) {
    Table t;
    t.name = "places";
    t.geom = GeomType::point;
    t.fields = {{"id"}};
    t.count = 2;
    t.make_row = [](std::size_t i, std::vector<Cell>& row) { row = {std::string("p").append(std::to_string(i))}; };
    const LonLat here{126.5, 39.0};
    t.shape = [&here](std::size_t i) { return i == 0 ? std::span<const LonLat>(&here, 1) : std::span<const LonLat>(); };
    test::TempDir tmp;
    for (WriteEngine engine : {WriteEngine::automatic, WriteEngine::ogr}) {
        WriteOptions o;
        o.out_dir = tmp.path();
        o.formats = {Format::geojson};
        o.engine = engine;
        EXPECT_THROW(write_tables({t}, o), std::out_of_range);
        EXPECT_FALSE(fs::exists(tmp / "places.geojson"));
    }
}

TEST(Write, AFailedRunLeavesThePreviousFilesWholeAndNoTemporaries) {
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp.path();
    o.formats = {Format::geojson};
    write_tables({sample_table()}, o);
    const std::string before = test::read_file(tmp / "routes.geojson");

    Table broken = sample_table();
    broken.geometries.pop_back();  // rows and geometries disagree: refused before any file is touched
    EXPECT_THROW(write_tables({broken}, o), output_error);
    EXPECT_EQ(test::read_file(tmp / "routes.geojson"), before);

    // A target that cannot be replaced: the rename fails, the error names it.
    Table other = sample_table();
    other.name = "blocked";
    fs::create_directories(tmp / "blocked.geojson" / "keep");
    try {
        write_tables({other}, o);
        FAIL() << "rename over a folder succeeded";
    } catch (const output_error& e) {
        EXPECT_EQ(e.where().file, (tmp / "blocked.geojson").string());
    }
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        EXPECT_EQ(entry.path().filename().string().find(".corridor-tmp"), std::string::npos) << entry.path();
}

TEST(Write, UnwritableOutputFolder) {
    test::TempDir tmp;
    test::write_file(tmp / "file", "x");
    WriteOptions o;
    o.out_dir = tmp / "file" / "sub";
    try {
        write_tables({sample_table()}, o);
        FAIL();
    } catch (const output_error& e) {
        EXPECT_EQ(e.where().file, o.out_dir.string());
    }
}

TEST(Write, FormatNames) {
    EXPECT_EQ(parse_format("GeoJSON"), Format::geojson);
    EXPECT_EQ(parse_format("shp"), Format::shapefile);
    EXPECT_EQ(parse_format("gpkg"), Format::geopackage);
    EXPECT_EQ(parse_format("fgb"), Format::flatgeobuf);
    EXPECT_THROW(parse_format("kml"), error);
}

TEST(Write, AtomicFileReplacesWholeOrLeavesThePreviousFile) {
    test::TempDir tmp;
    const fs::path file = tmp / "sub" / "map.html";
    write_file_atomic(file, "first");
    EXPECT_EQ(test::read_file(file), "first");
    write_file_atomic(file, std::string(100000, 'x'));
    EXPECT_EQ(test::read_file(file).size(), 100000u);
    // No temporary file is left beside it.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp / "sub")) ++entries;
    EXPECT_EQ(entries, 1u);
    // A folder in the file's place: the write fails, names the file, and leaves nothing behind.
    fs::create_directories(tmp / "sub" / "taken");
    try {
        write_file_atomic(tmp / "sub" / "taken", "x");
        ADD_FAILURE() << "writing over a folder succeeded";
    } catch (const output_error& e) {
        EXPECT_NE(std::string(e.what()).find("taken"), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_file(file).size(), 100000u);
    entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp / "sub")) ++entries;
    EXPECT_EQ(entries, 2u);  // map.html and the folder
}

}  // namespace
}  // namespace corridor::io
