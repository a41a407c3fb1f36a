// "Did you mean": edit distance and the nearest names.
#include "corridor/text/suggest.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Suggest, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("export", "export"), 0u);
    EXPECT_EQ(edit_distance("exprot", "export"), 2u);  // a swap is two substitutions
    EXPECT_EQ(edit_distance("pyongyan", "pyongyang"), 1u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("RU", "ru"), 0u);  // ASCII case does not count
}

TEST(Suggest, NearestNamesAreCloseAndOrdered) {
    const std::vector<std::string> commands{"validate", "export", "map", "render", "route", "routes", "places"};
    EXPECT_EQ(nearest_names("exprot", commands), std::vector<std::string>{"export"});
    EXPECT_EQ(nearest_names("route", commands), std::vector<std::string>{"route"});  // exact: alone
    EXPECT_EQ(nearest_names("rute", commands), (std::vector<std::string>{"route", "routes"}));
    EXPECT_TRUE(nearest_names("zzzzzzzz", commands).empty());
    EXPECT_EQ(nearest_names("rute", commands, 1).size(), 1u);
}

TEST(Suggest, DidYouMeanReadsAsASentence) {
    EXPECT_EQ(did_you_mean({}), "");
    EXPECT_EQ(did_you_mean({"a"}), "did you mean 'a'?");
    EXPECT_EQ(did_you_mean({"a", "b"}), "did you mean 'a' or 'b'?");
    EXPECT_EQ(did_you_mean({"a", "b", "c"}), "did you mean 'a', 'b' or 'c'?");
    EXPECT_EQ(suggestion_suffix("exprot", {"export", "map"}), ": did you mean 'export'?");
    EXPECT_EQ(suggestion_suffix("qqqqqq", {"export", "map"}), "");
}

}  // namespace
}  // namespace corridor
