// End to end: corridor import from OSM XML and GeoJSON to validate and capacity (max-flow
// against a hand-computed cut), the shipped rules, generate --raw, the report against its
// schema, and bad input (one-line errors, exit 2 for usage and 1 for data, nothing written).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::run_cli;

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string write(const test::TempDir& tmp, const std::string& name, const std::string& text) {
    test::write_file(tmp / name, text);
    return (tmp / name).string();
}

std::string rules_dir() { return (test::source_dir() / "geodata" / "rules").string(); }

// A rail network drawn by hand as loose GeoJSON lines (no ids, no topology): S, A, B, T at
// the corners of a square, main lines S-A, B-T and A-B, branch lines A-T and S-B.
std::string diamond_geojson() {
    const json S = {130.0, 42.0}, A = {130.2, 42.2}, B = {130.2, 41.8}, T = {130.4, 42.0};
    json fc = {{"type", "FeatureCollection"}, {"features", json::array()}};
    auto line = [&](const json& a, const json& b, const std::string& usage) {
        fc["features"].push_back({{"type", "Feature"},
                                  {"properties", {{"railway", "rail"}, {"usage", usage}, {"gauge", "1435"}}},
                                  {"geometry", {{"type", "LineString"}, {"coordinates", {a, b}}}}});
    };
    line(S, A, "main");
    line(A, T, "branch");
    line(S, B, "branch");
    line(B, T, "main");
    line(A, B, "main");
    return fc.dump();
}

TEST(ImportCommand, AHandDrawnNetworkLoadsValidatesAndItsMaxFlowIsTheHandComputedCut) {
    test::TempDir tmp;
    const auto src = write(tmp, "diamond.geojson", diamond_geojson());
    const std::string out = (tmp / "net").string();
    const auto r = run_cli({"import", src, "--rules", rules_dir() + "/osm-railways.json", "--out", out, "--quiet"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "routes.geojson"));
    const auto v = run_cli({"validate", "--geodata", out, "--quiet"});
    EXPECT_EQ(v.code, 0) << v.out << v.err;
    // Ids from coordinates in millionths of a degree (docs/commands/import.md).
    const std::string S = "p_130000000_42000000", T = "p_130400000_42000000";
    const auto c = run_cli({"capacity", "--geodata", out, "--from", S, "--to", T, "--json", "--quiet"});
    ASSERT_EQ(c.code, 0) << c.err;
    // osm-railways.json: a single-track main line 5,000,000 t/year, a branch 1,500,000 t/year.
    // By hand: S sends at most main S-A + branch S-B = (5,000,000 + 1,500,000) / 12 t/month,
    // and T takes as much (branch A-T + main B-T); A-B carries the 5,000,000 - 1,500,000 that
    // A cannot pass to T directly, under its own 5,000,000. So the cut {S} is minimal.
    const double expected = std::floor((5000000.0 + 1500000.0) / 12.0);
    EXPECT_NEAR(json::parse(c.out)["throughput_t_mo"].get<double>(), expected, 1.0);

    // Every figure is an assumption naming its rule.
    const json routes = test::read_json(fs::path(out) / "routes.geojson");
    ASSERT_EQ(routes["features"].size(), 5u);
    for (const auto& f : routes["features"]) {
        EXPECT_EQ(f["properties"]["basis"], "assumed");
        EXPECT_TRUE(has(f["properties"]["note"].get<std::string>(), "import rule ")) << f["properties"]["note"];
        EXPECT_EQ(f["properties"]["gauge"], "1435");
    }
}

