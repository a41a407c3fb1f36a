// Geographic checks: interiors of lines, endpoints at their places, ships at sea, land modes on land.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "corridor/check/geography.hpp"
#include "corridor/geo/geodesic.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;

constexpr double kMetresPerDegreeOnEquator = 111319.4908;

std::string all_lines(const std::vector<Issue>& issues) {
    std::string s;
    for (const auto& i : issues) s += i.line() + "\n";
    return s;
}

// ---- interior ---------------------------------------------------------------------------------

TEST(Interior, StraightLineLosesItsMarginsAtBothEnds) {
    const Geodesic geod;
    const double end_lon = 20000.0 / kMetresPerDegreeOnEquator;  // 20 km along the equator
    const Polyline line{{0, 0}, {end_lon, 0}};
    ASSERT_NEAR(geod.length(line).value, 20000.0, 0.01);

    const Polyline in = interior(line, Metres{5000});
    ASSERT_GE(in.size(), 2u);
    EXPECT_NEAR(geod.length(in).value, 10000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.front(), in.front()).value, 5000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.back(), in.back()).value, 5000.0, 50.0);
}

TEST(Interior, NotOnTheEquator) {
    // a 20 km north-south line at 40N
    const Geodesic geod;
    const Polyline line{{126.0, 40.0}, {126.0, 40.0 + 20000.0 / 111000.0}};
    const double total = geod.length(line).value;
    const Polyline in = interior(line, Metres{5000});
    ASSERT_GE(in.size(), 2u);
    EXPECT_NEAR(geod.length(in).value, total - 10000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.front(), in.front()).value, 5000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.back(), in.back()).value, 5000.0, 50.0);
}

TEST(Interior, KeepsTheInnerVertices) {
    // 40 km along the equator in four 10 km steps: the interior keeps the three inner vertices
    const Geodesic geod;
    const double step = 10000.0 / kMetresPerDegreeOnEquator;
    const Polyline line{{0, 0}, {step, 0}, {2 * step, 0}, {3 * step, 0}, {4 * step, 0}};
    const Polyline in = interior(line, Metres{5000});
    ASSERT_EQ(in.size(), 5u);
    EXPECT_EQ(in[1], line[1]);
    EXPECT_EQ(in[2], line[2]);
    EXPECT_EQ(in[3], line[3]);
    EXPECT_NEAR(geod.length(in).value, 30000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.front(), in.front()).value, 5000.0, 50.0);
    EXPECT_NEAR(geod.distance(line.back(), in.back()).value, 5000.0, 50.0);
}

TEST(Interior, ShorterThanTwiceTheMarginIsEmpty) {
    const double end_lon = 8000.0 / kMetresPerDegreeOnEquator;  // 8 km < 2 x 5 km
    EXPECT_TRUE(interior({{0, 0}, {end_lon, 0}}, Metres{5000}).empty());
    EXPECT_TRUE(interior({{0, 0}, {end_lon / 2, 0}, {end_lon, 0}}, Metres{5000}).empty());
}

TEST(Interior, DiagonalShorterThanTwiceTheMarginIsEmpty) {
    // 9 km to the north-east: a bound along meridian and parallel says ~12.7 km, PROJ decides
    const double step = 9000.0 / std::sqrt(2.0) / kMetresPerDegreeOnEquator;
    EXPECT_TRUE(interior({{0, 0}, {step, step}}, Metres{5000}).empty());
    const double longer = 11000.0 / std::sqrt(2.0) / kMetresPerDegreeOnEquator;
    EXPECT_GE(interior({{0, 0}, {longer, longer}}, Metres{5000}).size(), 2u);
}

// ---- check_geography on the mini network --------------------------------------------------------

struct Loaded {
    test::TempDir dir;
    Network net;
    std::string routes_file;
};

void load(Loaded& l, const test::MiniNetwork& m) {
    m.write(l.dir.path());
    l.net = load_network(default_files(l.dir / "geodata"));
    l.routes_file = (l.dir.path() / "geodata" / "routes.geojson").string();
}

json& route0(test::MiniNetwork& m) { return m.routes["features"][0]; }

// A copy of the mini route with another id, mode and line.
json route_like(const test::MiniNetwork& m, const std::string& id, const std::string& mode, const json& coords) {
    json r = m.routes["features"][0];
    r["properties"]["id"] = id;
    r["properties"]["mode"] = mode;
    r["geometry"]["coordinates"] = coords;
    return r;
}

