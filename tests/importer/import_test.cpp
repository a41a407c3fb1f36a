// The importer on hand-made lines: snapping, noding with and without bridges, shared OSM
// nodes (OSM XML read by GDAL's OSM driver), another CRS, rule precedence, degree-2
// merging, stable ids, and every bad input refused with one line and nothing written.
#include "corridor/importer/import.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numbers>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "support/fixtures.hpp"

namespace corridor::importer {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// A GeoJSON FeatureCollection of lines: each {coords, properties}.
std::string lines_geojson(const std::vector<std::pair<std::vector<std::pair<double, double>>, json>>& lines) {
    json fc = {{"type", "FeatureCollection"}, {"features", json::array()}};
    for (const auto& [coords, props] : lines) {
        json c = json::array();
        for (const auto& [x, y] : coords) c.push_back({x, y});
        fc["features"].push_back(
            {{"type", "Feature"}, {"properties", props}, {"geometry", {{"type", "LineString"}, {"coordinates", c}}}});
    }
    return fc.dump();
}

const json kMainFirst = json::array(
    {{{"where", "railway = 'rail' AND usage = 'main'"}, {"mode", "rail"}, {"annual_t", 12000000}, {"note", "main"}},
     {{"where", "railway = 'rail'"}, {"mode", "rail"}, {"annual_t", 1200000}, {"note", "any rail"}}});

struct Fixture {
    test::TempDir tmp;
    std::string source(const std::string& name, const std::string& text) const {
        test::write_file(tmp / name, text);
        return (tmp / name).string();
    }
    fs::path rules(const json& j, const std::string& name = "rules.json") const {
        test::write_json(tmp / name, j);
        return tmp / name;
    }
    ImportOptions options(std::vector<std::string> sources, const json& rules = kMainFirst) const {
        ImportOptions o;
        o.sources = std::move(sources);
        o.rules = {this->rules(rules)};
        o.out = tmp / "out";
        return o;
    }
};

json rail(const std::string& usage = "main", const std::string& name = "") {
    json p = {{"railway", "rail"}, {"usage", usage}};
    if (!name.empty()) p["name"] = name;
    return p;
}

const TopoPlace* place_at(const Imported& im, double lon, double lat) {
    for (const auto& p : im.topology.places)
        if (std::abs(p.pos.lon - lon) < 1e-9 && std::abs(p.pos.lat - lat) < 1e-9) return &p;
    return nullptr;
}

// 5 m north at latitude 42: a degree of latitude there is 111,053 m (WGS84 meridian arc), so
// 4.5e-5 degrees are 5.0 m, between a 1 m and a 10 m snap.
constexpr double kFiveMetres = 4.5e-5;

TEST(Import, EndsFiveMetresApartSnapAtTenMetresNotAtOne) {
    Fixture f;
    const auto src =
        f.source("near.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail("main", "West")},
                                                {{{130.1, 42.0 + kFiveMetres}, {130.2, 42.0}}, rail("main", "East")}}));
    auto o = f.options({src});
    o.snap_m = 1;
    const Imported apart = import_network(o);
    EXPECT_EQ(apart.topology.places.size(), 4u);
    EXPECT_EQ(apart.topology.stats.snapped_ends, 0u);

    o.snap_m = 10;
    const Imported joined = import_network(o);
    ASSERT_EQ(joined.topology.places.size(), 3u);
    ASSERT_EQ(joined.topology.routes.size(), 2u);  // different names: not merged
    EXPECT_EQ(joined.topology.routes[0].to, joined.topology.routes[1].from);
    EXPECT_EQ(joined.topology.stats.snapped_ends, 1u);
    // Both lines end exactly at their shared place.
    const TopoPlace& mid = joined.topology.places[joined.topology.routes[0].to];
    EXPECT_EQ(joined.topology.routes[0].coords.back(), mid.pos);
    EXPECT_EQ(joined.topology.routes[1].coords.front(), mid.pos);
}

TEST(Import, SnapDistanceIsGeodesicNotDegrees) {
    // Two ends 0.001 degrees of longitude apart at latitude 80: 19.4 m on the WGS84
    // ellipsoid (a degree of longitude there is 19,393 m), not the 111 m of the equator.
    Fixture f;
    const auto src = f.source("north.geojson", lines_geojson({{{{10.0, 80.0}, {10.5, 80.0}}, rail("main", "A")},
                                                              {{{10.501, 80.0}, {11.0, 80.0}}, rail("main", "B")}}));
    auto o = f.options({src});
    o.snap_m = 15;
    EXPECT_EQ(import_network(o).topology.places.size(), 4u);
    o.snap_m = 25;
    EXPECT_EQ(import_network(o).topology.places.size(), 3u);
}