TEST(ImportCommand, AnOsmExtractToCapacity) {
    test::TempDir tmp;
    // A line from west to east through a junction at node 2, where a branch leaves south.
    const auto src = write(tmp, "extract.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corridor test">
 <node id="1" lat="42.0" lon="130.0"/>
 <node id="2" lat="42.0" lon="130.1"/>
 <node id="3" lat="42.0" lon="130.2"/>
 <node id="4" lat="41.9" lon="130.1"/>
 <node id="5" lat="42.0" lon="130.3"/>
 <node id="90" lat="42.001" lon="130.0"><tag k="railway" v="station"/><tag k="name" v="Westport"/></node>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="railway" v="rail"/><tag k="usage" v="main"/></way>
 <way id="11"><nd ref="2"/><nd ref="4"/><tag k="railway" v="rail"/><tag k="usage" v="branch"/></way>
 <way id="12"><nd ref="3"/><nd ref="5"/><tag k="railway" v="rail"/><tag k="usage" v="main"/></way>
</osm>
)");
    const std::string out = (tmp / "net").string();
    const auto r = run_cli(
        {"import", src, "--rules", rules_dir() + "/osm-railways.json", "--places", src, "--out", out, "--quiet"});
    ASSERT_EQ(r.code, 0) << r.err;
    const json report = test::read_json(fs::path(out) / "import-report.json");
    EXPECT_EQ(report["topology"]["split_at_shared_nodes"], 1);  // way 10 at node 2
    EXPECT_EQ(report["topology"]["merged_places"], 1);          // node 3 joins two alike main lines
    EXPECT_EQ(report["counts"]["routes"], 3);
    EXPECT_EQ(report["counts"]["named_places"], 1);
    const json places = test::read_json(fs::path(out) / "places.geojson");
    bool named = false;
    for (const auto& p : places["features"])
        if (p["properties"]["id"] == "p_130000000_42000000") named = p["properties"]["name"] == "Westport";
    EXPECT_TRUE(named);
    EXPECT_EQ(run_cli({"validate", "--geodata", out, "--quiet"}).code, 0);
    const auto c = run_cli(
        {"capacity", "--geodata", out, "--from", "p_130000000_42000000", "--to", "p_130100000_41900000", "--json"});
    ASSERT_EQ(c.code, 0) << c.err;
    EXPECT_NEAR(json::parse(c.out)["throughput_t_mo"].get<double>(), std::floor(1500000.0 / 12), 1.0);
}

// tests/data/rules/osm-railways.yaml is a hand-written YAML copy of the shipped JSON rules
// (block and flow sequences, a folded note, 1.5e6): the same lines give the same network,
// the notes naming each its own file.
TEST(ImportCommand, AYamlRulesFileImportsAsItsJsonCopy) {
    test::TempDir tmp;
    const auto src = write(tmp, "extract.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corridor test">
 <node id="1" lat="42.0" lon="130.0"/> <node id="2" lat="42.0" lon="130.1"/> <node id="3" lat="42.0" lon="130.2"/>
 <node id="4" lat="41.9" lon="130.1"/> <node id="5" lat="42.0" lon="130.3"/> <node id="6" lat="42.1" lon="130.2"/>
 <node id="7" lat="41.9" lon="130.3"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><tag k="railway" v="rail"/><tag k="usage" v="main"/><tag k="tracks" v="2"/></way>
 <way id="11"><nd ref="2"/><nd ref="4"/><tag k="railway" v="rail"/><tag k="usage" v="branch"/></way>
 <way id="12"><nd ref="2"/><nd ref="3"/><nd ref="5"/><tag k="railway" v="rail"/><tag k="usage" v="main"/></way>
 <way id="13"><nd ref="3"/><nd ref="6"/><tag k="railway" v="rail"/><tag k="service" v="yard"/></way>
 <way id="14"><nd ref="4"/><nd ref="7"/><tag k="railway" v="narrow_gauge"/></way>
 <way id="15"><nd ref="7"/><nd ref="5"/><tag k="railway" v="disused"/></way>
</osm>
)");
    const fs::path yaml = test::source_dir() / "tests" / "data" / "rules" / "osm-railways.yaml";
    const auto import = [&](const std::string& rules, const std::string& out) {
        const auto r = run_cli({"import", src, "--rules", rules, "--out", (tmp / out).string(), "--quiet"});
        EXPECT_EQ(r.code, 0) << r.err;
    };
    import(rules_dir() + "/osm-railways.json", "json");
    import(yaml.string(), "yaml");
    EXPECT_EQ(test::read_file(tmp / "json" / "places.geojson"), test::read_file(tmp / "yaml" / "places.geojson"));
    std::string routes = test::read_file(tmp / "yaml" / "routes.geojson");
    for (auto at = routes.find("osm-railways.yaml"); at != std::string::npos; at = routes.find("osm-railways.yaml"))
        routes.replace(at, 17, "osm-railways.json");
    EXPECT_EQ(test::read_file(tmp / "json" / "routes.geojson"), routes);
    // every rule but the catch-all took part: skip, yard, double and single track, branch, narrow gauge
    const json report = test::read_json(tmp / "yaml" / "import-report.json");
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(report["rules"][i]["matched"], 1) << "rule " << i + 1;
}

