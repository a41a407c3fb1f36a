// The web map page: self-contained, deterministic, and no data can break out of its script.
#include "corridor/report/webmap.hpp"

#include <gtest/gtest.h>

#include <set>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

// The text of <script ... id="ID">…</script>, or "" when there is none.
std::string script(const std::string& html, const std::string& id) {
    const std::string open = "id=\"" + id + "\">";
    const auto at = html.find(open);
    if (at == std::string::npos) return {};
    const auto from = at + open.size();
    return html.substr(from, html.find("</script>", from) - from);
}

class WebMap : public ::testing::Test {
protected:
    Network net = load_network(default_files(test::geodata_dir()));
    std::vector<RouteMeasure> measures = measure_routes(net, SpeedTable::defaults());
};

TEST_F(WebMap, InlinesLeafletTheLayersAndTheBasemap) {
    NetworkGraph graph = build_graph(net, query_terminals(net, "RU", "pyongyang"));
    FlowQuery q;
    q.from = "RU";
    q.to = "pyongyang";
    const Analysis a{"RU", "pyongyang", "", "", std::nullopt, max_flow(graph, net, q), {}};
    const auto page = web_map_page(net, measures, &a, test::geodata_dir() / "land.geojson",
                                   test::geodata_dir() / "countries.geojson");
    const std::string html = web_map_html(page);
    EXPECT_NE(html.find("Leaflet 1.9.4"), std::string::npos) << "Leaflet's own banner";
    EXPECT_EQ(count(html, "<script src"), 0u);
    EXPECT_EQ(count(html, "<link"), 0u);
    EXPECT_NE(html.find("default-src 'none'"), std::string::npos) << "the policy forbids outside requests";

    const json routes = json::parse(script(html, "corridor-routes"));
    ASSERT_EQ(routes["features"].size(), net.routes.size());
    Flow flow_sum = 0;
    for (const auto& f : routes["features"]) flow_sum += f["properties"]["flow"].get<Flow>();
    EXPECT_GT(flow_sum, 0) << "the routes carry the analysis' flows";
    EXPECT_EQ(json::parse(script(html, "corridor-places"))["features"].size(), net.places.size());
    EXPECT_EQ(json::parse(script(html, "corridor-land"))["type"], "FeatureCollection");
    EXPECT_EQ(json::parse(script(html, "corridor-countries"))["type"], "FeatureCollection");

    const json config = json::parse(script(html, "corridor-config"));
    EXPECT_EQ(config["live"], false);
    EXPECT_EQ(config["summary"]["throughput"].get<Flow>(), a.result.throughput);
    EXPECT_EQ(config["summary"]["unit"], "t/month");
    EXPECT_EQ(config["style"]["modes"].size(), all_modes().size());
    // The legend's place rows: every kind of the network's places, once, sorted (the shipped
    // network has bridges, junctions and refineries beside the five coloured kinds).
    std::set<std::string> kinds;
    for (const Place& p : net.places) kinds.insert(p.kind);
    EXPECT_EQ(config["place_kinds"].get<std::vector<std::string>>(),
              std::vector<std::string>(kinds.begin(), kinds.end()));
    EXPECT_TRUE(kinds.count("refinery") && kinds.count("junction") && kinds.count("bridge"));

    EXPECT_EQ(web_map_html(web_map_page(net, measures, &a, test::geodata_dir() / "land.geojson",
                                        test::geodata_dir() / "countries.geojson")),
              html)
        << "byte-identical for the same input";
}

TEST(WebMapData, InlineUpToTheThresholdTilesAbove) {
    EXPECT_EQ(map_data_for(0), MapData::inline_layers);
    EXPECT_EQ(map_data_for(kInlineMapRoutes), MapData::inline_layers);
    EXPECT_EQ(map_data_for(kInlineMapRoutes + 1), MapData::tiles);
    EXPECT_EQ(map_data_for(42, MapData::tiles), MapData::tiles);
    EXPECT_EQ(map_data_for(1000000, MapData::inline_layers), MapData::inline_layers);
    EXPECT_EQ(parse_map_data("auto"), MapData::automatic);
    EXPECT_EQ(parse_map_data("inline"), MapData::inline_layers);
    EXPECT_EQ(parse_map_data("tiles"), MapData::tiles);
    EXPECT_THROW(parse_map_data("Tiles"), request_error);
    EXPECT_THROW(parse_map_data(""), request_error);
}

