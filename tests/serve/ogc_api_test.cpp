// OGC API - Features - Part 1: Core through MapService: landing page and negotiation,
// conformance, the OpenAPI definition, collections, items with bbox, limit, offset and
// property filters, single features, and the OGC exception shape.
#include "corridor/serve/ogc_api.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corridor/serve/service.hpp"
#include "serve/service_suite.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;
const std::string kBase = "http://127.0.0.1:9999";

class OgcApiTest : public test::ServiceSuite<test::network_v1_dir> {
protected:
    static HttpResponse ask(const std::string& path, const QueryParams& q = {}, const std::string& accept = "") {
        return service().respond({path, q, accept, kBase});
    }
    static json ok(const std::string& path, const QueryParams& q = {}, const std::string& type = kGeoJsonType) {
        const HttpResponse r = ask(path, q);
        EXPECT_EQ(r.status, 200) << path << " " << r.text();
        EXPECT_EQ(r.content_type, type) << path;
        return json::parse(r.text());
    }
    static json refused(int status, const std::string& path, const QueryParams& q = {}) {
        const HttpResponse r = ask(path, q);
        EXPECT_EQ(r.status, status) << path << " " << r.text();
        const json j = json::parse(r.text());
        EXPECT_TRUE(j.contains("code") && j.contains("description")) << r.text();
        return j;
    }
};

std::set<std::string> rels(const json& doc) {
    std::set<std::string> r;
    for (const auto& l : doc["links"]) r.insert(l["rel"].get<std::string>());
    return r;
}

std::string href(const json& doc, const std::string& rel) {
    for (const auto& l : doc["links"])
        if (l["rel"] == rel) return l["href"];
    return "";
}

std::vector<std::string> ids(const json& collection) {
    std::vector<std::string> out;
    for (const auto& f : collection["features"]) out.push_back(f["properties"]["id"]);
    return out;
}

TEST_F(OgcApiTest, TheLandingPageIsJsonWhenAskedAndTheMapOtherwise) {
    for (const auto& [q, accept] : std::vector<std::pair<QueryParams, std::string>>{
             {{}, "application/json"}, {{{"f", "json"}}, ""}, {{{"f", "json"}}, "text/html"}}) {
        const HttpResponse r = ask("/", q, accept);
        EXPECT_EQ(r.content_type, kJsonType);
        const json j = json::parse(r.text());
        for (const char* rel : {"self", "alternate", "service-desc", "conformance", "data"})
            EXPECT_TRUE(rels(j).count(rel)) << rel;
        EXPECT_TRUE(href(j, "data").starts_with(kBase + "/collections"));
    }
    for (const std::string accept : {"", "*/*", "text/html,application/xhtml+xml,application/json;q=0.9"}) {
        const HttpResponse r = ask("/", {}, accept);
        EXPECT_EQ(r.content_type, kHtmlType) << accept;
        EXPECT_NE(r.text().find("Leaflet"), std::string::npos) << "the map page";
    }
    EXPECT_EQ(ask("/map").text(), ask("/").text());
    refused(400, "/", {{"f", "xml"}});
}

TEST_F(OgcApiTest, ConformanceAndTheOpenApiDefinition) {
    const json c = ok("/conformance", {}, kJsonType);
    const auto classes = c["conformsTo"].get<std::vector<std::string>>();
    for (const char* k : {"core", "geojson", "oas30"})
        EXPECT_NE(std::find(classes.begin(), classes.end(),
                            std::string("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/") + k),
                  classes.end())
            << k;
    const json api = ok("/api", {}, kOpenApiType);
    EXPECT_TRUE(api["openapi"].get<std::string>().starts_with("3.0"));
    const json& items = api["paths"]["/collections/routes/items"]["get"];
    std::set<std::string> names;
    for (const auto& p : items["parameters"]) names.insert(p["name"].get<std::string>());
    for (const char* n : {"bbox", "limit", "offset", "mode", "commodity", "scenario"}) EXPECT_TRUE(names.count(n)) << n;
    EXPECT_TRUE(api["paths"].contains("/collections/bottlenecks/items/{featureId}"));
}

