// tiles/tile (with tiles/source, tile_geometry, mvt_encoder): tiles decoded by GDAL's MVT
// driver, an independent reader, against the layer they were cut from.
#include "corridor/tiles/tile.hpp"

#include <cpl_vsi.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor::tiles {
namespace {

struct CloseDataset {
    void operator()(GDALDatasetH ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, CloseDataset>;

struct DecodedFeature {
    std::map<std::string, std::string> fields;   // set fields only, as text
    std::vector<std::vector<WorldPoint>> lines;  // EPSG:3857 metres
};
using Decoded = std::map<std::string, std::vector<DecodedFeature>>;  // layer -> features

// Decodes tile bytes with GDAL's MVT driver (its path tells GDAL the tile's z/x/y).
Decoded decode(const std::string& bytes, TileId t) {
    const std::string path = fmt::format("/vsimem/tile_test/{}/{}/{}.mvt", t.z, t.x, t.y);
    VSIFCloseL(VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                    bytes.size(), FALSE));
    const char* drivers[] = {"MVT", nullptr};
    const char* options[] = {"CLIP=NO", nullptr};
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, drivers, options, nullptr));
    Decoded out;
    if (ds) {
        for (int l = 0; l < GDALDatasetGetLayerCount(ds.get()); ++l) {
            OGRLayerH layer = GDALDatasetGetLayer(ds.get(), l);
            OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
            auto& features = out[OGR_L_GetName(layer)];
            for (OGRFeatureH f; (f = OGR_L_GetNextFeature(layer)) != nullptr; OGR_F_Destroy(f)) {
                DecodedFeature d;
                for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
                    if (OGR_F_IsFieldSetAndNotNull(f, i))
                        d.fields[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_GetFieldAsString(f, i);
                OGRGeometryH g = OGR_F_GetGeometryRef(f);
                auto add = [&](OGRGeometryH part) {
                    std::vector<WorldPoint> pts;
                    for (int k = 0; k < OGR_G_GetPointCount(part); ++k)
                        pts.push_back({OGR_G_GetX(part, k), OGR_G_GetY(part, k)});
                    d.lines.push_back(pts);
                };
                if (OGR_G_GetGeometryCount(g) > 0)
                    for (int k = 0; k < OGR_G_GetGeometryCount(g); ++k) add(OGR_G_GetGeometryRef(g, k));
                else add(g);
                features.push_back(d);
            }
        }
    }
    ds.reset();
    VSIUnlink(path.c_str());
    return out;
}

// A routes-like layer: n random lines of 2..6 points in the box, with id, flow, capacity, bottleneck.
io::Table lines_table(std::size_t n, LonLat sw, LonLat ne, unsigned seed, std::size_t flowing = 0) {
    io::Table t;
    t.name = "routes";
    t.geom = io::GeomType::line;
    t.fields = {{"id"},
                {"name"},
                {"capacity", io::FieldType::real},
                {"flow", io::FieldType::integer64},
                {"bottleneck", io::FieldType::integer},
                {"two_way", io::FieldType::boolean}};
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lon(sw.lon, ne.lon), lat(sw.lat, ne.lat);
    for (std::size_t i = 0; i < n; ++i) {
        Polyline line;
        const std::size_t points = 2 + i % 5;
        for (std::size_t k = 0; k < points; ++k) line.push_back({lon(rng), lat(rng)});
        t.geometries.push_back(line);
        t.rows.push_back(
            {fmt::format("r{}", i), fmt::format("route number {} with a long name", i), static_cast<double>(1000 + i),
             i < flowing ? io::Cell{std::int64_t(500)} : io::Cell{std::int64_t(0)}, std::int64_t{0}, i % 2 == 0});
    }
    return t;
}

TileOptions full_detail_from(int z) {
    TileOptions o;
    o.full_detail_zoom = z;
    return o;
}

// metres per tile unit at zoom z
double unit_metres(int z) { return 2 * 20037508.342789244 / std::ldexp(1.0, z) / kExtent; }

double distance_to_line(WorldPoint p, const std::vector<WorldPoint>& line) {
    double best = INFINITY;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const WorldPoint a = line[i], b = line[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
        const double t = len > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len, 0.0, 1.0) : 0;
        best = std::min(best, std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
    }
    return best;
}

TEST(Tile, GdalDecodesEveryFeatureWithItsFieldsAtFullDetail) {
    const io::Table t = lines_table(50, {125.0, 38.5}, {126.0, 39.5}, 7);
    const TileSource source({&t});
    const TileId tile{0, 0, 0};
    const std::string bytes = build_tile(source, tile, full_detail_from(0));
    const Decoded d = decode(bytes, tile);
    ASSERT_EQ(d.size(), 1u);
    const auto& features = d.at("routes");
    ASSERT_EQ(features.size(), 50u) << "nothing dropped, nothing clipped at z0";
    std::map<std::string, const DecodedFeature*> by_id;
    for (const auto& f : features) by_id[f.fields.at("id")] = &f;
    std::vector<io::Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto& f = *by_id.at(fmt::format("r{}", i));
        EXPECT_EQ(f.fields.at("name"), std::get<std::string>(t.rows[i][1]));
        EXPECT_DOUBLE_EQ(std::stod(f.fields.at("capacity")), std::get<double>(t.rows[i][2]));
        EXPECT_EQ(f.fields.at("flow"), "0");
        EXPECT_EQ(f.fields.at("two_way"), i % 2 == 0 ? "1" : "0");
    }
}

