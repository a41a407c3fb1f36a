// Quantity statements of the seed texts and what uses them.
#include "corridor/text/facts.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/model/load.hpp"
#include "corridor/model/scenario.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using K = FactKind;

struct Expected {
    std::size_t line;
    std::string text;
    FactKind kind;
    std::optional<double> value;
    std::string hedge;  // written before it, or carried over a list ("up to 200 passengers and 1,000 tons")
};

std::vector<Fact> of_file(const std::vector<Fact>& all, const std::string& file) {
    std::vector<Fact> out;
    for (const auto& f : all)
        if (f.file == file) out.push_back(f);
    return out;
}

void expect_facts(const std::vector<Fact>& got, const std::vector<Expected>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        SCOPED_TRACE(want[i].text);
        EXPECT_EQ(got[i].line, want[i].line);
        EXPECT_EQ(got[i].text, want[i].text);
        EXPECT_EQ(got[i].kind, want[i].kind) << fact_kind_name(got[i].kind);
        EXPECT_EQ(got[i].hedge, want[i].hedge);
        EXPECT_EQ(got[i].value.has_value(), want[i].value.has_value());
        if (got[i].value && want[i].value) {
            EXPECT_DOUBLE_EQ(*got[i].value, *want[i].value);
        }
    }
}

const Fact& only(const std::vector<Fact>& facts) {
    if (facts.size() != 1) throw std::runtime_error(fmt::format("expected exactly one fact, got {}", facts.size()));
    return facts[0];
}

// Counted by reading seeds/000_19fc30f83eb11002.txt: 18 quantity statements.
const std::vector<Expected> kSeed000{
    {3, "90 percent", K::percent, 90, "about"},
    {9, "200 passengers", K::passengers, 200, "up to"},
    {9, "1,000 tons", K::mass, 1000, "up to"},
    {9, "six times a month", K::frequency, 6, ""},
    {11, "five North Korean-flagged oil tankers", K::count, 5, ""},
    {33, "500,000 tons", K::mass, 500000, "about"},
    {33, "270,000 tons", K::mass, 270000, "about"},
    {33, "36,000 tons", K::mass, 36000, "about"},
    {33, "2015", K::date, 2015, ""},
    {35, "two years", K::duration, 2, ""},
    {39, "600,000 people", K::count, 600000, ""},
    {39, "100 km", K::distance, 100, ""},
    {39, "60 miles", K::distance, 60, ""},
    {41, "$500", K::money, 500, ""},
    {41, "4,000 rubles", K::money, 4000, ""},
    {41, "$70", K::money, 70, ""},
    {43, "11 years", K::duration, 11, ""},
    {51, "2006", K::date, 2006, ""},
};

// Counted by reading seeds/002_4e8bfc350f4adcd8.txt: 25 quantity statements.
const std::vector<Expected> kSeed002{
    {3, "Feb. 3", K::date, std::nullopt, ""},
    {5, "five years", K::duration, 5, ""},
    {7, "90 percent", K::percent, 90, ""},
    {7, "tenfold", K::multiple, 10, ""},
    {7, "15 years", K::duration, 15, ""},
    {7, "Feb. 19", K::date, std::nullopt, ""},
    {9, "2 million tonnes", K::mass, 2e6, ""},
    {9, "one million tonnes", K::mass, 1e6, "at least"},
    {9, "US$115 million", K::money, 115e6, "nearly"},
    {11, "34-40 percent", K::percent, 37, ""},
    {19, "1989", K::date, 1989, ""},
    {23, "September 2012", K::date, 2012, ""},
    {23, "90 percent", K::percent, 90, ""},
    {23, "US$11 billion", K::money, 11e9, ""},
    {23, "US$1 billion", K::money, 1e9, ""},
    {25, "Two years", K::duration, 2, ""},
    {25, "tenfold", K::multiple, 10, ""},
    {25, "US$1 billion", K::money, 1e9, ""},
    {25, "2020", K::date, 2020, ""},
    {25, "1 percent", K::percent, 1, ""},
    {27, "2014", K::date, 2014, ""},
    {29, "Jan. 31", K::date, std::nullopt, ""},
    {31, "40,000 North Koreans", K::count, 40000, "about"},
    {33, "February 2014", K::date, 2014, ""},
    {35, "May 2015", K::date, 2015, ""},
};

