// End-to-end: bad inputs give one line naming file, feature and field (exit 1, never a crash
// or a hang); exports carry every value exactly, typed, in every format.
#include "corridor/cli/app.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <map>
#include <string>

#include "corridor/io/gdal.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::run_cli;

class BadInput : public ::testing::Test {
protected:
    test::TempDir tmp;
    test::MiniNetwork net = test::mini_network();
    fs::path geodata() const { return tmp.path() / "geodata"; }

    // Runs a command on the network; expects exit 1 with one line on stderr holding `needle`.
    void refused(const std::vector<std::string>& command, const std::string& needle) {
        std::vector<std::string> args = command;
        args.insert(args.end(), {"--geodata", geodata().string()});
        const auto r = run_cli(args);
        EXPECT_EQ(r.code, 1) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    }
    void replace_by_fifo(const std::string& name) {
        fs::remove(geodata() / name);
        ASSERT_EQ(::mkfifo((geodata() / name).c_str(), 0600), 0);
    }
};

// Every schema problem in one run: one line each, each with the error prefix, exit 1.
TEST_F(BadInput, EveryProblemIsOneLineWithThePrefix) {
    net.places["features"][0]["properties"]["country"] = "Korea";
    net.routes["features"][0]["properties"].erase("mode");
    net.routes["features"][0]["properties"]["two_way"] = "sometimes";
    net.write(tmp.path());
    const auto r = run_cli({"validate", "--geodata", geodata().string()});
    EXPECT_EQ(r.code, 1) << r.err;
    const std::string places = (geodata() / "places.geojson").string();
    const std::string routes = (geodata() / "routes.geojson").string();
    EXPECT_EQ(r.err, "corridor: error: " + places +
                         ": feature a: field country: expected an ISO 3166-1 alpha-2 code such as RU, got \"Korea\"\n"
                         "corridor: error: " +
                         routes + ": feature ab_rail: field mode: missing (required)\ncorridor: error: " + routes +
                         ": feature ab_rail: field two_way: expected true or false, got \"sometimes\"\n");
}

TEST_F(BadInput, ANamedPipeInPlaceOfAnyInputIsRefusedAtOnce) {
    for (const char* name : {"places.geojson", "routes.geojson", "land.geojson", "scenarios.json", "speeds.json"}) {
        SCOPED_TRACE(name);
        fs::remove_all(tmp.path());
        fs::create_directories(tmp.path());
        net.write(tmp.path());
        replace_by_fifo(name);
        const std::string needle =
            (geodata() / name).string() + ": cannot read: a named pipe (FIFO), not a regular file";
        const std::string n = name;
        if (n != "speeds.json") refused({"validate"}, needle);   // reads places, routes, land and scenarios
        if (n != "scenarios.json") refused({"routes"}, needle);  // places, routes, land and speeds
    }
}

TEST_F(BadInput, ASymlinkLoopIsNamedForWhatItIs) {
    net.write(tmp.path());
    fs::remove(geodata() / "places.geojson");
    fs::create_symlink(geodata() / "loop2", geodata() / "places.geojson");
    fs::create_symlink(geodata() / "places.geojson", geodata() / "loop2");
    refused({"routes"}, "places.geojson: cannot read: Too many levels of symbolic links");
    fs::remove(geodata() / "places.geojson");
    net.write(tmp.path());
    fs::create_symlink(geodata() / "scenarios.loop", geodata() / "scenarios.json");  // an optional input
    fs::create_symlink(geodata() / "scenarios.json", geodata() / "scenarios.loop");
    refused({"validate"}, "scenarios.json: cannot read: Too many levels of symbolic links");
}

TEST_F(BadInput, ScenariosOutOfRangeOrADirectoryNameTheFile) {
    net.write(tmp.path());
    test::write_file(
        geodata() / "scenarios.json",
        R"({"scenarios": [{"name": "x", "changes": [{"route": "ab_rail", "action": "scale", "value": 1e309}]}]})");
    refused({"validate"}, (geodata() / "scenarios.json").string() + ": malformed JSON: ");
    fs::remove(geodata() / "scenarios.json");
    fs::create_directory(geodata() / "scenarios.json");
    refused({"validate"}, (geodata() / "scenarios.json").string() + ": cannot read: a directory, not a regular file");
    refused({"scenarios", "--from", "a", "--to", "b"}, "scenarios.json: cannot read: a directory");
}

TEST_F(BadInput, ABooleanCapacityIsRefusedByValidate) {
    json second = net.routes["features"][0];
    second["properties"]["id"] = "ba_rail";
    second["properties"].erase("payload_t");
    second["properties"].erase("trips_mo");
    second["properties"]["capacity"] = true;
    net.routes["features"].push_back(second);
    net.write(tmp.path());
    refused({"validate"}, "routes.geojson: feature ba_rail: field capacity: expected a number, got true");
}

TEST_F(BadInput, InvalidUtf8NeverReachesJsonOutput) {
    net.write(tmp.path());
    std::string text = test::read_file(geodata() / "places.geojson");
    text.replace(text.find("Place a"), 7, "Place \xe9");  // Latin-1, not UTF-8
    test::write_file(geodata() / "places.geojson", text);
    refused({"capacity", "--from", "a", "--to", "b", "--json"},
            "places.geojson: feature a: field name: invalid UTF-8 at byte offset 6 of the value");
}

// ---- exports: a flow of 3e9 t/month, past 32-bit integers, in every format