TEST(Tile, GeometryRoundTripsWithinHalfATilePixel) {
    // Lines around Pyongyang, cut at zooms 6 to 12: every decoded vertex lies within half a
    // pixel (256 pixels a tile) of the source line and every source vertex within half a
    // pixel of the decoded line (simplified below full detail, unsimplified at it).
    const io::Table t = lines_table(30, {125.70, 39.00}, {125.78, 39.06}, 11);
    const TileSource source({&t});
    for (int z : {6, 8, 10, 12}) {
        const WorldPoint c = world_point({125.74, 39.03});
        const TileId tile{z, static_cast<std::uint32_t>(c.x * std::ldexp(1.0, z)),
                          static_cast<std::uint32_t>(c.y * std::ldexp(1.0, z))};
        const Decoded d = decode(build_tile(source, tile, full_detail_from(12)), tile);
        const double half_pixel = unit_metres(z) * kExtent / 256 / 2;
        std::size_t checked = 0;
        for (const auto& f : d.at("routes")) {
            const std::size_t i = std::stoul(f.fields.at("id").substr(1));
            std::vector<WorldPoint> source_line;
            for (const LonLat& p : t.geometries[i]) source_line.push_back(mercator_metres(world_point(p)));
            for (const auto& part : f.lines)
                for (const WorldPoint& p : part) {
                    EXPECT_LT(distance_to_line(p, source_line), half_pixel) << "z" << z << " " << f.fields.at("id");
                    ++checked;
                }
            const bool inside = std::all_of(t.geometries[i].begin(), t.geometries[i].end(), [&](const LonLat& p) {
                const TileXY u = to_tile_units(world_point(p), tile);
                return u.x >= 0 && u.x <= kExtent && u.y >= 0 && u.y <= kExtent;
            });
            if (inside) {  // not clipped: the whole source line is there
                EXPECT_EQ(f.lines.size(), 1u);
                for (const WorldPoint& p : source_line)
                    EXPECT_LT(distance_to_line(p, f.lines[0]), half_pixel) << "z" << z;
            }
        }
        EXPECT_GT(checked, 0u);
    }
}