TEST(Facts, EveryQuantityOfBothSeeds) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    ASSERT_EQ(seeds.texts.size(), 2u);
    const auto all = extract_facts(seeds);
    EXPECT_EQ(all.size(), kSeed000.size() + kSeed002.size());
    {
        SCOPED_TRACE("000");
        expect_facts(of_file(all, "000_19fc30f83eb11002.txt"), kSeed000);
    }
    {
        SCOPED_TRACE("002");
        expect_facts(of_file(all, "002_4e8bfc350f4adcd8.txt"), kSeed002);
    }
    // ordered by file, then position
    for (std::size_t i = 1; i < all.size(); ++i) {
        const bool ordered =
            all[i - 1].file < all[i].file || (all[i - 1].file == all[i].file && all[i - 1].offset < all[i].offset);
        EXPECT_TRUE(ordered) << all[i].text;
    }
}

TEST(Facts, SentenceHedgeAndOffset) {
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    const auto all = extract_facts(seeds);
    const std::string& text = seeds.texts.at("000_19fc30f83eb11002.txt");
    const Fact& pax = all.at(1);
    EXPECT_EQ(pax.text, "200 passengers");
    EXPECT_EQ(pax.hedge, "up to");
    EXPECT_EQ(text.substr(pax.offset, pax.text.size()), pax.text);
    EXPECT_EQ(pax.sentence,
              "A new ferry service starting next week will move up to 200 passengers and 1,000 tons of cargo six "
              "times a month between North Korea and the Russian port of Vladivostok.");
    // "U.N. data" does not end the sentence
    EXPECT_EQ(all.at(7).sentence,
              "Russia, the other major supplier of oil to North Korea, exported about 36,000 tons of oil products in "
              "2015, the latest year for which figures are available, according to U.N. data.");
    EXPECT_EQ(all.at(7).hedge, "about");
}

TEST(Facts, ThousandsSeparatorsAndScaleWords) {
    EXPECT_DOUBLE_EQ(*only(extract_facts("t", "carried 1,000 tons")).value, 1000);
    EXPECT_DOUBLE_EQ(*only(extract_facts("t", "carried 1,250,000 tonnes")).value, 1250000);
    const Fact f = only(extract_facts("t", "a surge to 2 million tonnes in December"));
    EXPECT_EQ(f.text, "2 million tonnes");
    EXPECT_DOUBLE_EQ(*f.value, 2e6);
    EXPECT_EQ(f.unit, "t");
    const Fact m = only(extract_facts("t", "worth nearly US$115 million."));
    EXPECT_EQ(m.text, "US$115 million");
    EXPECT_EQ(m.kind, K::money);
    EXPECT_EQ(m.unit, "USD");
    EXPECT_EQ(m.hedge, "nearly");
    EXPECT_DOUBLE_EQ(*m.value, 115e6);
}

TEST(Facts, TenfoldAndTimesAMonth) {
    const Fact t = only(extract_facts("t", "exchanges have grown by tenfold"));
    EXPECT_EQ(t.kind, K::multiple);
    EXPECT_EQ(t.unit, "x");
    EXPECT_DOUBLE_EQ(*t.value, 10);
    const Fact s = only(extract_facts("t", "It sails six times a month."));
    EXPECT_EQ(s.kind, K::frequency);
    EXPECT_EQ(s.text, "six times a month");
    EXPECT_EQ(s.unit, "times/month");
    EXPECT_DOUBLE_EQ(*s.value, 6);
    const Fact w = only(extract_facts("t", "It runs 3 trips per week."));
    EXPECT_EQ(w.unit, "times/week");
    // "six times" with no period is not a frequency
    EXPECT_TRUE(extract_facts("t", "six times larger").empty());
}

