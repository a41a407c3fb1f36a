// End to end: corridor timeline on the shipped network (table, JSON, CSV, chart) and its
// usage errors (exit 2, no chart written).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }

std::vector<std::string> coal(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"timeline",    "--geodata", geodata(),  "--from",          "KP", "--to", "CN",
                                  "--commodity", "coal",      "--months", "2016-12..2018-01"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TEST(TimelineCommand, CoalFromNorthKoreaToChinaMatchesCapacityMonthByMonth) {
    const auto r = run_cli(coal({"--json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["months"].size(), 14u);
    for (const auto& m : j["months"]) {
        const auto c = run_cli({"capacity", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--commodity", "coal",
                                "--month", m["month"].get<std::string>(), "--json"});
        const long long expected = c.code == 0 ? json::parse(c.out)["throughput_t_mo"].get<long long>() : 0;
        EXPECT_EQ(m["t_mo"].get<long long>(), expected) << m["month"];
        EXPECT_EQ(m["no_flow"].is_null(), c.code == 0) << m["month"];
    }
    EXPECT_EQ(j["months"][0]["t_mo"], 2383333);
    EXPECT_EQ(j["months"][2]["t_mo"], 1532142);
    EXPECT_EQ(j["months"][2]["events"][0]["name"], "coal_import_suspension");
    EXPECT_EQ(j["months"][13]["t_mo"], 2383333);
    EXPECT_EQ(j["months"][13]["events"][0]["kind"], "ends");
}

TEST(TimelineCommand, TableAndCsvNameTheEventsOnTheirMonth) {
    const auto t = run_cli(coal());
    ASSERT_EQ(t.code, 0) << t.err;
    EXPECT_EQ(t.out.rfind("KP → CN (coal), 2016-12..2018-01: t/month\n", 0), 0u) << t.out;
    EXPECT_NE(t.out.find("2017-02  1,532,142  coal_import_suspension starts"), std::string::npos) << t.out;
    const auto c = run_cli(coal({"--csv"}));
    ASSERT_EQ(c.code, 0) << c.err;
    EXPECT_EQ(c.out.rfind("month,t_mo,coal_t_mo,events\n2016-12,2383333,2383333.0,\n", 0), 0u) << c.out;
    EXPECT_NE(c.out.find("\n2017-02,1532142,1532142.0,coal_import_suspension starts: "), std::string::npos) << c.out;
}

TEST(TimelineCommand, DefaultMonthsAreTheNetworksMonthSixEitherSideWidenedToItsEvents) {
    const auto r =
        run_cli({"timeline", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--commodity", "coal", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["months_range"], "2016-11..2018-01");
}

TEST(TimelineCommand, WritesTheChartAndKeepsToTheOverwriteGuard) {
    test::TempDir tmp;
    const fs::path png = tmp / "charts" / "coal.png";
    auto r = run_cli(coal({"--out", png.string(), "--width", "800", "--json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_GT(fs::file_size(png), 1000u);
    const fs::path svg = tmp / "coal.svg";
    ASSERT_EQ(run_cli(coal({"--out", svg.string(), "--width", "800"})).code, 0);
    const std::string first = test::read_file(svg);
    ASSERT_EQ(run_cli(coal({"--out", svg.string(), "--width", "800"})).code, 0) << "corridor's own file: rewritten";
    EXPECT_EQ(test::read_file(svg), first) << "the same bytes";
    EXPECT_NE(first.find("coal_import_suspension starts"), std::string::npos);
    // A file corridor did not write is kept without --overwrite.
    test::write_file(tmp / "mine.svg", "my drawing");
    r = run_cli(coal({"--out", (tmp / "mine.svg").string()}));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(test::read_file(tmp / "mine.svg"), "my drawing");
    r = run_cli(coal({"--out", (tmp / "mine.svg").string(), "--overwrite"}));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(test::read_file(tmp / "mine.svg"), "my drawing");
}

TEST(TimelineCommand, BadMonthsAndOptionsAreUsageErrorsThatWriteNothing) {
    test::TempDir tmp;
    const fs::path out = tmp / "chart.png";
    for (const char* months :
         {"2017-01", "2017-13..2018-01", "2017-02-30..2017-03", "2018-01..2017-01", "1900-01..1950-01"}) {
        const auto r = run_cli({"timeline", "--geodata", geodata(), "--from", "KP", "--to", "CN", "--months", months,
                                "--out", out.string()});
        EXPECT_EQ(r.code, 2) << months << ": " << r.err;
        EXPECT_NE(r.err.find("--months"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_FALSE(fs::exists(out)) << months;
    }
    for (const std::vector<std::string>& extra :
         std::vector<std::vector<std::string>>{{"--json", "--csv"},
                                               {"--out", (tmp / "chart.jpg").string()},
                                               {"--out", "-"},
                                               {"--out", out.string(), "--width", "10"},
                                               {"--scenario", "no_such_scenario", "--out", out.string()}}) {
        const auto r = run_cli(coal(extra));
        EXPECT_EQ(r.code, 2) << extra[0] << ": " << r.err;
        EXPECT_FALSE(fs::exists(out));
        EXPECT_FALSE(fs::exists(tmp / "chart.jpg"));
    }
    EXPECT_EQ(run_cli({"timeline", "--geodata", geodata(), "--to", "CN"}).code, 2) << "--from is required";
    const auto unknown = run_cli({"timeline", "--geodata", geodata(), "--from", "KP", "--to", "atlantis", "--months",
                                  "2017-01..2017-02", "--out", out.string()});
    EXPECT_EQ(unknown.code, 1) << unknown.err;
    EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace corridor
