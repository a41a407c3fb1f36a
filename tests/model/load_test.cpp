// Schema reading: every kind of bad input is refused with file, feature id and field.
#include "corridor/model/load.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "corridor/error.hpp"
#include "corridor/io/read.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/report/input.hpp"
#include "support/fixtures.hpp"
#include "support/parts.hpp"

namespace corridor {
namespace {

using nlohmann::json;
using test::MiniNetwork;
using test::TempDir;

class LoadTest : public ::testing::Test {
protected:
    TempDir tmp;
    MiniNetwork net = test::mini_network();
    std::filesystem::path geodata() const { return tmp.path() / "geodata"; }
    json& route_props() { return net.routes["features"][0]["properties"]; }
    json& place_props(int i) { return net.places["features"][i]["properties"]; }

    // Loads and returns the error; fails the test when loading succeeds.
    input_error refused() {
        net.write(tmp.path());
        try {
            load_network(default_files(geodata()));
        } catch (const input_error& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line: " << e.what();
            return e;
        }
        ADD_FAILURE() << "expected an input_error";
        return input_error("none");
    }
};

TEST_F(LoadTest, ReadsTheMiniNetwork) {
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    ASSERT_EQ(n.places.size(), 2u);
    ASSERT_EQ(n.routes.size(), 1u);
    const Route& r = n.routes[0];
    EXPECT_EQ(r.id, "ab_rail");
    EXPECT_EQ(r.mode, Mode::rail);
    EXPECT_TRUE(r.two_way);
    EXPECT_EQ(r.commodities, (std::vector<std::string>{"cargo", "coal"}));
    EXPECT_EQ(r.figures.payload_t, 500.0);
    EXPECT_EQ(r.figures.trips_mo, 6.0);
    EXPECT_FALSE(r.figures.capacity.has_value());
    EXPECT_EQ(r.basis, Basis::text);
    ASSERT_EQ(r.line.size(), 3u);
    EXPECT_DOUBLE_EQ(r.line[1].lon, 126.05);
    EXPECT_EQ(n.place("b").pos, (LonLat{126.1, 40.0}));
    // The route's ends are resolved once, to the places' indices.
    EXPECT_EQ(n.places[n.from_index(r)].id, r.from_id);
    EXPECT_EQ(n.places[n.to_index(r)].id, r.to_id);
    EXPECT_NE(r.from, Route::kUnresolved);
    EXPECT_NE(r.to, Route::kUnresolved);
}

TEST_F(LoadTest, CommodityMayBeAJsonList) {
    route_props()["commodity"] = json::array({"oil_products", "coal"});
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    EXPECT_EQ(n.routes[0].commodities, (std::vector<std::string>{"oil_products", "coal"}));
}

TEST_F(LoadTest, OpenDatesAreReadOnRoutesAndPlaces) {
    route_props()["open_from"] = "2017-05-18";
    place_props(1)["open_until"] = "2017-12-31";
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    EXPECT_EQ(n.routes[0].open.from, *parse_date("2017-05-18"));
    EXPECT_EQ(n.routes[0].open.until, Period::kOpenEnd);
    EXPECT_EQ(n.places[1].open.until, *parse_date("2017-12-31"));
    EXPECT_TRUE(n.places[0].open.always());
}

TEST_F(LoadTest, ImpossibleOrReversedOpenDatesAreRefused) {
    route_props()["open_from"] = "2017-02-30";
    EXPECT_NE(std::string(refused().what()).find("field open_from: \"2017-02-30\" is not a date"), std::string::npos);
    route_props()["open_from"] = "2017-06-01";
    route_props()["open_until"] = "2017-05-01";
    EXPECT_NE(std::string(refused().what()).find("field open_until: 2017-05-01 is before open_from 2017-06-01"),
              std::string::npos);
}

TEST_F(LoadTest, MissingBasisMeansUnsourced) {
    route_props().erase("basis");
    net.write(tmp.path());
    EXPECT_EQ(load_network(default_files(geodata())).routes[0].basis, Basis::unsourced);
}

TEST_F(LoadTest, TheOldSeedFieldNamesAreRefusedWithTheNewOnes) {
    route_props()["source"] = route_props()["seed"];
    route_props().erase("seed");
    const input_error e = refused();
    EXPECT_EQ(e.where().field, "source");
    EXPECT_NE(std::string(e.what()).find("renamed to seed"), std::string::npos) << e.what();
    route_props()["seed"] = route_props()["source"];
    route_props().erase("source");
    route_props()["obs_source"] = "seed.txt";
    const input_error o = refused();
    EXPECT_EQ(o.where().field, "obs_source");
    EXPECT_NE(std::string(o.what()).find("renamed to obs_seed"), std::string::npos) << o.what();
}

TEST_F(LoadTest, APlaceKeepsItsSourceField) {
    place_props(0)["source"] = "a survey";
    net.write(tmp.path());
    EXPECT_EQ(load_network(default_files(geodata())).places[0].source.str(), "a survey");
}

TEST_F(LoadTest, MalformedGeoJson) {
    net.write(tmp.path());
    test::write_file(geodata() / "routes.geojson", "{\"type\": \"FeatureCollection\", \"features\": [ {");
    try {
        load_network(default_files(geodata()));
        FAIL() << "malformed file accepted";
    } catch (const input_error& e) {
        EXPECT_EQ(e.where().file, (geodata() / "routes.geojson").string());
        EXPECT_NE(std::string(e.what()).find("cannot read"), std::string::npos) << e.what();
    }
}

TEST_F(LoadTest, UnreadableInput) {
    net.write(tmp.path());
    std::filesystem::remove(geodata() / "places.geojson");
    try {
        load_network(default_files(geodata()));
        FAIL() << "missing file accepted";
    } catch (const input_error& e) {
        EXPECT_EQ(e.where().file, (geodata() / "places.geojson").string());
        EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos);
    }
    std::filesystem::create_directory(geodata() / "places.geojson");
    EXPECT_THROW(load_network(default_files(geodata())), input_error);
    std::filesystem::remove(geodata() / "places.geojson");
    test::write_file(geodata() / "places.geojson", "");
    EXPECT_THROW(load_network(default_files(geodata())), input_error);
}

TEST_F(LoadTest, MissingField) {
    route_props().erase("mode");
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "ab_rail");
    EXPECT_EQ(e.where().field, "mode");
    EXPECT_NE(e.detail().find("missing"), std::string::npos);
}

