#include <algorithm>
#include <vector>
// Route measures on the mini network and on the default network from the seeds.
#include "corridor/model/measure.hpp"

#include <gtest/gtest.h>

#include "corridor/geo/geodesic.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

const Route& find_route(const Network& n, const std::string& id) {
    for (const auto& r : n.routes)
        if (r.id == id) return r;
    throw std::runtime_error("no route " + id);
}

TEST(Measure, LengthIsGeodesicAndHoursFollowSpeed) {
    test::TempDir tmp;
    test::mini_network().write(tmp.path());
    const Network n = load_network(default_files(tmp / "geodata"));
    SpeedTable speeds = SpeedTable::defaults();
    speeds.kmh[Mode::rail] = 20;
    const auto m = measure_routes(n, speeds);
    ASSERT_EQ(m.size(), 1u);
    const double expected_km = Geodesic().distance({126.0, 40.0}, {126.1, 40.0}).value / 1000;
    EXPECT_NEAR(m[0].length.value, expected_km, 1e-6);  // collinear vertices: the middle one adds nothing
    EXPECT_NEAR(m[0].length.value, 8.53, 0.01);         // 0.1 degree of longitude at 40N
    EXPECT_NEAR(m[0].hours.value, m[0].length.value / 20, 1e-12);
    EXPECT_DOUBLE_EQ(m[0].capacity.tonnes.value, 3000.0);
}

TEST(Measure, BigNetworksAreMeasuredInParallelAsOneByOne) {
    // Above 50,000 routes measure_routes splits the work over threads.
    const Network net = generate_network({60000, 3});
    ASSERT_GT(net.routes.size(), 50000u);
    const SpeedTable speeds = SpeedTable::defaults();
    const auto m = measure_routes(net, speeds);
    ASSERT_EQ(m.size(), net.routes.size());
    const Geodesic geod;
    for (std::size_t i = 0; i < net.routes.size(); i += 997) {
        const Route& r = net.routes[i];
        EXPECT_DOUBLE_EQ(m[i].length.value, to_km(geod.length(r.line)).value) << r.id;
        EXPECT_DOUBLE_EQ(m[i].hours.value, speeds.hours(r.mode, m[i].length).value) << r.id;
        EXPECT_DOUBLE_EQ(m[i].capacity.tonnes.value, *r.figures.capacity) << r.id;
    }
    EXPECT_GT(m.back().length.value, 0.0) << "the last range is measured too";
}

class DefaultNetwork : public ::testing::Test {
protected:
    Network net = load_network(default_files(test::geodata_dir()));
    std::vector<RouteMeasure> measures = measure_routes(net, SpeedTable::defaults());
    const RouteMeasure& measure(const std::string& id) const {
        for (std::size_t i = 0; i < net.routes.size(); ++i)
            if (net.routes[i].id == id) return measures[i];
        throw std::runtime_error("no route " + id);
    }
};

TEST_F(DefaultNetwork, FerryCarriesSixThousandTonnesAndTwelveHundredPassengers) {
    const auto& m = measure("mangyongbong_ferry");
    EXPECT_DOUBLE_EQ(m.capacity.tonnes.value, 6000.0);
    EXPECT_DOUBLE_EQ(m.capacity.passengers.value, 1200.0);
    EXPECT_EQ(find_route(net, "mangyongbong_ferry").basis, Basis::text);
}

TEST_F(DefaultNetwork, KhasanRajinRailwayIsAbout54KmThroughTheBridgeAndTheGaugeBreak) {
    // Khasan - Friendship Bridge - Tumangang - Hongui - Sonbong - Rajin, published as about 54 km.
    double km = 0;
    for (const char* id : {"khasan_bridge_rail", "bridge_tumangang_rail", "tumangang_hongui_rail",
                           "hongui_sungri_junction_rail", "sungri_junction_rajin_rail"}) {
        const Route& r = find_route(net, id);
        EXPECT_EQ(r.gauge, kDualGauge) << id;
        EXPECT_EQ(r.basis, Basis::assumed) << id;
        EXPECT_FALSE(r.note.empty()) << id;
        km += measure(id).length.value;
    }
    EXPECT_NEAR(km, 54.0, 5.4);
    EXPECT_EQ(net.place("friendship_bridge").kind, "bridge");
    EXPECT_TRUE(net.place("friendship_bridge").capacity.has_value());
    EXPECT_EQ(net.place("tumangang").transfer, "gauge");
    EXPECT_EQ(find_route(net, "makhalino_khasan_rail").gauge, 1520);
    EXPECT_EQ(find_route(net, "hongui_namyang_rail").gauge, 1435);
}