TEST(Import, CrossingsNodeUnlessOneLineIsABridge) {
    Fixture f;
    const std::vector<std::pair<double, double>> a{{130.0, 42.0}, {130.2, 42.2}}, b{{130.0, 42.2}, {130.2, 42.0}};
    const auto plain = f.source("x.geojson", lines_geojson({{a, rail("main", "A")}, {b, rail("main", "B")}}));
    json bridge = rail("main", "B");
    bridge["bridge"] = "yes";
    const auto bridged = f.source("xb.geojson", lines_geojson({{a, rail("main", "A")}, {b, bridge}}));
    json layered = rail("main", "B");
    layered["layer"] = "1";
    const auto other_layer = f.source("xl.geojson", lines_geojson({{a, rail("main", "A")}, {b, layered}}));

    auto o = f.options({plain});
    EXPECT_EQ(import_network(o).topology.routes.size(), 2u);  // no noding asked: they do not meet
    o.node_intersections = true;
    const Imported noded = import_network(o);
    EXPECT_EQ(noded.topology.routes.size(), 4u);
    EXPECT_EQ(noded.topology.stats.split_at_crossings, 2u);
    // The diagonals of the square cross at its centre.
    const TopoPlace* centre = place_at(noded, 130.1, 42.1);
    ASSERT_NE(centre, nullptr);
    EXPECT_EQ(centre->id, "p_130100000_42100000");
    EXPECT_EQ(centre->degree, 4u);
    EXPECT_EQ(centre->kind, "junction");

    for (const auto& src : {bridged, other_layer}) {
        o.sources = {src};
        const Imported apart = import_network(o);
        EXPECT_EQ(apart.topology.routes.size(), 2u) << src;
        EXPECT_EQ(apart.topology.places.size(), 4u) << src;
    }
}

TEST(Import, NodingSplitsWhereALineEndsOnAnother) {
    Fixture f;
    const auto src = f.source("t.geojson", lines_geojson({{{{130.0, 42.0}, {130.2, 42.0}}, rail("main", "Through")},
                                                          {{{130.1, 42.1}, {130.1, 42.0}}, rail("main", "Spur")}}));
    auto o = f.options({src});
    o.node_intersections = true;
    const Imported im = import_network(o);
    EXPECT_EQ(im.topology.routes.size(), 3u);
    const TopoPlace* t = place_at(im, 130.1, 42.0);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->degree, 3u);
}

// Web Mercator by hand (EPSG:3857 on the sphere of radius 6,378,137 m).
std::pair<double, double> mercator(double lon, double lat) {
    constexpr double R = 6378137.0;
    return {R * lon * std::numbers::pi / 180,
            R * std::log(std::tan(std::numbers::pi / 4 + lat * std::numbers::pi / 360))};
}

TEST(Import, AGeoPackageInWebMercatorIsReprojected) {
    Fixture f;
    const fs::path gpkg = f.tmp / "merc.gpkg";
    {
        auto ds = gdal::create_vector("GPKG", gpkg);
        OGRSpatialReference srs;
        srs.importFromEPSG(3857);
        OGRLayer* layer = ds->CreateLayer("rail", &srs, wkbLineString, nullptr);
        ASSERT_NE(layer, nullptr);
        OGRFieldDefn railway("railway", OFTString), usage("usage", OFTString);
        layer->CreateField(&railway);
        layer->CreateField(&usage);
        const std::vector<std::vector<std::pair<double, double>>> lines{{{129.5, 42.5}, {129.75, 42.6}, {130.0, 42.5}},
                                                                        {{130.0, 42.5}, {130.5, 42.25}}};
        for (const auto& line : lines) {
            OGRFeature* feat = OGRFeature::CreateFeature(layer->GetLayerDefn());
            feat->SetField("railway", "rail");
            feat->SetField("usage", "branch");
            OGRLineString ls;
            for (const auto& [lon, lat] : line) {
                const auto [x, y] = mercator(lon, lat);
                ls.addPoint(x, y);
            }
            feat->SetGeometry(&ls);
            ASSERT_EQ(layer->CreateFeature(feat), OGRERR_NONE);
            OGRFeature::DestroyFeature(feat);
        }
    }
    auto o = f.options({gpkg.string()});
    const Imported im = import_network(o);
    EXPECT_EQ(im.read.sources[0].crs, "EPSG:3857");
    ASSERT_EQ(im.topology.routes.size(), 1u);  // one rule, no name: merged at the shared end
    const Polyline& c = im.topology.routes[0].coords;
    ASSERT_EQ(c.size(), 4u);
    const std::vector<std::pair<double, double>> expected{{129.5, 42.5}, {129.75, 42.6}, {130.0, 42.5}, {130.5, 42.25}};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_NEAR(c[i].lon, expected[i].first, 1e-9) << i;
        EXPECT_NEAR(c[i].lat, expected[i].second, 1e-9) << i;
    }
    EXPECT_NE(place_at(im, 129.5, 42.5), nullptr);
}