TEST_F(LoadTest, NamesAreOptional) {
    place_props(1).erase("name");
    route_props().erase("name");
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    EXPECT_EQ(n.place("b").name, "");
    EXPECT_EQ(n.routes[0].name, "");
}

// A raw line layer (no corridor fields) and no places file: every problem in one run, each
// missing field once with the count of features that lack it, in the order a single pass
// meets them.
TEST_F(LoadTest, EveryProblemOfBothLayersInOneRun) {
    net.write(tmp.path());
    std::filesystem::remove(geodata() / "places.geojson");
    json raw = {{"type", "FeatureCollection"}, {"features", json::array()}};
    for (int i = 0; i < 5; ++i)
        raw["features"].push_back({{"type", "Feature"},
                                   {"properties", {{"railway", "rail"}, {"gauge", 1435}}},
                                   {"geometry", {{"type", "LineString"}, {"coordinates", {{126, 40}, {126.1, 40}}}}}});
    test::write_file(geodata() / "routes.geojson", raw.dump());
    try {
        load_network(default_files(geodata()));
        FAIL() << "a raw layer was accepted";
    } catch (const input_errors& e) {
        const std::string routes = (geodata() / "routes.geojson").string();
        const std::string places = (geodata() / "places.geojson").string();
        std::vector<std::string> want = {places + ": cannot read: no such file"};
        for (const char* field : {"id", "mode", "from_id", "to_id", "two_way", "commodity"})
            want.push_back(
                fmt::format("{}: feature #1: field {}: missing (required) (and 4 other features)", routes, field));
        want.push_back(routes +
                       ": feature #1: field capacity: missing: give capacity (t/month), payload_t and trips_mo, or "
                       "annual_t (t/year) (and 4 other features)");
        EXPECT_EQ(e.what(), fmt::format("{}", fmt::join(want, "\n")));
        ASSERT_EQ(e.listed().size(), want.size());
        EXPECT_EQ(e.listed()[1].message, "missing (required)");  // the count is on the line only
        // The first problem is where() and detail(), as for a single one.
        EXPECT_EQ(e.where().file, places);
    }
}

