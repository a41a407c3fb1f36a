// The question's parameters as the server takes them: each sets the request's field of its
// own name, in the order the server documents them.
#include "corridor/analysis/parameters.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace corridor {

TEST(Parameters, EachQueryParameterSetsTheFieldOfItsName) {
    std::vector<std::string> names;
    AnalysisRequest r;
    for (const auto& p : parameters::query_parameters()) {
        names.push_back(p.text->name);
        r.*(p.field) = "value of " + p.text->name;
        EXPECT_FALSE(p.text->help.empty()) << p.text->name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"from", "to", "commodity", "scenario", "month", "transit"}));
    EXPECT_EQ(r.from, "value of from");
    EXPECT_EQ(r.to, "value of to");
    EXPECT_EQ(r.commodity, "value of commodity");
    EXPECT_EQ(r.scenario, "value of scenario");
    EXPECT_EQ(r.month, "value of month");
    EXPECT_EQ(r.transit, "value of transit");
}

TEST(Parameters, NamesAreOptionNames) {
    namespace p = parameters;
    for (const OptionText* t : {&p::kFrom, &p::kTo, &p::kCommodity, &p::kModes, &p::kWithout, &p::kSet, &p::kScenario,
                                &p::kMonth, &p::kUncertainty, &p::kSeed, &p::kBy, &p::kGeodata, &p::kSeeds, &p::kLand,
                                &p::kSpeeds, &p::kScenarios, &p::kSideFiles, &p::kStrict, &p::kOverwrite}) {
        EXPECT_FALSE(t->name.empty());
        EXPECT_EQ(t->name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-"), std::string::npos) << t->name;
        EXPECT_NE(t->name.front(), '-') << t->name;
        EXPECT_FALSE(t->help.empty()) << t->name;
    }
}

}  // namespace corridor
