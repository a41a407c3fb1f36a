// serve: every endpoint, the 400 and 404 answers and path traversal, through MapService
// directly and over a real loopback socket (cpp-httplib's client).
#include "corridor/serve/service.hpp"
#include "corridor/serve/http_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "serve/live_server.hpp"
#include "serve/service_suite.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;

using ServeTest = test::ServiceSuite<test::network_v1_dir>;

json error_of(const HttpResponse& r) {
    EXPECT_EQ(r.content_type, "application/json");
    const json j = json::parse(r.text());
    EXPECT_TRUE(j.contains("error")) << r.text();
    return j;
}

TEST_F(ServeTest, TheMapPageLoadsItsLayersLive) {
    const HttpResponse r = service().get("/", {});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_NE(r.text().find("\"live\":true"), std::string::npos);
    EXPECT_EQ(r.text().find("id=\"corridor-routes\""), std::string::npos) << "a live page inlines no layer";
    EXPECT_NE(r.text().find("Leaflet"), std::string::npos);
    EXPECT_EQ(service().get("/index.html", {}).text(), r.text());
}

TEST_F(ServeTest, RoutesAndPlacesAreExportsLayers) {
    test::TempDir tmp;
    const auto e = test::run_cli({"export", "--geodata", test::network_v1_dir().string(), "--out", tmp.path().string(),
                                  "--format", "geojson", "--scenario", "ferry_stopped"});
    ASSERT_EQ(e.code, 0) << e.err;
    const HttpResponse routes = service().get("/routes.geojson", {{"scenario", "ferry_stopped"}});
    EXPECT_EQ(routes.status, 200);
    EXPECT_EQ(routes.content_type, "application/geo+json");
    EXPECT_TRUE(routes.text() == test::read_file(tmp / "routes.geojson")) << "byte for byte what export writes";
    const HttpResponse places = service().get("/places.geojson", {{"scenario", "ferry_stopped"}});
    EXPECT_TRUE(places.text() == test::read_file(tmp / "places.geojson"));
    // The baseline differs: the ferry carries flow there.
    EXPECT_NE(service().get("/routes.geojson", {}).text(), routes.text());
}

TEST(ServeDates, MonthSelectsTheAnalysisAsExportsMonthDoes) {
    // The shipped network is dated: before the ferry's first sailing (2017-05-18) and after it
    // the layers differ, and each is what export writes for that month.
    ServeOptions o;
    o.input.geodata = test::geodata_dir();
    std::ostringstream sink;
    const MapService service(o, sink);
    std::map<std::string, std::string> layer;
    for (const char* month : {"2017-04", "2017-06"}) {
        test::TempDir tmp;
        const auto e = test::run_cli({"export", "--geodata", test::geodata_dir().string(), "--out", tmp.path().string(),
                                      "--format", "geojson", "--month", month});
        ASSERT_EQ(e.code, 0) << e.err;
        const HttpResponse routes = service.get("/routes.geojson", {{"month", month}});
        EXPECT_EQ(routes.status, 200) << routes.text();
        EXPECT_TRUE(routes.text() == test::read_file(tmp / "routes.geojson")) << month;
        layer[month] = routes.text();
    }
    EXPECT_NE(layer["2017-04"], layer["2017-06"]);
    EXPECT_EQ(service.get("/routes.geojson", {{"month", "2017-13"}}).status, 400);
    EXPECT_EQ(service.get("/tiles.json", {{"month", "2017-06"}}).status, 200);
    EXPECT_NE(
        json::parse(service.get("/tiles.json", {{"month", "2017-06"}}).text())["tiles"][0].get<std::string>().find(
            "month=2017-06"),
        std::string::npos)
        << "the tiles URL keeps the month";
}

