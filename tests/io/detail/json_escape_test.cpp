// Strings escaped as json-c escapes them in what GDAL's GeoJSON driver writes.
#include "corridor/io/detail/json_escape.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <string>

#include "corridor/io/gdal.hpp"

namespace corridor::io::detail {
namespace {

std::string escaped(const std::string& s) {
    std::string out(escaped_room(s.size()), '\0');
    out.resize(static_cast<std::size_t>(escape_json(out.data(), s.data(), s.size()) - out.data()));
    return out;
}

// The layer's "name" line and the string property "v" as the driver writes them.
std::pair<std::string, std::string> driver_output(const std::string& layer_name, const std::string& value) {
    const std::string file = "/vsimem/corridor-json-escape-test.geojson";
    {
        auto ds = gdal::create_vector("GeoJSON", file);
        OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), nullptr, wkbNone, nullptr);
        OGRFieldDefn fd("v", OFTString);
        EXPECT_EQ(layer->CreateField(&fd), OGRERR_NONE);
        OGRFeature f(layer->GetLayerDefn());
        f.SetField(0, value.c_str());
        EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
    vsi_l_offset len = 0;
    GByte* data = VSIGetMemFileBuffer(file.c_str(), &len, TRUE);
    const std::string text(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    CPLFree(data);
    const std::size_t n = text.find("\"name\": ") + 8;
    const std::size_t v = text.find("\"v\": \"") + 6;
    return {text.substr(n, text.find(",\n", n) - n), text.substr(v, text.find("\" }", v) - v)};
}

TEST(JsonEscape, ControlCharactersQuotesAndBackslashes) {
    EXPECT_EQ(escaped("plain/text é"), "plain/text é");
    EXPECT_EQ(escaped("a\"b\\c"), "a\\\"b\\\\c");
    EXPECT_EQ(escaped("\b\f\n\r\t\x01\x1f"), "\\b\\f\\n\\r\\t\\u0001\\u001f");
    EXPECT_EQ(escaped(std::string("cut\0here", 8)), "cut");                                // OGR's C string ends at NUL
    EXPECT_EQ(escaped("0123456789abcdef\"0123456789"), "0123456789abcdef\\\"0123456789");  // past the 8-byte steps
}

TEST(JsonEscape, SameAsGdalsGeoJsonDriver) {
    std::string all;
    for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
    for (const std::string& s : {all, std::string("routes"), std::string("a/b \"q\" \\ \t end")}) {
        const auto [name, value] = driver_output(s, s);
        EXPECT_EQ(escaped(s), value);
        EXPECT_EQ(json_c_string(s), name);  // a name escapes '/' too
    }
    EXPECT_EQ(json_c_string("a/b"), "\"a\\/b\"");
}

TEST(JsonEscape, CStringStopsAtNul) {
    EXPECT_EQ(c_string(std::string("ab\0cd", 5)), "ab");
    EXPECT_EQ(c_string("abc"), "abc");
}

}  // namespace
}  // namespace corridor::io::detail
