// The fast GeoJSON reader gives exactly what OGR gives, or declines.
#include "corridor/io/geojson_reader.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/read.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/report/input.hpp"
#include "support/fixtures.hpp"
#include "support/parts.hpp"

namespace corridor::io {
namespace {

std::vector<RawFeature> read_fast(const std::filesystem::path& p, bool& ok) {
    std::vector<RawFeature> out;
    ok = read_geojson_fast(p, [&](const RawFeature& f) { out.push_back(f); });
    return out;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every feature, field, type, value and coordinate as OGR reads them.
void expect_same_as_ogr(const std::filesystem::path& p) {
    SCOPED_TRACE(p.string());
    bool ok = false;
    const auto fast = read_fast(p, ok);
    ASSERT_TRUE(ok) << "the fast path declined";
    const RawLayer ogr = read_layer(p, ReadEngine::ogr);
    ASSERT_EQ(fast.size(), ogr.features.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const RawFeature& a = fast[i];
        const RawFeature& b = ogr.features[i];
        SCOPED_TRACE("feature " + std::to_string(i));
        EXPECT_EQ(a.index, b.index);
        EXPECT_EQ(a.kind, b.kind);
        EXPECT_EQ(a.geom_type, b.geom_type);
        ASSERT_EQ(a.coords.size(), b.coords.size());
        for (std::size_t k = 0; k < a.coords.size(); ++k) {
            EXPECT_TRUE(same_bits(a.coords[k].lon, b.coords[k].lon)) << a.coords[k].lon << " vs " << b.coords[k].lon;
            EXPECT_TRUE(same_bits(a.coords[k].lat, b.coords[k].lat)) << a.coords[k].lat << " vs " << b.coords[k].lat;
        }
        ASSERT_EQ(a.fields.size(), b.fields.size());
        for (auto ia = a.fields.begin(), ib = b.fields.begin(); ia != a.fields.end(); ++ia, ++ib) {
            ASSERT_EQ(ia->first, ib->first);
            SCOPED_TRACE("field " + ia->first);
            ASSERT_EQ(ia->second.index(), ib->second.index());
            if (const auto* d = std::get_if<double>(&ia->second))
                EXPECT_TRUE(same_bits(*d, std::get<double>(ib->second)))
                    << *d << " vs " << std::get<double>(ib->second);
            else EXPECT_EQ(ia->second, ib->second);
        }
    }
}

void expect_declined(const std::filesystem::path& p) {
    SCOPED_TRACE(p.string());
    bool ok = true;
    const auto fast = read_fast(p, ok);
    EXPECT_FALSE(ok);
    EXPECT_TRUE(fast.empty()) << "visited before declining";
}

std::string feature(const std::string& props, const std::string& geom = "null", const std::string& extra = "") {
    return R"({"type":"Feature",)" + extra + R"("properties":)" + props + R"(,"geometry":)" + geom + "}";
}

std::string collection(const std::vector<std::string>& features, const std::string& extra = "") {
    std::string s = R"({"type":"FeatureCollection",)" + extra + R"("features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) s += (i ? ",\n" : "\n") + features[i];
    return s + "]}\n";
}

struct Case {
    const char* name;
    std::string text;
};

TEST(GeoJsonReader, RepositoryGeodata) {
    expect_same_as_ogr(test::network_v1_dir() / "places.geojson");
    expect_same_as_ogr(test::network_v1_dir() / "routes.geojson");
    expect_same_as_ogr(test::geodata_dir() / "places.geojson");
    // The shipped routes have dates (open_from), which OGR types as Date: the fast path
    // hands such a file to OGR, so it reads the same by construction.
    bool ok = true;
    read_fast(test::geodata_dir() / "routes.geojson", ok);
    EXPECT_FALSE(ok);
}

TEST(GeoJsonReader, GeneratedNetwork) {
    test::TempDir tmp;
    const Network net = generate_network({3000, 5});
    WriteOptions opts;
    opts.out_dir = tmp.path();
    opts.formats = {Format::geojson};
    write_tables({input_places_table(net), input_routes_table(net)}, opts);
    expect_same_as_ogr(tmp / "places.geojson");
    expect_same_as_ogr(tmp / "routes.geojson");
}

TEST(GeoJsonReader, EdgeCasesMatchOgr) {
    const std::string pt = R"({"type":"Point","coordinates":[130.5,42.25]})";
    const std::vector<Case> cases = {
        {"int_then_real",
         collection({feature(R"({"a":1,"b":2})"), feature(R"({"a":2.5,"b":3})"), feature(R"({"a":-7})")})},
        {"real_then_int", collection({feature(R"({"a":0.1})"), feature(R"({"a":9007199254740993})")})},
        {"bools", collection({feature(R"({"b":true})"), feature(R"({"b":false})"), feature(R"({"b":null})")})},
        {"string_lists", collection({feature(R"({"l":["x","y"]})"), feature(R"({"l":["\u00e9", ""]})"),
                                     feature(R"({"l":null})"), feature("{}")})},
        {"nulls_and_missing",
         collection({feature(R"({"a":null,"n":null})"), feature(R"({"a":"x"})"), feature("null"),
                     R"({"type":"Feature","geometry":null})", R"({"type":"Feature","properties":{"a":"y"}})",
                     R"({"type":"Feature","bbox":[1,2,3,4],"geometry":null})"})},
        {"unicode_escapes",
         collection(
             {feature(R"({"s":"\u00e9\ud83d\ude00 \"q\" \\ \/ \n\t\b\f\r","\u00e9t\u00e9":"直接 😀","na\u006de":"k"})"),
              feature(R"({"s":"Владивосток – 라진항"})")})},
        {"big_ints",
         collection({feature(R"({"i":2147483648,"j":-2147483649,"k":9223372036854775806,"m":-9223372036854775807})"),
                     feature(R"({"i":1,"j":0,"k":-0,"m":123})")})},
        {"exponents_and_zeros",
         collection({feature(R"({"a":1e5,"b":-0,"c":-0.0,"d":1E-3,"e":2.5e+2,"f":1e-400,"g":-1e-400,"h":5e-324,)"
                             R"("i":2.4703282292062328e-324,"j":1.7976931348623157e308,"k":0.30000000000000004441,)"
                             R"("l":123456789012345678901234567890.5,"m":2.2250738585072011e-308})")})},
        {"geometries",
         collection({feature("{}", pt), feature("{}", "null"),
                     feature("{}", R"({"type":"LineString","coordinates":[[1,2],[3.25,-4.5],[1e-7,179.9999999]]})"),
                     feature("{}", R"({"coordinates":[[1,2]],"type":"LineString"})"),
                     feature("{}", R"({"type":"LineString","coordinates":[]})"),
                     feature("{}", R"({"type":"Point","coordinates":[1,2,3]})"),
                     feature("{}", R"({"type":"LineString","coordinates":[[1,2],[3,4,5]]})"),
                     feature("{}", R"({"type":"MultiPoint","coordinates":[[1,2],[3,4]]})"),
                     feature("{}", R"({"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6]]]})"),
                     feature("{}", R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2]]]})"),
                     feature("{}", R"({"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]]]})"),
                     feature("{}", R"({"type":"Point","coordinates":[9007199254740993,-0],"bbox":[1,2,3,4]})")})},
        {"empty_features", collection({})},
        {"empty_features_ws", "  {\"type\" : \"FeatureCollection\" ,\r\n\t\"features\" : [ ] }  "},
        {"member_order",
         R"({"features":[{"geometry":{"coordinates":[1,2],"type":"Point"},"properties":{"a":1},"type":"Feature"}],"type":"FeatureCollection"})"},
        {"foreign_members",
         collection({feature(R"({"a":1})", pt, R"("bbox":[1,2,3,4],"title":{"x":[1,{"y":null}]},)")},
                    R"("name":"n","bbox":[1,2,3,4],"description":"d","foo":{"a":[true,false,null,1.5]},)")},
        {"bom", "\xEF\xBB\xBF" + collection({feature(R"({"a":1})", pt)})},
        {"case_sensitive_names", collection({feature(R"({"a":1,"A":"x"})"), feature(R"({"Name":"q","name":"z"})")})},
        {"ogr_like_names",
         collection(
             {feature(
                  R"j({"id":5,"fid":3,"FID":2,"OGR_STYLE":"PEN(c:#FF0000)","geometry":"g","type":"t","properties":"p"})j"),
              feature(R"({"id":5,"fid":4})")})},
        {"dates_among_strings",
         collection({feature(R"({"d":"2017-04-01","t":"foo"})"), feature(R"({"d":"x","t":"12:30:00"})")})},
        {"key_order_varies",
         collection({feature(R"({"a":1,"b":"x","c":true})"), feature(R"({"c":false,"a":2})"),
                     feature(R"({"b":"y","d":1.5})"), feature(R"({"a":3,"b":"z","c":true,"d":2})")})},
    };
    test::TempDir tmp;
    for (const Case& c : cases) {
        const auto p = tmp / (std::string(c.name) + ".geojson");
        test::write_file(p, c.text);
        expect_same_as_ogr(p);
    }
}