TEST_F(ServeTest, CapacityIsTheJsonOfTheCapacityCommand) {
    const auto c = test::run_cli({"capacity", "--geodata", test::network_v1_dir().string(), "--from", "RU", "--to",
                                  "pyongyang", "--commodity", "coal", "--json"});
    ASSERT_EQ(c.code, 0) << c.err;
    const HttpResponse r = service().get("/capacity", {{"from", "RU"}, {"to", "pyongyang"}, {"commodity", "coal"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json::parse(r.text()), json::parse(c.out));
}

TEST_F(ServeTest, BasemapLayersAreServed) {
    for (const char* path : {"/land.geojson", "/countries.geojson"}) {
        const HttpResponse r = service().get(path, {});
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(json::parse(r.text())["type"], "FeatureCollection") << path;
    }
}

TEST_F(ServeTest, TileJsonDescribesTheTilesOfTheAnalysisAsked) {
    const HttpResponse r =
        service().respond({"/tiles.json", {{"from", "RU"}, {"to", "pyongyang"}}, "", "http://127.0.0.1:9"});
    ASSERT_EQ(r.status, 200) << r.text();
    EXPECT_EQ(r.content_type, "application/json");
    const json j = json::parse(r.text());
    EXPECT_EQ(j["tilejson"], "3.0.0");
    EXPECT_EQ(j["tiles"][0], "http://127.0.0.1:9/tiles/{z}/{x}/{y}.mvt?from=RU&to=pyongyang");
    EXPECT_EQ(j["minzoom"], 0);
    EXPECT_EQ(j["maxzoom"], 14);
    ASSERT_EQ(j["bounds"].size(), 4u);
    EXPECT_LT(j["bounds"][0].get<double>(), 125.76);  // Pyongyang inside
    EXPECT_GT(j["bounds"][3].get<double>(), 39.04);
    std::set<std::string> ids;
    for (const auto& l : j["vector_layers"]) ids.insert(l["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"places", "routes", "bottlenecks"}));
    EXPECT_EQ(j["vector_layers"][1]["fields"]["flow"], "Number");
    EXPECT_EQ(j["vector_layers"][1]["fields"]["id"], "String");
}

TEST_F(ServeTest, TilesAreVectorTilesOfTheAnalysis) {
    const HttpResponse world = service().get("/tiles/0/0/0.mvt", {});
    ASSERT_EQ(world.status, 200) << world.text();
    EXPECT_EQ(world.content_type, "application/vnd.mapbox-vector-tile");
    EXPECT_GT(world.text().size(), 1000u);
    EXPECT_NE(world.text().find("routes"), std::string::npos);
    EXPECT_NE(world.text().find("bottlenecks"), std::string::npos);
    // Another analysis, other flows: other bytes; the same one twice: the same body.
    const HttpResponse other = service().get("/tiles/0/0/0.mvt", {{"from", "CN"}, {"to", "pyongyang"}});
    EXPECT_EQ(other.status, 200);
    EXPECT_NE(other.text(), world.text());
    EXPECT_EQ(service().get("/tiles/0/0/0.mvt", {}).body, world.body);
    // A tile with nothing in it: 200 and no bytes (an empty tile).
    const HttpResponse empty = service().get("/tiles/3/0/0.mvt", {});
    EXPECT_EQ(empty.status, 200);
    EXPECT_TRUE(empty.text().empty());
}

TEST_F(ServeTest, BadTileCoordinatesAre400Or404NeverA5xx) {
    for (const char* path :
         {"/tiles/a/0/0.mvt", "/tiles/0/-1/0.mvt", "/tiles/0/0/0x1.mvt", "/tiles//0/0.mvt", "/tiles/1.5/0/0.mvt"}) {
        const HttpResponse r = service().get(path, {});
        EXPECT_EQ(r.status, 400) << path;
        EXPECT_EQ(error_of(r)["code"], "InvalidParameterValue") << path;
    }
    for (const char* path : {"/tiles/0/1/0.mvt", "/tiles/23/0/0.mvt", "/tiles/3/8/0.mvt", "/tiles/99999999999/0/0.mvt",
                             "/tiles/0/0/0.png", "/tiles/0/0.mvt", "/tiles/0/0/0/0.mvt", "/tiles/"}) {
        const HttpResponse r = service().get(path, {});
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(error_of(r)["code"], "NotFound") << path;
    }
    EXPECT_EQ(service().get("/tiles/0/0/0.mvt", {{"bbox", "1,2,3,4"}}).status, 400);
    EXPECT_EQ(service().get("/tiles/0/0/0.mvt", {{"to", "nowhere"}}).status, 400);
    EXPECT_EQ(service().get("/tiles.json", {{"f", "json"}}).status, 400);
}

TEST_F(ServeTest, TilesAreInTheOpenApiDocument) {
    const json api = json::parse(service().get("/api", {}).text());
    EXPECT_TRUE(api["paths"].contains("/tiles.json"));
    ASSERT_TRUE(api["paths"].contains("/tiles/{z}/{x}/{y}.mvt"));
    EXPECT_TRUE(api["paths"]["/tiles/{z}/{x}/{y}.mvt"]["get"]["responses"]["200"]["content"].contains(
        "application/vnd.mapbox-vector-tile"));
}

TEST_F(ServeTest, BadParametersAre400WithAJsonError) {
    const std::vector<std::pair<std::string, QueryParams>> bad{
        {"/routes.geojson", {{"bogus", "1"}}},
        {"/routes.geojson", {{"from", "RU"}, {"from", "CN"}}},
        {"/routes.geojson", {{"from", ""}}},
        {"/routes.geojson", {{"scenario", "no_such_scenario"}}},
        {"/places.geojson", {{"to", "atlantis"}}},
        {"/capacity", {{"from", "RU"}}},
        {"/capacity", {{"from", "RU"}, {"to", "nowhere"}}},
        {"/capacity", {{"from", "RU"}, {"to", "pyongyang"}, {"commodity", "unobtainium"}}},
        {"/land.geojson", {{"from", "RU"}}},
        {"/", {{"colour", "red"}}},
    };
    for (const auto& [path, query] : bad) {
        const HttpResponse r = service().get(path, query);
        EXPECT_EQ(r.status, 400) << path << " " << r.text();
        const json j = error_of(r);
        EXPECT_FALSE(j["error"].get<std::string>().empty());
    }
    EXPECT_NE(
        error_of(service().get("/routes.geojson", {{"scenario", "no_such_scenario"}}))["error"].get<std::string>().find(
            "no_such_scenario"),
        std::string::npos);
}

TEST_F(ServeTest, UnknownPathsAndTraversalAre404) {
    for (const char* path : {"/x", "/routes", "/routes.geojson/", "/../../etc/passwd", "/geodata/places.geojson",
                             "/routes.geojson/../../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/seeds/",
                             "//etc/passwd", "/CMakeLists.txt", "/web/corridor-map.js"}) {
        const HttpResponse r = service().get(path, {});
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.text().find("root:"), std::string::npos);
        error_of(r);
    }
}

using test::LiveServer;

TEST_F(ServeTest, OverLoopbackEveryEndpointAnswersWithItsType) {
    LiveServer live(service());
    httplib::Client client("127.0.0.1", live.port());
    const std::vector<std::tuple<std::string, int, std::string>> expected{
        {"/", 200, "text/html; charset=utf-8"},
        {"/places.geojson", 200, "application/geo+json"},
        {"/routes.geojson?from=RU&to=pyongyang", 200, "application/geo+json"},
        {"/capacity?from=CN&to=pyongyang", 200, "application/json"},
        {"/land.geojson", 200, "application/geo+json"},
        {"/capacity?to=pyongyang", 400, "application/json"},
        {"/routes.geojson?bogus=1", 400, "application/json"},
        {"/nothing-here", 404, "application/json"},
    };
    for (const auto& [target, status, type] : expected) {
        const auto res = client.Get(target);
        ASSERT_TRUE(res) << target;
        EXPECT_EQ(res->status, status) << target;
        EXPECT_EQ(res->get_header_value("Content-Type"), type) << target;
        EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache") << target;
    }
    const auto cap = client.Get("/capacity?from=CN&to=pyongyang");
    ASSERT_TRUE(cap);
    EXPECT_GT(json::parse(cap->body)["throughput_t_mo"].get<long long>(), 0);
}

TEST_F(ServeTest, OverLoopbackTraversalNeverReachesAFile) {
    LiveServer live(service());
    // Raw request lines, as a hostile client sends them (no client-side normalisation).
    for (const std::string target :
         {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
          "/geodata/../../../../etc/passwd", "/routes.geojson/../../CMakeLists.txt"}) {
        httplib::Client client("127.0.0.1", live.port());
        const auto res = client.Get(target);
        ASSERT_TRUE(res) << target;
        EXPECT_EQ(res->status, 404) << target;
        EXPECT_EQ(res->body.find("root:"), std::string::npos) << target;
        EXPECT_EQ(res->body.find("cmake_minimum_required"), std::string::npos) << target;
    }
    // Only GET is served.
    httplib::Client client("127.0.0.1", live.port());
    const auto post = client.Post("/routes.geojson", "x", "text/plain");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 405);
}

TEST_F(ServeTest, StopEndsTheServerWhenItComesBeforeOrAfterListen) {
    for (int i = 0; i < 20; ++i) {  // stop() at once races listen()'s start: it must win either way
        HttpServer server(service());
        server.bind("127.0.0.1", 0);
        std::thread t([&] { server.listen(); });
        server.stop();
        t.join();
    }
    HttpServer never(service());
    never.bind("127.0.0.1", 0);
    never.stop();  // before listen(): listen returns at once
    never.listen();
    SUCCEED() << "no hang";
}

TEST_F(ServeTest, APortInUseIsAnError) {
    LiveServer live(service());
    HttpServer second(service());
    EXPECT_THROW(second.bind("127.0.0.1", live.port()), error);
    EXPECT_THROW(second.bind("127.0.0.1", 70000), error);
}

}  // namespace
}  // namespace corridor