class CheckGeography : public ::testing::Test {
protected:
    Basemap basemap_for(const Loaded& l) { return Basemap::load(l.dir / "geodata/land.geojson"); }
};

TEST_F(CheckGeography, CleanNetworkHasNoIssues) {
    Loaded l;
    load(l, test::mini_network());
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST_F(CheckGeography, EndpointFarFromItsPlace) {
    auto m = test::mini_network();
    // last vertex ~2 km north of place b (126.1, 40.0)
    route0(m)["geometry"]["coordinates"] = json{{126.0, 40.0}, {126.05, 40.0}, {126.1, 40.018}};
    Loaded l;
    load(l, m);
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "to_id");
    EXPECT_EQ(issues[0].where.feature, "ab_rail");
    EXPECT_EQ(issues[0].where.file, l.routes_file);
    EXPECT_NE(issues[0].message.find("place b"), std::string::npos) << issues[0].message;

    // the same without a basemap
    const auto no_land = check_geography(l.net, nullptr);
    ASSERT_EQ(no_land.size(), 1u) << all_lines(no_land);
    EXPECT_EQ(no_land[0].where.field, "to_id");
}

TEST_F(CheckGeography, StartFarFromItsPlace) {
    auto m = test::mini_network();
    route0(m)["geometry"]["coordinates"] = json{{126.0, 39.98}, {126.05, 40.0}, {126.1, 40.0}};
    Loaded l;
    load(l, m);
    const auto issues = check_geography(l.net, nullptr);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "from_id");
    EXPECT_EQ(issues[0].where.feature, "ab_rail");
}

TEST_F(CheckGeography, EndpointWithinToleranceIsFine) {
    auto m = test::mini_network();
    // ~500 m from b: inside the 1 km tolerance
    route0(m)["geometry"]["coordinates"] = json{{126.0, 40.0}, {126.05, 40.0}, {126.1, 40.0045}};
    Loaded l;
    load(l, m);
    const auto issues = check_geography(l.net, nullptr);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST_F(CheckGeography, EndpointsJustInsideAndOutsideTheToleranceDiagonally) {
    // ends 950 m and 1050 m north-east of b: along meridian and parallel both are over 1 km
    const Geodesic geod;
    const LonLat b{126.1, 40.0};
    auto north_east_of_b = [&](double metres) {
        const double k = metres / geod.distance(b, {b.lon + 0.01, b.lat + 0.01}).value * 0.01;
        return LonLat{b.lon + k, b.lat + k};
    };
    for (const double metres : {950.0, 1050.0}) {
        auto m = test::mini_network();
        const LonLat end = north_east_of_b(metres);
        ASSERT_NEAR(geod.distance(b, end).value, metres, 2.0);
        route0(m)["geometry"]["coordinates"] = json{{126.0, 40.0}, {126.05, 40.0}, {end.lon, end.lat}};
        Loaded l;
        load(l, m);
        const auto issues = check_geography(l.net, nullptr);
        if (metres < 1000) {
            EXPECT_TRUE(issues.empty()) << all_lines(issues);
        } else {
            ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
            EXPECT_EQ(issues[0].where.field, "to_id");
            EXPECT_NE(issues[0].message.find("1.05 km"), std::string::npos) << issues[0].message;
        }
    }
}

TEST_F(CheckGeography, RailLeavingLand) {
    auto m = test::mini_network();
    // the middle goes to lat 41.5, ~170 km from either end and outside the land square (lat <= 41)
    route0(m)["geometry"]["coordinates"] = json{{126.0, 40.0}, {126.05, 41.5}, {126.1, 40.0}};
    Loaded l;
    load(l, m);
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "geometry");
    EXPECT_EQ(issues[0].where.feature, "ab_rail");
    EXPECT_EQ(issues[0].where.file, l.routes_file);
    EXPECT_NE(issues[0].message.find("leaves land"), std::string::npos) << issues[0].message;

    // without a basemap only the endpoints are checked, and they are fine
    const auto no_land = check_geography(l.net, nullptr);
    EXPECT_TRUE(no_land.empty()) << all_lines(no_land);
}