// A YAML rules file's problems name the file and the line.
TEST(ImportCommand, YamlRulesErrorsNameTheLine) {
    test::TempDir tmp;
    const auto src = write(tmp, "lines.geojson", diamond_geojson());
    const auto refused = [&](const std::string& name, const std::string& yaml) {
        const auto rules = write(tmp, name, yaml);
        const auto r = run_cli({"import", src, "--rules", rules, "--out", (tmp / "net").string()});
        EXPECT_EQ(r.code, 1) << r.err;
        EXPECT_FALSE(fs::exists(tmp / "net"));
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        return r.err;
    };
    const std::string unknown = refused("a.yaml",
                                        "# rules\n- where: \"railway = 'rail'\"\n  mode: rail\n  capacity: 100\n"
                                        "- where: \"1 = 1\"\n  mode: rail\n  annual: 5\n");
    EXPECT_TRUE(has(unknown, "a.yaml: line 5: rule 2: field annual: unknown field")) << unknown;
    const std::string syntax = refused("b.yml", "- where: \"1 = 1\"\n  mode: [rail\n  capacity: 100\n");
    EXPECT_TRUE(has(syntax, "b.yml: line 3: not YAML: ")) << syntax;
    const std::string twice = refused("c.yaml", "- where: \"1 = 1\"\n  mode: rail\n  mode: road\n  capacity: 1\n");
    EXPECT_TRUE(has(twice, "c.yaml: line 3: key \"mode\" given twice")) << twice;
    // "yes" is a string in YAML 1.2, not a boolean: the reader says what it expected
    const std::string yes = refused("d.yaml", "- where: \"1 = 1\"\n  mode: rail\n  two_way: yes\n  capacity: 1\n");
    EXPECT_TRUE(has(yes, "d.yaml: line 1: rule 1: field two_way: expected true or false")) << yes;
    const std::string map = refused("e.yaml", "where: \"1 = 1\"\n");
    EXPECT_TRUE(has(map, "e.yaml: expected a YAML sequence of rules")) << map;
}

TEST(ImportCommand, GenerateRawThenImportWithTheShippedRules) {
    test::TempDir tmp;
    const std::string raw = (tmp / "raw").string(), out = (tmp / "net").string();
    ASSERT_EQ(run_cli({"generate", "--routes", "300", "--raw", "--out", raw}).code, 0);
    const json lines = test::read_json(fs::path(raw) / "lines.geojson");
    for (const char* f : {"id", "from_id", "to_id"}) EXPECT_FALSE(lines["features"][0]["properties"].contains(f));
    const auto r = run_cli({"import", raw + "/lines.geojson", "--rules", rules_dir() + "/osm-railways.json", "--rules",
                            rules_dir() + "/osm-roads.json", "--places", raw + "/stations.geojson", "--keep-fields",
                            "usage", "--out", out, "--quiet"});
    ASSERT_EQ(r.code, 0) << r.err;
    const json report = test::read_json(fs::path(out) / "import-report.json");
    EXPECT_EQ(report["counts"]["features"], lines["features"].size());
    EXPECT_EQ(report["skipped"].size(), 0u);
    const auto v = run_cli({"validate", "--geodata", out, "--quiet"});
    EXPECT_EQ(v.code, 0) << v.out;
    const json routes = test::read_json(fs::path(out) / "routes.geojson");
    EXPECT_TRUE(routes["features"][0]["properties"].contains("usage"));
}

