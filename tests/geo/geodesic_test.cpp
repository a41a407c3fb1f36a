// Geodesic distances on WGS84 against reference values (Karney / GeographicLib).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "corridor/geo/geodesic.hpp"

namespace corridor {
namespace {

TEST(Geodesic, QuarterMeridian) {
    // Equator to pole along a meridian on WGS84: 10001965.7293 m.
    const Geodesic g;
    EXPECT_NEAR(g.distance({0, 0}, {0, 90}).value, 10001965.7293, 1e-3);
}

TEST(Geodesic, OneDegreeOfLongitudeOnTheEquator) {
    // a * pi / 180 with a = 6378137 m.
    const Geodesic g;
    EXPECT_NEAR(g.distance({0, 0}, {1, 0}).value, 111319.4908, 1e-3);
    EXPECT_NEAR(g.distance({100, 0}, {101, 0}).value, 111319.4908, 1e-3);
}

TEST(Geodesic, ZeroForIdenticalPoints) {
    const Geodesic g;
    EXPECT_EQ(g.distance({126.5, 40.25}, {126.5, 40.25}).value, 0.0);
    EXPECT_EQ(g.length({{10, 20}, {10, 20}}).value, 0.0);
}

TEST(Geodesic, Symmetric) {
    const Geodesic g;
    const LonLat a{131.9, 43.1}, b{130.3, 42.3};
    const double ab = g.distance(a, b).value;
    EXPECT_GT(ab, 100000.0);
    EXPECT_NEAR(ab, g.distance(b, a).value, 1e-6);
}

TEST(Geodesic, LengthIsTheSumOfSegments) {
    const Geodesic g;
    const Polyline line{{0, 0}, {1, 0}, {1, 1}, {3, 2.5}};
    const double sum =
        g.distance(line[0], line[1]).value + g.distance(line[1], line[2]).value + g.distance(line[2], line[3]).value;
    EXPECT_NEAR(g.length(line).value, sum, 1e-6);
    // Two one-degree steps along the equator.
    EXPECT_NEAR(g.length({{0, 0}, {1, 0}, {2, 0}}).value, 2 * 111319.4908, 2e-3);
}

TEST(Geodesic, LengthOfDegenerateLinesIsZero) {
    const Geodesic g;
    EXPECT_EQ(g.length({}).value, 0.0);
    EXPECT_EQ(g.length({{5, 5}}).value, 0.0);
}

TEST(Geodesic, MovedGeodesicStillWorks) {
    Geodesic a;
    Geodesic b = std::move(a);
    EXPECT_NEAR(b.distance({0, 0}, {1, 0}).value, 111319.4908, 1e-3);
}

// ---- distance_bound: never below the distance, close to it for nearby points ------------------

// Deterministic uniform numbers in [lo, hi) (64-bit LCG, high bits).
struct Lcg {
    std::uint64_t state = 42;
    double operator()(double lo, double hi) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return lo + (hi - lo) * static_cast<double>(state >> 11) / 9007199254740992.0;
    }
};

TEST(DistanceBound, NeverBelowTheGeodesicDistance) {
    const Geodesic g;
    Lcg rnd;
    for (int i = 0; i < 20000; ++i) {
        // pairs at every scale, from metres to antipodes, anywhere including near the poles
        const double scale = std::pow(10.0, rnd(-5, 2.5));
        const LonLat a{rnd(-180, 180), rnd(-90, 90)};
        const LonLat b{a.lon + rnd(-scale, scale), std::clamp(a.lat + rnd(-scale, scale), -90.0, 90.0)};
        const double d = g.distance(a, b).value, bound = distance_bound(a, b).value;
        ASSERT_GE(bound, d + 1e-4) << a.lon << "," << a.lat << " -> " << b.lon << "," << b.lat;
    }
}

TEST(DistanceBound, CloseForNearbyPoints) {
    const Geodesic g;
    Lcg rnd;
    for (int i = 0; i < 20000; ++i) {
        const LonLat a{rnd(-180, 180), rnd(-70, 70)};
        const LonLat b{a.lon + rnd(-0.05, 0.05), a.lat + rnd(-0.05, 0.05)};
        const double d = g.distance(a, b).value, bound = distance_bound(a, b).value;
        ASSERT_LE(bound, 1.5 * d + 2e-3) << a.lon << "," << a.lat << " -> " << b.lon << "," << b.lat;
    }
    // along a meridian nearly the distance (the meridian's curvature at the higher end), along
    // the equator the distance to the millimetre
    const double d = g.distance({126, 40}, {126, 40.5}).value;
    EXPECT_GE(distance_bound({126, 40}, {126, 40.5}).value, d);
    EXPECT_NEAR(distance_bound({126, 40}, {126, 40.5}).value, d, 1e-4 * d);
    EXPECT_NEAR(distance_bound({0, 0}, {1, 0}).value, 111319.4908, 2e-3);
    EXPECT_NEAR(distance_bound({126.5, 40.25}, {126.5, 40.25}).value, 1e-3, 1e-9);
}

TEST(DistanceBound, AcrossTheAntimeridian) {
    const Geodesic g;
    const double d = g.distance({179.99, 10}, {-179.99, 10}).value;
    EXPECT_GE(distance_bound({179.99, 10}, {-179.99, 10}).value, d);
    EXPECT_LT(distance_bound({179.99, 10}, {-179.99, 10}).value, 1.01 * d);
    EXPECT_LT(distance_bound({-179.99, 10}, {539.99, 10}).value, 1.01 * d);  // 539.99 is -180.01
}

TEST(DistanceBound, InfiniteForCoordinatesThatAreNotOnTheEllipsoid) {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(distance_bound({0, 0}, {nan, 0}).value, inf);
    EXPECT_EQ(distance_bound({0, nan}, {0, 0}).value, inf);
    EXPECT_EQ(distance_bound({inf, 0}, {0, 0}).value, inf);
    EXPECT_EQ(distance_bound({0, 91}, {0, 0}).value, inf);
    EXPECT_EQ(distance_bound({0, 0}, {0, -90.5}).value, inf);
}

}  // namespace
}  // namespace corridor