// Several problems of one feature and of several features: all of them, features in file
// order, and within a feature in the order of its fields' checks.
TEST_F(LoadTest, EveryProblemOfAFeatureIsListed) {
    place_props(0)["country"] = "Korea";
    route_props()["mode"] = "zeppelin";
    route_props()["two_way"] = "sometimes";
    route_props().erase("from_id");
    try {
        net.write(tmp.path());
        load_network(default_files(geodata()));
        FAIL() << "accepted";
    } catch (const input_errors& e) {
        std::vector<std::string> fields;
        for (const Issue& i : e.listed()) fields.push_back(i.where.feature + "." + i.where.field);
        EXPECT_EQ(fields, (std::vector<std::string>{"a.country", "ab_rail.mode", "ab_rail.from_id", "ab_rail.two_way"}))
            << e.what();
    }
}

TEST_F(LoadTest, ListsAtMostTwentyKindsOfProblemThenCountsTheRest) {
    json& features = net.routes["features"];
    for (int i = 1; i <= 30; ++i) {
        json f = features[0];
        f["properties"]["id"] = fmt::format("r{}", i);
        f["properties"]["to_id"] = fmt::format("nowhere_{}", i);  // 30 different messages
        features.push_back(f);
    }
    try {
        net.write(tmp.path());
        load_network(default_files(geodata()));
        FAIL() << "accepted";
    } catch (const input_errors& e) {
        ASSERT_EQ(e.listed().size(), kListedProblems);
        EXPECT_EQ(e.listed().front().where.feature, "r1");
        EXPECT_EQ(e.listed().back().where.feature, "r20");
        const std::string text = e.what();
        EXPECT_EQ(text.substr(text.rfind('\n') + 1), "and 10 more problems not listed (the first 20 kinds are)");
    }
}

TEST_F(LoadTest, MistypedFields) {
    route_props()["two_way"] = "sometimes";
    auto e = refused();
    EXPECT_EQ(e.where().field, "two_way");

    route_props()["two_way"] = true;
    route_props()["payload_t"] = "lots";
    e = refused();
    EXPECT_EQ(e.where().field, "payload_t");
    EXPECT_NE(e.detail().find("expected a number"), std::string::npos);

    route_props()["payload_t"] = 500;
    place_props(0)["country"] = "Korea";
    e = refused();
    EXPECT_EQ(e.where().feature, "a");
    EXPECT_EQ(e.where().field, "country");
}

TEST_F(LoadTest, NumericStringsAreNumbers) {
    route_props()["payload_t"] = "500";
    net.write(tmp.path());
    EXPECT_EQ(load_network(default_files(geodata())).routes[0].figures.payload_t, 500.0);
}

TEST_F(LoadTest, UnknownPlaceId) {
    route_props()["to_id"] = "atlantis";
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "ab_rail");
    EXPECT_EQ(e.where().field, "to_id");
    EXPECT_NE(e.detail().find("atlantis"), std::string::npos);
}

TEST_F(LoadTest, UnknownMode) {
    route_props()["mode"] = "zeppelin";
    EXPECT_EQ(refused().where().field, "mode");
}

TEST_F(LoadTest, NegativeCapacity) {
    route_props().erase("payload_t");
    route_props().erase("trips_mo");
    route_props()["capacity"] = -5;
    const auto e = refused();
    EXPECT_EQ(e.where().field, "capacity");
    EXPECT_NE(e.detail().find("negative"), std::string::npos);
}

