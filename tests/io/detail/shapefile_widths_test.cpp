// Shapefile string columns are measured before writing: each as wide as its longest value,
// so nothing is cut but what fit_shapefile_string cuts, and the .dbf is never padded to 254
// bytes a value and shrunk afterwards.
#include "corridor/io/detail/shapefile_widths.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "corridor/io/gdal.hpp"
#include "corridor/io/write.hpp"
#include "support/fixtures.hpp"

namespace corridor::io {
namespace {
namespace fs = std::filesystem;

// Every string of a layer by field and row, and each field's .dbf width, as OGR reads them.
struct Columns {
    std::map<std::string, int> width;
    std::map<std::string, int> precision;
    std::map<std::string, OGRFieldType> type;
    std::map<std::string, std::vector<std::string>> values;  // "<null>" for null
    std::size_t rows = 0;
};

Columns read_columns(const fs::path& file, const std::string& layer_name) {
    auto ds = gdal::open_vector(file);
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (layer == nullptr) throw std::runtime_error("no layer " + layer_name + " in " + file.string());
    Columns out;
    OGRFeatureDefn* def = layer->GetLayerDefn();
    for (auto& f : *layer) {
        ++out.rows;
        for (int i = 0; i < def->GetFieldCount(); ++i) {
            const std::string name = def->GetFieldDefn(i)->GetNameRef();
            out.values[name].push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        }
    }
    for (int i = 0; i < def->GetFieldCount(); ++i) {
        out.width[def->GetFieldDefn(i)->GetNameRef()] = def->GetFieldDefn(i)->GetWidth();
        out.precision[def->GetFieldDefn(i)->GetNameRef()] = def->GetFieldDefn(i)->GetPrecision();
        out.type[def->GetFieldDefn(i)->GetNameRef()] = def->GetFieldDefn(i)->GetType();
    }
    return out;
}

// The shapefile holds every value of the GeoPackage: strings as fit_shapefile_string gives
// them, numbers to the shapefile column's decimals; each string column is as wide as its longest
// value (at least 1).
void expect_shapefile_holds(const Columns& shp, const Columns& gpkg, const std::vector<FieldDef>& fields) {
    ASSERT_EQ(shp.rows, gpkg.rows);
    for (const FieldDef& def : fields) {
        SCOPED_TRACE(def.name);
        const auto& s = shp.values.at(def.name);
        const auto& g = gpkg.values.at(def.name);
        ASSERT_EQ(s.size(), g.size());
        std::size_t longest = 1;
        for (std::size_t r = 0; r < s.size(); ++r) {
            SCOPED_TRACE("row " + std::to_string(r));
            if (def.type == FieldType::string) {
                // an empty string reads back from a .dbf as null (blank), like GDAL's own
                if (g[r] == "<null>" || g[r].empty()) {
                    EXPECT_TRUE(s[r] == "<null>" || s[r].empty()) << s[r];
                    continue;
                }
                EXPECT_EQ(s[r], fit_shapefile_string(g[r]));
                longest = std::max(longest, fit_shapefile_string(g[r]).size());
            } else if (def.type == FieldType::real) {
                if (g[r] == "<null>") continue;
                const double want = std::stod(g[r]);
                const int decimals = shp.precision.at(def.name);
                EXPECT_NEAR(std::stod(s[r]), want,
                            0.5 * std::pow(10.0, -decimals) * (1 + 1e-9) + std::fabs(want) * 1e-15)
                    << s[r] << " vs " << g[r];
            } else {
                EXPECT_EQ(s[r], g[r]);
            }
        }
        if (def.type == FieldType::string) {
            EXPECT_EQ(shp.width.at(def.name), static_cast<int>(longest));
        }
    }
}

TEST(ShapefileWidths, BytesAreThoseOfTheFittedString) {
    std::vector<std::string> samples = {
        "", "a", std::string(253, 'x'), std::string(254, 'x'), std::string(255, 'x'), std::string(1000, 'y')};
    for (const std::string unit : {"\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80"})  // 2, 3 and 4 bytes
        for (std::size_t pad = 0; pad < 4; ++pad) {
            std::string s(pad, 'a');
            while (s.size() < 300) s += unit;
            samples.push_back(s);
        }
    for (const auto& s : samples)
        EXPECT_EQ(detail::shapefile_string_bytes(s), fit_shapefile_string(s).size()) << s.size();
}

TEST(ShapefileWidths, EachStringFieldAsWideAsItsLongestValue) {
    Table t;
    t.name = "t";
    t.geom = GeomType::none;
    t.fields = {{"short"}, {"long"}, {"empty"}, {"n", FieldType::real, 10, 2}, {"multi"}};
    t.count = 50000;  // several parts
    t.make_row = [](std::size_t i, std::vector<Cell>& row) {
        row.assign(5, Cell{});
        row[0] = std::string(i % 7, 'a');
        row[1] = std::string(i == 31337 ? 400 : i % 100, 'b');
        if (i % 2 == 0) row[2] = std::string();
        row[3] = static_cast<double>(i);
        row[4] = i == 49999 ? std::string("\xE2\x80\x94 dash") : std::string("x");
    };
    EXPECT_EQ(detail::shapefile_string_widths(t), (std::vector<int>{6, 254, 1, 0, 8}));
    EXPECT_EQ(detail::shapefile_string_widths(t, 1), detail::shapefile_string_widths(t, 3))
        << "the same on any threads";
}

TEST(ShapefileWidths, WrittenColumnsHoldEveryValueOfTheGeoPackage) {
    Table t;
    t.name = "routes";
    t.geom = GeomType::line;
    t.fields = {{"id"},
                {"quote"},
                {"note"},
                {"none"},
                {"capacity", FieldType::real, 20, 3},
                {"flow", FieldType::integer64, 18, 0}};
    t.count = 3000;
    t.make_row = [](std::size_t i, std::vector<Cell>& row) {
        std::string quote;
        for (std::size_t k = 0; k < i % 130; ++k) quote += k % 2 ? "\xE2\x80\x9C" : "q";  // curly quotes: 3 bytes
        row = {std::string("r") + std::to_string(i),
               quote,
               i % 3 == 0 ? Cell{} : Cell{std::string(i % 41, 'n')},
               Cell{},
               i * 1.2345,
               static_cast<std::int64_t>(i) * 3'000'000};
    };
    static const Polyline line{{130.1, 42.1}, {130.2, 42.2}};
    t.shape = [](std::size_t) { return std::span<const LonLat>(line); };
    test::TempDir tmp;
    WriteOptions o;
    o.out_dir = tmp / "out";
    o.formats = {Format::shapefile, Format::geopackage};
    write_tables({t}, o);
    const Columns shp = read_columns(o.out_dir / "routes.shp", "routes");
    const Columns gpkg = read_columns(o.out_dir / "corridor.gpkg", "routes");
    expect_shapefile_holds(shp, gpkg, t.fields);
    EXPECT_EQ(shp.width.at("id"), 5);  // r2999
    // 127 characters, 64 q and 63 of 3 bytes, are 253 bytes; the longer quotes are cut to 252
    EXPECT_EQ(shp.width.at("quote"), 253);
    EXPECT_EQ(shp.width.at("note"), 40);
    EXPECT_EQ(shp.width.at("none"), 1);
    // the .dbf: a 32-byte header, 32 bytes a field and a terminator, then records of
    // 1 byte (deletion flag) plus the widths
    const auto dbf = fs::file_size(o.out_dir / "routes.dbf");
    const std::size_t record = 1 + 5 + 253 + 40 + 1 + 20 + 18;
    EXPECT_EQ(dbf, 32 + 32 * t.fields.size() + 1 + record * t.count + 1);  // and the end-of-file byte
    const std::string bytes = test::read_file(o.out_dir / "routes.dbf");
    EXPECT_EQ(bytes.back(), '\x1A') << "the .dbf ends with its end-of-file byte, once";
    EXPECT_EQ(bytes[bytes.size() - 2], '0') << "the last record's last byte: the last digit of the right-aligned flow";
}

// The exported layers of the shipped network (long quotes and notes, multi-byte names):
// every route and place value of the shapefiles is the GeoPackage's, no column cut short.
TEST(ShapefileWidths, ExportedLayersHoldEveryValue) {
    test::TempDir tmp;
    const auto r = test::run_cli({"export", "--geodata", test::geodata_dir().string(), "--out", (tmp / "out").string(),
                                  "--format", "shp,gpkg", "--no-map"});
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* layer : {"routes", "places"}) {
        SCOPED_TRACE(layer);
        const Columns shp = read_columns(tmp / "out" / (std::string(layer) + ".shp"), layer);
        const Columns gpkg = read_columns(tmp / "out" / "corridor.gpkg", layer);
        std::vector<FieldDef> fields;
        for (const auto& [name, type] : gpkg.type)
            fields.push_back({name,
                              type == OFTString ? FieldType::string
                              : type == OFTReal ? FieldType::real
                                                : FieldType::integer64,
                              0, 0});
        expect_shapefile_holds(shp, gpkg, fields);
    }
}

}  // namespace
}  // namespace corridor::io