TEST(WebMapData, APageOnStandardOutputIsInline) {
    EXPECT_NO_THROW(check_page_data(MapData::tiles, false));
    EXPECT_NO_THROW(check_page_data(MapData::automatic, true));
    EXPECT_THROW(check_page_data(MapData::tiles, true), request_error);
    EXPECT_EQ(page_data_for(kInlineMapRoutes, MapData::automatic, true), MapData::inline_layers);
    EXPECT_EQ(page_data_for(kInlineMapRoutes + 1, MapData::inline_layers, true), MapData::inline_layers);
    EXPECT_EQ(page_data_for(kInlineMapRoutes + 1, MapData::automatic, false), MapData::tiles);
    EXPECT_THROW(page_data_for(kInlineMapRoutes + 1, MapData::automatic, true), request_error);
}

// The tile page: MapLibre instead of Leaflet, no layer inlined but the basemap, the tiles'
// place and zooms, the routes per mode (counted here from the input file) and the largest flow.
TEST_F(WebMap, ATilePageInlinesMaplibreAndTheBasemapButNoLayer) {
    NetworkGraph graph = build_graph(net, query_terminals(net, "RU", "pyongyang"));
    FlowQuery q;
    q.from = "RU";
    q.to = "pyongyang";
    const Analysis a{"RU", "pyongyang", "", "", std::nullopt, max_flow(graph, net, q), {}};
    WebMapPage page =
        web_map_tile_page(net, &a, test::geodata_dir() / "land.geojson", test::geodata_dir() / "countries.geojson");
    page.tiles.url = "tiles/{z}/{x}/{y}.mvt";
    page.tiles.maxzoom = 10;
    const std::string html = web_map_html(page);
    EXPECT_NE(html.find("MapLibre GL JS"), std::string::npos) << "MapLibre's own banner";
    EXPECT_EQ(html.find("Leaflet 1.9.4"), std::string::npos);
    EXPECT_EQ(count(html, "<script src"), 0u);
    EXPECT_NE(html.find("worker-src blob:"), std::string::npos) << "MapLibre's workers run from blob: URLs";
    EXPECT_EQ(script(html, "corridor-routes"), "");
    EXPECT_EQ(script(html, "corridor-places"), "");
    EXPECT_EQ(json::parse(script(html, "corridor-land"))["type"], "FeatureCollection");

    const json config = json::parse(script(html, "corridor-config"));
    EXPECT_EQ(config["tiles"]["url"], "tiles/{z}/{x}/{y}.mvt");
    EXPECT_EQ(config["tiles"]["maxzoom"], 10);
    std::map<std::string, std::size_t> by_mode;
    std::ifstream in(net.routes_file);
    const json input = json::parse(in);
    for (const auto& f : input["features"]) ++by_mode[f["properties"]["mode"].get<std::string>()];
    using Counts = std::map<std::string, std::size_t>;
    EXPECT_EQ(config["tiles"]["mode_routes"].get<Counts>(), by_mode);
    Flow largest = 0;
    for (const Flow f : a.result.route_flow) largest = std::max(largest, f);
    EXPECT_GT(largest, 0);
    EXPECT_EQ(config["tiles"]["largest_flow"].get<Flow>(), largest);
    EXPECT_EQ(config["summary"]["throughput"].get<Flow>(), a.result.throughput);
    EXPECT_EQ(web_map_html(page), html) << "byte-identical for the same input";
}