// Every feature's fields as OGR reads them back: id -> field -> (type, text).
using Fields = std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>>;
Fields read_back(const fs::path& file, const char* layer_name, const char* key) {
    auto ds = gdal::open_vector(file);
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    if (layer == nullptr) throw std::runtime_error(std::string("no layer ") + layer_name);
    Fields out;
    for (auto& f : *layer) {
        auto& row = out[f->GetFieldAsString(key)];
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const OGRFieldDefn* d = f->GetFieldDefnRef(i);
            std::string type = OGRFieldDefn::GetFieldTypeName(d->GetType());
            if (d->GetSubType() != OFSTNone)
                type += std::string("(") + OGRFieldDefn::GetFieldSubTypeName(d->GetSubType()) + ")";
            row[d->GetNameRef()] = {type, f->GetFieldAsString(i)};
        }
    }
    return out;
}

class BigFlowExport : public ::testing::Test {
protected:
    test::TempDir tmp;
    void SetUp() override {
        auto net = test::mini_network();
        auto& p = net.routes["features"][0]["properties"];
        p.erase("payload_t");
        p.erase("trips_mo");
        p["capacity"] = 3e9;
        p["basis"] = "assumed";
        p["note"] = "a test of 64-bit flows";
        net.write(tmp.path());
        const auto r = run_cli({"export", "--geodata", (tmp / "geodata").string(), "--out", (tmp / "out").string(),
                                "--from", "a", "--to", "b", "--format", "geojson,shp,gpkg,fgb", "--no-map"});
        ASSERT_EQ(r.code, 0) << r.err;
    }
    fs::path out(const std::string& name) const { return tmp.path() / "out" / name; }
};

TEST_F(BigFlowExport, FlowsAboveInt32AreExactInEveryFormat) {
    const std::vector<fs::path> files = {out("routes.geojson"), out("routes.shp"), out("corridor.gpkg"),
                                         out("routes.fgb")};
    for (const auto& file : files) {
        SCOPED_TRACE(file.filename().string());
        const Fields routes = read_back(file, "routes", "id");
        EXPECT_EQ(routes.at("ab_rail").at("flow").second, "3000000000");
        EXPECT_EQ(std::stod(routes.at("ab_rail").at("capacity").second), 3e9);
        EXPECT_EQ(routes.at("ab_rail").at("flow").first, "Integer64");
        fs::path places_file = file;
        if (file.extension() != ".gpkg") places_file.replace_filename("places" + file.extension().string());
        const Fields places = read_back(places_file, "places", "id");
        EXPECT_EQ(places.at("a").at("out_t_mo").second, "3000000000");
        EXPECT_EQ(places.at("b").at("in_t_mo").second, "3000000000");
    }
    const Fields bn = read_back(out("bottlenecks.geojson"), "bottlenecks", "id");
    EXPECT_EQ(bn.at("ab_rail").at("flow").second, "3000000000");
    const Fields flows = read_back(out("flows.csv"), "flows", "route_id");
    EXPECT_EQ(flows.at("ab_rail").at("flow_t_mo"), (std::pair<std::string, std::string>{"Integer64", "3000000000"}));
    EXPECT_EQ(flows.at("ab_rail").at("capacity").first, "Real");
    EXPECT_EQ(std::stod(flows.at("ab_rail").at("capacity").second), 3e9);
    EXPECT_EQ(flows.at("ab_rail").at("util").first, "Real");
    EXPECT_EQ(flows.at("ab_rail").at("origin").first, "String");
}

TEST_F(BigFlowExport, FlowsCsvHasTypesAndRealsWithADecimalPoint) {
    EXPECT_EQ(test::read_file(out("flows.csvt")), "String,String,String,Real,Real,Real,Real,Integer64,Real,Real\n");
    const std::string csv = test::read_file(out("flows.csv"));
    EXPECT_EQ(csv,
              "route_id,origin,destination,origin_lon,origin_lat,dest_lon,dest_lat,flow_t_mo,capacity,util\n"
              "ab_rail,a,b,126.0,40.0,126.1,40.0,3000000000,3000000000.0,1.0\n");
}

TEST_F(BigFlowExport, TwoWayIsBooleanWhereTheFormatHasOne) {
    for (const auto& file : {out("routes.geojson"), out("corridor.gpkg"), out("routes.fgb")})
        EXPECT_EQ(read_back(file, "routes", "id").at("ab_rail").at("two_way").first, "Integer(Boolean)") << file;
    // GDAL 3.6 writes no DBF logical field (and reads one back as a String): 0/1, Integer.
    EXPECT_EQ(read_back(out("routes.shp"), "routes", "id").at("ab_rail").at("two_way"),
              (std::pair<std::string, std::string>{"Integer", "1"}));
}

// GDAL's own GeoPackage validator (python3-gdal's validate_gpkg.py), when installed.
TEST_F(BigFlowExport, GeoPackagePassesGdalsValidator) {
    const fs::path script = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
    if (!fs::exists(script)) GTEST_SKIP() << "python3-gdal is not installed (scripts/setup.sh installs it)";
    const std::string cmd = "/usr/bin/python3 " + script.string() + " '" + out("corridor.gpkg").string() + "' 2>&1";
    std::string text;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), p) != nullptr) text += buf.data();
    const int status = pclose(p);
    EXPECT_EQ(WEXITSTATUS(status), 0) << text;
    EXPECT_EQ(text.find("Req 15"), std::string::npos) << text;
}

}  // namespace
}  // namespace corridor