// Python's openapi-spec-validator, when installed, judges the definition (exit 77: not installed).
TEST_F(OgcApiTest, TheOpenApiDefinitionIsValid) {
    test::TempDir tmp;
    test::write_file(tmp / "api.json", ask("/api").text());
    const std::string script =
        "import json, sys\n"
        "try:\n    from openapi_spec_validator import validate\nexcept ImportError:\n    sys.exit(77)\n"
        "validate(json.load(open(sys.argv[1])))\n";
    test::write_file(tmp / "check.py", script);
    const std::string cmd = "python3 '" + (tmp / "check.py").string() + "' '" + (tmp / "api.json").string() + "' 2>&1";
    const int status = std::system(cmd.c_str());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) GTEST_SKIP() << "openapi-spec-validator is not installed";
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the validator refuses /api";
}

TEST_F(OgcApiTest, CollectionsAreTheExportedLayers) {
    const json all = ok("/collections", {}, kJsonType);
    std::vector<std::string> names;
    for (const auto& c : all["collections"]) {
        names.push_back(c["id"]);
        if (c["id"] == "observations") {  // national figures: no geometry, a period each
            EXPECT_FALSE(c["extent"].contains("spatial")) << c.dump();
            EXPECT_TRUE(c["extent"].contains("temporal")) << c.dump();
        } else {
            EXPECT_EQ(c["extent"]["spatial"]["bbox"][0].size(), 4u);
        }
        EXPECT_TRUE(href(c, "items").ends_with("/collections/" + c["id"].get<std::string>() + "/items"));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"places", "routes", "bottlenecks", "observations"}));
    EXPECT_EQ(ok("/collections/routes", {}, kJsonType)["id"], "routes");
    EXPECT_EQ(refused(404, "/collections/nope")["code"], "NotFound");
    refused(404, "/collections/routes/things");
    refused(404, "/collections/routes/items/x/y");
}

TEST_F(OgcApiTest, ItemsPageThroughEveryFeature) {
    const json layer = json::parse(ask("/routes.geojson").text());
    const std::size_t total = layer["features"].size();
    ASSERT_GT(total, 10u);
    std::vector<std::string> seen;
    QueryParams q{{"limit", "5"}};
    for (std::size_t offset = 0;; offset += 5) {
        q = {{"limit", "5"}, {"offset", std::to_string(offset)}};
        const json page = ok("/collections/routes/items", q);
        EXPECT_EQ(page["numberMatched"], total);
        EXPECT_EQ(page["numberReturned"], page["features"].size());
        EXPECT_EQ(rels(page).count("prev"), offset > 0 ? 1u : 0u);
        const auto got = ids(page);
        seen.insert(seen.end(), got.begin(), got.end());
        if (!rels(page).count("next")) break;
        EXPECT_NE(href(page, "next").find("offset=" + std::to_string(offset + 5)), std::string::npos);
    }
    EXPECT_EQ(seen, ids(layer));
    EXPECT_EQ(ask("/collections/routes/items", q).body.get(), ask("/collections/routes/items", q).body.get())
        << "a page asked again is the same body, not a new one";
    const json first = ok("/collections/routes/items");
    EXPECT_EQ(first["numberReturned"], total) << "default limit 1,000";
    for (const char* rel : {"self", "alternate", "collection"}) EXPECT_TRUE(rels(first).count(rel)) << rel;
}

TEST_F(OgcApiTest, BadBboxAndLimitAre400) {
    for (const char* bbox :
         {"1,2,3", "1,2,3,4,5", "130,40,120,45", "120,45,130,40", "a,b,c,d", "120,40,,45", "0,0,200,10"})
        EXPECT_EQ(refused(400, "/collections/routes/items", {{"bbox", bbox}})["code"], "InvalidParameterValue") << bbox;
    for (const char* limit : {"0", "-1", "ten", "", "1.5"})
        refused(400, "/collections/routes/items", {{"limit", limit}});
    refused(400, "/collections/routes/items", {{"offset", "-3"}});
    EXPECT_LE(ok("/collections/routes/items", {{"limit", "20000"}})["numberReturned"].get<int>(), 10000);
}

TEST_F(OgcApiTest, BboxSelectsTheFeaturesItTouches) {
    const json all = ok("/collections/places/items");
    const json some = ok("/collections/places/items", {{"bbox", "129,41,132,44"}});
    EXPECT_GT(some["numberMatched"].get<int>(), 0);
    EXPECT_LT(some["numberMatched"], all["numberMatched"]);
    for (const auto& f : some["features"]) {
        const double lon = f["geometry"]["coordinates"][0], lat = f["geometry"]["coordinates"][1];
        EXPECT_TRUE(lon >= 129 && lon <= 132 && lat >= 41 && lat <= 44) << f["id"];
    }
    EXPECT_EQ(ok("/collections/places/items", {{"bbox", "-10,-10,-5,-5"}})["numberMatched"], 0);
    EXPECT_NE(href(some, "self").find("bbox=129,41,132,44"), std::string::npos);
}