TEST(Tile, TheSizeCapDropsTheLeastImportantAndKeepsEveryFlowingRoute) {
    const io::Table t = lines_table(3000, {125.0, 38.5}, {126.0, 39.5}, 3, 40);
    const TileSource source({&t});
    TileOptions o;
    o.max_bytes = 60'000;
    TileStats stats;
    const std::string bytes = build_tile(source, {0, 0, 0}, o, &stats);
    EXPECT_LE(bytes.size(), o.max_bytes);
    EXPECT_GT(stats.dropped, 0u);
    const Decoded d = decode(bytes, {0, 0, 0});
    std::set<std::size_t> kept;
    for (const auto& f : d.at("routes")) kept.insert(std::stoul(f.fields.at("id").substr(1)));
    EXPECT_EQ(kept.size(), stats.features);
    for (std::size_t i = 0; i < 40; ++i) EXPECT_TRUE(kept.count(i)) << "flowing route r" << i << " dropped";
    // Among the rest, capacity decides: the kept ones are the largest (capacity 1000 + i) of
    // those a z0 tile shows at all (an envelope of a tile unit or more, 9.8 km at z0).
    std::vector<std::size_t> visible;
    for (std::size_t i = 40; i < t.size(); ++i) {
        WorldBox b{1, 1, 0, 0};
        for (const LonLat& p : t.geometries[i]) {
            const WorldPoint w = world_point(p);
            b = {std::min(b.min_x, w.x), std::min(b.min_y, w.y), std::max(b.max_x, w.x), std::max(b.max_y, w.y)};
        }
        if ((b.max_x - b.min_x) * kExtent >= 1 || (b.max_y - b.min_y) * kExtent >= 1) visible.push_back(i);
    }
    ASSERT_GT(visible.size(), t.size() / 2);
    const std::size_t kept_rest = kept.size() - 40;
    for (std::size_t k = 0; k < visible.size(); ++k)
        EXPECT_EQ(kept.count(visible[k]) == 1, k >= visible.size() - kept_rest) << visible[k];
}

TEST(Tile, ProtectedRoutesNeverDropEvenOverTheCap) {
    const io::Table t = lines_table(500, {125.0, 38.5}, {126.0, 39.5}, 5, 500);
    const TileSource source({&t});
    TileOptions o;
    o.max_bytes = 1000;
    TileStats stats;
    build_tile(source, {0, 0, 0}, o, &stats);
    EXPECT_EQ(stats.features, 500u);
    EXPECT_EQ(stats.dropped, 0u);
}

TEST(Tile, TheSameInputGivesTheSameBytes) {
    const io::Table t = lines_table(400, {125.0, 38.5}, {126.0, 39.5}, 9, 10);
    const TileSource a({&t}), b({&t});
    for (const TileId tile : {TileId{0, 0, 0}, TileId{5, 27, 12}, TileId{8, 217, 97}}) {
        EXPECT_EQ(build_tile(a, tile), build_tile(b, tile));
        EXPECT_EQ(build_tile(a, tile), build_tile(a, tile));
    }
}

TEST(Tile, EmptyTilesHaveNoBytesAndBadTilesThrow) {
    const io::Table t = lines_table(10, {125.0, 38.5}, {126.0, 39.5}, 1);
    const TileSource source({&t});
    EXPECT_TRUE(build_tile(source, {4, 0, 0}).empty());
    EXPECT_THROW(build_tile(source, {2, 4, 0}), corridor::error);
}

TEST(Tile, APointLayerKeepsItsPoints) {
    io::Table places;
    places.name = "places";
    places.geom = io::GeomType::point;
    places.fields = {{"id"}, {"in_t_mo", io::FieldType::integer64}};
    places.rows = {{std::string("pyongyang"), std::int64_t{5}}, {std::string("rajin"), io::Cell{}}};
    places.geometries = {{{125.7625, 39.0392}}, {{130.3, 42.25}}};
    const TileSource source({&places});
    const Decoded d = decode(build_tile(source, {0, 0, 0}), {0, 0, 0});
    ASSERT_EQ(d.at("places").size(), 2u);
    const WorldPoint want = mercator_metres(world_point({125.7625, 39.0392}));
    for (const auto& f : d.at("places"))
        if (f.fields.at("id") == "pyongyang") {
            EXPECT_EQ(f.fields.at("in_t_mo"), "5");
            EXPECT_NEAR(f.lines[0][0].x, want.x, unit_metres(0));
            EXPECT_NEAR(f.lines[0][0].y, want.y, unit_metres(0));
        } else {
            EXPECT_FALSE(f.fields.count("in_t_mo")) << "a null is left out";
        }
}

}  // namespace
}  // namespace corridor::tiles
