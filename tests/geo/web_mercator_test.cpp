// Web Mercator: forward_all gives the numbers forward gives point by point, on one part and
// on several (threads with their own PROJ copies), and errors name the point.
#include "corridor/geo/web_mercator.hpp"

#include <gtest/gtest.h>

#include <random>

#include "corridor/error.hpp"

namespace corridor {
namespace {

TEST(WebMercator, ForwardAllEqualsForwardPointByPointOnEveryThread) {
    const WebMercator m;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-89, 89);
    std::vector<LonLat> points;
    for (int i = 0; i < 450'000; ++i) points.push_back({lon(rng), lat(rng)});  // three parts of 200k at most
    const auto all = m.forward_all(points);
    ASSERT_EQ(all.size(), points.size());
    for (std::size_t i = 0; i < points.size(); i += 997) {
        const MercatorXY one = m.forward(points[i]);
        EXPECT_EQ(all[i].x, one.x) << i;
        EXPECT_EQ(all[i].y, one.y) << i;
    }
    // Pyongyang against the spherical formulas (x = a·λ, y = a·ln tan(π/4 + φ/2), a = 6378137 m),
    // and the clamp at the projection's edge.
    const MercatorXY p = m.forward({125.7625, 39.0392});
    EXPECT_NEAR(p.x, 13999817.460889068, 1e-6);
    EXPECT_NEAR(p.y, 4727288.192698017, 1e-6);
    EXPECT_NEAR(m.inverse(p).lat, 39.0392, 1e-9);
    EXPECT_EQ(m.forward({0, 90}).y, m.forward({0, kMaxMercatorLat}).y);
}

TEST(WebMercator, ANonFinitePointIsAnErrorNamingIt) {
    const WebMercator m;
    try {
        m.forward_all({{1, 2}, {std::numeric_limits<double>::quiet_NaN(), 3}});
        FAIL() << "no error";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("nan, 3"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace corridor