TEST_F(LoadTest, CapacityFormsAreExclusiveAndComplete) {
    route_props()["annual_t"] = 1000;
    EXPECT_EQ(refused().where().field, "capacity");
    route_props().erase("annual_t");
    route_props().erase("trips_mo");
    EXPECT_EQ(refused().where().field, "trips_mo");
    route_props().erase("payload_t");
    EXPECT_EQ(refused().where().field, "capacity");
}

TEST_F(LoadTest, ReadsFigureBounds) {
    route_props()["pay_low"] = 400;
    route_props()["pay_high"] = "600";
    route_props()["trips_high"] = 1000;
    place_props(0)["capacity"] = 50;
    place_props(0)["cap_low"] = 10;
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    const FigureBounds& b = n.routes[0].figures.bounds.get();
    EXPECT_EQ(b.payload_t.low, 400.0);
    EXPECT_EQ(b.payload_t.high, 600.0);
    EXPECT_FALSE(b.trips_mo.low.has_value());
    EXPECT_EQ(b.trips_mo.high, 1000.0);
    EXPECT_FALSE(b.capacity.has_any());
    EXPECT_FALSE(n.places[1].cap_low.has_value());
    EXPECT_EQ(n.places[0].cap_low, 10.0);
    EXPECT_FALSE(n.places[0].cap_high.has_value());
}

TEST_F(LoadTest, BoundOutsideItsFigureIsRefused) {
    const double payload = route_props()["payload_t"].get<double>();
    route_props()["pay_low"] = payload + 1;
    auto e = refused();
    EXPECT_EQ(e.where().file, (geodata() / "routes.geojson").string());
    EXPECT_EQ(e.where().feature, "ab_rail");
    EXPECT_EQ(e.where().field, "pay_low");
    EXPECT_NE(e.detail().find("above"), std::string::npos) << e.detail();
    route_props()["pay_low"] = payload;  // equal is allowed
    route_props()["pay_high"] = payload - 1;
    e = refused();
    EXPECT_EQ(e.where().field, "pay_high");
    EXPECT_NE(e.detail().find("below"), std::string::npos) << e.detail();
}

TEST_F(LoadTest, NegativeBoundIsRefused) {
    route_props()["trips_low"] = -1;
    const auto e = refused();
    EXPECT_EQ(e.where().field, "trips_low");
    EXPECT_NE(e.detail().find("negative"), std::string::npos);
}

TEST_F(LoadTest, BoundWithoutItsFigureIsRefused) {
    route_props()["ann_high"] = 5000;  // the route gives payload_t and trips_mo, not annual_t
    auto e = refused();
    EXPECT_EQ(e.where().field, "ann_high");
    EXPECT_NE(e.detail().find("annual_t"), std::string::npos) << e.detail();
    route_props().erase("ann_high");
    place_props(0).erase("capacity");
    place_props(0)["cap_high"] = 10;
    e = refused();
    EXPECT_EQ(e.where().file, (geodata() / "places.geojson").string());
    EXPECT_EQ(e.where().field, "cap_high");
}

TEST_F(LoadTest, DuplicateId) {
    net.routes["features"].push_back(net.routes["features"][0]);
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "ab_rail");
    EXPECT_EQ(e.where().field, "id");
    EXPECT_NE(e.detail().find("duplicate"), std::string::npos);
}

TEST_F(LoadTest, WrongGeometryType) {
    net.routes["features"][0]["geometry"] = {{"type", "Point"}, {"coordinates", {126.0, 40.0}}};
    auto e = refused();
    EXPECT_EQ(e.where().field, "geometry");
    EXPECT_NE(e.detail().find("LineString"), std::string::npos);

    net.routes["features"][0]["geometry"] = {{"type", "LineString"}, {"coordinates", {{126.0, 40.0}, {126.1, 40.0}}}};
    net.places["features"][0]["geometry"] = {{"type", "LineString"}, {"coordinates", {{126.0, 40.0}, {126.1, 40.0}}}};
    e = refused();
    EXPECT_EQ(e.where().feature, "a");
    EXPECT_EQ(e.where().field, "geometry");
}