// The max-flow of an imported network, computed again here with Boost's Edmonds-Karp on a
// plain graph read from the written routes.geojson (a two-way route: an arc each way).
double boost_max_flow(const json& routes, const std::string& from, const std::string& to) {
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using Graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<boost::edge_capacity_t, long,
                        boost::property<boost::edge_residual_capacity_t, long,
                                        boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
    Graph g;
    std::map<std::string, std::size_t> vertex;
    auto v = [&](const std::string& id) {
        const auto [it, added] = vertex.emplace(id, vertex.size());
        if (added) boost::add_vertex(g);
        return it->second;
    };
    auto cap = boost::get(boost::edge_capacity, g);
    auto rev = boost::get(boost::edge_reverse, g);
    auto arc = [&](std::size_t a, std::size_t b, long c) {
        const auto e = boost::add_edge(a, b, g).first, r = boost::add_edge(b, a, g).first;
        cap[e] = c;
        cap[r] = 0;
        rev[e] = r;
        rev[r] = e;
    };
    for (const auto& f : routes["features"]) {
        const auto& p = f["properties"];
        const long c = static_cast<long>(p["capacity"].get<double>());
        const std::size_t a = v(p["from_id"]), b = v(p["to_id"]);
        arc(a, b, c);
        if (p["two_way"].get<bool>()) arc(b, a, c);
    }
    return static_cast<double>(boost::edmonds_karp_max_flow(g, v(from), v(to)));
}

TEST(ImportCommand, MaxFlowOfAnImportedGeneratedNetworkEqualsBoostsOnTheSameRoutes) {
    test::TempDir tmp;
    const std::string raw = (tmp / "raw").string(), out = (tmp / "net").string();
    ASSERT_EQ(run_cli({"generate", "--routes", "2000", "--raw", "--out", raw}).code, 0);
    // Whole tonnes a month, so both sides hold the same integers.
    const auto rules = write(tmp, "rules.json", R"([
        {"where": "bridge = 'yes'", "mode": "bridge", "capacity": 700},
        {"where": "usage = 'main'", "mode": "rail", "capacity": 5000},
        {"where": "usage = 'branch'", "mode": "rail", "capacity": 1500},
        {"where": "highway = 'trunk'", "mode": "road", "capacity": 3000},
        {"where": "highway = 'primary'", "mode": "road", "capacity": 1000}])");
    ASSERT_EQ(run_cli({"import", raw + "/lines.geojson", "--rules", rules, "--out", out, "--quiet"}).code, 0);
    const json routes = test::read_json(fs::path(out) / "routes.geojson");
    const json places = test::read_json(fs::path(out) / "places.geojson");
    // The north-west and south-east corners: the first and last place in west-to-east order
    // that lie in the top and bottom rows.
    std::string nw, se;
    double nw_key = 1e9, se_key = -1e9;
    for (const auto& p : places["features"]) {
        const double lon = p["geometry"]["coordinates"][0], lat = p["geometry"]["coordinates"][1];
        if (lon - lat < nw_key) nw_key = lon - lat, nw = p["properties"]["id"];
        if (lon - lat > se_key) se_key = lon - lat, se = p["properties"]["id"];
    }
    const auto c = run_cli({"capacity", "--geodata", out, "--from", nw, "--to", se, "--json", "--quiet"});
    ASSERT_EQ(c.code, 0) << c.err;
    const double ours = json::parse(c.out)["throughput_t_mo"].get<double>();
    EXPECT_GT(ours, 0);
    EXPECT_EQ(ours, boost_max_flow(routes, nw, se));
}

// --- bad input --------------------------------------------------------------------------

struct Refusal {
    int code;
    std::string err;
};