TEST(GeoJsonReader, DeclinesWhatOnlyOgrReads) {
    const std::string pt = R"({"type":"Point","coordinates":[1,2]})";
    const std::vector<Case> cases = {
        {"not_json", "not json at all"},
        {"empty_file", ""},
        {"truncated", collection({feature(R"({"a":1})")}).substr(0, 40)},
        {"trailing_comma",
         R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},]})"},
        {"trailing_garbage", collection({feature("{}")}) + "x"},
        {"bad_inner_json", collection({feature(R"({"a":[1,,2]})")})},
        {"mismatched_brackets", collection({feature(R"({"a":[1,2}])")})},
        {"bad_foreign_json", collection({feature("{}", "null", R"("x":[1 2],)")})},
        {"bad_top_member", collection({feature("{}")}, R"("x":tru,)")},
        {"bad_top_key", collection({feature("{}")}, "\"x\x01\":1,")},
        {"escaped_top_keys",
         R"({"typ\u0065":"FeatureCollection","f\u0065atures":[{"type":"Feature","properties":{"a":1},"geometry":null}]})"},
        {"duplicate_top_key", collection({feature("{}")}, R"("type":"FeatureCollection",)")},
        {"feature_top_level", feature(R"({"a":1})", pt)},
        {"geometry_top_level", pt},
        {"no_type", R"({"features":[]})"},
        {"features_not_array", R"({"type":"FeatureCollection","features":null})"},
        {"crs", collection({feature("{}", pt)}, R"("crs":{"type":"name","properties":{"name":"EPSG:3857"}},)")},
        {"feature_id_int", collection({feature("{}", pt, R"("id":5,)")})},
        {"feature_id_string", collection({feature("{}", pt, R"("id":"x",)")})},
        {"string_and_number", collection({feature(R"({"a":"1"})"), feature(R"({"a":1})")})},
        {"bool_and_number", collection({feature(R"({"a":true})"), feature(R"({"a":1})")})},
        {"list_and_scalar", collection({feature(R"({"a":["x"]})"), feature(R"({"a":"y"})")})},
        {"list_of_numbers", collection({feature(R"({"a":[1,2]})")})},
        {"list_with_null", collection({feature(R"({"a":["x",null]})")})},
        {"empty_list", collection({feature(R"({"a":["x"]})"), feature(R"({"a":[]})")})},
        {"nested_object", collection({feature(R"({"a":{"b":1}})")})},
        {"date", collection({feature(R"({"a":"2017-04-01"})")})},
        {"time", collection({feature(R"({"a":"12:30:00"})"), feature(R"({"a":null})")})},
        {"datetime", collection({feature(R"({"a":"2017-04-01T12:00:00"})"), feature(R"({"a":"2017/04/02"})")})},
        {"int_beyond_int64", collection({feature(R"({"a":9223372036854775808})")})},
        {"int_below_int64", collection({feature(R"({"a":-9223372036854775809})")})},
        {"real_overflow", collection({feature(R"({"a":1e400})")})},
        {"nul_in_string", collection({feature(R"({"a":"x\u0000y"})")})},
        {"empty_key", collection({feature(R"({"":1})")})},
        {"duplicate_property", collection({feature(R"({"a":1,"a":"x"})")})},
        {"duplicate_geometry", collection({feature("{}", pt, R"("geometry":null,)")})},
        {"feature_type_wrong", collection({R"({"type":"feature","properties":{},"geometry":null})"})},
        {"foreign_without_properties", collection({R"({"type":"Feature","title":"x","geometry":null})"})},
        {"feature_type_missing", collection({R"({"properties":{},"geometry":null})"})},
        {"geometry_collection", collection({feature("{}", R"({"type":"GeometryCollection","geometries":[]})")})},
        {"point_empty", collection({feature("{}", R"({"type":"Point","coordinates":[]})")})},
        {"point_1d", collection({feature("{}", R"({"type":"Point","coordinates":[1]})")})},
        {"point_4d", collection({feature("{}", R"({"type":"Point","coordinates":[1,2,3,4]})")})},
        {"multipoint_3d", collection({feature("{}", R"({"type":"MultiPoint","coordinates":[[1,2,3]]})")})},
        {"polygon_empty", collection({feature("{}", R"({"type":"Polygon","coordinates":[]})")})},
        {"line_as_position", collection({feature("{}", R"({"type":"LineString","coordinates":[1,2]})")})},
        {"geometry_crs",
         collection({feature(
             "{}",
             R"({"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}})")})},
        {"lowercase_type", collection({feature("{}", R"({"type":"point","coordinates":[1,2]})")})},
        {"string_coordinate", collection({feature("{}", R"({"type":"Point","coordinates":["1",2]})")})},
        {"topology_in_head", collection({feature(R"({"type":"Topology"})")})},
        {"invalid_utf8", collection({feature("{\"a\":\"\xC3\x28\"}")})},
        {"lone_surrogate", collection({feature(R"({"a":"\ud800"})")})},
        // OGR finds members whatever their case: "geomeTry" is the geometry (found by the fuzz
        // target geojson_reader, tests/fuzz/geojson_reader/geometry_member_in_other_case.geojson)
        {"geometry_other_case",
         collection({R"({"type":"Feature","properties":{"a":1},"geomeTry":{"type":"Point","coordinates":[1,2]}})"})},
        {"properties_other_case",
         collection({R"({"type":"Feature","properties":{"a":1},"Properties":{"b":2},"geometry":null})"})},
        {"type_other_case",
         collection({R"({"type":"Feature","TYPE":"Feature","properties":{"a":1},"geometry":null})"})},
        {"id_other_case", collection({R"({"type":"Feature","Id":3,"properties":{"a":1},"geometry":null})"})},
    };
    test::TempDir tmp;
    for (const Case& c : cases) {
        const auto p = tmp / (std::string(c.name) + ".geojson");
        test::write_file(p, c.text);
        expect_declined(p);
    }
}

