// tiles/tile_math: spherical Mercator against PROJ's EPSG:3857, tile bounds, tile paths.
#include "corridor/tiles/tile_math.hpp"

#include <gtest/gtest.h>
#include <proj.h>

#include <memory>

namespace corridor::tiles {
namespace {

struct ProjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};

TEST(TileMath, WebMercatorMatchesProjEpsg3857) {
    std::unique_ptr<PJ_CONTEXT, ProjDeleter> ctx(proj_context_create());
    std::unique_ptr<PJ, ProjDeleter> raw(proj_create_crs_to_crs(ctx.get(), "EPSG:4326", "EPSG:3857", nullptr));
    ASSERT_TRUE(raw);
    std::unique_ptr<PJ, ProjDeleter> pj(proj_normalize_for_visualization(ctx.get(), raw.get()));  // lon, lat order
    for (const LonLat p : {LonLat{0, 0}, LonLat{125.7625, 39.0392}, LonLat{131.9, 43.1}, LonLat{-179.9, -84.9},
                           LonLat{179.99, 85.0}, LonLat{-73.98, 40.75}, LonLat{151.2, -33.87}}) {
        const PJ_COORD out = proj_trans(pj.get(), PJ_FWD, proj_coord(p.lon, p.lat, 0, 0));
        const WorldPoint m = mercator_metres(world_point(p));
        EXPECT_NEAR(m.x, out.xy.x, 1e-6) << p.lon << "," << p.lat;
        EXPECT_NEAR(m.y, out.xy.y, 1e-6) << p.lon << "," << p.lat;
        const LonLat back = lonlat_of(world_point(p));
        EXPECT_NEAR(back.lon, p.lon, 1e-9);
        EXPECT_NEAR(back.lat, p.lat, 1e-9);
    }
}

TEST(TileMath, TileBoundsFollowTheXyzScheme) {
    const LonLatBounds world = tile_bounds({0, 0, 0});
    EXPECT_DOUBLE_EQ(world.west, -180);
    EXPECT_DOUBLE_EQ(world.east, 180);
    EXPECT_NEAR(world.north, kMaxLatitude, 1e-9);
    EXPECT_NEAR(world.south, -kMaxLatitude, 1e-9);
    // Pyongyang is in 10/869/391 (x = floor((lon + 180) / 360 * 2^z), y from the north).
    const LonLatBounds b = tile_bounds({10, 869, 391});
    EXPECT_LT(b.west, 125.7625);
    EXPECT_GT(b.east, 125.7625);
    EXPECT_LT(b.south, 39.0392);
    EXPECT_GT(b.north, 39.0392);
    const auto cover = tiles_covering(WorldBox{0.05, 0.05, 0.2, 0.2}, 2);
    ASSERT_EQ(cover.size(), 1u);
    EXPECT_EQ(cover[0], (TileId{2, 0, 0}));
    EXPECT_EQ(tiles_covering(WorldBox{-1, -1, 2, 2}, 1).size(), 4u) << "clamped to the world";
}

TEST(TileMath, TilePathsAreParsedStrictly) {
    EXPECT_EQ(parse_tile_path("3/4/5.mvt"), (TileId{3, 4, 5}));
    EXPECT_FALSE(parse_tile_path("3/4/x.mvt"));
    EXPECT_FALSE(parse_tile_path("-3/4/5.mvt"));
    EXPECT_FALSE(parse_tile_path("3/4/5.png"));
    EXPECT_FALSE(parse_tile_path("3/4.mvt"));
    EXPECT_FALSE(parse_tile_path("3/4/5/6.mvt"));
    EXPECT_FALSE(parse_tile_path(" 3/4/5.mvt"));
    ASSERT_TRUE(parse_tile_path("99999999999/0/0.mvt"));
    EXPECT_FALSE(valid_tile(*parse_tile_path("99999999999/0/0.mvt")));
    EXPECT_FALSE(valid_tile(*parse_tile_path("3/99999999999999999999/0.mvt")));
    EXPECT_FALSE(valid_tile({3, 8, 0}));
    EXPECT_FALSE(valid_tile({23, 0, 0}));
    EXPECT_TRUE(valid_tile({22, (1u << 22) - 1, 0}));
}

}  // namespace
}  // namespace corridor::tiles