// Three ways: 10 and 11 share node 2 (a junction in the middle of both), 12 crosses 10
// without a shared node (a bridge over it), 13 is a tram line.
const char* kOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="corridor test">
 <node id="1" lat="42.0" lon="130.0"/>
 <node id="2" lat="42.0" lon="130.1"/>
 <node id="3" lat="42.0" lon="130.2"/>
 <node id="4" lat="42.1" lon="130.1"/>
 <node id="5" lat="41.9" lon="130.1"/>
 <node id="6" lat="42.1" lon="130.15"/>
 <node id="7" lat="41.9" lon="130.15"/>
 <node id="8" lat="42.3" lon="130.3"/>
 <node id="9" lat="42.4" lon="130.3"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="railway" v="rail"/><tag k="usage" v="main"/><tag k="tracks" v="2"/><tag k="name" v="Main line"/></way>
 <way id="11"><nd ref="4"/><nd ref="2"/><nd ref="5"/><tag k="railway" v="rail"/><tag k="usage" v="branch"/></way>
 <way id="12"><nd ref="6"/><nd ref="7"/><tag k="railway" v="rail"/><tag k="usage" v="main"/><tag k="bridge" v="yes"/><tag k="layer" v="1"/></way>
 <way id="13"><nd ref="8"/><nd ref="9"/><tag k="railway" v="tram"/></way>
</osm>
)";

TEST(Import, OsmWaysSplitAtSharedNodesThroughGdalsOsmDriver) {
    Fixture f;
    const auto src = f.source("junction.osm", kOsm);
    const json rules = json::array({{{"where", "railway = 'tram'"}, {"skip", true}, {"note", "not freight"}},
                                    {{"where", "railway = 'rail' AND usage = 'main' AND CAST(tracks AS INTEGER) >= 2"},
                                     {"mode", "rail"},
                                     {"annual_t", 20000000},
                                     {"note", "double"}},
                                    {{"where", "railway = 'rail'"}, {"mode", "rail"}, {"annual_t", 1500000}}});
    auto o = f.options({src}, rules);
    const Imported im = import_network(o);
    EXPECT_EQ(im.read.sources[0].driver, "OSM");
    EXPECT_EQ(im.read.sources[0].layer, "lines");
    EXPECT_EQ(im.read.sources[0].features, 4u);
    EXPECT_EQ(im.read.skipped.at("skipped by rules.json: rule 1"), 1u);
    EXPECT_EQ(im.topology.stats.split_at_shared_nodes, 2u);
    // 10 and 11 in two pieces each at node 2; 12 whole (it crosses 10 without a node).
    ASSERT_EQ(im.topology.routes.size(), 5u);
    const TopoPlace* junction = place_at(im, 130.1, 42.0);
    ASSERT_NE(junction, nullptr);
    EXPECT_EQ(junction->degree, 4u);
    std::map<std::string, std::string> note_of;
    for (const auto& r : im.topology.routes) note_of[r.id] = im.rules[im.read.lines[r.line].rule].note;
    // Route ids: the layer, the way id, the piece along the way.
    EXPECT_EQ(note_of.at("lines_10_1"), "double");
    EXPECT_EQ(note_of.at("lines_10_2"), "double");
    EXPECT_EQ(note_of.at("lines_11_1"), "");
    EXPECT_EQ(note_of.at("lines_11_2"), "");
    EXPECT_EQ(note_of.at("lines_12"), "");  // main but no tracks tag: the catch-all
    // With noding asked, the bridge still does not meet the line it crosses.
    o.node_intersections = true;
    EXPECT_EQ(import_network(o).topology.routes.size(), 5u);
}