TEST_F(DefaultNetwork, SeaLaneVladivostokRajinIsAboutNinetyNauticalMiles) {
    const Route& r = find_route(net, "mangyongbong_ferry");
    const double straight = Geodesic().distance(r.line.front(), r.line.back()).value / 1000;
    const double km = measure("mangyongbong_ferry").length.value;
    EXPECT_GT(km, straight);                        // it keeps to sea, round the coast
    EXPECT_NEAR(km, 90 * 1.852, 90 * 1.852 * 0.1);  // within 10% of about 90 nmi
}

// Degrees, minutes and seconds as the sources print them, to decimal degrees.
double dms(double d, double m, double s) { return d + m / 60 + s / 3600; }

TEST_F(DefaultNetwork, LocatedPlacesSitAtTheirPublishedCoordinates) {
    // The coordinates the places' sources name (docs/the-default-network-sources.md), typed
    // here from the sources, not from geodata/: a place moved away from its source fails.
    struct Located {
        const char* id;
        LonLat published;
        double within_km;  // how far the source says the place was put from that coordinate
    };
    const Located located[] = {
        {"baranovsky", {dms(131, 55, 38), dms(43, 38, 44)}, 0.05},        // ru.wikipedia station article
        {"musan", {dms(129, 12, 54), dms(42, 13, 25)}, 0.05},             // en.wikipedia 'Musan station'
        {"kraskino", {dms(130, 46, 55), dms(42, 42, 30)}, 0.05},          // fr.wikipedia 'Kraskino'
        {"hunchun", {dms(130, 21, 58), dms(42, 51, 47)}, 0.05},           // en.wikipedia 'Hunchun'
        {"khasan", {dms(130, 38, 41.7), dms(42, 25, 48.2)}, 0.05},        // pl.wikipedia station article
        {"hoeryong", {dms(129, 44, 33), dms(42, 26, 42)}, 0.05},          // en.wikipedia station article
        {"sunchon", {125.9367, 39.4228}, 0.05},                           // en.wikipedia station article
        {"friendship_bridge", {130.641271, 42.415217}, 0.05},             // OSM rail border point
        {"namyang", {129.849287, 42.949015}, 0.8},                        // 0.8 km line to that border point
        {"dandong", {dms(124, 23, 26), dms(40, 6, 59)}, 0.6},             // bridge midpoint, bridgehead
        {"vladivostok", {dms(131, 52, 53.58), dms(43, 6, 40.18)}, 0.35},  // 0.3 km from the station
        {"tumangang", {dms(130, 36, 29), dms(42, 25, 17)}, 0.05},         // ru.wikipedia station article
        {"dalian", {dms(121, 39, 17), dms(38, 55, 44)}, 0.05},            // en.wikipedia 'Port of Dalian'
    };
    const Geodesic geod;
    for (const auto& l : located) {
        const double km = geod.distance(net.place(l.id).pos, l.published).value / 1000;
        EXPECT_LE(km, l.within_km) << l.id;
    }
}