TEST(Facts, AHedgeCarriesOverAList) {
    const auto ferry =
        extract_facts("t", "It will move up to 200 passengers and 1,000 tons of cargo six times a month.");
    ASSERT_EQ(ferry.size(), 3u);
    EXPECT_EQ(ferry[0].hedge, "up to");
    EXPECT_EQ(ferry[1].hedge, "up to");
    EXPECT_EQ(ferry[2].hedge, "");  // "of cargo six times": no list joins them
    const auto oil = extract_facts("t", "China exports about 500,000 tons of crude oil and 270,000 tons of products.");
    ASSERT_EQ(oil.size(), 2u);
    EXPECT_EQ(oil[1].hedge, "about");
    const auto commas = extract_facts("t", "nearly 5 tons, 7 tons, or 9 tons and US$3 million");
    ASSERT_EQ(commas.size(), 4u);
    for (const auto& f : commas) EXPECT_EQ(f.hedge, "nearly") << f.text;
    const auto either = extract_facts("t", "at least 300 tons or 400 tons");
    ASSERT_EQ(either.size(), 2u);
    EXPECT_EQ(either[1].hedge, "at least");
    // bare numbers before the statement: "about 300 or 400 tons", "up to 5, 6 or 7 ships"
    EXPECT_EQ(only(extract_facts("t", "about 300 or 400 tons")).hedge, "about");
    EXPECT_EQ(only(extract_facts("t", "up to 5, 6 or 7 ships")).hedge, "up to");
    EXPECT_EQ(only(extract_facts("t", "in 300 or 400 tons")).hedge, "");
    EXPECT_EQ(only(extract_facts("t", "about 300 men or 400 tons")).hedge, "");  // "men" is not a joiner
    // a hedge written before the later number wins
    const auto own = extract_facts("t", "up to 200 passengers and about 1,000 tons");
    ASSERT_EQ(own.size(), 2u);
    EXPECT_EQ(own[1].hedge, "about");
}

TEST(Facts, AHedgeStopsWhereTheListEnds) {
    const std::vector<std::string> texts{
        "It carried about 500 tons and loaded 300 tons.",           // a verb
        "It carried about 500 tons. 300 tons came later.",          // a sentence
        "It carried about 500 tons; 300 tons came later.",          // a semicolon
        "It carried about 500 tons in May and 300 tons.",           // another preposition
        "It carried about 500 tons of oil to Rajin and 300 tons.",  // more than what it is of
        "It carried about 500 tons (300 tons of it oil).",          // a bracket
    };
    for (const auto& text : texts) {
        const auto facts = extract_facts("t", text);
        ASSERT_EQ(facts.size(), 2u) << text;
        EXPECT_EQ(facts[0].hedge, "about") << text;
        EXPECT_EQ(facts[1].hedge, "") << text;
    }
    // dates take no hedge, and a date ends the list
    const auto dated = extract_facts("t", "about 36,000 tons in 2015 and 300 tons");
    ASSERT_EQ(dated.size(), 3u);
    EXPECT_EQ(dated[1].hedge, "");
    EXPECT_EQ(dated[2].hedge, "");
    const auto listed_date = extract_facts("t", "about 36,000 tons and 2015");
    ASSERT_EQ(listed_date.size(), 2u);
    EXPECT_EQ(listed_date[1].hedge, "");
}

TEST(Facts, RangesWithHyphenAndDashes) {
    for (const char* dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) {
        const std::string written = fmt::format("34{}40 percent", dash);
        const Fact f = only(extract_facts("t", fmt::format("Coal has accounted for {} of exports", written)));
        EXPECT_EQ(f.text, written);
        EXPECT_EQ(f.kind, K::percent);
        EXPECT_DOUBLE_EQ(*f.low, 34);
        EXPECT_DOUBLE_EQ(*f.high, 40);
        EXPECT_DOUBLE_EQ(*f.value, 37);
    }
    // a dash with spaces around it separates, it does not make a range
    const auto two = extract_facts("t", "in 1989 \xE2\x80\x94 $500 \xE2\x80\x94 to them");
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].kind, K::date);
    EXPECT_EQ(two[1].text, "$500");
    EXPECT_FALSE(two[1].low.has_value());
}

// Found by the fuzz target text (tests/fuzz/text/reversed_range): "234-40 percent" was read
// as a range from 234 down to 40, low above high. A second number below the first is no range.
TEST(Facts, ASecondNumberBelowTheFirstIsNoRange) {
    for (const std::string text : {"234-40 percent", "the 2017-18 season"}) {
        SCOPED_TRACE(text);
        for (const Fact& f : extract_facts("t", text)) {
            EXPECT_FALSE(f.low.has_value()) << f.text;
            EXPECT_FALSE(f.high.has_value()) << f.text;
        }
    }
    const auto kept = extract_facts("t", "40-40 percent");
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_DOUBLE_EQ(*kept[0].low, 40);
    EXPECT_DOUBLE_EQ(*kept[0].high, 40);
}