TEST(GeoJsonReader, UnreadableFileThrows) {
    test::TempDir tmp;
    EXPECT_THROW(read_geojson_fast(tmp / "absent.geojson", [](const RawFeature&) {}), input_error);
    EXPECT_THROW(read_geojson_fast(tmp.path(), [](const RawFeature&) {}), input_error);
}

}  // namespace
}  // namespace corridor::io

namespace corridor::io {
namespace {

// Read in parts on several threads, a big file gives the same features as one pass.
TEST(GeoJsonReader, PartsGiveWhatOnePassGives) {
    test::TempDir tmp;
    const auto file = test::write_routes(generate_network({80000, 3}), tmp.path(), Format::geojson);
    std::vector<RawFeature> serial;
    ASSERT_TRUE(read_geojson_fast(file, [&](const RawFeature& f) { serial.push_back(f); }));
    const test::PartedRead parted = test::read_in_parts(file, 3);
    EXPECT_EQ(parted.parts, 3u);
    test::expect_same_features(parted.features, serial);
}

// A feature collection of about 5 MB (30000 features), big enough to be scanned in several chunks: strings
// holding brackets, braces, escaped quotes, backslashes and escaped line breaks followed
// by what looks like a feature, and features written on one line, over several lines
// (with lines starting with '{' inside a feature: all of them when `multiline`) or after
// a leading comma. `defect(i)` replaces the text of feature i when not empty.
std::string chunky_collection(std::size_t n, const std::function<std::string(std::size_t)>& defect = {},
                              bool multiline = false) {
    const char* nasty[] = {
        R"(a{b[c)",     R"(]}],)",         R"(q\"{\"[)",
        R"(back\\)",    R"(t\\\"}]\\)",    R"(x\n{\"type\":\"Feature\",\"properties\":{}})",
        R"(\\\\\"]\\)", R"(\u007b\u005b)",
    };
    std::string s = "{\"type\":\"FeatureCollection\",\n\"features\":[\n";
    for (std::size_t i = 0; i < n; ++i) {
        const std::string props = "{\"i\":" + std::to_string(i) + ",\"s\":\"" + nasty[i % 8] +
                                  "\",\"r\":" + std::to_string(i) + ".5,\"l\":[\"" + nasty[(i + 3) % 8] + "\",\"[{\"]}";
        const std::string geom =
            i % 5 == 0 ? R"({"type":"Point","coordinates":[)" + std::to_string(i % 170) + ".25,1.5]}"
                       : R"({"type":"LineString","coordinates":[[1,2],[)" + std::to_string(i % 170) + ".125,3]]}";
        std::string f;
        if (defect) f = defect(i);
        if (f.empty()) {
            switch (multiline ? 3 : i % 7) {
                case 3:
                    f = "{\"type\":\"Feature\",\n \"properties\":" + props + ",\n\"geometry\":\n" + geom + "\n}";
                    break;
                case 5:
                    f = "{\"type\":\"Feature\",\"properties\":\n" + props + ",\"geometry\":\n\n" + geom + "}";
                    break;
                default:
                    f = "{\"type\":\"Feature\",\"properties\":" + props + ",\"geometry\":" + geom + "}";
            }
        }
        if (i > 0) s += i % 11 == 4 ? "\n, " : ",\n";
        s += f;
    }
    return s + "\n]\n}\n";
}

// Whether the fast path read the file on `threads` threads; visits nothing when not.
bool read_fast_in_parts(const std::filesystem::path& p, std::size_t threads, std::size_t& visited) {
    std::atomic<std::size_t> n{0};
    PartVisitor v{[](std::size_t, std::size_t) {}, [&](std::size_t, const RawFeature&) { ++n; }};
    const bool ok = read_geojson_fast(p, v, threads);
    visited = n;
    return ok;
}

// The features read on `threads` threads, in file order (one pass-2 part or several).
std::vector<RawFeature> read_all_in_parts(const std::filesystem::path& p, std::size_t threads) {
    std::vector<std::vector<RawFeature>> by_part;
    PartVisitor v{[&](std::size_t parts, std::size_t) { by_part.resize(parts); },
                  [&](std::size_t part, const RawFeature& f) { by_part[part].push_back(f); }};
    EXPECT_TRUE(read_geojson_fast(p, v, threads));
    std::vector<RawFeature> out;
    for (auto& part : by_part) out.insert(out.end(), part.begin(), part.end());
    return out;
}

// The features array scanned in chunks on several threads, whatever line the chunks start
// at, gives what one pass gives, and OGR.
TEST(GeoJsonReader, ChunkedScanGivesWhatOnePassGives) {
    test::TempDir tmp;
    const auto file = tmp / "chunky.geojson";
    test::write_file(file, chunky_collection(30000));
    ASSERT_GT(std::filesystem::file_size(file), std::size_t{4} << 20);
    expect_same_as_ogr(file);
    std::vector<RawFeature> serial;
    ASSERT_TRUE(read_geojson_fast(file, [&](const RawFeature& f) { serial.push_back(f); }));
    ASSERT_EQ(serial.size(), 30000u);
    EXPECT_EQ(std::get<std::string>(serial[5].fields.at("s")), R"(x
{"type":"Feature","properties":{}})");
    EXPECT_EQ(std::get<std::string>(serial[4].fields.at("s")), R"(t\"}]\)");
    for (std::size_t threads : {2, 3, 4}) {
        SCOPED_TRACE(threads);
        test::expect_same_features(read_all_in_parts(file, threads), serial);
    }
    // Features over several lines: chunks that start inside one guess wrong.
    test::write_file(file, chunky_collection(30000, {}, true));
    serial.clear();
    ASSERT_TRUE(read_geojson_fast(file, [&](const RawFeature& f) { serial.push_back(f); }));
    ASSERT_EQ(serial.size(), 30000u);
    for (std::size_t threads : {2, 3, 4}) {
        SCOPED_TRACE(threads);
        test::expect_same_features(read_all_in_parts(file, threads), serial);
    }
}

// A malformed big file goes to OGR before any feature is visited, wherever the fault lies
// relative to the chunks.
TEST(GeoJsonReader, ChunkedScanDeclinesMalformedFiles) {
    const std::string ok_feature = R"({"type":"Feature","properties":{"i":1},"geometry":null})";
    const std::vector<Case> defects = {
        // a raw line break inside a string, the next line looking like a feature
        {"raw_newline", R"({"type":"Feature","properties":{"s":"a)"
                        "\n" +
                            ok_feature + R"("},"geometry":null})"},
        {"missing_comma", ok_feature + "\n" + ok_feature},
        {"array_closed_early", ok_feature + "\n]\n," + ok_feature},
        {"unclosed_bracket", R"({"type":"Feature","properties":{"l":[["x"]},"geometry":null})"},
        {"unclosed_string", R"({"type":"Feature","properties":{"s":"x},"geometry":null})"},
        {"extra_brace", ok_feature + "}"},
        {"bare_value", "17"},
    };
    test::TempDir tmp;
    const std::size_t n = 30000;
    for (const Case& d : defects)
        for (std::size_t at : {n / 3, n / 2 + 1, n - 1}) {
            SCOPED_TRACE(std::string(d.name) + " at " + std::to_string(at));
            const auto file = tmp / (std::string(d.name) + ".geojson");
            test::write_file(file, chunky_collection(n, [&](std::size_t i) { return i == at ? d.text : ""; }));
            for (std::size_t threads : {1, 2, 3}) {
                SCOPED_TRACE(threads);
                std::size_t visited = 0;
                EXPECT_FALSE(read_fast_in_parts(file, threads, visited));
                EXPECT_EQ(visited, 0u);
            }
        }
    // The same file without the fault is read.
    const auto file = tmp / "fine.geojson";
    test::write_file(file, chunky_collection(n));
    for (std::size_t threads : {1, 2, 3, 4}) {
        std::size_t visited = 0;
        EXPECT_TRUE(read_fast_in_parts(file, threads, visited));
        EXPECT_EQ(visited, n);
    }
}

