// The numbers a news text states, in its own typography.
#include <gtest/gtest.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <string>

#include "corridor/text/numbers.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

bool contains(const std::vector<double>& v, double x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(Numbers, ThousandsSeparator) {
    EXPECT_TRUE(states_number("1,000 tons", 1000));
    EXPECT_FALSE(states_number("1,000 tons", 1));
    EXPECT_TRUE(contains(numbers_in("1,000 tons"), 1000));
}

TEST(Numbers, NumberWords) {
    EXPECT_TRUE(states_number("six times a month", 6));
    EXPECT_TRUE(states_number("Six times a month", 6));
    EXPECT_FALSE(states_number("six times a month", 7));
    EXPECT_TRUE(states_number("five North Korean-flagged oil tankers", 5));
    // "sixteen" is 16, not 6
    EXPECT_TRUE(states_number("sixteen ships", 16));
    EXPECT_FALSE(states_number("sixteen ships", 6));
}

TEST(Numbers, NumberWordsOnlyAsWholeWords) {
    // "one" inside "someone", "ten" inside "often": no numbers
    EXPECT_FALSE(states_number("someone often", 1));
    EXPECT_FALSE(states_number("someone often", 10));
    EXPECT_TRUE(numbers_in("someone often").empty());
}

TEST(Numbers, ScaleWords) {
    const auto n = numbers_in("2 million tonnes");
    EXPECT_TRUE(contains(n, 2));
    EXPECT_TRUE(contains(n, 2000000));
    EXPECT_TRUE(states_number("one million tonnes", 1e6));
    EXPECT_TRUE(states_number("one million tonnes", 1));
}

TEST(Numbers, Ranges) {
    EXPECT_TRUE(states_number("34-40 percent", 34));
    EXPECT_TRUE(states_number("34-40 percent", 40));
    EXPECT_FALSE(states_number("34-40 percent", -40));
    EXPECT_FALSE(states_number("34-40 percent", 3440));
}

TEST(Numbers, Fold) {
    EXPECT_TRUE(states_number("tenfold", 10));
    EXPECT_TRUE(states_number("grown by tenfold in 15 years", 10));
    EXPECT_TRUE(states_number("grown by tenfold in 15 years", 15));
}

TEST(Numbers, CurrencyWithScale) {
    EXPECT_TRUE(states_number("US$1 billion", 1e9));
    EXPECT_TRUE(states_number("nearly US$115 million.", 115e6));
}

TEST(Numbers, About) { EXPECT_TRUE(states_number("about 500,000 tons", 500000)); }

TEST(Numbers, CommaNotFollowedByExactlyThreeDigits) {
    EXPECT_FALSE(states_number("1,0000", 1000));
    EXPECT_FALSE(states_number("1,00 tons", 100));
    // a list, not a thousands separator
    EXPECT_TRUE(states_number("1, 2", 1));
    EXPECT_TRUE(states_number("1, 2", 2));
    EXPECT_FALSE(states_number("1,2", 12));
}

TEST(Numbers, YearAfterThousands) {
    const std::string t = "36,000 tons of oil products in 2015";
    EXPECT_TRUE(states_number(t, 36000));
    EXPECT_TRUE(states_number(t, 2015));
    EXPECT_FALSE(states_number(t, 36));
    EXPECT_FALSE(states_number(t, 0));
}

TEST(Numbers, Decimals) {
    EXPECT_TRUE(states_number("2.5 tonnes", 2.5));
    EXPECT_FALSE(states_number("2.5 tonnes", 25));
    EXPECT_FALSE(states_number("2.5 tonnes", 5));
    EXPECT_TRUE(states_number("2.5 million", 2.5e6));
    // a full stop ending a sentence is not a decimal point
    EXPECT_TRUE(states_number("in 2015. Then", 2015));
}

// A user's decimal-comma locale must not change how "2.5" in an English text is read.
TEST(Numbers, DecimalsDoNotDependOnTheLocale) {
    const char* current = std::setlocale(LC_NUMERIC, nullptr);
    const std::string saved = current != nullptr ? current : "C";
    const char* comma = nullptr;
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "ru_RU.utf8"})
        if ((comma = std::setlocale(LC_NUMERIC, name)) != nullptr) break;
    // None installed: compile de_DE from the locale sources (Debian's locales package,
    // installed by scripts/setup.sh) into a temporary LOCPATH.
    test::TempDir locales;
    if (comma == nullptr) {
        const std::string cmd = "localedef -i de_DE -f UTF-8 '" + (locales / "de_DE.UTF-8").string() + "' 2>/dev/null";
        if (std::system(cmd.c_str()) == 0 && setenv("LOCPATH", locales.path().c_str(), 1) == 0)
            comma = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
    }
    if (comma == nullptr) GTEST_SKIP() << "no decimal-comma locale installed or buildable";
    const bool half = states_number("2.5 tonnes", 2.5);
    const bool whole = states_number("2.5 tonnes", 2);
    std::setlocale(LC_NUMERIC, saved.c_str());
    EXPECT_TRUE(half) << "in locale " << comma;
    EXPECT_FALSE(whole) << "in locale " << comma;
}

TEST(Numbers, EmptyAndWordless) {
    EXPECT_TRUE(numbers_in("").empty());
    EXPECT_TRUE(numbers_in("no figures here").empty());
    EXPECT_FALSE(states_number("", 0));
}

TEST(Numbers, TokensGivePositionsScaleAndFold) {
    const std::string text = "up to 1,000 tons, 2 million tonnes, tenfold and 34-40";
    const auto t = number_tokens(text);
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(text.substr(t[0].begin, t[0].end - t[0].begin), "1,000");
    EXPECT_DOUBLE_EQ(t[0].value, 1000);
    EXPECT_EQ(text.substr(t[1].begin, t[1].end - t[1].begin), "2 million");
    EXPECT_DOUBLE_EQ(t[1].value, 2);
    EXPECT_DOUBLE_EQ(t[1].scaled(), 2e6);
    EXPECT_EQ(text.substr(t[2].begin, t[2].end - t[2].begin), "tenfold");
    EXPECT_TRUE(t[2].word);
    EXPECT_TRUE(t[2].fold);
    EXPECT_DOUBLE_EQ(t[2].value, 10);
    EXPECT_EQ(text.substr(t[3].begin, t[3].end - t[3].begin), "34");
    EXPECT_EQ(text.substr(t[4].begin, t[4].end - t[4].begin), "40");
    EXPECT_FALSE(t[3].word);
    EXPECT_FALSE(t[0].fold);
}

TEST(Numbers, RealSeeds) {
    const std::string a = test::read_file(test::seeds_dir() / "000_19fc30f83eb11002.txt");
    const std::string b = test::read_file(test::seeds_dir() / "002_4e8bfc350f4adcd8.txt");
    for (double v : {200.0, 1000.0, 6.0, 500000.0, 270000.0, 36000.0})
        EXPECT_TRUE(states_number(a, v)) << v << " in seed 000";
    EXPECT_TRUE(states_number(b, 2000000)) << "2 million tonnes in seed 002";
    EXPECT_TRUE(states_number(b, 1e9)) << "US$1 billion in seed 002";
    EXPECT_FALSE(states_number(a, 1234567));
}

}  // namespace
}  // namespace corridor