TEST(Facts, CurlyQuotesAndApostrophesKeptVerbatim) {
    const std::string text =
        "\xE2\x80\x9CIt exported 36,000 tons,\xE2\x80\x9D he said. \xE2\x80\x9CIt\xE2\x80\x99s 5%.\xE2\x80\x9D Then a "
        "day\xE2\x80\x99s labor.";
    const auto facts = extract_facts("t", text);
    ASSERT_EQ(facts.size(), 2u);
    EXPECT_EQ(facts[0].text, "36,000 tons");
    EXPECT_EQ(facts[0].sentence, "\xE2\x80\x9CIt exported 36,000 tons,\xE2\x80\x9D he said.");
    EXPECT_EQ(facts[1].text, "5%");
    EXPECT_EQ(facts[1].kind, K::percent);
    EXPECT_EQ(facts[1].sentence, "\xE2\x80\x9CIt\xE2\x80\x99s 5%.\xE2\x80\x9D");
}

TEST(Facts, Dates) {
    const auto facts = extract_facts("t", "On Feb. 19, in September 2012 and in 2015, and by Jan. 31 or May 2015.");
    ASSERT_EQ(facts.size(), 5u);
    EXPECT_EQ(facts[0].text, "Feb. 19");
    EXPECT_EQ(facts[0].date, "--02-19");
    EXPECT_FALSE(facts[0].value.has_value());
    EXPECT_EQ(facts[1].text, "September 2012");
    EXPECT_EQ(facts[1].date, "2012-09");
    EXPECT_DOUBLE_EQ(*facts[1].value, 2012);
    EXPECT_EQ(facts[2].date, "2015");
    EXPECT_EQ(facts[3].date, "--01-31");
    EXPECT_EQ(facts[4].text, "May 2015");
    EXPECT_EQ(facts[4].date, "2015-05");
    // a lower-case "may" is a verb, and a day number needs its month
    EXPECT_TRUE(extract_facts("t", "it may 19 ways").empty());
}

TEST(Facts, NamesOrdinalsAndBareNumbersAreNotQuantities) {
    EXPECT_TRUE(
        extract_facts("t", "the Six-Party Talks, the 70th anniversary, in his 30s, 38 North, one of them").empty());
    EXPECT_TRUE(extract_facts("t", "One North Korean handyman said so.").empty());
    const Fact c = only(extract_facts("t", "about 40,000 North Koreans now work there"));
    EXPECT_EQ(c.kind, K::count);
    EXPECT_EQ(c.unit, "people");
    EXPECT_EQ(c.text, "40,000 North Koreans");
}

TEST(Facts, LinesCountFromOne) {
    const auto facts = extract_facts("t", "First 5 tons.\n\r\nThen 7 km.\nEnd 9 passengers");
    ASSERT_EQ(facts.size(), 3u);
    EXPECT_EQ(facts[0].line, 1u);
    EXPECT_EQ(facts[1].line, 3u);
    EXPECT_EQ(facts[1].sentence, "Then 7 km.");
    EXPECT_EQ(facts[2].line, 4u);
}

// A small fixture: a route quoting its figures, a route citing a quote, a scenario, a place.
struct MarkFixture {
    SeedLibrary seeds{"seeds",
                      {{"a.txt",
                        "The ferry carries 500 tons six times a month. It has 3 ships. Since Feb. 19 "
                        "coal is capped at 1 million tons.\nThe port handled 80,000 tonnes.\n"},
                       {"b.txt", "The ferry carries 500 tons six times a month.\n"}}};
    Network net;
    std::vector<Scenario> scenarios;
    MarkFixture() {
        Route ferry;
        ferry.id = std::string("ferry");
        ferry.seed = std::string("a.txt");
        ferry.quote = std::string("The ferry carries 500 tons six times a month.");
        ferry.figures.payload_t = 500;
        ferry.figures.trips_mo = 6;
        net.routes.push_back(ferry);
        Route ships;
        ships.id = std::string("ships");
        ships.seed = std::string("a.txt");
        ships.quote = std::string("It has 3 ships.");
        ships.figures.payload_t = 3;  // a mass figure: not the count of ships
        net.routes.push_back(ships);
        Place port;
        port.id = std::string("port");
        port.note = std::string("The port handled 80,000 tonnes");
        port.capacity = 80000;
        net.places.push_back(port);
        Scenario cap;
        cap.name = std::string("coal_cap");
        cap.source = std::string("a.txt");
        cap.quote = std::string("coal is capped at 1 million tons");
        cap.changes.push_back({{"ferry"}, ChangeAction::cap, "", 1e6, ""});
        scenarios.push_back(cap);
    }
};