TEST_F(WebMap, NoTextCanCloseItsScript) {
    WebMapPage page;
    page.title = "a <b>bold</b> title";
    page.places = R"({"type":"FeatureCollection","features":[]})";
    page.routes = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                  R"({"quote":"</script><script>alert(1)</script><!--"},"geometry":null}]})";
    const std::string html = web_map_html(page);
    EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
    EXPECT_EQ(html.find("<!--"), std::string::npos);
    EXPECT_NE(html.find("<title>a &lt;b&gt;bold&lt;/b&gt; title</title>"), std::string::npos);
    // Every "</script>" closes one of the page's own scripts: config, places, routes, Leaflet,
    // the shared page script and the map's.
    EXPECT_EQ(count(html, "</script>"), 6u);
    // The JSON still means the same.
    const json routes = json::parse(script(html, "corridor-routes"));
    EXPECT_EQ(routes["features"][0]["properties"]["quote"], "</script><script>alert(1)</script><!--");
}

TEST_F(WebMap, ALivePageInlinesNoLayer) {
    WebMapPage page;
    page.live = true;
    page.routes = R"({"type":"FeatureCollection","features":[]})";
    const std::string html = web_map_html(page);
    EXPECT_TRUE(script(html, "corridor-routes").empty());
    EXPECT_EQ(json::parse(script(html, "corridor-config"))["live"], true);
    EXPECT_EQ(json::parse(script(html, "corridor-config"))["summary"]["throughput"], nullptr);
}

TEST_F(WebMap, BasemapFilesAreCheckedAndOptional) {
    test::TempDir tmp;
    EXPECT_EQ(basemap_text(tmp / "missing.geojson"), "");
    test::write_file(tmp / "bad.geojson", "{\"type\": \"Feature\"}");
    try {
        basemap_text(tmp / "bad.geojson");
        ADD_FAILURE() << "a Feature was taken for a FeatureCollection";
    } catch (const input_error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.geojson"), std::string::npos) << e.what();
    }
    test::write_file(tmp / "broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    EXPECT_THROW(basemap_text(tmp / "broken.geojson"), input_error);
    test::write_file(tmp / "ok.geojson", "{ \"type\" : \"FeatureCollection\",\n \"features\" : [ ] }\n");
    EXPECT_EQ(basemap_text(tmp / "ok.geojson"), R"({"type":"FeatureCollection","features":[]})");
}

TEST_F(WebMap, ThePanelListsTheObservationsAboutTheAnalysedPair) {
    NetworkGraph graph = build_graph(net, query_terminals(net, "RU", "pyongyang"));
    FlowQuery q;
    q.from = "RU";
    q.to = "pyongyang";
    const Analysis a{"RU", "pyongyang", "", "", std::nullopt, max_flow(graph, net, q), {}};
    ObservationCheck c;
    c.observation.id = "ru_obs";
    c.observation.period = {*parse_date("2016-12-01"), *parse_date("2016-12-31")};
    c.months = 1;
    c.observed_t_mo = c.observation.tonnes = 2000;
    c.capacity_t_mo = c.capacity_t = 1000;
    c.ratio = 2;
    c.verdict = Verdict::contradicts;
    const auto summary = [](const std::string& html) {
        return json::parse(script(html, "corridor-config"))["summary"];
    };
    json s = summary(web_map_html(web_map_page(net, measures, &a, {}, {}, {c})));
    ASSERT_EQ(s["observations"].size(), 1u);
    EXPECT_EQ(s["observations"][0]["id"], "ru_obs");
    EXPECT_EQ(s["observations"][0]["verdict"], "contradicts");
    EXPECT_EQ(s["observations"][0]["text"], "ru_obs 2,000 of 1,000 t/month (2.00, contradicts)");
    EXPECT_EQ(summary(web_map_html(web_map_page(net, measures, &a, {}, {})))["observations"], json::array());
    EXPECT_EQ(summary(web_map_html(web_map_page(net, measures, nullptr, {}, {}, {c})))["observations"], json::array())
        << "no analysis, no question";
}

}  // namespace
}  // namespace corridor
