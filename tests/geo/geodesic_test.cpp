// Geodesic distances on WGS84 against reference values (Karney / GeographicLib).
#include <gtest/gtest.h>

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
    const double sum = g.distance(line[0], line[1]).value + g.distance(line[1], line[2]).value +
                       g.distance(line[2], line[3]).value;
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

}  // namespace
}  // namespace corridor