TEST_F(LoadTest, DegenerateGeometry) {
    net.routes["features"][0]["geometry"] = {{"type", "LineString"}, {"coordinates", {{126.0, 40.0}, {126.0, 40.0}}}};
    const auto e = refused();
    EXPECT_EQ(e.where().field, "geometry");
    EXPECT_NE(e.detail().find("degenerate"), std::string::npos);
}

TEST_F(LoadTest, MissingGeometry) {
    net.routes["features"][0]["geometry"] = nullptr;
    EXPECT_EQ(refused().where().field, "geometry");
}

TEST_F(LoadTest, CoordinatesOutOfRange) {
    net.places["features"][1]["geometry"]["coordinates"] = {126.1, 140.0};
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "b");
    EXPECT_EQ(e.where().field, "geometry");
}

TEST_F(LoadTest, FeatureWithoutIdIsNamedByPosition) {
    place_props(1).erase("id");
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "#2");
    EXPECT_EQ(e.where().field, "id");
}

TEST_F(LoadTest, ReprojectsFromAnotherCrs) {
    // The same network stored in Web Mercator (EPSG:3857) is read back in lon/lat.
    net.write(tmp.path());
    const auto src = geodata() / "places.geojson";
    const auto dst = tmp.path() / "places_3857.gpkg";
    const std::string cmd = "ogr2ogr -q -f GPKG -t_srs EPSG:3857 '" + dst.string() + "' '" + src.string() + "'";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "ogr2ogr (gdal-bin) is not installed";
    const Network n = load_network({dst, geodata() / "routes.geojson", {}, {}, {}});
    EXPECT_NEAR(n.place("b").pos.lon, 126.1, 1e-9);
    EXPECT_NEAR(n.place("b").pos.lat, 40.0, 1e-9);
}

}  // namespace
}  // namespace corridor

namespace corridor {
namespace {

// A generated network big enough to be read in parts, written with some routes changed.
class BigLoadTest : public ::testing::Test {
protected:
    TempDir tmp;
    Network net = generate_network({60000, 7});
    io::Format format = io::Format::geojson;

