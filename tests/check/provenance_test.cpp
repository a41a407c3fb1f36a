// Provenance: quotes are verbatim in their seeds and state the figures they back.
#include <gtest/gtest.h>

#include <string>

#include "corridor/check/provenance.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

const char* const kSeed = "seed.txt";
const char* const kSeedText =
    "A new ferry service will move up to 200 passengers and 1,000 tons of cargo six times a month. "
    "Russia exported about 36,000 tons of oil products in 2015.";

std::string all_lines(const std::vector<Issue>& issues) {
    std::string s;
    for (const auto& i : issues) s += i.line() + "\n";
    return s;
}

SeedLibrary library() { return SeedLibrary{"seeds", {{kSeed, kSeedText}}}; }

Route text_route() {
    Route r;
    r.id = "ab_ferry";
    r.name = "A-B ferry";
    r.mode = Mode::ferry;
    r.from_id = std::string("a");
    r.to_id = std::string("b");
    r.basis = Basis::text;
    r.seed = kSeed;
    r.quote = "up to 200 passengers and 1,000 tons of cargo six times a month";
    r.figures.payload_t = 1000;
    r.figures.trips_mo = 6;
    r.figures.pax_trip = 200;
    r.line = {{126.0, 40.0}, {126.1, 40.0}};
    return r;
}

Network network_of(const Route& r) {
    Network net;
    net.routes_file = "routes.geojson";
    net.places = {Place{"a", "A", "", "KP", "port", "", {126.0, 40.0}, std::nullopt, "", {}, {}, {}, {}, {}, {}},
                  Place{"b", "B", "", "RU", "port", "", {126.1, 40.0}, std::nullopt, "", {}, {}, {}, {}, {}, {}}};
    net.build_index();
    net.routes = {r};
    return net;
}

std::vector<Issue> check(const Route& r, const SeedLibrary& seeds = library()) {
    return check_provenance(network_of(r), seeds);
}

// No seed folder at all (--geodata PG:… without --seeds): the message says what to give,
// not "in " and an empty folder name.
TEST(Provenance, NoSeedFolderSaysWhatToGive) {
    const auto issues = check(text_route(), SeedLibrary{"", {}});
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].message, "no seed file \"seed.txt\" (no seed folder: give --seeds)");
    const auto in_folder = check(text_route(), SeedLibrary{"seeds", {}});
    ASSERT_EQ(in_folder.size(), 1u) << all_lines(in_folder);
    EXPECT_EQ(in_folder[0].message, "no seed file \"seed.txt\" in seeds");
}

TEST(Provenance, VerbatimQuoteStatingTheFigures) {
    const auto issues = check(text_route());
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST(Provenance, CapacityFormStated) {
    Route r = text_route();
    r.figures = {};
    r.figures.annual_t = 36000;
    r.quote = "exported about 36,000 tons of oil products in 2015";
    const auto issues = check(r);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST(Provenance, QuoteWithOneChangedCharacter) {
    Route r = text_route();
    r.quote = "up to 200 passengers and 1,000 tons of cargo six times a montH";
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "quote");
    EXPECT_EQ(issues[0].where.feature, "ab_ferry");
    EXPECT_EQ(issues[0].where.file, "routes.geojson");
    EXPECT_NE(issues[0].message.find("not found verbatim"), std::string::npos) << issues[0].message;
}

TEST(Provenance, FigureNotStatedInQuote) {
    Route r = text_route();
    r.figures.trips_mo = 7;
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "trips_mo");
    EXPECT_EQ(issues[0].where.feature, "ab_ferry");
}

TEST(Provenance, EveryFigureIsChecked) {
    Route r = text_route();
    r.figures.payload_t = 999;
    r.figures.pax_trip = 201;
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 2u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "payload_t");
    EXPECT_EQ(issues[1].where.field, "pax_trip");
}

TEST(Provenance, UnknownSourceFile) {
    Route r = text_route();
    r.seed = "nope.txt";
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "seed");
    EXPECT_NE(issues[0].message.find("nope.txt"), std::string::npos) << issues[0].message;
}

TEST(Provenance, TextBasisWithoutQuoteOrSource) {
    Route r = text_route();
    r.quote.clear();
    auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "quote");

    r = text_route();
    r.seed.clear();
    issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "seed");
}

TEST(Provenance, AssumedNeedsANote) {
    Route r = text_route();
    r.basis = Basis::assumed;
    r.seed.clear();
    r.quote.clear();
    r.figures.trips_mo = 7;  // not checked against anything: it is an assumption
    auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "note");

    r.note = "a weekly sailing, as similar lines run";
    issues = check(r);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST(Provenance, AssumedWithAQuoteStillNeedsItVerbatim) {
    Route r = text_route();
    r.basis = Basis::assumed;
    r.note = "why";
    r.quote = "words nobody wrote";
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "quote");
}

