// validate(): geography and provenance together, with notes for checks that cannot run.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "corridor/check/validate.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;

std::string all_lines(const std::vector<Issue>& issues) {
    std::string s;
    for (const auto& i : issues) s += i.line() + "\n";
    return s;
}

bool any_note_with(const Validation& v, const std::string& words) {
    return std::any_of(v.notes.begin(), v.notes.end(),
                       [&](const std::string& n) { return n.find(words) != std::string::npos; });
}

TEST(Validate, DefaultNetworkHasNoIssues) {
    const Network net = load_network(default_files(test::geodata_dir()));
    ASSERT_FALSE(net.routes.empty());
    ValidateOptions options;
    options.seeds_dir = test::seeds_dir();
    options.land_file = test::geodata_dir() / "land.geojson";
    ASSERT_TRUE(std::filesystem::exists(options.land_file));
    const Validation v = validate(net, options);
    std::string notes;
    for (const auto& n : v.notes) notes += n + "\n";
    EXPECT_TRUE(v.notes.empty()) << notes;
    EXPECT_TRUE(v.issues.empty()) << v.issues.size() << " issue(s):\n" << all_lines(v.issues);
}

TEST(Validate, MiniNetworkIsClean) {
    test::TempDir dir;
    test::mini_network().write(dir.path());
    const Network net = load_network(default_files(dir / "geodata"));
    const Validation v = validate(net, {dir / "seeds", dir / "geodata/land.geojson", {}, {}});
    EXPECT_TRUE(v.notes.empty());
    EXPECT_TRUE(v.issues.empty()) << all_lines(v.issues);
}

TEST(Validate, MissingBasemapGivesANoteAndStillChecksEndpoints) {
    test::TempDir dir;
    auto m = test::mini_network();
    // ends ~2 km from b, and the middle leaves the land square: only the first can be found without land
    m.routes["features"][0]["geometry"]["coordinates"] = json{{126.0, 40.0}, {126.05, 41.5}, {126.1, 40.018}};
    m.write(dir.path());
    const Network net = load_network(default_files(dir / "geodata"));

    const Validation v = validate(net, {dir / "seeds", dir / "no-such-land.geojson", {}, {}});
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_NE(v.notes[0].find("no-such-land.geojson"), std::string::npos) << v.notes[0];
    EXPECT_TRUE(any_note_with(v, "basemap")) << v.notes[0];
    ASSERT_EQ(v.issues.size(), 1u) << all_lines(v.issues);
    EXPECT_EQ(v.issues[0].where.field, "to_id");
    EXPECT_EQ(v.issues[0].where.feature, "ab_rail");

    // with the land file both are found
    const Validation with_land = validate(net, {dir / "seeds", dir / "geodata/land.geojson", {}, {}});
    EXPECT_TRUE(with_land.notes.empty());
    ASSERT_EQ(with_land.issues.size(), 2u) << all_lines(with_land.issues);
    EXPECT_EQ(with_land.issues[1].where.field, "geometry");
}

TEST(Validate, MissingSeedsFolderGivesANote) {
    test::TempDir dir;
    test::mini_network().write(dir.path());
    const Network net = load_network(default_files(dir / "geodata"));
    const Validation v = validate(net, {dir / "no-seeds", dir / "geodata/land.geojson", {}, {}});
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_TRUE(any_note_with(v, "seed")) << v.notes[0];
    EXPECT_NE(v.notes[0].find("no-seeds"), std::string::npos) << v.notes[0];
    // the route's text quote cannot be found without its seed
    ASSERT_EQ(v.issues.size(), 1u) << all_lines(v.issues);
    EXPECT_EQ(v.issues[0].where.field, "source");
}

TEST(Validate, ProvenanceIssuesAreReported) {
    test::TempDir dir;
    auto m = test::mini_network();
    m.routes["features"][0]["properties"]["trips_mo"] = 7;
    m.write(dir.path());
    const Network net = load_network(default_files(dir / "geodata"));
    const Validation v = validate(net, {dir / "seeds", dir / "geodata/land.geojson", {}, {}});
    ASSERT_EQ(v.issues.size(), 1u) << all_lines(v.issues);
    EXPECT_EQ(v.issues[0].where.field, "trips_mo");
    EXPECT_EQ(v.issues[0].where.file, (dir.path() / "geodata" / "routes.geojson").string());
}

}  // namespace
}  // namespace corridor