TEST(Import, TheFirstMatchingRuleWins) {
    Fixture f;
    const auto src = f.source("one.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail("main")}}));
    auto o = f.options({src});
    Imported im = import_network(o);
    EXPECT_EQ(im.rules[im.read.lines[im.topology.routes[0].line].rule].value, 12000000);
    EXPECT_EQ(im.read.rule_matches, (std::vector<std::size_t>{1, 0}));
    json reversed = json::array({kMainFirst[1], kMainFirst[0]});
    o.rules = {f.rules(reversed, "reversed.json")};
    im = import_network(o);
    EXPECT_EQ(im.rules[im.read.lines[im.topology.routes[0].line].rule].value, 1200000);
    // The route's note names the rule that set its figures.
    const io::Table t = routes_table(im, {});
    std::vector<io::Cell> row;
    t.row_at(0, row);
    const auto note = std::find_if(t.fields.begin(), t.fields.end(), [](const auto& d) { return d.name == "note"; });
    EXPECT_EQ(std::get<std::string>(row[static_cast<std::size_t>(note - t.fields.begin())]),
              "import rule 1 of reversed.json: any rail");
}

TEST(Import, FeaturesNoRuleMatchesAreSkippedAndCounted) {
    Fixture f;
    const auto src =
        f.source("mixed.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail("main")},
                                                 {{{130.1, 42.0}, {130.2, 42.0}}, json{{"railway", "abandoned"}}},
                                                 {{{130.2, 42.0}, {130.3, 42.0}}, json{{"highway", "trunk"}}}}));
    auto o = f.options({src}, json::array({kMainFirst[0]}));
    const Imported im = import_network(o);
    EXPECT_EQ(im.topology.routes.size(), 1u);
    EXPECT_EQ(im.read.skipped.at("no rule matches"), 2u);
}

TEST(Import, DegreeTwoPlacesOfAlikeLinesMergeKeepingEveryVertex) {
    Fixture f;
    const std::vector<std::pair<double, double>> a{{130.0, 42.0}, {130.05, 42.01}, {130.1, 42.0}},
        b{{130.2, 42.0}, {130.15, 41.99}, {130.1, 42.0}},  // drawn the other way
        c{{130.2, 42.0}, {130.25, 42.02}, {130.3, 42.0}};
    const auto alike = f.source("alike.geojson", lines_geojson({{a, rail()}, {b, rail()}, {c, rail()}}));
    auto o = f.options({alike});
    const Imported im = import_network(o);
    ASSERT_EQ(im.topology.routes.size(), 1u);
    EXPECT_EQ(im.topology.places.size(), 2u);
    EXPECT_EQ(im.topology.stats.merged_places, 2u);
    const Polyline expected{{130.0, 42.0}, {130.05, 42.01}, {130.1, 42.0}, {130.15, 41.99},
                            {130.2, 42.0}, {130.25, 42.02}, {130.3, 42.0}};
    EXPECT_EQ(im.topology.routes[0].coords, expected);
    EXPECT_EQ(im.topology.routes[0].id, "alike_0");  // the first feature's id

    // A different name or rule keeps the place.
    const auto mixed = f.source("mixed.geojson", lines_geojson({{a, rail()}, {b, rail("branch")}, {c, rail()}}));
    o.sources = {mixed};
    EXPECT_EQ(import_network(o).topology.routes.size(), 3u);
    // One-way lines drawn against each other cannot be chained.
    json one_way = kMainFirst;
    one_way[0]["two_way"] = false;
    o.sources = {alike};
    o.rules = {f.rules(one_way, "oneway.json")};
    EXPECT_EQ(import_network(o).topology.routes.size(), 3u);  // a-b meet head to head; b-c tail to tail
}

