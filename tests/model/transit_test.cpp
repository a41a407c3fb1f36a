// Transit rules (transits.json): reading them, and which routes a question may use.
#include "corridor/model/transit.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using nlohmann::json;

Network three_countries() { return test::ru_kp_cn({"cargo", "coal"}); }

json rule() {
    return {{"id", "t"},        {"exporter", "RU"},     {"via", "KP"},
            {"importer", "CN"}, {"routes", {"a", "b"}}, {"commodities", {"coal"}},
            {"note", "n"}};
}

TEST(Transits, ARuleReadsWithItsRoutesAndCommodities) {
    const Network net = three_countries();
    test::TempDir dir;
    test::write_json(dir / "transits.json", {{"transits", {rule()}}});
    const auto rules = load_transits(dir / "transits.json", net);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].via, "KP");
    EXPECT_EQ(rules[0].routes, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(rules[0].commodities, (std::vector<std::string>{"coal"}));
}

TEST(Transits, BadRulesNameTheirField) {
    const Network net = three_countries();
    test::TempDir dir;
    auto refused = [&](const json& file, const std::string& expect) {
        test::write_json(dir / "transits.json", file);
        try {
            load_transits(dir / "transits.json", net);
            ADD_FAILURE() << "accepted " << file.dump();
        } catch (const input_error& e) {
            EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << e.what();
        }
    };
    auto with = [](const char* key, json value) {
        json r = rule();
        if (value.is_null()) r.erase(key);
        else r[key] = std::move(value);
        return json{{"transits", {r}}};
    };
    refused(json{{"rules", json::array()}}, "expected {\"transits\": [...]}");
    refused(with("via", "XX"), "feature t: field via: \"XX\" is not the country code of any place");
    refused(with("via", "RU"), "field via: \"RU\" is the exporter or the importer");
    refused(with("routes", {"a", "zz"}), "field routes: unknown route id \"zz\"");
    refused(with("routes", {"d"}), "field routes: route \"d\" does not touch KP");
    refused(with("routes", json::array()), "field routes: missing (required)");
    refused(with("note", nullptr), "field note: missing (required)");
    refused(with("commodities", {1}), "field commodities: expected a list of strings");
    refused(json{{"transits", {rule(), rule()}}}, "feature t: field id: duplicate id");
}

TEST(Transits, ThirdCountryRoutesCarryWhatARuleLetsThemAndNothingElse) {
    const Network net = three_countries();
    TransitRule t = test::via_kp_rule("RU", "CN", {"coal"});
    const auto coal = transit_commodities(net, {t}, "RU", "CN");
    EXPECT_FALSE(coal[2]);  // d: RU to CN, no third country
    ASSERT_TRUE(coal[0] && coal[1] && coal[3]);
    EXPECT_EQ(*coal[0], (std::vector<std::string>{"coal"}));
    EXPECT_TRUE(coal[3]->empty());  // e lies in KP, no rule lists it
    t.commodities.clear();          // every commodity of the route
    EXPECT_EQ(*transit_commodities(net, {t}, "RU", "CN")[1], (std::vector<std::string>{"cargo", "coal"}));
    // Another question: the rule is for RU -> CN only, so on CN -> RU every KP route is barred.
    const auto back = transit_commodities(net, {t}, "CN", "RU");
    EXPECT_TRUE(back[0]->empty() && back[1]->empty());
    EXPECT_FALSE(transit_commodities(net, {}, "RU", "CN")[0]);  // no rules: as drawn
}

TEST(Transits, TheCountryOfPlacesIsOneOrNone) {
    const Network net = three_countries();
    EXPECT_EQ(country_of(net, {1, 3}), "KP");
    EXPECT_FALSE(country_of(net, {0, 1}));
    EXPECT_FALSE(country_of(net, {}));
}

}  // namespace
}  // namespace corridor
