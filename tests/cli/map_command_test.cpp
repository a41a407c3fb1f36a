// End-to-end: corridor map (the self-contained page) and serve's start-up errors.
#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(MapCommand, WritesOneSelfContainedPageByteIdenticallyTwice) {
    test::TempDir tmp;
    const auto first = run_cli({"map", "--geodata", geodata(), "--out", (tmp / "a").string()});
    ASSERT_EQ(first.code, 0) << first.err;
    EXPECT_EQ(first.out, (tmp / "a" / "map.html").string() + "\n");
    EXPECT_NE(first.err.find("cap RU to pyongyang"), std::string::npos) << first.err;
    const auto second = run_cli({"map", "--geodata", geodata(), "--out", (tmp / "b").string()});
    ASSERT_EQ(second.code, 0) << second.err;
    const std::string html = test::read_file(tmp / "a" / "map.html");
    EXPECT_TRUE(html == test::read_file(tmp / "b" / "map.html"));
    EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
    // Nothing but map.html and the manifest, and no temporary file left behind.
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(tmp / "a")) entries.push_back(e.path().filename().string());
    std::sort(entries.begin(), entries.end());
    EXPECT_EQ(entries, (std::vector<std::string>{".corridor-export.json", "map.html"}));
}

// --data tiles (what a network over kInlineMapRoutes routes gets): map.html and tiles/ beside
// it, the tree export --format mvt writes, byte for byte; the same twice.
TEST(MapCommand, TheTilePageWritesTheTilesBesideThePage) {
    test::TempDir tmp;
    const auto r =
        run_cli({"map", "--geodata", geodata(), "--data", "tiles", "--maxzoom", "8", "--out", (tmp / "a").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, (tmp / "a" / "tiles").string() + "\n" + (tmp / "a" / "map.html").string() + "\n");
    ASSERT_TRUE(fs::exists(tmp / "a" / "tiles" / "metadata.json"));
    const std::string html = test::read_file(tmp / "a" / "map.html");
    EXPECT_NE(html.find(R"("tiles":{"url":"tiles/{z}/{x}/{y}.mvt","minzoom":0,"maxzoom":8)"), std::string::npos);
    ASSERT_EQ(run_cli({"export", "--geodata", geodata(), "--format", "mvt", "--maxzoom", "8", "--no-map", "--out",
                       (tmp / "e").string()})
                  .code,
              0);
    std::size_t tiles = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp / "e" / "tiles")) {
        if (!e.is_regular_file()) continue;
        const auto rel = fs::relative(e.path(), tmp / "e");
        ASSERT_TRUE(fs::exists(tmp / "a" / rel)) << rel;
        EXPECT_TRUE(test::read_file(e.path()) == test::read_file(tmp / "a" / rel)) << rel;
        ++tiles;
    }
    EXPECT_GT(tiles, 10u);
    ASSERT_EQ(
        run_cli({"map", "--geodata", geodata(), "--data", "tiles", "--maxzoom", "8", "--out", (tmp / "b").string()})
            .code,
        0);
    EXPECT_TRUE(html == test::read_file(tmp / "b" / "map.html"));
}

TEST(MapCommand, TheDataPathIsCheckedBeforeAnyWork) {
    const auto bad = run_cli({"map", "--geodata", geodata(), "--data", "webgl"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--data must be auto, inline or tiles"), std::string::npos) << bad.err;
    const auto out = run_cli({"map", "--geodata", geodata(), "--data", "tiles", "--out", "-"});
    EXPECT_EQ(out.code, 2);
    EXPECT_NE(out.err.find("give --out DIR"), std::string::npos) << out.err;
}

TEST(MapCommand, TheScenarioAndPairChangeThePage) {
    test::TempDir tmp;
    ASSERT_EQ(run_cli({"map", "--geodata", geodata(), "--out", (tmp / "base").string()}).code, 0);
    const auto r = run_cli({"map", "--geodata", geodata(), "--out", (tmp / "ferry").string(), "--scenario",
                            "ferry_stopped", "--from", "vladivostok", "--to", "rajin"});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string page = test::read_file(tmp / "ferry" / "map.html");
    EXPECT_NE(page.find("\"scenario\":\"ferry_stopped\""), std::string::npos);
    EXPECT_NE(page.find("\"from\":\"vladivostok\""), std::string::npos);
    EXPECT_FALSE(page == test::read_file(tmp / "base" / "map.html"));
}

TEST(MapCommand, ThePanelShowsTheObservationsAboutTheAnalysedPair) {
    test::TempDir tmp;
    auto page = [&](const std::string& commodity, const std::string& dir) {
        const auto r = run_cli({"map", "--geodata", geodata(), "--out", (tmp / dir).string(), "--from", "KP", "--to",
                                "CN", "--commodity", commodity, "--month", "2016-12"});
        EXPECT_EQ(r.code, 0) << r.err;
        return test::read_file(tmp / dir / "map.html");
    };
    const std::string coal = page("coal", "coal");
    EXPECT_NE(coal.find(R"("observations":[{"id":"kp_cn_coal_2016_12","commodity":"coal")"), std::string::npos);
    EXPECT_NE(coal.find(R"("verdict":"tight","text":"kp_cn_coal_2016_12 2,)"), std::string::npos);
    EXPECT_NE(page("oil_products", "oil").find(R"("observations":[])"), std::string::npos);
}

TEST(MapCommand, AFailedRunLeavesThePreviousPageWhole) {
    test::TempDir tmp;
    const std::string out = (tmp / "out").string();
    ASSERT_EQ(run_cli({"map", "--geodata", geodata(), "--out", out}).code, 0);
    const std::string before = test::read_file(tmp / "out" / "map.html");
    const auto r = run_cli({"map", "--geodata", geodata(), "--out", out, "--from", "atlantis", "--to", "pyongyang"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("atlantis"), std::string::npos) << r.err;
    EXPECT_TRUE(test::read_file(tmp / "out" / "map.html") == before);
}

TEST(MapCommand, AnUnwritableOutputIsAOneLineErrorNamingTheFile) {
    test::TempDir tmp;
    test::write_file(tmp / "file", "not a folder");
    const auto r = run_cli({"map", "--geodata", geodata(), "--out", (tmp / "file").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("corridor: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find((tmp / "file").string() + ": cannot create output folder"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(tmp / "file"), "not a folder");
}

TEST(ServeCommand, BadPortOrAddressIsAnErrorNotAHang) {
    auto r = run_cli({"serve", "--geodata", geodata(), "--port", "70000"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("--port 70000"), std::string::npos) << r.err;
    r = run_cli({"serve", "--geodata", geodata(), "--port", "0", "--bind", "203.0.113.7"});  // TEST-NET-3: not ours
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("cannot listen on 203.0.113.7"), std::string::npos) << r.err;
    r = run_cli({"serve", "--geodata", geodata(), "--port", "many"});
    EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace corridor