TEST(Import, PlacesTakeTheNearestNamedPointWithinTwoKilometres) {
    Fixture f;
    const auto src = f.source("l.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail()}}));
    json pts = {{"type", "FeatureCollection"}, {"features", json::array()}};
    auto point = [&](double lon, double lat, const std::string& name, const std::string& country) {
        pts["features"].push_back({{"type", "Feature"},
                                   {"properties", {{"name", name}, {"country", country}, {"kind", "rail_station"}}},
                                   {"geometry", {{"type", "Point"}, {"coordinates", {lon, lat}}}}});
    };
    point(130.0, 42.01, "Near west", "KP");     // 1.1 km north of the west end
    point(130.0, 42.005, "Nearer west", "KP");  // 0.56 km
    point(130.1, 42.03, "Too far east", "RU");  // 3.3 km
    auto o = f.options({src});
    o.places = f.source("stations.geojson", pts.dump());
    const Imported im = import_network(o);
    const TopoPlace* west = place_at(im, 130.0, 42.0);
    const TopoPlace* east = place_at(im, 130.1, 42.0);
    ASSERT_TRUE(west && east);
    EXPECT_EQ(west->name, "Nearer west");
    EXPECT_EQ(west->country, "KP");
    EXPECT_EQ(west->kind, "rail_station");
    EXPECT_EQ(east->name, "");
    EXPECT_EQ(east->kind, "end");
    EXPECT_EQ(im.topology.stats.named_places, 1u);
}

TEST(Import, SeveralSourcesMergeIntoOneNetwork) {
    // A rail line to a port, and a sea lane from it: two layers, one network.
    Fixture f;
    const auto rail_src = f.source("rail.geojson", lines_geojson({{{{130.0, 42.0}, {130.5, 42.3}}, rail()}}));
    const auto sea_src = f.source(
        "lanes.geojson", lines_geojson({{{{130.5, 42.3}, {131.0, 42.0}, {132.0, 41.0}}, json{{"route", "ferry"}}}}));
    // A second layer named like the first: its ids take the source's position.
    fs::create_directories(f.tmp / "more");
    test::write_file(f.tmp / "more" / "rail.geojson",
                     lines_geojson({{{{129.5, 42.0}, {130.0, 42.0}}, rail("main", "Feeder")}}));
    json rules = kMainFirst;
    rules.push_back({{"where", "route = 'ferry'"}, {"mode", "ferry"}, {"capacity", 6000}, {"note", "ferry"}});
    auto o = f.options({rail_src, sea_src, (f.tmp / "more" / "rail.geojson").string()}, rules);
    const Imported im = import_network(o);
    ASSERT_EQ(im.topology.routes.size(), 3u);
    const TopoPlace* port = place_at(im, 130.5, 42.3);
    ASSERT_NE(port, nullptr);
    EXPECT_EQ(port->degree, 2u);  // rail and ferry: not alike, so the port stays
    std::vector<std::string> ids;
    for (const auto& r : im.topology.routes) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"lanes_0", "rail_0", "rail_s3_0"}));
    // The ferry rule names a field the rail layers lack: it does not apply to them.
    EXPECT_EQ(im.read.sources[0].rules_not_applied.size(), 1u);
    EXPECT_TRUE(im.read.rules_unread.empty());
}

TEST(Import, WhereFiltersTheSourceFeatures) {
    Fixture f;
    const auto src = f.source("two.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail("main", "A")},
                                                            {{{130.1, 42.0}, {130.2, 42.0}}, rail("branch", "B")}}));
    auto o = f.options({src});
    o.where = "usage = 'branch'";
    const Imported im = import_network(o);
    EXPECT_EQ(im.read.sources[0].features, 1u);
    ASSERT_EQ(im.topology.routes.size(), 1u);
    EXPECT_EQ(im.read.lines[im.topology.routes[0].line].name, "B");
}