TEST_F(OgcApiTest, PropertiesFilterByEquality) {
    const json layer = json::parse(ask("/routes.geojson").text());
    std::size_t rail = 0;
    for (const auto& f : layer["features"]) rail += f["properties"]["mode"] == "rail";
    const json got = ok("/collections/routes/items", {{"mode", "rail"}});
    EXPECT_EQ(got["numberMatched"], rail);
    EXPECT_GT(rail, 0u);
    for (const auto& f : got["features"]) EXPECT_EQ(f["properties"]["mode"], "rail");
    EXPECT_EQ(ok("/collections/routes/items", {{"bottleneck", "1"}})["numberMatched"],
              ok("/collections/bottlenecks/items")["numberMatched"]);
    EXPECT_NE(
        refused(400, "/collections/routes/items", {{"colour", "red"}})["description"].get<std::string>().find("colour"),
        std::string::npos);
}

TEST_F(OgcApiTest, CommodityChoosesTheFlowsAndTheRoutesThatCarryIt) {
    const QueryParams coal{{"commodity", "coal"}};
    const json layer = json::parse(ask("/routes.geojson", coal).text());
    std::map<std::string, json> flows;
    for (const auto& f : layer["features"]) {
        std::string list = ",";  // piece by piece: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string&&
        list += f["properties"]["commodity"].get<std::string>();
        list += ',';
        if (list.find(",coal,") != std::string::npos) flows[f["properties"]["id"]] = f["properties"]["flow"];
    }
    ASSERT_GT(flows.size(), 0u);
    ASSERT_LT(flows.size(), layer["features"].size());
    const json got = ok("/collections/routes/items", coal);
    EXPECT_EQ(got["numberMatched"], flows.size());
    for (const auto& f : got["features"]) EXPECT_EQ(f["properties"]["flow"], flows[f["id"]]) << f["id"];
    EXPECT_EQ(ok("/collections/places/items", coal)["numberMatched"], ok("/collections/places/items")["numberMatched"])
        << "places list no commodity: all of them, with coal's flows";
}

TEST_F(OgcApiTest, OneFeatureByItsId) {
    const json layer = json::parse(ask("/routes.geojson").text());
    const std::string id = layer["features"][0]["properties"]["id"];
    const json f = ok("/collections/routes/items/" + id);
    EXPECT_EQ(f["id"], id);
    EXPECT_EQ(f["type"], "Feature");
    EXPECT_TRUE(rels(f).count("collection"));
    EXPECT_EQ(refused(404, "/collections/routes/items/no_such_route")["code"], "NotFound");
}

TEST_F(OgcApiTest, TheAnalysisParametersChooseTheFlows) {
    const QueryParams scenario{{"scenario", "ferry_stopped"}};
    const json layer = json::parse(ask("/routes.geojson", scenario).text());
    QueryParams q = scenario;
    q.emplace_back("limit", "3");
    const json page = ok("/collections/routes/items", q);
    for (std::size_t i = 0; i < page["features"].size(); ++i)
        EXPECT_EQ(page["features"][i]["properties"]["flow"], layer["features"][i]["properties"]["flow"]);
    EXPECT_NE(href(page, "next").find("scenario=ferry_stopped"), std::string::npos) << "the links keep the analysis";
    refused(400, "/collections/routes/items", {{"scenario", "no_such_scenario"}});
}

TEST_F(OgcApiTest, HtmlWhenAsked) {
    for (const char* path : {"/collections", "/collections/routes", "/collections/routes/items", "/conformance"}) {
        const HttpResponse r = ask(path, {{"f", "html"}});
        EXPECT_EQ(r.content_type, kHtmlType) << path;
        EXPECT_TRUE(r.text().starts_with("<!DOCTYPE html>")) << path;
        EXPECT_EQ(ask(path, {}, "text/html").content_type, kHtmlType) << path;
    }
}

}  // namespace
}  // namespace corridor
