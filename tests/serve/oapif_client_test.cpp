// Real clients against `corridor serve`: GDAL's OAPIF driver (the C API, and the ogrinfo
// and ogr2ogr programs) lists the collections, pages through every feature with a small
// page size and selects by bbox; GDAL's MVT driver reads a live tile over /vsicurl/. What
// they read must be the export's layers (ids and flow values).
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>

#include "corridor/serve/service.hpp"
#include "serve/live_server.hpp"
#include "serve/service_suite.hpp"
#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

struct CloseDataset {
    void operator()(GDALDatasetH ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, CloseDataset>;

// id -> the layer's flow fields as text ("flow=123" or "in_t_mo=1;out_t_mo=2").
using FlowsById = std::map<std::string, std::string>;

FlowsById flows_of(OGRLayerH layer) {
    FlowsById out;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    OGR_L_ResetReading(layer);
    for (OGRFeatureH f; (f = OGR_L_GetNextFeature(layer)) != nullptr; OGR_F_Destroy(f)) {
        std::string flows;
        for (const char* name : {"flow", "in_t_mo", "out_t_mo"}) {
            const int i = OGR_FD_GetFieldIndex(defn, name);
            if (i < 0) continue;
            flows += std::string(name) + "=" +
                     (OGR_F_IsFieldSetAndNotNull(f, i) ? std::to_string(OGR_F_GetFieldAsInteger64(f, i)) : "null") +
                     ";";
        }
        out[OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, "id"))] = flows;
    }
    return out;
}

Dataset open(const std::string& name, const char* const* options = nullptr) {
    return Dataset(GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr));
}

// A shell command's standard output.
std::string output_of(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof(buffer), p)) > 0;) out.append(buffer, n);
    ::pclose(p);
    return out;
}

class OapifClientTest : public test::ServiceSuite<test::network_v1_dir> {
protected:
    void SetUp() override {
        ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);  // loopback never through a proxy
        live_ = std::make_unique<test::LiveServer>(service());
        url_ = "OAPIF:http://127.0.0.1:" + std::to_string(live_->port()) + "/";
    }
    void TearDown() override { live_.reset(); }
    std::unique_ptr<test::LiveServer> live_;
    std::string url_;
};

TEST_F(OapifClientTest, GdalReadsEveryCollectionAsTheExportWritesIt) {
    test::TempDir tmp;
    const auto e = test::run_cli(
        {"export", "--geodata", test::network_v1_dir().string(), "--out", tmp.path().string(), "--format", "geojson"});
    ASSERT_EQ(e.code, 0) << e.err;
    const char* const paging[] = {"PAGE_SIZE=4", nullptr};  // several pages per layer: next links followed
    const Dataset ds = open(url_, paging);
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    ASSERT_EQ(GDALDatasetGetLayerCount(ds.get()), 4);
    for (const char* name : {"places", "routes", "bottlenecks"}) {
        OGRLayerH served = GDALDatasetGetLayerByName(ds.get(), name);
        ASSERT_NE(served, nullptr) << name;
        const Dataset exported = open((tmp / (std::string(name) + ".geojson")).string());
        ASSERT_TRUE(exported) << name;
        const FlowsById want = flows_of(GDALDatasetGetLayer(exported.get(), 0));
        EXPECT_GT(want.size(), 0u) << name;
        EXPECT_EQ(flows_of(served), want) << name;
    }
}

TEST_F(OapifClientTest, OgrinfoListsTheCollections) {
    const std::string out = output_of("ogrinfo -ro -q " + test::shell_quote(url_) + " 2>&1");
    EXPECT_NE(out.find("1: places"), std::string::npos) << out;
    EXPECT_NE(out.find("2: routes"), std::string::npos) << out;
    EXPECT_NE(out.find("3: bottlenecks"), std::string::npos) << out;
    EXPECT_NE(out.find("4: observations"), std::string::npos) << out;
}