TEST(Import, KeptFieldsAreCopiedOntoTheRoutes) {
    Fixture f;
    json p = rail("main", "A");
    p["ref"] = "K-7";
    const auto src = f.source("k.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, p}}));
    auto o = f.options({src});
    o.keep_fields = {"ref"};
    write_import(import_network(o), o);
    const json routes = test::read_json(o.out / "routes.geojson");
    EXPECT_EQ(routes["features"][0]["properties"]["ref"], "K-7");
    EXPECT_EQ(routes["features"][0]["properties"]["name"], "A");
    EXPECT_EQ(routes["features"][0]["properties"]["basis"], "assumed");
}

TEST(Import, PlaceIdsComeFromCoordinates) {
    EXPECT_EQ(place_id({130.1234564, 42.0000004}), "p_130123456_42000000");
    EXPECT_EQ(place_id({-3.7037902, 40.4167754}), "p_-3703790_40416775");
}

TEST(Import, TheSameInputGivesTheSameBytes) {
    Fixture f;
    const auto src = f.source("junction.osm", kOsm);
    auto o = f.options({src});
    write_import(import_network(o), o);
    const std::string routes = test::read_file(o.out / "routes.geojson");
    const std::string places = test::read_file(o.out / "places.geojson");
    o.overwrite = true;
    write_import(import_network(o), o);
    EXPECT_EQ(test::read_file(o.out / "routes.geojson"), routes);
    EXPECT_EQ(test::read_file(o.out / "places.geojson"), places);
}

// --- bad input: one line, and nothing written ------------------------------------------

template <class E>
std::string refused(const ImportOptions& o) {
    try {
        write_import(import_network(o), o);
    } catch (const E& e) {
        const std::string m = e.what();
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
        EXPECT_FALSE(fs::exists(o.out / "routes.geojson")) << m;
        return m;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "another exception: " << e.what();
        return {};
    }
    ADD_FAILURE() << "not refused";
    return {};
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(ImportRefuses, ASourceGdalCannotOpen) {
    Fixture f;
    const auto src = f.source("broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    EXPECT_TRUE(has(refused<input_error>(f.options({src})), "broken.geojson: cannot read"));
    EXPECT_TRUE(has(refused<input_error>(f.options({(f.tmp / "missing.shp").string()})), "missing.shp"));
}

TEST(ImportRefuses, ALayerOfPoints) {
    Fixture f;
    const auto src = f.source(
        "points.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[130,42]}}]})");
    EXPECT_TRUE(has(refused<input_error>(f.options({src})), "holds Point geometries, not lines"));
}

TEST(ImportRefuses, AWhereOgrRejects) {
    Fixture f;
    const auto src = f.source("l.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail()}}));
    auto o = f.options({src});
    o.where = "usage = = 'main'";
    EXPECT_TRUE(has(refused<request_error>(o), "--where"));
    o.where = "nosuchfield = 1";
    EXPECT_TRUE(has(refused<request_error>(o), "nosuchfield"));
}

TEST(ImportRefuses, RulesWithAnUnknownFieldOrAnInvalidExpression) {
    Fixture f;
    const auto src = f.source("l.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail()}}));
    json unknown = kMainFirst;
    unknown[1]["capacity_t"] = 5;
    EXPECT_TRUE(
        has(refused<input_error>(f.options({src}, unknown)), "rules.json: rule 2: field capacity_t: unknown field"));
    json invalid = kMainFirst;
    invalid[0]["where"] = "railway = = 'rail'";
    EXPECT_TRUE(
        has(refused<input_error>(f.options({src}, invalid)), "rules.json: rule 1: field where: invalid expression"));
    json both = kMainFirst;
    both[0]["capacity"] = 5;
    EXPECT_TRUE(has(refused<input_error>(f.options({src}, both)), "rule 1: field capacity"));
    json bad_range = kMainFirst;
    bad_range[0]["range"] = {1, 2};
    EXPECT_TRUE(has(refused<input_error>(f.options({src}, bad_range)), "rule 1: field range"));
    json bad_mode = kMainFirst;
    bad_mode[1]["mode"] = "hovercraft";
    EXPECT_TRUE(has(refused<input_error>(f.options({src}, bad_mode)), "rule 2: field mode: unknown mode"));
    EXPECT_TRUE(has(refused<input_error>(f.options({src}, json::object())), "expected a JSON array of rules"));
}

TEST(ImportRefuses, SnapDistancesOutOfRange) {
    Fixture f;
    const auto src = f.source("l.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail()}}));
    auto o = f.options({src});
    for (const double snap : {0.0, -1.0, 10000.5, std::nan("")}) {
        o.snap_m = snap;
        EXPECT_TRUE(has(refused<request_error>(o), "--snap")) << snap;
    }
}

TEST(ImportRefuses, AnOutFolderThatIsNotGeodataAndAGeodataFolderWithoutOverwrite) {
    Fixture f;
    const auto src = f.source("l.geojson", lines_geojson({{{{130.0, 42.0}, {130.1, 42.0}}, rail()}}));
    auto o = f.options({src});
    fs::create_directories(o.out);
    test::write_file(o.out / "thesis.docx", "mine");
    EXPECT_TRUE(has(refused<request_error>(o), "not a corridor geodata folder"));
    o.overwrite = true;
    EXPECT_TRUE(has(refused<request_error>(o), "not a corridor geodata folder"));
    EXPECT_EQ(test::read_file(o.out / "thesis.docx"), "mine");

    o.out = f.tmp / "net";
    o.overwrite = false;
    write_import(import_network(o), o);
    EXPECT_TRUE(fs::exists(o.out / "import-report.json"));
    try {
        write_import(import_network(o), o);
        ADD_FAILURE() << "a second import over the folder without --overwrite";
    } catch (const request_error& e) {
        EXPECT_TRUE(has(e.what(), "--overwrite")) << e.what();
    }
}

}  // namespace
}  // namespace corridor::importer