    input_error refused() {
        test::write_network(net, tmp.path(), format);
        try {
            load_network(default_files(tmp.path()));
        } catch (const input_error& e) {
            return e;
        }
        ADD_FAILURE() << "expected an input_error";
        return input_error("none");
    }
};

TEST_F(BigLoadTest, ReadsWhatWasWritten) {
    test::write_network(net, tmp.path(), io::Format::geojson);
    const Network back = load_network(default_files(tmp.path()));
    ASSERT_EQ(back.routes.size(), net.routes.size());
    ASSERT_EQ(back.places.size(), net.places.size());
    for (std::size_t i = 0; i < net.routes.size(); i += 997) {
        EXPECT_EQ(back.routes[i].id, net.routes[i].id);
        EXPECT_EQ(back.routes[i].from_id, net.routes[i].from_id);
        EXPECT_EQ(back.routes[i].figures.capacity, net.routes[i].figures.capacity);
        EXPECT_EQ(back.places[back.routes[i].from].id, net.routes[i].from_id);  // resolved in every part
        EXPECT_EQ(back.places[back.routes[i].to].id, net.routes[i].to_id);
    }
    EXPECT_EQ(back.routes.back().id, net.routes.back().id);
}

// The progress a read reports: per layer its file, the features read so far and the layer's
// feature count (known up front for GeoJSON and FlatGeobuf), rising to the count, whichever
// thread reads the features (OGR's batches go to any part).
TEST_F(BigLoadTest, ProgressNamesEachFileWithItsFeatureCount) {
    for (const io::Format f : {io::Format::geojson, io::Format::flatgeobuf}) {
        TempDir dir;
        test::write_network(net, dir.path(), f);
        LoadOptions options = default_files(dir.path());
        std::vector<ReadProgress> calls;
        options.progress = [&](const ReadProgress& p) { calls.push_back(p); };
        const Network back = load_network(options);
        const auto expected_total = [&](const ReadProgress& p) {
            return p.file == options.places_file ? back.places.size() : back.routes.size();
        };
        ASSERT_FALSE(calls.empty());
        EXPECT_EQ(calls.front().file, options.places_file);
        EXPECT_EQ(calls.back().file, options.routes_file);
        EXPECT_EQ(calls.back().done, net.routes.size());
        for (std::size_t i = 0; i < calls.size(); ++i) {
            EXPECT_EQ(calls[i].total, expected_total(calls[i])) << calls[i].file << " call " << i;
            EXPECT_LE(calls[i].done, calls[i].total) << calls[i].file << " call " << i;
            if (i > 0 && calls[i].file == calls[i - 1].file) {
                EXPECT_GE(calls[i].done, calls[i - 1].done);
            }
        }
        const auto last_of = [&](const std::filesystem::path& file) {
            return std::find_if(calls.rbegin(), calls.rend(), [&](const ReadProgress& p) { return p.file == file; });
        };
        EXPECT_EQ(last_of(options.places_file)->done, net.places.size());
        EXPECT_EQ(last_of(options.routes_file)->done, net.routes.size());
    }
}

// Whatever the parts, the error is the one a single pass meets first.
TEST_F(BigLoadTest, ADuplicateBeforeAFieldErrorIsReportedFirst) {
    net.routes[45000].id = net.routes[10].id;  // the second of its id
    net.routes[55000].from_id = "nowhere";
    const auto e = refused();
    EXPECT_EQ(e.where().feature, net.routes[10].id);
    EXPECT_EQ(e.where().field, "id");
}

TEST_F(BigLoadTest, FlatGeobufErrorsComeInFileOrderToo) {
    format = io::Format::flatgeobuf;  // OGR decodes, the parts check batches
    const std::string dup_of = net.routes[10].id;
    const std::string bad_from = net.routes[55000].id, bad_name = net.routes[40000].id;
    net.routes[45000].id = dup_of;
    net.routes[55000].from_id = "nowhere";
    net.routes[40000].commodities = {};
    const auto e = refused();
    // FlatGeobuf orders features along its spatial index: find where each landed.
    std::map<std::string, std::size_t> first_at;
    std::size_t dup_at = 0, from_at = 0, name_at = 0;
    io::read_features(tmp / "routes.fgb", [&](const io::RawFeature& f) {
        const auto& id = std::get<std::string>(f.fields.at("id"));
        if (!first_at.emplace(id, f.index).second && id == dup_of) dup_at = f.index;
        if (std::get<std::string>(f.fields.at("from_id")) == "nowhere") from_at = f.index;
        if (!f.fields.count("commodity") || std::get<std::string>(f.fields.at("commodity")).empty()) name_at = f.index;
    });
    const std::size_t first = std::min({dup_at, from_at, name_at});
    EXPECT_EQ(e.where().file, (tmp / "routes.fgb").string());
    if (first == dup_at) {
        EXPECT_EQ(e.where().field, "id");
        EXPECT_EQ(e.where().feature, dup_of);
    } else if (first == from_at) {
        EXPECT_EQ(e.where().field, "from_id");
        EXPECT_EQ(e.where().feature, bad_from);
    } else {
        EXPECT_EQ(e.where().field, "commodity");
        EXPECT_EQ(e.where().feature, bad_name);
    }
}

TEST_F(BigLoadTest, AFieldErrorBeforeADuplicateIsReportedFirst) {
    net.routes[50000].id = net.routes[10].id;
    net.routes[35000].from_id = "nowhere";
    const auto e = refused();
    EXPECT_EQ(e.where().feature, net.routes[35000].id);
    EXPECT_EQ(e.where().field, "from_id");
}

TEST_F(BigLoadTest, TheEarliestFieldErrorWinsAcrossParts) {
    net.routes[59000].to_id = "nowhere";
    net.routes[100].commodities = {};
    const auto e = refused();
    EXPECT_EQ(e.where().feature, net.routes[100].id);
    EXPECT_EQ(e.where().field, "commodity");
}

TEST_F(BigLoadTest, DuplicatePlaceIds) {
    net.places[20000].id = net.places[3].id;
    const auto e = refused();
    EXPECT_EQ(e.where().feature, net.places[3].id);
    EXPECT_EQ(e.where().field, "id");
}

}  // namespace
}  // namespace corridor