TEST(Facts, MarksUsedAndNotUsed) {
    MarkFixture fx;
    auto facts = extract_facts(fx.seeds);
    mark_uses(facts, fx.seeds, fx.net, fx.scenarios);
    ASSERT_EQ(facts.size(), 8u);
    // a.txt
    EXPECT_EQ(facts[0].uses, (std::vector<FactUse>{{"route", "ferry", "payload_t"}}));
    EXPECT_EQ(facts[1].uses, (std::vector<FactUse>{{"route", "ferry", "trips_mo"}}));
    EXPECT_EQ(facts[2].text, "3 ships");
    EXPECT_EQ(facts[2].uses, (std::vector<FactUse>{{"route", "ships", "quote"}}));
    EXPECT_EQ(facts[3].text, "Feb. 19");
    EXPECT_FALSE(facts[3].used());  // the scenario's quote starts after it
    EXPECT_EQ(facts[4].uses, (std::vector<FactUse>{{"scenario", "coal_cap", "changes"}}));
    EXPECT_EQ(facts[5].uses, (std::vector<FactUse>{{"place", "port", "capacity"}}));
    // b.txt: the same words in another seed are not the route's quote
    EXPECT_EQ(facts[6].file, "b.txt");
    EXPECT_FALSE(facts[6].used());
    EXPECT_FALSE(facts[7].used());
}

TEST(Facts, TheSeedNetworkUsesItsFigures) {
    const Network net = load_network(default_files(test::geodata_dir()));
    const auto scenarios = load_scenarios(test::geodata_dir() / "scenarios.json", net);
    const auto events = load_events(test::geodata_dir() / "events.json", net);
    const auto observations = load_observations(test::geodata_dir() / "observations.json", net);
    const SeedLibrary seeds = load_seeds(test::seeds_dir());
    auto facts = extract_facts(seeds);
    mark_uses(facts, seeds, net, scenarios, observations, events);
    auto uses_of = [&](const std::string& file_prefix, std::size_t line, const std::string& text) {
        for (const auto& f : facts)
            if (f.file.starts_with(file_prefix) && f.line == line && f.text == text) return f.uses;
        ADD_FAILURE() << "no fact " << text;
        return std::vector<FactUse>{};
    };
    EXPECT_EQ(uses_of("000", 9, "200 passengers"), (std::vector<FactUse>{{"route", "mangyongbong_ferry", "pax_trip"}}));
    EXPECT_EQ(uses_of("000", 9, "1,000 tons"), (std::vector<FactUse>{{"route", "mangyongbong_ferry", "payload_t"}}));
    // National figures are observations (issue 13), not a lane's observed flow.
    EXPECT_EQ(uses_of("000", 33, "36,000 tons"),
              (std::vector<FactUse>{{"observation", "ru_kp_oil_products_2015", "tonnes"}}));
    EXPECT_EQ(uses_of("000", 33, "270,000 tons"),
              (std::vector<FactUse>{{"route", "dalian_nampo_tanker", "obs_annual"},
                                    {"observation", "cn_kp_crude_annual", "quote"},
                                    {"observation", "cn_kp_oil_products_annual", "tonnes"}}));
    EXPECT_EQ(uses_of("002", 9, "2 million tonnes"),
              (std::vector<FactUse>{{"observation", "kp_cn_coal_2016_12", "tonnes"}}));
    EXPECT_EQ(uses_of("002", 9, "one million tonnes"), (std::vector<FactUse>{{"scenario", "un_coal_cap", "changes"}}));
    EXPECT_EQ(uses_of("002", 7, "Feb. 19"), (std::vector<FactUse>{{"scenario", "coal_suspension", "quote"},
                                                                  {"event", "coal_import_suspension", "quote"}}));
    // A share of trade value is not a capacity: no longer quoted by the bridge.
    EXPECT_TRUE(uses_of("002", 7, "90 percent").empty());
    EXPECT_TRUE(uses_of("000", 39, "100 km").empty());
    std::size_t used = 0;
    for (const auto& f : facts) used += f.used() ? 1 : 0;
    EXPECT_EQ(used, 12u);  // 8 in 000, 4 in 002
}

}  // namespace
}  // namespace corridor