TEST(Provenance, ObservedNeedsObsQuote) {
    Route r = text_route();
    r.figures.observed = 3000;
    r.obs_seed = kSeed;
    auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "obs_quote");

    r.figures.observed.reset();
    r.figures.obs_annual = 36000;
    issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "obs_quote");
}

TEST(Provenance, ObsAnnualStated) {
    Route r = text_route();
    r.figures.obs_annual = 36000;
    r.obs_seed = kSeed;
    r.obs_quote = "exported about 36,000 tons of oil products in 2015";
    auto issues = check(r);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);

    r.figures.obs_annual = 36;
    issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "obs_annual");
}

TEST(Provenance, ObsQuoteFromUnknownSeed) {
    Route r = text_route();
    r.figures.obs_annual = 36000;
    r.obs_seed = "other.txt";
    r.obs_quote = "exported about 36,000 tons of oil products in 2015";
    const auto issues = check(r);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "obs_seed");
}

TEST(Provenance, UnsourcedIsNeverAnIssue) {
    Route r = text_route();
    r.basis = Basis::unsourced;
    r.seed = "nope.txt";
    r.quote = "words nobody wrote";
    r.figures.trips_mo = 7;
    r.figures.observed = 5;
    EXPECT_TRUE(check(r).empty());
    EXPECT_TRUE(check(r, SeedLibrary{}).empty());
}

TEST(Provenance, EmptyLibrary) {
    const auto issues = check(text_route(), SeedLibrary{"missing", {}});
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "seed");
}

// ---- the real seeds: curly quotes must match byte for byte ----------------------------------------

const char* const kRealSeed = "000_19fc30f83eb11002.txt";

TEST(ProvenanceRealSeeds, LoadSeedsReadsEveryFile) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    EXPECT_EQ(seeds.texts.size(), 2u);
    ASSERT_EQ(seeds.texts.count(kRealSeed), 1u);
    EXPECT_EQ(seeds.texts.at(kRealSeed), test::read_file(test::seeds_dir() / kRealSeed));
}

TEST(ProvenanceRealSeeds, CurlyApostrophe) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    Route r = text_route();
    r.mode = Mode::tanker;
    r.seed = kRealSeed;
    r.figures = {};
    r.figures.capacity = 1000;  // stated below
    r.figures.trips_mo = 5;
    r.quote =
        "oil tanker traffic from Vladivostok to North Korea\u2019s east coast. Last Thursday, five North "
        "Korean-flagged oil tankers";
    auto issues = check(r, seeds);
    // 1000 is not in this quote: only capacity is reported
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "capacity");

    r.figures.capacity.reset();
    r.figures.annual_t = 5;
    issues = check(r, seeds);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);

    // a straight apostrophe is not the seed's curly one
    r.quote = "from Vladivostok to North Korea's east coast";
    issues = check(r, seeds);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "quote");
}

TEST(ProvenanceRealSeeds, CurlyDoubleQuotes) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    Route r = text_route();
    r.seed = kRealSeed;
    r.figures = {};
    r.figures.capacity = 500000;
    r.quote = "China exports about 500,000 tons of crude oil";
    EXPECT_TRUE(check(r, seeds).empty()) << all_lines(check(r, seeds));

    r.basis = Basis::assumed;
    r.note = "the quote names the countries";
    r.quote =
        "\u201cNorth Korea does not care about China\u2019s pressure or sanctions because there is Russia "
        "next door,\u201d said Leonid Petrov";
    auto issues = check(r, seeds);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);

    r.quote =
        "\"North Korea does not care about China's pressure or sanctions because there is Russia next "
        "door,\" said Leonid Petrov";
    issues = check(r, seeds);
    ASSERT_EQ(issues.size(), 1u) << all_lines(issues);
    EXPECT_EQ(issues[0].where.field, "quote");
}

TEST(ProvenanceRealSeeds, SeedFiguresFromBothFiles) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    Route r = text_route();
    r.seed = "002_4e8bfc350f4adcd8.txt";
    r.figures = {};
    r.figures.capacity = 2000000;
    r.quote = "coal imports from North Korea to surge to 2 million tonnes in December";
    auto issues = check(r, seeds);
    EXPECT_TRUE(issues.empty()) << all_lines(issues);
}

TEST(ProvenanceRealSeeds, LoadSeedsOfMissingFolderThrows) {
    test::TempDir dir;
    EXPECT_THROW(load_seeds(dir / "none"), input_error);
}

}  // namespace
}  // namespace corridor
