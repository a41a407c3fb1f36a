// tiles/write_tiles through `corridor export --format mvt,mbtiles`: the tile folder and the
// MBTiles file read back by GDAL (MVT and MBTiles drivers) against the exported GeoPackage.
#include "corridor/tiles/write_tiles.hpp"

#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "corridor/error.hpp"
#include "support/fixtures.hpp"

namespace corridor::tiles {
namespace {
namespace fs = std::filesystem;

struct CloseDataset {
    void operator()(GDALDatasetH ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, CloseDataset>;

// id -> field name -> value as text, of one layer (duplicates of a feature cut into several
// tiles are the same feature: kept once).
using Rows = std::map<std::string, std::map<std::string, std::string>>;

Rows rows_of(const std::string& source, const char* layer_name, const char* driver,
             const char* const* options = nullptr) {
    const char* drivers[] = {driver, nullptr};
    Dataset ds(GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr));
    EXPECT_TRUE(ds) << source;
    Rows rows;
    if (!ds) return rows;
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), layer_name);
    EXPECT_TRUE(layer) << layer_name;
    if (!layer) return rows;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (OGRFeatureH f; (f = OGR_L_GetNextFeature(layer)) != nullptr; OGR_F_Destroy(f)) {
        auto& r = rows[OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, "id"))];
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
            const std::string name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
            if (name == "mvt_id" || !OGR_F_IsFieldSetAndNotNull(f, i)) continue;
            r[name] = OGR_F_GetFieldAsString(f, i);
        }
    }
    return rows;
}

// Numbers compared as numbers (the tiles' Number fields read back as reals, booleans as 0/1).
bool same_value(const std::string& a, const std::string& b) {
    if (a == b) return true;
    char* ea = nullptr;
    char* eb = nullptr;
    const double x = std::strtod(a.c_str(), &ea), y = std::strtod(b.c_str(), &eb);
    return *ea == '\0' && *eb == '\0' && !a.empty() && !b.empty() &&
           std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x));
}

void expect_same_rows(const Rows& tiles, const Rows& gpkg, const std::string& what) {
    ASSERT_EQ(tiles.size(), gpkg.size()) << what;
    for (const auto& [id, fields] : gpkg) {
        ASSERT_TRUE(tiles.count(id)) << what << ": " << id;
        const auto& t = tiles.at(id);
        for (const auto& [name, value] : fields) {
            if (value.empty()) continue;  // an empty string in the GeoPackage
            ASSERT_TRUE(t.count(name)) << what << ": " << id << " " << name;
            EXPECT_TRUE(same_value(t.at(name), value))
                << what << ": " << id << " " << name << ": " << t.at(name) << " vs " << value;
        }
    }
}

TEST(WriteTiles, ExportedTilesHoldTheExportsFeaturesAtFullDetail) {
    test::TempDir out;
    const auto r = test::run_cli({"export", "--geodata", test::geodata_dir().string(), "--out", out.path().string(),
                                  "--format", "gpkg,mvt,mbtiles", "--minzoom", "8", "--maxzoom", "8", "--no-map"});
    ASSERT_EQ(r.code, 0) << r.err;
    // z8 at full detail: every route is longer than a tile unit (38 m) there, so none is left out.
    ASSERT_TRUE(fs::exists(out / "tiles/8"));
    ASSERT_TRUE(fs::exists(out / "tiles/metadata.json"));
    const std::string gpkg = (out / "corridor.gpkg").string();
    const char* folder_options[] = {"TILE_EXTENSION=mvt", nullptr};
    for (const char* layer : {"routes", "places"}) {
        const Rows want = rows_of(gpkg, layer, "GPKG");
        expect_same_rows(rows_of((out / "tiles/8").string(), layer, "MVT", folder_options), want,
                         std::string("folder ") + layer);
        expect_same_rows(rows_of((out / "corridor.mbtiles").string(), layer, "MBTiles"), want,
                         std::string("mbtiles ") + layer);
    }
    const Rows bottlenecks = rows_of((out / "tiles/8").string(), "bottlenecks", "MVT", folder_options);
    EXPECT_EQ(bottlenecks.size(), 4u) << "the default analysis' 4 cut routes";
    const auto manifest = test::read_json(out / ".corridor-export.json");
    std::set<std::string> names;
    for (const auto& f : manifest["files"]) names.insert(f["name"].get<std::string>());
    EXPECT_TRUE(names.count("tiles") && names.count("corridor.mbtiles"));
}