TEST_F(OapifClientTest, GdalReadsTheObservationsAsTheObservationsCommandChecksThem) {
    // A collection without geometry, paged: GDAL's OAPIF driver gives each observation with
    // the verdict and tonnes a month that `corridor observations --json` prints.
    const auto r = test::run_cli({"observations", "--geodata", test::network_v1_dir().string(), "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    std::map<std::string, std::string> want;
    for (const auto& o : nlohmann::json::parse(r.out))
        want[o["id"].get<std::string>()] = o["verdict"].get<std::string>() + " " +
                                           std::to_string(std::llround(o["observed_t_mo"].get<double>() * 10)) + " " +
                                           std::to_string(std::llround(o["capacity_t_mo"].get<double>() * 10));
    ASSERT_GT(want.size(), 1u);
    const char* const paging[] = {"PAGE_SIZE=1", nullptr};
    const Dataset ds = open(url_, paging);
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), "observations");
    ASSERT_NE(layer, nullptr);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::map<std::string, std::string> got;
    for (OGRFeatureH f; (f = OGR_L_GetNextFeature(layer)) != nullptr; OGR_F_Destroy(f)) {
        auto text = [&](const char* name) {
            return std::string(OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, name)));
        };
        auto tenths = [&](const char* name) {
            return std::to_string(std::llround(OGR_F_GetFieldAsDouble(f, OGR_FD_GetFieldIndex(defn, name)) * 10));
        };
        EXPECT_EQ(OGR_F_GetGeometryRef(f), nullptr) << text("id");
        got[text("id")] = text("verdict") + " " + tenths("observed_t_mo") + " " + tenths("capacity_t_mo");
    }
    EXPECT_EQ(got, want);
}

TEST_F(OapifClientTest, Ogr2ogrCopiesABboxIntoAGeoPackage) {
    test::TempDir tmp;
    const auto gpkg = tmp / "routes.gpkg";
    const std::string cmd = "ogr2ogr -f GPKG " + test::shell_quote(gpkg.string()) + " " + test::shell_quote(url_) +
                            " routes -spat 129 41 132 44 -oo PAGE_SIZE=3 2>&1";
    const std::string out = output_of(cmd);
    const Dataset ds = open(gpkg.string());
    ASSERT_TRUE(ds) << out;
    const HttpResponse served = service().get("/collections/routes/items", {{"bbox", "129,41,132,44"}});
    const auto matched = nlohmann::json::parse(served.text())["numberMatched"].get<long long>();
    const auto all =
        nlohmann::json::parse(service().get("/collections/routes/items", {}).text())["numberMatched"].get<long long>();
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    EXPECT_GT(matched, 0);
    EXPECT_LT(matched, all) << "the bbox must select, not pass everything";
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, TRUE), matched);
}

TEST_F(OapifClientTest, GdalMvtReadsALiveTileAsTheExportWritesIt) {
    // One tile over the whole network, for an analysis other than the default: GDAL fetches it
    // over HTTP (with the query string) and finds the features and flows of export's tile.
    test::TempDir tmp;
    const auto e =
        test::run_cli({"export", "--geodata", test::network_v1_dir().string(), "--out", tmp.path().string(), "--format",
                       "mvt", "--minzoom", "2", "--maxzoom", "2", "--scenario", "ferry_stopped", "--no-map"});
    ASSERT_EQ(e.code, 0) << e.err;
    const std::string live = "/vsicurl/" + url_.substr(6) + "tiles/2/3/1.mvt?scenario=ferry_stopped";
    const Dataset served = open(live);
    ASSERT_TRUE(served) << CPLGetLastErrorMsg();
    const Dataset exported = open((tmp / "tiles" / "2" / "3" / "1.mvt").string());
    ASSERT_TRUE(exported) << CPLGetLastErrorMsg();
    for (const char* name : {"places", "routes", "bottlenecks"}) {
        OGRLayerH layer = GDALDatasetGetLayerByName(served.get(), name);
        ASSERT_NE(layer, nullptr) << name;
        const OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
        ASSERT_NE(srs, nullptr) << name << ": the {z}/{x}/{y} path georeferences the tile";
        EXPECT_STREQ(OSRGetAuthorityCode(srs, nullptr), "3857") << name;
        const FlowsById want = flows_of(GDALDatasetGetLayerByName(exported.get(), name));
        EXPECT_GT(want.size(), 0u) << name;
        EXPECT_EQ(flows_of(layer), want) << name;
    }
    // The default analysis' tile differs: the ferry carries flow there.
    const Dataset baseline = open("/vsicurl/" + url_.substr(6) + "tiles/2/3/1.mvt");
    ASSERT_TRUE(baseline);
    EXPECT_NE(flows_of(GDALDatasetGetLayerByName(baseline.get(), "routes")),
              flows_of(GDALDatasetGetLayerByName(served.get(), "routes")));
}

}  // namespace
}  // namespace corridor