// ---- values of several forms across features, and values that must never be read as others

namespace corridor {
namespace {

class LoadFormsTest : public LoadTest {
protected:
    // A second route, b to a, with the first one's properties.
    json& second_route() {
        if (net.routes["features"].size() < 2) {
            json r = net.routes["features"][0];
            r["properties"]["id"] = "ba_rail";
            r["properties"]["from_id"] = "b";
            r["properties"]["to_id"] = "a";
            net.routes["features"].push_back(r);
        }
        return net.routes["features"][1]["properties"];
    }
    static void given_capacity(json& props, json capacity) {
        props.erase("payload_t");
        props.erase("trips_mo");
        props["capacity"] = std::move(capacity);
    }
    // Writes the network, then replaces `marker` in routes.geojson by raw bytes.
    void write_with_bytes(const std::string& marker, const std::string& bytes) {
        net.write(tmp.path());
        std::string text = test::read_file(geodata() / "routes.geojson");
        const auto at = text.find(marker);
        ASSERT_NE(at, std::string::npos);
        text.replace(at, marker.size(), bytes);
        test::write_file(geodata() / "routes.geojson", text);
    }
    input_error refused_as_written() {
        try {
            load_network(default_files(geodata()));
        } catch (const input_error& e) {
            return e;
        }
        ADD_FAILURE() << "expected an input_error";
        return input_error("none");
    }
};

TEST_F(LoadFormsTest, ABooleanIsNeverANumber) {
    // Alone (the fast reader types the field Boolean) and beside numbers (OGR types it Integer).
    for (const bool with_numbers : {false, true})
        for (const bool b : {true, false}) {
            net = test::mini_network();
            given_capacity(route_props(), with_numbers ? json(1000) : json(b));
            given_capacity(second_route(), b);
            const auto e = refused();
            EXPECT_EQ(e.where().feature, with_numbers ? "ba_rail" : "ab_rail") << e.what();
            EXPECT_EQ(e.where().field, "capacity");
            EXPECT_EQ(e.detail(), std::string("expected a number, got ") + (b ? "true" : "false"));
        }
    net = test::mini_network();
    second_route()["trips_mo"] = true;
    const auto e = refused();
    EXPECT_EQ(e.where().feature, "ba_rail");
    EXPECT_EQ(e.where().field, "trips_mo");
}

TEST_F(LoadFormsTest, EveryDocumentedFormIsReadInAnyMix) {
    route_props()["commodity"] = json::array({"cargo", "coal"});
    route_props()["two_way"] = 1;
    second_route()["commodity"] = "cargo, coal";
    second_route()["two_way"] = "true";
    net.write(tmp.path());
    Network n = load_network(default_files(geodata()));
    ASSERT_EQ(n.routes.size(), 2u);
    for (const Route& r : n.routes) {
        EXPECT_EQ(r.commodities, (std::vector<std::string>{"cargo", "coal"})) << r.id;
        EXPECT_TRUE(r.two_way) << r.id;
    }
    route_props()["two_way"] = 0;
    second_route()["two_way"] = "false";
    route_props()["commodity"] = "coal";
    second_route()["commodity"] = json::array({"cargo"});
    net.write(tmp.path());
    n = load_network(default_files(geodata()));
    EXPECT_FALSE(n.routes[0].two_way);
    EXPECT_FALSE(n.routes[1].two_way);
    EXPECT_EQ(n.routes[0].commodities, std::vector<std::string>{"coal"});
    EXPECT_EQ(n.routes[1].commodities, std::vector<std::string>{"cargo"});
}

TEST_F(LoadFormsTest, DateLikeTextIsKeptAsWritten) {
    route_props()["note"] = "2015-01-02";
    second_route()["note"] = "12:30";
    place_props(0)["note"] = "2015-01-02T12:30:00";
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    EXPECT_EQ(n.routes[0].note.str(), "2015-01-02");
    EXPECT_EQ(n.routes[1].note.str(), "12:30");
    EXPECT_EQ(n.places[0].note.str(), "2015-01-02T12:30:00");
}

TEST_F(LoadFormsTest, InvalidUtf8IsRefusedWithItsByteOffset) {
    // Alone (OGR reads the file) and in a list.
    write_with_bytes("A-B rail", "A-B \xff rail");
    auto e = refused_as_written();
    EXPECT_EQ(e.where().feature, "ab_rail");
    EXPECT_EQ(e.where().field, "name");
    EXPECT_EQ(e.detail(), "invalid UTF-8 at byte offset 4 of the value");
    net = test::mini_network();
    route_props()["commodity"] = json::array({"cargo", "COAL"});
    write_with_bytes("COAL", "co\xc3\x28");  // a two-byte sequence cut short
    e = refused_as_written();
    EXPECT_EQ(e.where().field, "commodity");
    EXPECT_EQ(e.detail(), "invalid UTF-8 at byte offset 2 of the value");
    net = test::mini_network();
    write_with_bytes("A-B rail", "A-B \xed\xa0\x80 rail");  // a surrogate, U+D800
    EXPECT_EQ(refused_as_written().detail(), "invalid UTF-8 at byte offset 4 of the value");
    net = test::mini_network();
    write_with_bytes("A-B rail", "A-B \xe2\x80\xa6 \xf0\x9f\x9a\x82 rail");  // valid: … and a train
    EXPECT_EQ(load_network(default_files(geodata())).routes[0].name, "A-B \xe2\x80\xa6 \xf0\x9f\x9a\x82 rail");
}

TEST_F(LoadFormsTest, AnUnknownCrsIsRefused) {
    net.places["crs"] = {{"type", "name"}, {"properties", {{"name", "EPSG:999999"}}}};
    const auto e = refused();
    EXPECT_EQ(e.where().file, (geodata() / "places.geojson").string());
    EXPECT_EQ(e.where().field, "crs");
    EXPECT_NE(e.detail().find("unknown CRS \"EPSG:999999\""), std::string::npos) << e.what();
}

TEST_F(LoadFormsTest, AKnownCrsIsReprojected) {
    // Web Mercator (EPSG:3857) metres of 126E 40N and 126.1E 40N.
    net.places["crs"] = {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::3857"}}}};
    net.places["features"][0]["geometry"]["coordinates"] = {14026255.839952469, 4865942.279503176};
    net.places["features"][1]["geometry"]["coordinates"] = {14037387.789031796, 4865942.279503176};
    net.write(tmp.path());
    const Network n = load_network(default_files(geodata()));
    EXPECT_NEAR(n.places[0].pos.lon, 126.0, 1e-7);
    EXPECT_NEAR(n.places[0].pos.lat, 40.0, 1e-7);
    EXPECT_NEAR(n.places[1].pos.lon, 126.1, 1e-7);
}

TEST_F(LoadFormsTest, CapacitiesBeyondTheSolversLimitAreRefused) {
    given_capacity(route_props(), 2e15);
    auto e = refused();
    EXPECT_EQ(e.where().field, "capacity");
    EXPECT_NE(e.detail().find("gives 2000000000000000 t/month, above the largest capacity"), std::string::npos)
        << e.what();
    net = test::mini_network();
    route_props()["payload_t"] = 1e9;
    route_props()["trips_mo"] = 1e7;
    EXPECT_EQ(refused().where().field, "payload_t");
    net = test::mini_network();
    route_props()["trips_high"] = 1e13;
    route_props()["pay_high"] = 1000;
    EXPECT_EQ(refused().where().field, "pay_high");
    net = test::mini_network();
    place_props(1)["capacity"] = 1.5e15;
    e = refused();
    EXPECT_EQ(e.where().feature, "b");
    EXPECT_EQ(e.where().field, "capacity");
    net = test::mini_network();
    given_capacity(route_props(), 1e15);  // the limit itself is held exactly
    net.write(tmp.path());
    EXPECT_EQ(load_network(default_files(geodata())).routes[0].figures.capacity, 1e15);
}

}  // namespace
}  // namespace corridor