TEST_F(DefaultNetwork, LinesMeetingTheTargetStayWithinTenPercentOfTheirPublishedLength) {
    // The lines the sources page lists within 10% of a published length (the others are
    // listed there with their deviation and why).
    struct Published {
        std::vector<const char*> routes;
        double km;
    };
    const Published lines[] = {
        {{"hoeryong_chongjin_rail", "namyang_hoeryong_rail", "hongui_namyang_rail", "hongui_sungri_junction_rail",
          "sungri_junction_rajin_rail"},
         331.3},                               // Hambuk line, km -3.1 to 328.2
        {{"hongui_namyang_rail"}, 116.6},      // Hambuk line km 169.0 to 285.6
        {{"makhalino_khasan_rail"}, 41.0},     // Baranovsky-Khasan line km 197 to 238
        {{"dandong_sinuiju_pipeline"}, 29.4},  // nocutnews.co.kr 2017
        {{"tumangang_hongui_rail", "hongui_sungri_junction_rail", "sungri_junction_rajin_rail"},
         49.0},                                                  // Tumangang-Rajin, ru.wikipedia station article
        {{"khasan_bridge_rail", "bridge_tumangang_rail"}, 5.0},  // Khasan-Tumangang, same
        {{"sinuiju_pyongyang_rail"}, 225.1},                     // P'yongui line, en.wikipedia 'Pyongui Line'
    };
    for (const auto& line : lines) {
        double km = 0;
        for (const char* id : line.routes) km += measure(id).length.value;
        EXPECT_NEAR(km, line.km, line.km * 0.1) << line.routes.front();
    }
}

TEST_F(DefaultNetwork, PyonguiLineStartsAtPyongyangStation) {
    // The P'yongui line's km 0 is Pyongyang station, ru.wikipedia 'Пхеньян (станция)'
    // 39°00'17"N 125°44'11"E; its next station is Sop'yongyang, de.wikipedia 39°3'11"N 125°43'34"E.
    // The route runs Sinuiju -> ... -> Sop'yongyang -> Pyongyang station -> the city place.
    const Route& r = find_route(net, "sinuiju_pyongyang_rail");
    const LonLat station{dms(125, 44, 11), dms(39, 0, 17)};
    const LonLat sopyongyang{dms(125, 43, 34), dms(39, 3, 11)};
    ASSERT_GE(r.line.size(), 3u);
    const Geodesic geod;
    EXPECT_LE(geod.distance(r.line[r.line.size() - 2], station).value, 50.0);
    EXPECT_LE(geod.distance(r.line[r.line.size() - 3], sopyongyang).value, 50.0);
    // From the station to Sinuiju Ch'ongnyon (the published line, 225.1 km) within 10%: the route
    // less its first leg, the city centre to the station.
    const double stub_km = geod.distance(r.line.back(), station).value / 1000;
    EXPECT_NEAR(measure("sinuiju_pyongyang_rail").length.value - stub_km, 225.1, 22.51);
}

TEST_F(DefaultNetwork, NationalFiguresAreNotPinnedToLanes) {
    // "36,000 tons of oil products in 2015" and "2 million tonnes in December" are national
    // observations (observations.json), not one lane's observed flow or capacity floor.
    EXPECT_FALSE(measure("vladivostok_rajin_tanker").capacity.observed.has_value());
    EXPECT_FALSE(measure("nampo_dalian_coal").capacity.observed.has_value());
    EXPECT_FALSE(measure("dandong_sinuiju_pipeline").capacity.observed.has_value());
    // Reuters puts China's product exports on the Dalian-Nampo sea route: 270,000 t a year there.
    EXPECT_DOUBLE_EQ(measure("dalian_nampo_tanker").capacity.observed->value, 22500.0);
}

TEST_F(DefaultNetwork, CrudeBecomesOilProductsAtARefineryAndNeverTravelsByRail) {
    EXPECT_EQ(net.place("ponghwa_refinery").converts_from, "crude_oil");
    EXPECT_EQ(net.place("ponghwa_refinery").converts_to, "oil_products");
    EXPECT_EQ(find_route(net, "dandong_sinuiju_pipeline").to_id, "ponghwa_refinery");
    for (const auto& r : net.routes) {
        if (r.mode == Mode::rail) {
            EXPECT_EQ(std::count(r.commodities.begin(), r.commodities.end(), "crude_oil"), 0) << r.id;
        }
    }
}

TEST_F(DefaultNetwork, EveryRouteWithoutTextBasisIsLabelled) {
    for (const auto& r : net.routes) {
        if (r.basis == Basis::text) continue;
        EXPECT_EQ(r.basis, Basis::assumed) << r.id;
        EXPECT_FALSE(r.note.empty()) << r.id;
    }
}

}  // namespace
}  // namespace corridor
