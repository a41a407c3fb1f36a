// The GEOS wrappers: validity, repair, prepared predicates, overlay.
#include <gtest/gtest.h>

#include <geos_c.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "corridor/check/geos.hpp"
#include "corridor/error.hpp"

namespace corridor {
namespace {

// Little-endian WKB for a one-ring polygon (ring given closed), written byte by byte.
std::vector<unsigned char> polygon_wkb(const std::vector<LonLat>& ring) {
    std::vector<unsigned char> out;
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xFF));
    };
    auto f64 = [&](double d) {
        const auto v = std::bit_cast<std::uint64_t>(d);
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xFF));
    };
    out.push_back(1);  // little endian
    u32(3);            // Polygon
    u32(1);            // one ring
    u32(static_cast<std::uint32_t>(ring.size()));
    for (const auto& p : ring) {
        f64(p.lon);
        f64(p.lat);
    }
    return out;
}

std::vector<unsigned char> square_wkb(double x0, double y0, double x1, double y1) {
    return polygon_wkb({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

double area(const geos::Context& g, const GEOSGeometry* geom) {
    double a = -1;
    EXPECT_EQ(GEOSArea_r(g.handle(), geom, &a), 1);
    return a;
}

double length(const geos::Context& g, const GEOSGeometry* geom) {
    double l = -1;
    EXPECT_EQ(GEOSLength_r(g.handle(), geom, &l), 1);
    return l;
}

TEST(Geos, ValidLineHasNoReason) {
    const geos::Context g;
    auto line = g.line({{0, 0}, {1, 1}, {2, 0}});
    EXPECT_FALSE(g.invalid_reason(line.get()).has_value());
    EXPECT_FALSE(g.is_empty(line.get()));
}

// The loader checks a route's line for finite coordinates and two distinct points
// instead of asking GEOS (model/load.cpp, check_line): GEOS must agree on every line.
TEST(Geos, ALineIsValidExactlyWhenItHasTwoDistinctFinitePoints) {
    const geos::Context g;
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<std::vector<LonLat>> lines = {
        {{0, 0}, {1, 1}},
        {{0, 0}, {0, 0}},
        {{0, 0}, {0, 0}, {0, 0}},
        {{0, 0}, {0, 0}, {1, 0}},
        {{1, 2}, {1, 2}, {1, 2.5}},
        {{0, 0}, {1, 1}, {0, 0}},
        {{0, 0}, {1, 1}, {1, 0}, {0, 1}},  // self-crossing
        {{0, 0}, {nan, 1}},
        {{0, 0}, {1, inf}},
        {{0, 0}, {1, 1}, {-inf, 2}},
        {{5, 5}},
        {{0, 0}, {1e-12, 0}},
        {{0, 0}, {1, 1}, {1, 1}},
    };
    for (const auto& line : lines) {
        bool distinct = false, finite = true;
        for (const auto& p : line) {
            distinct = distinct || !(p == line.front());
            finite = finite && std::isfinite(p.lon) && std::isfinite(p.lat);
        }
        const bool ours = finite && distinct && line.size() >= 2;
        if (line.size() < 2) {
            EXPECT_FALSE(ours);  // GEOS cannot make a one-point LineString at all
            continue;
        }
        auto geom = g.line(line);
        EXPECT_EQ(!g.invalid_reason(geom.get()).has_value(), ours) << "line of " << line.size() << " points";
    }
}

TEST(Geos, SquareFromWkbIsValid) {
    const geos::Context g;
    auto sq = g.from_wkb(square_wkb(0, 0, 2, 3));
    EXPECT_FALSE(g.invalid_reason(sq.get()).has_value());
    EXPECT_NEAR(area(g, sq.get()), 6.0, 1e-12);
}

TEST(Geos, BowtieIsInvalidAndMakeValidRepairsIt) {
    const geos::Context g;
    auto bowtie = g.from_wkb(polygon_wkb({{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}));
    const auto reason = g.invalid_reason(bowtie.get());
    ASSERT_TRUE(reason.has_value());
    EXPECT_NE(reason->find("Self-intersection"), std::string::npos) << *reason;

    auto fixed = g.make_valid(bowtie.get());
    EXPECT_FALSE(g.invalid_reason(fixed.get()).has_value());
    // two triangles of area 1/4 each
    EXPECT_NEAR(area(g, fixed.get()), 0.5, 1e-12);
}

TEST(Geos, GarbageWkbThrows) {
    const geos::Context g;
    const std::vector<unsigned char> junk{1, 2, 3};
    EXPECT_THROW(g.from_wkb(junk), error);
}

TEST(Geos, PreparedPredicates) {
    const geos::Context g;
    auto sq = g.from_wkb(square_wkb(0, 0, 1, 1));
    auto prep = g.prepare(sq.get());
    auto inside = g.line({{0.2, 0.2}, {0.8, 0.7}});
    auto crossing = g.line({{0.5, 0.5}, {1.5, 0.5}});
    auto outside = g.line({{2, 2}, {3, 3}});
    auto on_edge = g.line({{0, 0}, {1, 0}});

    EXPECT_TRUE(g.intersects(prep.get(), inside.get()));
    EXPECT_TRUE(g.covers(prep.get(), inside.get()));
    EXPECT_TRUE(g.intersects(prep.get(), crossing.get()));
    EXPECT_FALSE(g.covers(prep.get(), crossing.get()));
    EXPECT_FALSE(g.intersects(prep.get(), outside.get()));
    EXPECT_FALSE(g.covers(prep.get(), outside.get()));
    // covers, unlike contains, accepts the boundary
    EXPECT_TRUE(g.covers(prep.get(), on_edge.get()));
    EXPECT_TRUE(g.covers(prep.get(), g.point({0.5, 0.5}).get()));
    EXPECT_FALSE(g.covers(prep.get(), g.point({1.5, 0.5}).get()));
}

TEST(Geos, UnionOfOverlappingSquares) {
    const geos::Context g;
    std::vector<geos::GeomPtr> parts;
    parts.push_back(g.from_wkb(square_wkb(0, 0, 2, 2)));
    parts.push_back(g.from_wkb(square_wkb(1, 1, 3, 3)));
    auto u = g.union_all(std::move(parts));
    EXPECT_FALSE(g.invalid_reason(u.get()).has_value());
    EXPECT_NEAR(area(g, u.get()), 4 + 4 - 1, 1e-12);
    auto prep = g.prepare(u.get());
    EXPECT_TRUE(g.covers(prep.get(), g.point({0.5, 0.5}).get()));
    EXPECT_TRUE(g.covers(prep.get(), g.point({2.5, 2.5}).get()));
    EXPECT_FALSE(g.covers(prep.get(), g.point({2.5, 0.5}).get()));
    // one polygon: the line across the overlap stays inside
    EXPECT_TRUE(g.covers(prep.get(), g.line({{0.5, 0.5}, {2.5, 2.5}}).get()));
}

TEST(Geos, PointOnLine) {
    const geos::Context g;
    const Polyline coords{{0, 0}, {2, 2}, {4, 0}};
    auto line = g.line(coords);
    const LonLat p = g.point_on(line.get());
    auto pt = g.point(p);
    double d = -1;
    ASSERT_EQ(GEOSDistance_r(g.handle(), line.get(), pt.get(), &d), 1);
    EXPECT_NEAR(d, 0.0, 1e-9) << p.lon << " " << p.lat;
    EXPECT_GE(p.lon, 0.0);
    EXPECT_LE(p.lon, 4.0);
}

TEST(Geos, DifferenceOfCrossingLine) {
    const geos::Context g;
    auto sq = g.from_wkb(square_wkb(0, 0, 1, 1));
    auto crossing = g.line({{-1, 0.5}, {3, 0.5}});
    auto off = g.difference(crossing.get(), sq.get());
    EXPECT_FALSE(g.is_empty(off.get()));
    EXPECT_NEAR(length(g, off.get()), 3.0, 1e-12);  // 1 before the square, 2 after
    // a point of the difference: on the line, not strictly inside the square
    const LonLat p = g.point_on(off.get());
    double d = -1;
    ASSERT_EQ(GEOSDistance_r(g.handle(), off.get(), g.point(p).get(), &d), 1);
    EXPECT_NEAR(d, 0.0, 1e-9) << p.lon << " " << p.lat;
    EXPECT_TRUE(p.lon <= 0 || p.lon >= 1) << p.lon;

    auto inside = g.line({{0.2, 0.5}, {0.8, 0.5}});
    EXPECT_TRUE(g.is_empty(g.difference(inside.get(), sq.get()).get()));

    auto cut = g.intersection(sq.get(), crossing.get());
    EXPECT_NEAR(length(g, cut.get()), 1.0, 1e-12);
}

}  // namespace
}  // namespace corridor
