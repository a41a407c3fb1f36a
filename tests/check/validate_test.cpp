// validate(): geography and provenance together, with notes for checks that cannot run.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>

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

TEST(Validate, EventQuotesAreCheckedAgainstTheSeeds) {
    test::TempDir dir;
    test::mini_network().write(dir.path());
    const Network net = load_network(default_files(dir / "geodata"));
    const auto events = dir / "geodata/events.json";
    auto event = [](const std::string& quote) {
        return nlohmann::json{{"events",
                               {{{"name", "e"},
                                 {"source", "seed.txt"},
                                 {"quote", quote},
                                 {"changes", {{{"route", "ab_rail"}, {"action", "close"}, {"from", "2017-02-19"}}}}}}}};
    };
    ValidateOptions options{dir / "seeds", dir / "geodata/land.geojson", {}, {}};
    options.events_file = events;
    test::write_json(events, event("The line carries 500 tons six times a month."));
    EXPECT_TRUE(validate(net, options).issues.empty()) << all_lines(validate(net, options).issues);
    test::write_json(events, event("words the seed does not have"));
    const Validation v = validate(net, options);
    ASSERT_EQ(v.issues.size(), 1u);
    EXPECT_EQ(v.issues[0].where.feature, "e");
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
    EXPECT_EQ(v.issues[0].where.field, "seed");
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

// ---- the same findings on any number of threads ------------------------------------------------

// n routes on the mini network's land square (lon 125-127, lat 39-41), each from its own place
// a<i> 0.5 degrees north to b<i>, with problems spread over all of them: by i % 5 a clean
// rail line, a rail line leaving land, a ferry crossing land, an end or a start 2 km from its
// place; by i % 7 no seed, a good quote, a quote not in the seed, a figure the quote does
// not state, an assumption without note, an unknown seed, an observed volume without quote.
struct SpreadProblems {
    Network net;
    std::size_t geography = 0;   // issues check_geography must find
    std::size_t provenance = 0;  // issues check_provenance must find
};

SpreadProblems spread_problems(std::size_t n) {
    SpreadProblems s;
    Network& net = s.net;
    net.routes_file = "routes.geojson";
    for (std::size_t i = 0; i < n; ++i) {
        const LonLat a{125.3 + 0.001 * static_cast<double>(i % 1000), 39.2 + 0.01 * static_cast<double>(i / 1000)};
        const LonLat b{a.lon, a.lat + 0.5};
        net.places.push_back(
            Place{fmt::format("a{}", i), "A", "", "KP", "city", "", a, std::nullopt, "", {}, {}, {}, {}, {}, {}});
        net.places.push_back(
            Place{fmt::format("b{}", i), "B", "", "KP", "city", "", b, std::nullopt, "", {}, {}, {}, {}, {}, {}});
        Route r;
        r.id = fmt::format("r{}", i);
        r.from_id = fmt::format("a{}", i);
        r.to_id = fmt::format("b{}", i);
        r.mode = Mode::rail;
        const LonLat mid{a.lon, a.lat + 0.25};
        switch (i % 5) {
            case 0:
                r.line = {a, mid, b};
                break;
            case 1:
                r.line = {a, {124.5, mid.lat}, b};
                break;  // out to sea, west of the square
            case 2:
                r.mode = Mode::ferry;
                r.line = {a, mid, b};
                break;
            case 3:
                r.line = {a, mid, {b.lon, b.lat + 0.018}};
                break;
            case 4:
                r.line = {{a.lon, a.lat - 0.018}, mid, b};
                break;
        }
        s.geography += i % 5 == 0 ? 0 : 1;
        r.basis = Basis::text;
        r.seed = "seed.txt";
        r.quote = "carries 500 tons six times a month";
        r.figures.payload_t = 500;
        r.figures.trips_mo = 6;
        switch (i % 7) {
            case 0:
                r.basis = Basis::unsourced;
                r.seed.clear();
                r.quote.clear();
                break;
            case 1:
                break;
            case 2:
                r.quote = "carries 600 tons";
                break;
            case 3:
                r.figures.trips_mo = 7;
                break;
            case 4:
                r.basis = Basis::assumed;
                r.quote.clear();
                break;
            case 5:
                r.seed = "other.txt";
                break;
            case 6:
                r.figures.observed = 100;
                break;
        }
        s.provenance += i % 7 < 2 ? 0 : 1;
        net.routes.push_back(std::move(r));
    }
    net.build_index();
    return s;
}

TEST(Validate, SameIssuesInTheSameOrderOnAnyNumberOfThreads) {
    test::TempDir dir;
    test::mini_network().write(dir.path());  // the land square and seed.txt
    const SpreadProblems s = spread_problems(2100);
    ValidateOptions options{dir / "seeds", dir / "geodata/land.geojson", {}, {}};
    options.threads = 1;
    const Validation one = validate(s.net, options);
    EXPECT_TRUE(one.notes.empty());
    ASSERT_EQ(one.issues.size(), s.geography + s.provenance) << all_lines(one.issues);
    // geography for every route first, then provenance, each in route order
    EXPECT_EQ(one.issues.front().where.feature, "r1");
    EXPECT_EQ(one.issues[s.geography - 1].where.feature, "r2099");
    EXPECT_EQ(one.issues[s.geography].where.feature, "r2");
    EXPECT_EQ(one.issues.back().where.feature, "r2099");
    for (const char* words : {"leaves land", "crosses land", "route ends", "route starts"})
        EXPECT_NE(all_lines(one.issues).find(words), std::string::npos) << words;

    const std::string expected = all_lines(one.issues);
    for (std::size_t threads : {2, 3, 4, 7, 64}) {
        options.threads = threads;
        const Validation many = validate(s.net, options);
        EXPECT_EQ(many.notes, one.notes);
        EXPECT_EQ(all_lines(many.issues), expected) << threads << " threads";
    }
    options.threads = 0;  // automatic: one thread below 50,000 routes
    EXPECT_EQ(all_lines(validate(s.net, options).issues), expected);
}

TEST(Validate, MoreThreadsThanRoutes) {
    test::TempDir dir;
    test::mini_network().write(dir.path());
    const SpreadProblems s = spread_problems(3);
    ValidateOptions options{dir / "seeds", dir / "geodata/land.geojson", {}, {}};
    options.threads = 8;
    EXPECT_EQ(validate(s.net, options).issues.size(), s.geography + s.provenance);
    options.threads = 1;
    EXPECT_EQ(validate(Network{}, options).issues.size(), 0u);
    options.threads = 8;
    EXPECT_EQ(validate(Network{}, options).issues.size(), 0u);
}

TEST(Validate, AnErrorInAWorkerThreadReachesTheCaller) {
    test::TempDir dir;
    test::mini_network().write(dir.path());
    SpreadProblems s = spread_problems(100);
    s.net.routes[77].to_id = "nowhere";  // changed after build_index: looked up again, and unknown
    s.net.routes[77].to = Route::kUnresolved;
    ValidateOptions options{dir / "seeds", dir / "geodata/land.geojson", {}, {}};
    for (std::size_t threads : {1, 2, 4}) {
        options.threads = threads;
        try {
            validate(s.net, options);
            ADD_FAILURE() << "no error with " << threads << " threads";
        } catch (const error& e) {
            EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace corridor
