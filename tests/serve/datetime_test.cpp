// OGC API - Features' datetime parameter on the shipped (dated) network: the parser's
// instants and intervals (RFC 3339, open ends, offsets that move the day), the items it
// selects against the open_from/open_until of the input files read as plain JSON, the
// collections' temporal extent, the next link keeping it, and 400 for a bad one.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/serve/features.hpp"
#include "corridor/serve/ogc_api.hpp"
#include "corridor/serve/service.hpp"
#include "serve/service_suite.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using nlohmann::json;

Day day(const char* text) { return *parse_date(text); }

TEST(OgcDatetime, ParsesInstantsAndIntervals) {
    const Day d = day("2017-05-18");
    auto is = [](const Period& p, Day from, Day until) { return p.from == from && p.until == until; };
    EXPECT_TRUE(is(parse_datetime("2017-05-18"), d, d));
    EXPECT_TRUE(is(parse_datetime("2017-05-18T23:30:00Z"), d, d));
    EXPECT_TRUE(is(parse_datetime("2017-05-18t10:00:00.125z"), d, d));
    EXPECT_TRUE(is(parse_datetime("2017-05-18T23:30:00-05:00"), d + 1, d + 1)) << "04:30 UTC the next day";
    EXPECT_TRUE(is(parse_datetime("2017-05-18T01:00:00+09:00"), d - 1, d - 1)) << "16:00 UTC the day before";
    EXPECT_TRUE(is(parse_datetime("2017-05-01/2017-05-31"), day("2017-05-01"), day("2017-05-31")));
    EXPECT_TRUE(is(parse_datetime("../2017-05-31"), Period::kOpenStart, day("2017-05-31")));
    EXPECT_TRUE(is(parse_datetime("/2017-05-31"), Period::kOpenStart, day("2017-05-31")));
    EXPECT_TRUE(is(parse_datetime("2017-05-01/.."), day("2017-05-01"), Period::kOpenEnd));
    EXPECT_TRUE(is(parse_datetime("2017-05-01/"), day("2017-05-01"), Period::kOpenEnd));
    EXPECT_TRUE(is(parse_datetime("2017-05-18T12:00:00Z/2017-05-18T13:00:00Z"), d, d));
    for (const char* bad :
         {"", "2017-5-18", "2017-05-18T10:00:00", "2017-05-18 10:00:00Z", "2017-02-30", "2017-05-18T24:00:00Z",
          "2017-05-18T10:00Z", "2017-05-18T10:00:00.Z", "2017-05-18T10:00:00+0900", "2017-06-01/2017-05-01", "../..",
          "/", "x/2017-01-01", "2017-01-01/2017-02-01/2017-03-01", "2017-05-18Tx"})
        EXPECT_THROW(parse_datetime(bad), request_error) << bad;
}

// id -> [open_from, open_until] of an input layer, read as plain JSON ("" when open that way).
std::map<std::string, std::pair<std::string, std::string>> periods(const char* file) {
    std::ifstream in(test::geodata_dir() / file);
    const json layer = json::parse(in);
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (const auto& f : layer["features"]) {
        const json& p = f["properties"];
        out[p["id"]] = {p.value("open_from", ""), p.value("open_until", "")};
    }
    return out;
}

class OgcDatetimeService : public test::ServiceSuite<test::geodata_dir> {
protected:
    static HttpResponse ask(const std::string& path, const QueryParams& q = {}) {
        return service().respond({path, q, "", "http://127.0.0.1:9999"});
    }
    static std::set<std::string> ids(const std::string& collection, const QueryParams& q) {
        const HttpResponse r = ask("/collections/" + collection + "/items", q);
        EXPECT_EQ(r.status, 200) << r.text();
        std::set<std::string> out;
        const json page = json::parse(r.text());
        for (const auto& f : page["features"]) out.insert(f["id"].get<std::string>());
        return out;
    }
};

