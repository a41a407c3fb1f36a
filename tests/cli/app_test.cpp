// End-to-end: the CLI on the default network and on bad inputs, in-process and as the real binary.
#include "corridor/cli/app.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <ogrsf_frmts.h>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "corridor/io/gdal.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, ValidateTheDefaultNetworkIsClean) {
    const auto r = run_cli({"validate", "--geodata", geodata()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("no problems"), std::string::npos) << r.out;
}

TEST(Cli, ValidateListsProblemsOneALine) {
    test::TempDir tmp;
    auto net = test::mini_network();
    net.routes["features"][0]["properties"]["quote"] = "carries 600 tons six times a month";  // not in the seed
    net.routes["features"][0]["geometry"]["coordinates"][2] = {126.2, 40.0};                  // 8.5 km from b
    net.write(tmp.path());
    const auto r = run_cli({"validate", "--geodata", (tmp / "geodata").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("routes.geojson: feature ab_rail: field to_id:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("routes.geojson: feature ab_rail: field quote: not found verbatim"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("2 problems"), std::string::npos) << r.out;
}

// A member nested ~65,000 levels deep (130 KB of brackets) in routes or places used to
// overflow the stack (SIGSEGV): now one line naming the file and the feature, exit 1.
TEST(Cli, ValidateRefusesDeepNestingInOneLine) {
    for (const std::string layer : {"routes", "places"}) {
        SCOPED_TRACE(layer);
        test::TempDir tmp;
        test::mini_network().write(tmp.path());
        const auto file = tmp / "geodata" / (layer + ".geojson");
        std::string text = test::read_file(file);
        const std::size_t at = text.find("\"properties\"");
        ASSERT_NE(at, std::string::npos);
        text.insert(at, "\"deep\":" + std::string(65000, '[') + std::string(65000, ']') + ",");
        test::write_file(file, text);
        const auto r = run_cli({"validate", "--geodata", (tmp / "geodata").string()});
        EXPECT_EQ(r.code, 1);
        EXPECT_EQ(line_count(r.err), 1u) << r.err;
        EXPECT_NE(r.err.find(file.string() + ": feature #1: cannot read: arrays and objects nested more than"),
                  std::string::npos)
            << r.err;
        // The program itself, on its own stack: an exit code, not a signal.
        const int status = std::system(
            fmt::format("'{}' validate --geodata '{}' >/dev/null 2>&1", CORRIDOR_BIN, (tmp / "geodata").string())
                .c_str());
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 1);
    }
}

// Malformed GeoJSON: the error says where, as GDAL's parser found it.
TEST(Cli, ValidateSaysWhereGeoJsonIsMalformed) {
    test::TempDir tmp;
    test::mini_network().write(tmp.path());
    const auto file = tmp / "geodata" / "routes.geojson";
    test::write_file(
        file,
        "{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": \"Feature\", \"properties\": {\"a\" 1}}\n]}\n");
    const auto r = run_cli({"validate", "--geodata", (tmp / "geodata").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(file.string() + ": cannot read: Failed to read GeoJSON data (At line 3, character "),
              std::string::npos)
        << r.err;
}

TEST(Cli, FindingsAreWarningsElsewhereAndErrorsWithStrict) {
    test::TempDir tmp;
    auto net = test::mini_network();
    net.routes["features"][0]["properties"]["trips_mo"] = 7;  // the quote says six
    net.write(tmp.path());
    const std::string g = (tmp / "geodata").string();
    auto r = run_cli({"routes", "--geodata", g});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.err.find("warning:"), std::string::npos);
    EXPECT_NE(r.err.find("field trips_mo"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("ab_rail"), std::string::npos);
    r = run_cli({"routes", "--geodata", g, "--strict"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("error:"), std::string::npos);
    EXPECT_EQ(r.out, "");
}

TEST(Cli, ManyFindingsAreSummarised) {
    test::TempDir tmp;
    auto net = test::mini_network();
    auto route = net.routes["features"][0];
    net.routes["features"] = nlohmann::json::array();
    for (int i = 0; i < 30; ++i) {
        route["properties"]["id"] = fmt::format("r{}", i);
        route["properties"]["trips_mo"] = 7;
        net.routes["features"].push_back(route);
    }
    net.write(tmp.path());
    const auto r = run_cli({"places", "--geodata", (tmp / "geodata").string()});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(line_count(r.err), 21u) << r.err;
    EXPECT_NE(r.err.find("and 10 more"), std::string::npos) << r.err;
}

// Reads a layer back through OGR: feature count and field names.
std::pair<long long, std::vector<std::string>> layer_summary(const fs::path& file, const char* layer_name) {
    auto ds = gdal::open_vector(file);
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    if (layer == nullptr) throw std::runtime_error(std::string("no layer ") + layer_name);
    std::vector<std::string> fields;
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
        fields.emplace_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    return {layer->GetFeatureCount(), fields};
}

TEST(Cli, ExportWritesEveryLayerInEveryFormat) {
    test::TempDir tmp;
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", (tmp / "out").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto places = layer_summary(test::geodata_dir() / "places.geojson", "places");
    const auto routes_in = test::read_json(test::geodata_dir() / "routes.geojson");
    const auto n_routes = static_cast<long long>(routes_in["features"].size());

    const auto gj_places = layer_summary(tmp / "out" / "places.geojson", "places");
    const auto gj_routes = layer_summary(tmp / "out" / "routes.geojson", "routes");
    EXPECT_EQ(gj_places.first, places.first);
    EXPECT_EQ(gj_routes.first, n_routes);
    for (const auto& [file, layer] : std::vector<std::pair<std::string, const char*>>{{"places.shp", "places"},
                                                                                      {"routes.shp", "routes"},
                                                                                      {"corridor.gpkg", "places"},
                                                                                      {"corridor.gpkg", "routes"}}) {
        const auto s = layer_summary(tmp / "out" / file, layer);
        const auto& ref = std::string(layer) == "places" ? gj_places : gj_routes;
        EXPECT_EQ(s.first, ref.first) << file << " " << layer;
        EXPECT_EQ(s.second, ref.second) << file << " " << layer << ": same columns as the GeoJSON";
    }
    EXPECT_TRUE(fs::exists(tmp / "out" / "routes.prj"));
    const auto gj = test::read_json(tmp / "out" / "routes.geojson");
    for (const auto& f : gj["features"]) {
        EXPECT_TRUE(f["properties"]["capacity"].is_number()) << f["properties"]["id"];
        EXPECT_TRUE(f["properties"]["length_km"].is_number()) << f["properties"]["id"];
    }
}

TEST(Cli, ExportIsByteIdenticalOnReRun) {
    test::TempDir tmp;
    ASSERT_EQ(run_cli({"export", "--geodata", geodata(), "--out", (tmp / "a").string()}).code, 0);
    ASSERT_EQ(run_cli({"export", "--geodata", geodata(), "--out", (tmp / "b").string()}).code, 0);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(tmp / "a")) {
        EXPECT_EQ(test::read_file(e.path()), test::read_file(tmp / "b" / e.path().filename())) << e.path();
        ++files;
    }
    EXPECT_EQ(files, 20u);  // 2 GeoJSON, 2 x 5 shapefile parts, 1 GeoPackage, flows.csv + .csvt, flows_by_commodity.csv
                            // + .csvt (the default question is a joint flow), bottlenecks.geojson, map.png, and the
                            // manifest .corridor-export.json
}

TEST(Cli, ExportChoosesFormats) {
    test::TempDir tmp;
    ASSERT_EQ(run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "gpkg"}).code, 0);
    EXPECT_TRUE(fs::exists(tmp / "corridor.gpkg"));
    EXPECT_FALSE(fs::exists(tmp / "routes.geojson"));
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "kml"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("kml"), std::string::npos);
}