// A visit that throws stops the read; the lowest part's error is the one rethrown.
TEST(GeoJsonReader, TheFirstErrorInFileOrderWins) {
    test::TempDir tmp;
    const auto file = test::write_routes(generate_network({80000, 3}), tmp.path(), Format::geojson);
    EXPECT_EQ(test::first_error_in_parts(file, 3, {65000, 30000}), "at 30000");
}

}  // namespace
}  // namespace corridor::io

namespace corridor::io {
namespace {

// An array nested `depth` levels deep: 2 * depth bytes of brackets.
std::string nested(std::size_t depth, char open = '[', char close = ']') {
    return std::string(depth, open) + std::string(depth, close);
}

// The one-line error reading p gives, or "" when it reads.
std::string read_error(const std::filesystem::path& p, std::size_t threads) {
    try {
        std::size_t visited = 0;
        read_fast_in_parts(p, threads, visited);
    } catch (const error& e) {
        return e.what();
    }
    return "";
}

// A value nested ~65,000 levels deep (130 KB of brackets) overflowed the stack of the
// recursive validation (SIGSEGV). Now: an input_error naming the file and the feature.
TEST(GeoJsonReader, DeepNestingIsAnErrorNamingTheFeatureNotACrash) {
    test::TempDir tmp;
    const std::string deep = nested(65000);
    const std::string point = R"("geometry":{"type":"Point","coordinates":[1,2]})";
    struct Case {
        const char* name;
        std::string feature2;  // the second feature
        const char* where;     // expected in the message
    } cases[] = {
        {"foreign", R"({"type":"Feature","properties":{"a":1},"deep":)" + deep + "," + point + "}", "feature #2"},
        {"bbox", R"({"type":"Feature","bbox":)" + deep + R"(,"properties":{"a":1},)" + point + "}", "feature #2"},
        {"geometry_bbox",
         R"({"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","bbox":)" + deep +
             R"(,"coordinates":[1,2]}})",
         "feature #2"},
        {"objects",
         R"({"type":"Feature","properties":{"a":1},"deep":)" +
             [] {
                 std::string s;
                 for (int i = 0; i < 40000; ++i) s += "{\"k\":";
                 return s + "1" + std::string(40000, '}');
             }() +
             "," + point + "}",
         "feature #2"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const auto p = tmp / (std::string(c.name) + ".geojson");
        test::write_file(p, R"({"type":"FeatureCollection","features":[)"
                            R"({"type":"Feature","properties":{"a":1},)" +
                                point + "},\n" + c.feature2 + "]}");
        for (const std::size_t threads : {1, 2}) {
            const std::string message = read_error(p, threads);
            EXPECT_NE(message.find(p.string() + ": " + c.where + ": "), std::string::npos) << message;
            EXPECT_NE(message.find("nested more than 1024 levels deep"), std::string::npos) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos);
        }
    }
    const auto top = tmp / "top.geojson";
    test::write_file(top, R"({"type":"FeatureCollection","extra":)" + deep + R"(,"features":[]})");
    const std::string message = read_error(top, 1);
    EXPECT_NE(message.find(top.string() + ": "), std::string::npos) << message;
    EXPECT_NE(message.find("top-level member \"extra\""), std::string::npos) << message;
}

// Nesting up to the limit is read as before (GDAL reads it too).
TEST(GeoJsonReader, NestingWithinTheLimitIsRead) {
    test::TempDir tmp;
    const auto p = tmp / "nested.geojson";
    test::write_file(p, R"({"type":"FeatureCollection","x":)" + nested(500) +
                            R"(,"features":[{"type":"Feature","properties":{"a":1},"deep":)" + nested(1000) +
                            R"(,"geometry":{"type":"Point","coordinates":[1,2]}}]})");
    expect_same_as_ogr(p);
}

// In a file read in several chunks, the feature named is the right one whichever chunk
// holds it.
TEST(GeoJsonReader, DeepNestingInALaterChunkNamesItsFeature) {
    test::TempDir tmp;
    const auto p = tmp / "chunks.geojson";
    const std::size_t bad = 25000;
    test::write_file(p, chunky_collection(30000, [&](std::size_t i) {
                         if (i != bad) return std::string();
                         return R"({"type":"Feature","properties":{"i":1},"deep":)" + nested(70000) +
                                R"(,"geometry":null})";
                     }));
    for (const std::size_t threads : {1, 3}) {
        const std::string message = read_error(p, threads);
        EXPECT_NE(message.find(": feature #" + std::to_string(bad + 1) + ": "), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace corridor::io