TEST_F(CheckGeography, FerryOnLand) {
    auto m = test::mini_network();
    // a -> 55 km north -> b: all on the land square, far beyond 5 km from the ends
    route0(m) = route_like(m, "ab_ferry", "ferry", json{{126.0, 40.0}, {126.0, 40.5}, {126.1, 40.5}, {126.1, 40.0}});
    Loaded l;
    load(l, m);
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "geometry");
    EXPECT_EQ(issues[0].where.feature, "ab_ferry");
    EXPECT_NE(issues[0].message.find("crosses land"), std::string::npos) << issues[0].message;
}

TEST_F(CheckGeography, FerryAtSeaExceptNearItsPorts) {
    auto m = test::mini_network();
    // ports just inside the west coast of the land square (lon 125.0), ~850 m inland
    m.places["features"][0]["geometry"]["coordinates"] = json{125.01, 40.0};
    m.places["features"][1]["geometry"]["coordinates"] = json{125.01, 40.3};
    route0(m) = route_like(m, "ab_ferry", "ferry", json{{125.01, 40.0}, {124.9, 40.0}, {124.9, 40.3}, {125.01, 40.3}});
    Loaded l;
    load(l, m);
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST_F(CheckGeography, FerryCrossingLandMidway) {
    auto m = test::mini_network();
    // same ports, but the ferry cuts through land 10 km east of the coast in the middle
    m.places["features"][0]["geometry"]["coordinates"] = json{125.01, 40.0};
    m.places["features"][1]["geometry"]["coordinates"] = json{125.01, 40.3};
    route0(m) = route_like(m, "ab_ferry", "ferry",
                           json{{125.01, 40.0},
                                {124.9, 40.0},
                                {124.9, 40.1},
                                {125.12, 40.15},
                                {124.9, 40.2},
                                {124.9, 40.3},
                                {125.01, 40.3}});
    Loaded l;
    load(l, m);
    const Basemap land = basemap_for(l);
    const auto issues = check_geography(l.net, &land);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_NE(issues[0].message.find("crosses land"), std::string::npos) << issues[0].message;
}

TEST(CheckGeographyCoast, RailAlongTheCoastlineIsAFindingOrNothingButNeverAThrow) {
    // Land is a triangle whose long edge is a straight coastline; the rail routes run exactly
    // along that edge. Covered (on the boundary) or not, check_geography returns values.
    test::TempDir dir;
    const json land = {
        {"type", "FeatureCollection"},
        {"features",
         {{{"type", "Feature"},
           {"properties", {{"name", "land"}}},
           {"geometry", {{"type", "Polygon"}, {"coordinates", {{{0.0, 0.0}, {3.0, 1.0}, {0.0, 1.0}, {0.0, 0.0}}}}}}}}}};
    test::write_json(dir / "land.geojson", land);
    const Basemap basemap = Basemap::load(dir / "land.geojson");
    int throws = 0;
    std::string first;
    for (int i = 1; i <= 100; ++i) {
        const double t0 = i / 1000.0 * 0.3, t1 = 1 - t0;
        const LonLat a{3 * t0, t0}, b{3 * t1, t1};
        Network net;
        net.routes_file = "routes.geojson";
        auto place = [](const char* id, LonLat pos) {
            Place p;
            p.id = std::string(id);
            p.name = std::string(id);
            p.country = std::string("KP");
            p.kind = std::string("city");
            p.pos = pos;
            return p;
        };
        net.places = {place("a", a), place("b", b)};
        net.build_index();
        Route r;
        r.id = "coast_rail";
        r.mode = Mode::rail;
        r.from_id = "a";
        r.to_id = "b";
        r.line = {a, b};
        net.routes = {r};
        try {
            for (const auto& issue : check_geography(net, &basemap))
                EXPECT_EQ(issue.where.field, "geometry") << issue.line();
        } catch (const std::exception& e) {
            if (throws++ == 0) first = fmt::format("{},{} -> {},{}: {}", a.lon, a.lat, b.lon, b.lat, e.what());
        }
    }
    EXPECT_EQ(throws, 0) << "check_geography threw for " << throws << " of 100 lines, first: " << first;
}

TEST(Basemap, MissingFileThrows) {
    test::TempDir dir;
    EXPECT_THROW(Basemap::load(dir / "nope.geojson"), error);
}

}  // namespace
}  // namespace corridor