Refusal refuse(const test::TempDir& tmp, std::vector<std::string> args) {
    std::vector<std::string> all{"import"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_cli(all);
    EXPECT_TRUE(r.err.rfind("corridor: ", 0) == 0) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "net" / "routes.geojson")) << r.err;
    return {r.code, r.err};
}

TEST(ImportCommand, BadInputIsOneLineWithExitTwoForUsageAndOneForData) {
    test::TempDir tmp;
    const auto src = write(tmp, "diamond.geojson", diamond_geojson());
    const std::string rules = rules_dir() + "/osm-railways.json", out = (tmp / "net").string();

    auto r = refuse(tmp, {(tmp / "nothing.gpkg").string(), "--rules", rules, "--out", out});
    EXPECT_EQ(r.code, 1) << r.err;
    // --rules has no default (the rules are the user's assumptions): the usage error names the shipped ones
    r = refuse(tmp, {src, "--out", out});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "--rules geodata/rules/osm-railways.json --rules geodata/rules/osm-roads.json")) << r.err;
    r = refuse(tmp, {write(tmp, "bad.geojson", "not json at all"), "--rules", rules, "--out", out});
    EXPECT_EQ(r.code, 1) << r.err;
    r = refuse(tmp, {src, "--rules", rules, "--out", out, "--snap", "0"});
    EXPECT_EQ(r.code, 2) << r.err;
    r = refuse(tmp, {src, "--rules", rules, "--out", out, "--snap", "20000"});
    EXPECT_EQ(r.code, 2) << r.err;
    r = refuse(tmp, {src, "--rules", rules, "--out", out, "--where", "usage = = 'main'"});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "--where")) << r.err;
    const auto bad_rules = write(tmp, "r.json", R"([{"where": "railway = 'rail'", "mode": "rail", "annual": 5}])");
    r = refuse(tmp, {src, "--rules", bad_rules, "--out", out});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "r.json: rule 1: field annual: unknown field")) << r.err;
    const auto bad_where = write(tmp, "w.json", R"([{"where": "railway = ", "mode": "rail", "annual_t": 5}])");
    r = refuse(tmp, {src, "--rules", bad_where, "--out", out});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "w.json: rule 1: field where: invalid expression")) << r.err;
    r = refuse(tmp, {src, "--rules", rules, "--out", out, "--keep-fields", "gauge"});
    EXPECT_EQ(r.code, 2) << r.err;
    r = refuse(tmp, {src, "--rules", rules, "--out", out, "--keep-fields", "nosuch"});
    EXPECT_EQ(r.code, 2) << r.err;
    const auto points = write(
        tmp, "points.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[130,42]}}]})");
    r = refuse(tmp, {points, "--rules", rules, "--out", out});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "not lines")) << r.err;

    fs::create_directories(tmp / "net");
    test::write_file(tmp / "net" / "notes.txt", "mine");
    r = refuse(tmp, {src, "--rules", rules, "--out", out});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "not a corridor geodata folder")) << r.err;
    EXPECT_EQ(test::read_file(tmp / "net" / "notes.txt"), "mine");
}

TEST(ImportCommand, OverwriteReplacesTheNetworkOfAGeodataFolder) {
    test::TempDir tmp;
    const auto src = write(tmp, "diamond.geojson", diamond_geojson());
    const std::string rules = rules_dir() + "/osm-railways.json", out = (tmp / "net").string();
    ASSERT_EQ(run_cli({"import", src, "--rules", rules, "--out", out}).code, 0);
    const auto again = run_cli({"import", src, "--rules", rules, "--out", out});
    EXPECT_EQ(again.code, 2);
    EXPECT_TRUE(has(again.err, "--overwrite")) << again.err;
    EXPECT_EQ(run_cli({"import", src, "--rules", rules, "--out", out, "--overwrite"}).code, 0);
    // Only the three files: no temporary left behind.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"import-report.json", "places.geojson", "routes.geojson"}));
}

}  // namespace
}  // namespace corridor