TEST(WriteTiles, OnlyTilesWithFeaturesAreWrittenEachUnderTheCapAndTheSetIsReplacedWhole) {
    test::TempDir out;
    const std::vector<std::string> args{"export",  "--geodata",         test::geodata_dir().string(),
                                        "--out",   out.path().string(), "--format",
                                        "mvt",     "--maxzoom",         "7",
                                        "--no-map"};
    ASSERT_EQ(test::run_cli(args).code, 0);
    std::map<std::string, std::string> first;
    for (const auto& e : fs::recursive_directory_iterator(out / "tiles"))
        if (e.is_regular_file() && e.path().extension() == ".mvt") {
            EXPECT_GT(e.file_size(), 0u) << e.path();
            EXPECT_LE(e.file_size(), kMaxTileBytes) << e.path();
            first[e.path().lexically_relative(out.path()).string()] = test::read_file(e.path());
        }
    EXPECT_GT(first.size(), 8u);
    EXPECT_LT(first.size(), 200u) << "tiles without features are not written";
    const auto metadata = test::read_json(out / "tiles/metadata.json");
    EXPECT_EQ(metadata["tilejson"], "3.0.0");
    EXPECT_EQ(metadata["maxzoom"], 7);
    EXPECT_EQ(metadata["tiles"][0], "{z}/{x}/{y}.mvt");
    // Again with fewer zooms: the same bytes for the tiles both write, and no tile of z7 left.
    auto again = args;
    again[8] = "5";
    ASSERT_EQ(test::run_cli(again).code, 0);
    for (const auto& [path, bytes] : first) {
        if (path.starts_with("tiles/6/") || path.starts_with("tiles/7/")) {
            EXPECT_FALSE(fs::exists(out.path() / path)) << path;
        } else if (!path.starts_with("tiles/5/")) {  // z5 is at full detail now
            EXPECT_EQ(test::read_file(out.path() / path), bytes) << path;
        }
    }
    EXPECT_FALSE(fs::exists(out / "tiles/7"));
}

TEST(WriteTiles, ADenseNetworkStaysUnderTheCapAndKeepsEveryProtectedRoute) {
    test::TempDir dir;
    const auto g = test::run_cli({"generate", "--routes", "20000", "--out", (dir / "net").string()});
    ASSERT_EQ(g.code, 0) << g.err;
    // "corridor: N places, M routes; corners p0_0 (CN) and pA_B (RU)"
    const auto at = g.err.find("corners ");
    ASSERT_NE(at, std::string::npos) << g.err;
    const std::string from = g.err.substr(at + 8, g.err.find(' ', at + 8) - at - 8);
    const auto and_at = g.err.find(" and ", at);
    const std::string to = g.err.substr(and_at + 5, g.err.find(' ', and_at + 5) - and_at - 5);
    const auto e = test::run_cli({"export", "--geodata", (dir / "net").string(), "--out", (dir / "out").string(),
                                  "--from", from, "--to", to, "--format", "geojson,mvt", "--maxzoom", "4", "--no-map"});
    ASSERT_EQ(e.code, 0) << e.err;
    std::size_t tiles = 0;
    for (const auto& f : fs::recursive_directory_iterator(dir / "out/tiles"))
        if (f.path().extension() == ".mvt") {
            EXPECT_LE(f.file_size(), kMaxTileBytes) << f.path();
            ++tiles;
        }
    EXPECT_GT(tiles, 3u);
    // The protected routes, from the GeoJSON export: on the cut or carrying flow.
    const auto routes = test::read_json(dir / "out/routes.geojson");
    std::set<std::string> protected_ids;
    for (const auto& f : routes["features"]) {
        const auto& p = f["properties"];
        if ((p["flow"].is_number() && p["flow"].get<double>() > 0) || p["bottleneck"] == 1)
            protected_ids.insert(p["id"].get<std::string>());
    }
    ASSERT_GT(protected_ids.size(), 10u);
    // z0 holds the whole network in one tile: it must drop features, and none of those.
    EXPECT_GT(fs::file_size(dir / "out/tiles/0/0/0.mvt"), kMaxTileBytes * 9 / 10);
    const Rows z0 = rows_of((dir / "out/tiles/0/0/0.mvt").string(), "routes", "MVT");
    EXPECT_LT(z0.size(), routes["features"].size()) << "nothing dropped from a tile of 20,000 routes";
    for (const auto& id : protected_ids) EXPECT_TRUE(z0.count(id)) << "protected route " << id << " dropped at z0";
}

TEST(WriteTiles, AZoomRangeMustNotStartAboveItsEnd) {
    EXPECT_NO_THROW(check_zoom_range(3, 3));
    EXPECT_NO_THROW(check_zoom_range(0, 12));
    EXPECT_THROW(check_zoom_range(5, 3), request_error);
}

TEST(WriteTiles, BadZoomsAreRefused) {
    test::TempDir out;
    const auto r = test::run_cli({"export", "--geodata", test::geodata_dir().string(), "--out", out.path().string(),
                                  "--format", "mvt", "--minzoom", "5", "--maxzoom", "3", "--no-map"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--minzoom"), std::string::npos) << r.err;
    EXPECT_EQ(test::run_cli({"export", "--out", out.path().string(), "--format", "mvt", "--maxzoom", "23"}).code, 2);
}

}  // namespace
}  // namespace corridor::tiles