TEST_F(OgcDatetimeService, ItemsAreTheFeaturesOpenOnSomeDayAsked) {
    // Each datetime as the UTC days it asks, "YYYY-MM-DD" strings compare as dates.
    const std::vector<std::tuple<std::string, std::string, std::string>> asked = {
        {"2017-03-01", "2017-03-01", "2017-03-01"},
        {"2017-05-18", "2017-05-18", "2017-05-18"},
        {"2017-05-17T23:00:00-02:00", "2017-05-18", "2017-05-18"},
        {"../2017-05-17", "", "2017-05-17"},
        {"2024-03-07/..", "2024-03-07", ""},
        {"2016-01-01/2016-12-31", "2016-01-01", "2016-12-31"},
    };
    std::set<std::size_t> sizes;
    for (const char* collection : {"routes", "places"}) {
        const auto all = periods(collection == std::string("routes") ? "routes.geojson" : "places.geojson");
        for (const auto& [datetime, from, until] : asked) {
            std::set<std::string> expected;
            for (const auto& [id, p] : all) {
                const bool starts_in_time = p.first.empty() || until.empty() || p.first <= until;
                const bool lasts_long_enough = p.second.empty() || from.empty() || from <= p.second;
                if (starts_in_time && lasts_long_enough) expected.insert(id);
            }
            EXPECT_EQ(ids(collection, {{"datetime", datetime}, {"limit", "10000"}}), expected)
                << collection << " " << datetime;
            sizes.insert(expected.size());
        }
    }
    EXPECT_GT(sizes.size(), 2u) << "the datetimes asked must select different features";
}

TEST_F(OgcDatetimeService, ObservationsAreSelectedByTheirPeriod) {
    std::ifstream in(test::geodata_dir() / "observations.json");
    const json file = json::parse(in);
    for (const char* datetime : {"2016-12-15", "2017-03-01/2017-05-31", "2015-06-01"}) {
        const Period asked = parse_datetime(datetime);
        std::set<std::string> expected;
        for (const auto& o : file["observations"]) {
            const Day from = day(o["period"]["from"].get<std::string>().c_str());
            const Day until = day(o["period"]["until"].get<std::string>().c_str());
            if (from <= asked.until && asked.from <= until) expected.insert(o["id"].get<std::string>());
        }
        EXPECT_EQ(ids("observations", {{"datetime", datetime}}), expected) << datetime;
    }
    EXPECT_EQ(ids("observations", {}).size(), file["observations"].size());
}

TEST_F(OgcDatetimeService, TheNextLinkKeepsTheDatetime) {
    const HttpResponse r = ask("/collections/routes/items", {{"datetime", "2017-03-01"}, {"limit", "2"}});
    ASSERT_EQ(r.status, 200) << r.text();
    const json page = json::parse(r.text());
    std::string next;
    for (const auto& l : page["links"])
        if (l["rel"] == "next") next = l["href"];
    EXPECT_NE(next.find("datetime=2017-03-01"), std::string::npos) << next;
}

TEST_F(OgcDatetimeService, TemporalExtentSpansTheFeaturesPeriods) {
    const auto all = periods("routes.geojson");
    std::string first = "9999-99-99", last;
    bool open_start = false, open_end = false;
    for (const auto& [id, p] : all) {
        if (p.first.empty()) open_start = true;
        else first = std::min(first, p.first);
        if (p.second.empty()) open_end = true;
        else last = std::max(last, p.second);
    }
    const HttpResponse r = ask("/collections/routes");
    ASSERT_EQ(r.status, 200) << r.text();
    const json temporal = json::parse(r.text())["extent"]["temporal"];
    EXPECT_EQ(temporal["trs"], "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
    const json interval = temporal["interval"][0];
    EXPECT_EQ(interval[0], open_start ? json(nullptr) : json(first + "T00:00:00Z"));
    EXPECT_EQ(interval[1], open_end ? json(nullptr) : json(last + "T23:59:59Z"));
    const HttpResponse bottlenecks = ask("/collections/bottlenecks");
    ASSERT_EQ(bottlenecks.status, 200);
    EXPECT_FALSE(json::parse(bottlenecks.text())["extent"].contains("temporal")) << "no dates there";
}

TEST_F(OgcDatetimeService, ABadDatetimeIs400AndAnUndatedLayerIgnoresIt) {
    for (const char* bad : {"2017-13-01", "2017-06-01/2017-05-01", "../..", "yesterday"}) {
        const HttpResponse r = ask("/collections/routes/items", {{"datetime", bad}});
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_NE(json::parse(r.text())["description"].get<std::string>().find("datetime"), std::string::npos);
    }
    EXPECT_EQ(ids("bottlenecks", {{"datetime", "1900-01-01"}}), ids("bottlenecks", {}));
    const json api = json::parse(ask("/api").text());
    auto parameters = [&](const std::string& collection) {
        std::set<std::string> names;
        for (const auto& p : api["paths"]["/collections/" + collection + "/items"]["get"]["parameters"])
            names.insert(p.value("name", ""));
        return names;
    };
    EXPECT_TRUE(parameters("routes").count("datetime"));
    EXPECT_FALSE(parameters("bottlenecks").count("datetime"));
}

}  // namespace
}  // namespace corridor
