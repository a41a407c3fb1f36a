// End to end: corridor assign on the shipped network with its demands.csv (against capacity's
// max-flow), demand files in CSV and JSON, costs, layers, and bad input (one-line errors).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }
std::string demands() { return (test::geodata_dir() / "demands.csv").string(); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string write(const test::TempDir& tmp, const std::string& name, const std::string& text) {
    const fs::path p = tmp / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

json assign_json(std::vector<std::string> extra) {
    std::vector<std::string> args{"assign", "--geodata", geodata(), "--json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? json::parse(r.out) : json();
}

// capacity's answer, under transits.json's rules (listed) or with every transit open (any).
double capacity(const std::string& from, const std::string& to, const std::string& commodity, const std::string& month,
                const std::string& transit = "listed") {
    const auto r = run_cli({"capacity", "--geodata", geodata(), "--from", from, "--to", to, "--commodity", commodity,
                            "--month", month, "--transit", transit, "--json", "--quiet"});
    EXPECT_EQ(r.code, 0) << r.err;
    return json::parse(r.out)["throughput_t_mo"].get<double>();
}

TEST(AssignCommand, TheShippedDemandsInDecember2016AreAllMet) {
    const json j = assign_json({"--demand", demands(), "--month", "2016-12"});
    ASSERT_EQ(j["demands"].size(), 4u);
    double asked = 0;
    for (const auto& d : j["demands"]) {
        asked += d["t_mo"].get<double>();
        EXPECT_NEAR(d["unmet_t_mo"].get<double>(), 0, 1e-3) << d["id"];
        EXPECT_TRUE(d["cannot_serve"].is_null());
        EXPECT_FALSE(d["quote"].is_null());
        double paths = 0;
        for (const auto& p : d["paths"]) paths += p["t_mo"].get<double>();
        EXPECT_NEAR(paths, d["met_t_mo"].get<double>(), 0.01) << d["id"];
    }
    EXPECT_NEAR(j["met_t_mo"].get<double>(), asked, 0.01);
    // the yearly figures are divided by 12
    EXPECT_NEAR(j["demands"][0]["t_mo"].get<double>(), 500000.0 / 12, 1e-3);
    for (const auto& r : j["routes"])
        EXPECT_LE(r["assigned_t_mo"].get<double>(), r["capacity_t_mo"].get<double>() + 1e-3);
}

TEST(AssignCommand, OneDemandMeetsWhatCapacitySaysCanMoveAndNoMore) {
    test::TempDir tmp;
    const auto file = write(tmp, "coal.csv", "from,to,commodity,t_mo\nKP,CN,coal,90000000\n");
    const json j = assign_json({"--demand", file, "--month", "2016-12"});
    const double cap = capacity("KP", "CN", "coal", "2016-12");
    EXPECT_NEAR(j["met_t_mo"].get<double>(), cap, 1.0);
    EXPECT_GT(j["unmet_t_mo"].get<double>(), 0);
    EXPECT_FALSE(j["demands"][0]["binding"].empty());
    // the transit rules hold for assign as for capacity: with every transit open, both move more
    const json any = assign_json({"--demand", file, "--month", "2016-12", "--transit", "any"});
    const double cap_any = capacity("KP", "CN", "coal", "2016-12", "any");
    EXPECT_GT(cap_any, cap + 1);
    EXPECT_NEAR(any["met_t_mo"].get<double>(), cap_any, 1.0);
    // the national cap of 2017-05 (events.json) stops the coal altogether, and says so
    const json capped = assign_json({"--demand", demands()});
    EXPECT_EQ(capped["month"], "2017-05");
    const auto& coal = capped["demands"][3];
    EXPECT_EQ(coal["id"], "kp_cn_coal_2016_12");
    EXPECT_NEAR(coal["met_t_mo"].get<double>(), 0, 1e-3);
    ASSERT_EQ(coal["binding_limits"].size(), 1u);
    EXPECT_TRUE(contains(coal["binding_limits"][0].get<std::string>(), "national cap KP -> CN coal"));
}

TEST(AssignCommand, JsonDemandsTimeAndTariffCosts) {
    test::TempDir tmp;
    const auto file = write(
        tmp, "d.json",
        R"({"demands": [{"id": "oil", "from": "vladivostok", "to": "pyongyang", "commodity": "oil_products", "t_yr": 12000},
                                            {"id": "cargo", "from": "RU", "to": "pyongyang", "commodity": "cargo", "t_mo": "500", "priority": 2}]})");
    const json by_km = assign_json({"--demand", file});
    EXPECT_NEAR(by_km["demands"][0]["t_mo"].get<double>(), 1000, 1e-6);
    EXPECT_EQ(by_km["demands"][1]["priority"], 2);
    const json by_hours = assign_json({"--demand", file, "--cost", "time"});
    EXPECT_EQ(by_hours["cost_unit"], "hours");
    EXPECT_NEAR(by_hours["met_t_mo"].get<double>(), 1500, 1e-3);
    // a flat tariff of 2 per tonne-km doubles the distance cost, without mode changes
    const auto tariff = write(
        tmp, "tariff.csv",
        "mode,per_tkm,change_per_t\nrail,2,0\nroad,2,0\nferry,2,0\ntanker,2,0\nbulk,2,0\npipeline,2,0\nbridge,2,0\n");
    const json by_tariff = assign_json({"--demand", file, "--cost", "tariff", "--tariff", tariff});
    EXPECT_NEAR(by_tariff["total_cost"].get<double>(), 2 * by_km["total_cost"].get<double>(), 0.01);
}

TEST(AssignCommand, OutWritesTheLayers) {
    test::TempDir tmp;
    const auto r = run_cli({"assign", "--geodata", geodata(), "--demand", demands(), "--month", "2016-12", "--quiet",
                            "--out", (tmp / "out").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* f :
         {"assigned_routes.geojson", "assigned_by_commodity.csv", "assigned_demands.csv", ".corridor-export.json"})
        EXPECT_TRUE(fs::exists(tmp / "out" / f)) << f;
    std::ifstream in(tmp / "out" / "assigned_routes.geojson");
    const json layer = json::parse(in);
    ASSERT_FALSE(layer["features"].empty());
    for (const auto& f : layer["features"]) {
        const auto& p = f["properties"];
        EXPECT_EQ(p["assigned_t_mo"].get<long>() + p["spare_t_mo"].get<long>(), p["cap_t_mo"].get<long>()) << p["id"];
    }
    EXPECT_TRUE(contains(r.out, "kp_cn_coal_2016_12"));
}

// One line, naming the file, the row and the field; exit 1 for data, 2 for usage.
void expect_error(const std::vector<std::string>& args, int code, const std::string& message) {
    std::vector<std::string> all{"assign", "--geodata", geodata(), "--quiet"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_cli(all);
    EXPECT_EQ(r.code, code) << r.err;
    EXPECT_TRUE(contains(r.err, message)) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(AssignCommand, BadInputIsOneLineNamingFileRowAndField) {
    test::TempDir tmp;
    auto csv = [&](const std::string& name, const std::string& rows) {
        return write(tmp, name, "id,from,to,commodity,t_mo,t_yr,priority\n" + rows);
    };
    expect_error({"--demand", csv("a.csv", "x,RU,pyongyangg,coal,5,,\n")}, 1,
                 "a.csv: feature x: field to: unknown place or country \"pyongyangg\"");
    expect_error({"--demand", csv("b.csv", "x,RU,pyongyang,cole,5,,\n")}, 1,
                 "b.csv: feature x: field commodity: unknown commodity \"cole\"");
    expect_error({"--demand", csv("c.csv", "x,RU,pyongyang,coal,-5,,\n")}, 1,
                 "c.csv: feature x: field t_mo: -5 is negative");
    expect_error({"--demand", csv("d.csv", "x,RU,pyongyang,coal,lots,,\n")}, 1,
                 "d.csv: feature x: field t_mo: \"lots\" is not a number");
    expect_error({"--demand", csv("e.csv", "x,RU,pyongyang,coal,5,,\ny,RU,pyongyang,coal,7,,\n")}, 1,
                 "e.csv: feature y: duplicate of x (same from, to, commodity and priority)");
    expect_error({"--demand", csv("f.csv", "x,RU,pyongyang,coal,5,60,\n")}, 1,
                 "f.csv: feature x: field t_yr: give t_mo or t_yr, not both");
    expect_error({"--demand", csv("g.csv", ",RU,pyongyang,coal,,,\n")}, 1, "g.csv: feature #1: field t_mo: missing");
    expect_error({"--demand", csv("h.csv", "x,RU,pyongyang,coal,5,,first\n")}, 1, "h.csv: feature x: field priority:");
    expect_error({"--demand", write(tmp, "i.json",
                                    R"({"demands": [{"from": "RU", "to": "KP", "commodity": "coal", "t_mo": true}]})")},
                 1, "i.json: feature #1: field t_mo: expected a string or a number");
    expect_error({"--demand", (tmp / "missing.csv").string()}, 1, "missing.csv: no such file");
    const auto ok = csv("ok.csv", "x,RU,pyongyang,oil_products,5,,\n");
    expect_error({"--demand", ok, "--cost", "tariff", "--tariff", write(tmp, "t.csv", "mode,per_tkm\nrail,1\n")}, 1,
                 "t.csv: field mode: no row for mode");
    expect_error({"--demand", ok, "--cost", "tariff"}, 2, "--cost tariff needs --tariff FILE");
    expect_error({"--demand", ok, "--cost", "money"}, 2, "--cost: expected distance, time or tariff");
    expect_error({"--demand", ok, "--solver", "fast"}, 2,
                 "--solver: expected auto, lp or network_simplex, got \"fast\"");
}

TEST(AssignCommand, ADemandNoRouteCanServeIsSaidInTheResult) {
    test::TempDir tmp;
    // no route carries crude oil out of Russia toward North Korea's east coast
    const auto file = write(tmp, "d.csv", "id,from,to,commodity,t_mo\nc,khasan,rajin,crude_oil,100\n");
    const json j = assign_json({"--demand", file});
    EXPECT_TRUE(j["demands"][0]["cannot_serve"].get<std::string>().rfind(
                    "cannot be served: no route carries crude_oil from khasan", 0) == 0)
        << j["demands"][0]["cannot_serve"];
    EXPECT_NEAR(j["demands"][0]["unmet_t_mo"].get<double>(), 100, 1e-6);
}

TEST(AssignCommand, RenderDrawsAnAssignment) {
    test::TempDir tmp;
    const auto out = (tmp / "assigned.svg").string();
    auto r = run_cli({"render", "--geodata", geodata(), "--assign", demands(), "--month", "2016-12", "--quiet", "--out",
                      out, "--width", "400"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(
        r.err, "4 demands: 2,067,167 of 2,067,167 t/month met (least distance, 2016-12): every demand met in full"))
        << r.err;
    ASSERT_TRUE(fs::exists(out));
    r = run_cli({"render", "--geodata", geodata(), "--assign", demands(), "--quiet", "--out", out, "--width", "400"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "2,000,000 t/month unmet; full: 1 national cap")) << r.err;
}

// map --assign, on the tile page too (the inline page is checked in Chromium: tests/web/map.test.mjs):
// the panel's heading sums up what assign met, and the tiles carry the assigned flows.
TEST(AssignCommand, MapDrawsAnAssignmentOnTheTilePage) {
    test::TempDir tmp;
    const auto out = tmp / "assigned";
    const auto r = run_cli({"map", "--geodata", geodata(), "--assign", demands(), "--month", "2016-12", "--data",
                            "tiles", "--maxzoom", "4", "--quiet", "--out", out.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string html = test::read_file(out / "map.html");
    const std::string open = "id=\"corridor-config\">";
    const auto at = html.find(open);
    ASSERT_NE(at, std::string::npos);
    const auto from = at + open.size();
    const json summary = json::parse(html.substr(from, html.find("</script>", from) - from))["summary"];
    const json assigned = assign_json({"--demand", demands(), "--month", "2016-12"});
    double asked = 0;
    for (const auto& d : assigned["demands"]) asked += d["t_mo"].get<double>();
    auto grouped = [](double t) {  // whole tonnes with thousands separators, as the page shows them
        const std::string digits = std::to_string(std::llround(t));
        std::string s;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
            s += digits[i];
        }
        return s;
    };
    EXPECT_EQ(summary["heading"], std::to_string(assigned["demands"].size()) +
                                      " demands: " + grouped(assigned["met_t_mo"].get<double>()) + " of " +
                                      grouped(asked) + " t/month met (least distance, 2016-12)");
    EXPECT_EQ(summary["sentence"], "every demand met in full");
    EXPECT_EQ(summary["throughput"].get<double>(), std::llround(assigned["met_t_mo"].get<double>()));
    EXPECT_TRUE(contains(r.err, summary["heading"].get<std::string>())) << r.err;
}

}  // namespace
}  // namespace corridor