TEST(Cli, BadInputLeavesPreviousOutputsWhole) {
    test::TempDir tmp;
    auto net = test::mini_network();
    net.write(tmp.path());
    const std::string g = (tmp / "geodata").string();
    const std::string out = (tmp / "out").string();
    ASSERT_EQ(run_cli({"export", "--geodata", g, "--out", out}).code, 0);
    const std::string before = test::read_file(tmp / "out" / "routes.geojson");

    net.routes["features"][0]["properties"]["capacity"] = -1;
    net.write(tmp.path());
    const auto r = run_cli({"export", "--geodata", g, "--out", out});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("feature ab_rail: field capacity:"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(tmp / "out" / "routes.geojson"), before);
}

TEST(Cli, UnwritableOutputIsAnError) {
    test::TempDir tmp;
    test::write_file(tmp / "file", "x");
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", (tmp / "file" / "out").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find((tmp / "file" / "out").string()), std::string::npos) << r.err;
}

TEST(Cli, PlacesAndRoutesTablesAndJson) {
    auto r = run_cli({"places", "--geodata", geodata()});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("pyongyang"), std::string::npos);
    r = run_cli({"routes", "--geodata", geodata(), "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    bool ferry = false;
    for (const auto& route : j) {
        if (route["id"] != "mangyongbong_ferry") continue;
        ferry = true;
        EXPECT_DOUBLE_EQ(route["capacity"].get<double>(), 6000.0);
        EXPECT_DOUBLE_EQ(route["pax_mo"].get<double>(), 1200.0);
    }
    EXPECT_TRUE(ferry);
}

TEST(Cli, FactsJsonHasTheDocumentedKeys) {
    const auto r = run_cli({"facts", "--geodata", geodata(), "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j.is_array());
    EXPECT_EQ(j.size(), 43u);  // 18 + 25, see tests/text/facts_test.cpp
    for (const auto& f : j)
        for (const char* key :
             {"file", "line", "sentence", "text", "kind", "value", "unit", "hedge", "used_by", "uses"})
            EXPECT_TRUE(f.contains(key)) << key << " in " << f.dump();
    bool range = false;
    bool ferry = false;
    for (const auto& f : j) {
        if (f["text"] == "34-40 percent") {
            range = true;
            EXPECT_EQ(f["low"], 34);
            EXPECT_EQ(f["high"], 40);
            EXPECT_EQ(f["unit"], "%");
            EXPECT_EQ(f["used_by"], nlohmann::json::array({"nampo_dalian_coal", "rajin_dalian_coal"}));
        }
        if (f["text"] == "200 passengers") {
            ferry = true;
            EXPECT_EQ(f["used_by"], nlohmann::json::array({"mangyongbong_ferry"}));
            EXPECT_EQ(f["uses"][0]["field"], "pax_trip");
            EXPECT_EQ(f["line"], 9);
        }
    }
    EXPECT_TRUE(range);
    EXPECT_TRUE(ferry);
}

TEST(Cli, FactsTableMarksWhatIsNotUsed) {
    const auto r = run_cli({"facts", "--geodata", geodata()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("000_19fc30f83eb11002.txt:39"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not used"), std::string::npos);
    EXPECT_NE(r.out.find("mangyongbong_ferry.pax_trip"), std::string::npos);
    EXPECT_NE(r.out.find("43 quantity statements in 2 seed files: 12 used, 31 not used"), std::string::npos) << r.out;
}

TEST(Cli, FactsWithAnUnreadableSeedFolderNamesIt) {
    test::TempDir tmp;
    const std::string missing = (tmp / "no_seeds").string();
    const auto r = run_cli({"facts", "--geodata", geodata(), "--seeds", missing});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(Cli, CapacityUncertaintyJson) {
    const std::vector<std::string> args{"capacity",  "--geodata",     geodata(), "--from", "RU", "--to",
                                        "pyongyang", "--uncertainty", "300",     "--seed", "5",  "--json"};
    const auto r = run_cli(args);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["throughput_t_mo"], 106042);  // the deterministic answer is unchanged
    const auto p10 = j["p10_t_mo"].get<std::int64_t>(), p50 = j["p50_t_mo"].get<std::int64_t>(),
               p90 = j["p90_t_mo"].get<std::int64_t>();
    EXPECT_LE(p10, p50);
    EXPECT_LE(p50, p90);
    EXPECT_LT(p10, p90);
    EXPECT_EQ(j["draws"], 300);
    ASSERT_TRUE(j["cut_probability"].is_object());
    EXPECT_GT(j["cut_probability"]["mangyongbong_ferry"].get<double>(), 0.5);
    for (const auto& [id, p] : j["cut_probability"].items()) {
        EXPECT_GT(p.get<double>(), 0.0) << id;
        EXPECT_LE(p.get<double>(), 1.0) << id;
    }
    const auto& sens = j["sensitivity"];
    ASSERT_FALSE(sens.empty());
    EXPECT_EQ(sens[0]["figure"], "place tumangang.capacity");  // the gauge change at Tumangang
    for (std::size_t i = 0; i < sens.size(); ++i) {
        EXPECT_TRUE(sens[i]["low_t_mo"].is_number_integer());
        EXPECT_TRUE(sens[i]["high_t_mo"].is_number_integer());
        if (i > 0) {
            EXPECT_GE(sens[i - 1]["swing_t_mo"].get<std::int64_t>(), sens[i]["swing_t_mo"].get<std::int64_t>());
        }
    }
    EXPECT_EQ(run_cli(args).out, r.out);  // same seed, same output
    auto other = args;
    other[10] = "6";
    EXPECT_NE(run_cli(other).out, r.out);
    // The human table names the percentiles.
    const auto t =
        run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "pyongyang", "--uncertainty", "50"});
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_NE(t.out.find("P10 "), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("Sensitivity"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run_cli({}).code, 2);
    EXPECT_EQ(run_cli({"fly"}).code, 2);
    EXPECT_EQ(run_cli({"export", "--bogus"}).code, 2);
    EXPECT_EQ(run_cli({"--help"}).code, 0);
}

TEST(Cli, MissingInputNamesTheFile) {
    test::TempDir tmp;
    const auto r = run_cli({"routes", "--geodata", tmp.path().string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("places.geojson: cannot read"), std::string::npos) << r.err;
}

TEST(Cli, CapacityJsonHasTheDocumentedKeys) {
    const auto r = run_cli({"capacity", "--geodata", geodata(), "--from", "vladivostok", "--to", "rajin", "--modes",
                            "ferry", "--month", "2017-06", "--json"});  // the ferry's first whole month
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["from"], "vladivostok");
    EXPECT_EQ(j["to"], "rajin");
    EXPECT_TRUE(j["commodity"].is_null());
    EXPECT_EQ(j["throughput_t_mo"], 6000);  // the ferry alone: 1,000 t x 6 a month
    EXPECT_EQ(j["min_cut"], nlohmann::json::array({"mangyongbong_ferry"}));
    ASSERT_EQ(j["paths"].size(), 1u);
    EXPECT_EQ(j["paths"][0]["routes"], nlohmann::json::array({"mangyongbong_ferry"}));
    EXPECT_EQ(j["paths"][0]["flow_t_mo"], 6000);
    EXPECT_EQ(j["flows"]["mangyongbong_ferry"], 6000);
    EXPECT_NE(j["min_cut_detail"][0]["quote"].get<std::string>().find("six times a month"), std::string::npos);
}

TEST(Cli, CapacityHumanTableNamesTheCutAndQuote) {
    const auto r = run_cli({"capacity", "--geodata", geodata(), "--from", "vladivostok", "--to", "rajin", "--modes",
                            "ferry", "--month", "2017-06"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("6,000 t/month"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("this route caps vladivostok to rajin at 6,000 t/month"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("six times a month"), std::string::npos) << "the quote behind the figure";
}

TEST(Cli, WithoutAndSetChangeTheAnswer) {
    auto ask = [](std::vector<std::string> extra) {
        std::vector<std::string> args{"capacity", "--geodata", geodata(), "--from",  "vladivostok",
                                      "--to",     "rajin",     "--month", "2017-06", "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_cli(args);
        EXPECT_EQ(r.code, 0) << r.err;
        return nlohmann::json::parse(r.out)["throughput_t_mo"].get<long long>();
    };
    const long long all = ask({});
    const long long no_ferry = ask({"--without", "mangyongbong_ferry"});
    EXPECT_EQ(all - no_ferry, 6000);
    EXPECT_EQ(ask({"--set", "mangyongbong_ferry.trips_mo=3"}), all - 3000);
    EXPECT_EQ(ask({"--scenario", "ferry_stopped"}), no_ferry);
}

TEST(Cli, PassengersAreCountedInPassengers) {
    const auto r = run_cli({"capacity", "--geodata", geodata(), "--from", "vladivostok", "--to", "rajin", "--commodity",
                            "passengers", "--month", "2017-06", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["unit"], "passengers/month");
    EXPECT_EQ(j["throughput_pax_mo"], 1200);
}

TEST(Cli, InfeasibleQueriesSayWhy) {
    auto err = [](std::vector<std::string> args) {
        args.insert(args.begin() + 1, {"--geodata", geodata()});
        const auto r = run_cli(args);
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_EQ(line_count(r.err), 1u) << r.err;
        return r.err;
    };
    EXPECT_NE(err({"capacity", "--from", "atlantis", "--to", "rajin"}).find("atlantis"), std::string::npos);
    EXPECT_NE(err({"capacity", "--from", "RU", "--to", "rajin", "--commodity", "unobtainium"}).find("unobtainium"),
              std::string::npos);
    EXPECT_NE(err({"capacity", "--from", "RU", "--to", "pyongyang", "--commodity", "crude_oil"}).find("no path"),
              std::string::npos);
    // Without the Russia-China crossings Russian cargo reaches Dandong only through North
    // Korea, which transits.json does not open to cargo: the answer says so.
    EXPECT_NE(err({"capacity", "--from", "RU", "--to", "dandong", "--commodity", "cargo", "--without",
                   "kamyshovaya_hunchun_rail,kraskino_hunchun_road"})
                  .find("route(s) carrying it cross a third country, closed to questions from RU to dandong by "
                        "transits.json; --transit any opens them"),
              std::string::npos);
    EXPECT_EQ(run_cli({"capacity", "--geodata", geodata(), "--from", "RU"}).code, 2) << "--to is required";
    EXPECT_EQ(run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "KP", "--without", "nope"}).code, 2);
    EXPECT_EQ(run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "KP", "--scenario", "nope"}).code,
              2);
}

TEST(Cli, RouteByDistanceTimeAndCapacity) {
    for (const char* by : {"distance", "time", "capacity"}) {
        const auto r = run_cli(
            {"route", "--geodata", geodata(), "--from", "vladivostok", "--to", "pyongyang", "--by", by, "--json"});
        ASSERT_EQ(r.code, 0) << by << r.err;
        const auto j = nlohmann::json::parse(r.out);
        ASSERT_FALSE(j["routes"].empty()) << by;
        EXPECT_GT(j["length_km"].get<double>(), 500.0) << by;
        EXPECT_GT(j["hours"].get<double>(), 0.0) << by;
        EXPECT_GT(j["bottleneck_t_mo"].get<long long>(), 0) << by;
    }
    EXPECT_EQ(
        run_cli({"route", "--geodata", geodata(), "--from", "vladivostok", "--to", "pyongyang", "--by", "beauty"}).code,
        2);
}

TEST(Cli, ScenariosSideBySide) {
    // December 2016, before China suspended coal imports (geodata/events.json).
    const auto r = run_cli({"scenarios", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--commodity", "coal",
                            "--month", "2016-12", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    std::map<std::string, long long> t;
    for (const auto& s : j["scenarios"]) t[s["scenario"]] = s["throughput_t_mo"];
    ASSERT_TRUE(t.count("baseline"));
    EXPECT_GT(t["baseline"], 0);
    EXPECT_EQ(t["coal_suspension"], 0) << "China stops all coal imports";
    EXPECT_LT(t["un_coal_cap"], t["baseline"]);
    EXPECT_EQ(t["ferry_stopped"], t["baseline"]);
    const auto human = run_cli({"scenarios", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--commodity",
                                "coal", "--month", "2016-12"});
    EXPECT_NE(human.out.find("coal_suspension"), std::string::npos);
}

TEST(Cli, ExportCarriesFlowsAndBottlenecks) {
    test::TempDir tmp;
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "geojson"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto cap = nlohmann::json::parse(
        run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "pyongyang", "--json"}).out);
    const auto routes = test::read_json(tmp / "routes.geojson");
    long long cut_routes = 0;
    for (const auto& f : routes["features"]) {
        const auto& p = f["properties"];
        const std::string id = p["id"];
        const long long flow = p["flow"];
        EXPECT_EQ(flow, cap["flows"].value(id, 0LL)) << id;
        if (p["bottleneck"] == 1) ++cut_routes;
        EXPECT_LE(static_cast<double>(flow), p["capacity"].get<double>()) << id << ": no flow above its capacity";
        if (p["capacity"].get<double>() > 0) {
            EXPECT_NEAR(p["util"].get<double>(), flow / p["capacity"].get<double>(), 1e-4) << id;
        }
    }
    // The bottlenecks: the minimum cut, or the joint flow's binding routes (the default question
    // spans commodities that cannot swap routes).
    long long limits = static_cast<long long>(cap["min_cut"].size());
    for (const auto& b : cap["binding"]) limits += b.contains("route") ? 1 : 0;
    EXPECT_GT(limits, 0);
    EXPECT_EQ(cut_routes, limits);
    const auto places = test::read_json(tmp / "places.geojson");
    for (const auto& f : places["features"])
        if (f["properties"]["id"] == "pyongyang") {
            EXPECT_EQ(f["properties"]["in_t_mo"], cap["throughput_t_mo"]);
        }
    const auto bn = test::read_json(tmp / "bottlenecks.geojson");
    EXPECT_EQ(static_cast<long long>(bn["features"].size()), limits);
    EXPECT_NE(bn["features"][0]["properties"]["sentence"].get<std::string>().find("cap RU to pyongyang at"),
              std::string::npos);
    // The joint flow's split: every commodity's flow on a route adds up to the route's flow
    // (they all run one way on the default question), at most a tonne lost per rounding.
    std::map<std::string, long long> by_route;
    std::istringstream csv(test::read_file(tmp / "flows_by_commodity.csv"));
    std::string line;
    std::getline(csv, line);
    EXPECT_EQ(line, "route_id,commodity,origin,destination,flow_t_mo");
    while (std::getline(csv, line))
        by_route[line.substr(0, line.find(','))] += std::stoll(line.substr(line.rfind(',') + 1));
    EXPECT_FALSE(by_route.empty());
    for (const auto& [id, sum] : by_route) {
        EXPECT_LE(cap["flows"].value(id, 0LL), sum) << id;
        EXPECT_GE(cap["flows"].value(id, 0LL) + 1, sum) << id;
    }
    const auto flows = layer_summary(tmp / "flows.csv", "flows");
    EXPECT_EQ(flows.first, static_cast<long long>(cap["flows"].size()));
    EXPECT_EQ(flows.second[0], "route_id");
}

TEST(Cli, ExportWithAnotherQuestion) {
    test::TempDir tmp;
    const auto r =
        run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "geojson", "--from", "KP",
                 "--to", "CN", "--commodity", "coal", "--scenario", "ferry_stopped", "--month", "2016-12"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto bn = test::read_json(tmp / "bottlenecks.geojson");
    ASSERT_FALSE(bn["features"].empty());
    const std::string sentence = bn["features"][0]["properties"]["sentence"];
    EXPECT_NE(sentence.find("KP to CN for coal"), std::string::npos) << sentence;
    EXPECT_NE(sentence.find("under scenario ferry_stopped"), std::string::npos) << sentence;
    // Under the UN cap the national cap binds, not a route: the layer is empty and the sentence says so.
    const auto cap =
        run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format", "geojson", "--from", "KP",
                 "--to", "CN", "--commodity", "coal", "--scenario", "un_coal_cap", "--month", "2016-12"});
    ASSERT_EQ(cap.code, 0) << cap.err;
    EXPECT_TRUE(test::read_json(tmp / "bottlenecks.geojson")["features"].empty());
    EXPECT_NE(cap.err.find("this national cap caps KP to CN for coal at 1,000,000 t/month under scenario un_coal_cap"),
              std::string::npos)
        << cap.err;
}

TEST(Cli, TheCoalSuspensionIsDatedInTheShippedData) {
    auto coal = [&](const char* month) {
        return run_cli({"capacity", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--commodity", "coal",
                        "--month", month, "--json"});
    };
    const auto dec = coal("2016-12"), feb = coal("2017-02"), mar = coal("2017-03"), jan18 = coal("2018-01");
    ASSERT_EQ(dec.code, 0) << dec.err;
    ASSERT_EQ(feb.code, 0) << feb.err;
    const long long d = nlohmann::json::parse(dec.out)["throughput_t_mo"],
                    f = nlohmann::json::parse(feb.out)["throughput_t_mo"];
    EXPECT_LT(f, d) << "from 19 February, pro rata by days";
    EXPECT_GT(f, 0);
    EXPECT_EQ(mar.code, 1) << "no North Korean coal into China while the suspension lasts";
    EXPECT_NE(mar.err.find("a national cap holds coal from KP to CN at 0 t/month"), std::string::npos) << mar.err;
    // The suspension caps North Korea's coal, not Russia's shipped through Rajin.
    const auto ru = run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "CN", "--commodity", "coal",
                             "--month", "2017-03", "--json"});
    ASSERT_EQ(ru.code, 0) << ru.err;
    EXPECT_GT(nlohmann::json::parse(ru.out)["throughput_t_mo"].get<long long>(), 0);
    ASSERT_EQ(jan18.code, 0) << jan18.err;
    EXPECT_EQ(nlohmann::json::parse(jan18.out)["throughput_t_mo"], d) << "until the end of 2017";
}

TEST(Cli, ExportWithUncertainty) {
    test::TempDir tmp;
    const auto r = run_cli({"export", "--geodata", geodata(), "--out", tmp.path().string(), "--format",
                            "geojson,shp,gpkg,fgb", "--uncertainty", "300", "--seed", "5"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("P10 "), std::string::npos) << r.err;
    const auto cap = nlohmann::json::parse(run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to",
                                                    "pyongyang", "--uncertainty", "300", "--seed", "5", "--json"})
                                               .out);
    const auto routes = test::read_json(tmp / "routes.geojson");
    std::size_t ranged = 0;
    for (const auto& f : routes["features"]) {
        const auto& p = f["properties"];
        const std::string id = p["id"];
        const double low = p["cap_low"], high = p["cap_high"], capacity = p["capacity"];
        EXPECT_LE(low, capacity + 1e-3) << id;
        EXPECT_GE(high, capacity - 1e-3) << id;
        if (low < high) ++ranged;
        // the same draws as capacity --uncertainty with the same seed
        EXPECT_NEAR(p["cut_prob"].get<double>(), cap["cut_probability"].value(id, 0.0), 1e-4) << id;
    }
    EXPECT_GT(ranged, 5u);
    const auto places = test::read_json(tmp / "places.geojson");  // kept alive: the loop runs over a member
    for (const auto& f : places["features"]) {
        EXPECT_TRUE(f["properties"].contains("cut_prob"));
    }
    const auto bn = test::read_json(tmp / "bottlenecks.geojson");
    ASSERT_FALSE(bn["features"].empty());
    EXPECT_EQ(bn["features"][0]["properties"]["p10"], cap["p10_t_mo"]);
    EXPECT_EQ(bn["features"][0]["properties"]["p50"], cap["p50_t_mo"]);
    EXPECT_EQ(bn["features"][0]["properties"]["p90"], cap["p90_t_mo"]);
    // every format has the new columns
    const auto gj = layer_summary(tmp / "routes.geojson", "routes");
    for (const char* field : {"cap_low", "cap_high", "cut_prob"})
        EXPECT_NE(std::find(gj.second.begin(), gj.second.end(), field), gj.second.end()) << field;
    for (const auto& file : {"routes.shp", "corridor.gpkg", "routes.fgb"}) {
        EXPECT_EQ(layer_summary(tmp / file, "routes").second, gj.second) << file;
    }
    // without --uncertainty the layers have none of them
    test::TempDir plain;
    ASSERT_EQ(run_cli({"export", "--geodata", geodata(), "--out", plain.path().string(), "--format", "geojson"}).code,
              0);
    const auto fields = layer_summary(plain / "routes.geojson", "routes").second;
    EXPECT_EQ(std::find(fields.begin(), fields.end(), std::string("cut_prob")), fields.end());
}

TEST(Cli, UncertaintyDrawsAPlaceCapacityRange) {
    // b takes 2,000 t/month (1,000 to 2,500), less than the 3,000 the rail carries: b limits.
    test::TempDir tmp;
    auto net = test::mini_network();
    auto& b = net.places["features"][1]["properties"];
    b["capacity"] = 2000;
    b["cap_low"] = 1000;
    b["cap_high"] = 2500;
    b["note"] = "a narrow yard";
    net.write(tmp.path());
    const std::string g = (tmp / "geodata").string();
    const auto r = run_cli({"capacity", "--geodata", g, "--from", "a", "--to", "b", "--uncertainty", "300", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["throughput_t_mo"], 2000);
    EXPECT_EQ(j["ranged_figures"], 1);
    EXPECT_DOUBLE_EQ(j["place_cut_probability"]["b"].get<double>(), 1.0);
    EXPECT_LT(j["p10_t_mo"].get<std::int64_t>(), 2000);
    ASSERT_EQ(j["sensitivity"].size(), 1u);
    EXPECT_EQ(j["sensitivity"][0]["figure"], "place b.capacity");
    EXPECT_EQ(j["sensitivity"][0]["place"], "b");
    EXPECT_EQ(j["sensitivity"][0]["low_t_mo"], 1000);
    EXPECT_EQ(j["sensitivity"][0]["high_t_mo"], 2500);
    ASSERT_EQ(run_cli({"export", "--geodata", g, "--out", (tmp / "out").string(), "--format", "geojson", "--from", "a",
                       "--to", "b", "--uncertainty", "100"})
                  .code,
              0);
    const auto places = test::read_json(tmp / "out" / "places.geojson");
    EXPECT_TRUE(places["features"][0]["properties"]["cut_prob"].is_null());  // a has no capacity
    EXPECT_DOUBLE_EQ(places["features"][1]["properties"]["cut_prob"].get<double>(), 1.0);
}

TEST(Cli, FlatGeobufInAndOut) {
    test::TempDir tmp;
    const std::string net = (tmp / "net").string();
    auto r = run_cli({"generate", "--routes", "400", "--out", net, "--format", "fgb"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(tmp / "net" / "routes.fgb"));
    r = run_cli(
        {"export", "--geodata", net, "--out", (tmp / "out").string(), "--format", "fgb", "--from", "CN", "--to", "RU"});
    ASSERT_EQ(r.code, 0) << r.err;
    // A generated network has no basemap beside it: the user is told the land checks were skipped.
    EXPECT_NE(r.err.find("corridor: note: no basemap at"), std::string::npos) << r.err;
    const auto routes = layer_summary(tmp / "out" / "routes.fgb", "routes");
    const auto input = layer_summary(tmp / "net" / "routes.fgb", "routes");
    EXPECT_EQ(routes.first, input.first);
    EXPECT_NE(std::find(routes.second.begin(), routes.second.end(), "flow"), routes.second.end());
    // No spatial index unless --fgb-index asks for one.
    auto indexed = [](const fs::path& file) {
        auto ds = gdal::open_vector(file);
        return ds->GetLayer(0)->TestCapability(OLCFastSpatialFilter) != 0;
    };
    EXPECT_FALSE(indexed(tmp / "out" / "routes.fgb"));
    r = run_cli({"export", "--geodata", net, "--out", (tmp / "idx").string(), "--format", "fgb", "--fgb-index",
                 "--from", "CN", "--to", "RU"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(indexed(tmp / "idx" / "routes.fgb"));
    EXPECT_TRUE(indexed(tmp / "idx" / "places.fgb"));
    EXPECT_EQ(layer_summary(tmp / "idx" / "routes.fgb", "routes").first, routes.first);
    // the same network as GeoJSON gives the same answer
    ASSERT_EQ(run_cli({"generate", "--routes", "400", "--out", (tmp / "gj").string()}).code, 0);
    const auto a = run_cli({"capacity", "--geodata", net, "--from", "CN", "--to", "RU", "--json"});
    const auto b = run_cli({"capacity", "--geodata", (tmp / "gj").string(), "--from", "CN", "--to", "RU", "--json"});
    ASSERT_EQ(a.code, 0) << a.err;
    EXPECT_EQ(nlohmann::json::parse(a.out)["throughput_t_mo"], nlohmann::json::parse(b.out)["throughput_t_mo"]);
}

// The real executable: exit codes and one-line errors survive main().
TEST(Binary, ExitCodesAndOgrinfoReadsTheExport) {
    const std::string bin = CORRIDOR_BIN;  // the executable CMake built beside this test
    test::TempDir tmp;
    auto sh = [](const std::string& cmd) {
        std::string out;
        FILE* p = popen((cmd + " 2>&1").c_str(), "r");
        std::array<char, 4096> buf{};
        while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
        const int status = pclose(p);
        return std::pair{WEXITSTATUS(status), out};
    };
    auto [code, out] = sh(bin + " export --geodata '" + geodata() + "' --out '" + tmp.path().string() + "'");
    EXPECT_EQ(code, 0) << out;
    std::tie(code, out) = sh(bin + " routes --geodata '" + tmp.path().string() + "/nowhere'");
    EXPECT_EQ(code, 1);
    EXPECT_EQ(line_count(out), 2u) << out;  // both layers: every problem in one run
    std::tie(code, out) = sh(bin + " nonsense");
    EXPECT_EQ(code, 2);
    std::tie(code, out) = sh("ogrinfo -ro -al -so '" + (tmp / "corridor.gpkg").string() + "'");
    if (code == 127) GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    EXPECT_EQ(code, 0);
    EXPECT_NE(out.find("Layer name: routes"), std::string::npos) << out;
    EXPECT_NE(out.find("capacity: Real"), std::string::npos) << out;
}

}  // namespace
}  // namespace corridor
