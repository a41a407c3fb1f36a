// The extent scanner finds where JSON values end, at any depth, without validating them.
#include "corridor/io/detail/geojson_scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace corridor::io::detail {
namespace {

// Where value_end stops in s, as an offset; -1 for nullptr.
long end_of(const std::string& s) {
    const char* e = value_end(s.data(), s.data() + s.size());
    return e == nullptr ? -1 : static_cast<long>(e - s.data());
}

TEST(GeoJsonScan, ValuesEndWhereJsonSaysTheyEnd) {
    EXPECT_EQ(end_of(R"("a\"b]" , 1)"), 7);
    EXPECT_EQ(end_of(R"("back\\" x)"), 8);
    EXPECT_EQ(end_of(R"({"a":"}]","b":[1,{"c":"\"{"}]} ,)"), 30);
    EXPECT_EQ(end_of("123.5e3,"), 7);
    EXPECT_EQ(end_of("true}"), 4);
    EXPECT_EQ(end_of("null"), 4);
}

TEST(GeoJsonScan, UnclosedValuesAreNull) {
    EXPECT_EQ(end_of(R"("open)"), -1);
    EXPECT_EQ(end_of(R"("escaped quote\")"), -1);
    EXPECT_EQ(end_of("[[1,2]"), -1);
    EXPECT_EQ(end_of(R"({"a":"}"})" + std::string("{")), 9);
}

// A million levels of brackets: the scanner counts, it does not recurse.
TEST(GeoJsonScan, AnyDepthWithoutRecursion) {
    const std::size_t depth = 1'000'000;
    const std::string deep = std::string(depth, '[') + std::string(depth, ']') + ",";
    EXPECT_EQ(end_of(deep), static_cast<long>(2 * depth));
    EXPECT_EQ(end_of(deep.substr(0, depth + 10)), -1);
}

TEST(GeoJsonScan, FirstFeatureGuessIsTheFirstLineStartingWithABrace) {
    const std::string s = "  \"x\": 1,\n  , {\"type\": \"Feature\"}\n{}";
    const char* begin = s.data();
    const char* end = s.data() + s.size();
    EXPECT_EQ(first_feature_guess(begin, end, end), begin + s.find("{\"type\""));
    EXPECT_EQ(first_feature_guess(begin, begin + 5, end), nullptr);
    const std::string spaced = " \t\r\nx";
    EXPECT_EQ(*skip_space(spaced.data(), spaced.data() + spaced.size()), 'x');
}

}  // namespace
}  // namespace corridor::io::detail
