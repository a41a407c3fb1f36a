// The GeoJSON number formatter gives printf's digits, and the characters GDAL's GeoJSON driver writes.
#include "corridor/io/detail/number_format.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <locale.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "corridor/io/gdal.hpp"

namespace corridor::io::detail {
namespace {

std::string coordinate(double v) {
    char buf[kCoordinateRoom];
    return {buf, format_coordinate(buf, v)};
}

std::string real(double v) {
    char buf[kRealRoom];
    return {buf, format_real(buf, v)};
}

// printf in the C locale on this thread, whatever the process's locale (the test main sets the user's).
std::string c_printf(const char* format, double v) {
    const locale_t c = newlocale(LC_ALL_MASK, "C", nullptr);
    const locale_t old = uselocale(c);
    char buf[512];
    std::snprintf(buf, sizeof buf, format, v);
    uselocale(old);
    freelocale(c);
    return buf;
}

// Whether s has six 0s or six 9s in a row after its decimal point.
bool run_after_point(const std::string& s) {
    const auto dot = s.find('.');
    if (dot == std::string::npos) return false;
    const auto e = s.find('e');
    const std::string digits = s.substr(dot + 1, e == std::string::npos ? std::string::npos : e - dot - 1);
    return digits.find("000000") != std::string::npos || digits.find("999999") != std::string::npos;
}

// Values across the ranges the fast conversions take and the ones they hand to
// std::to_chars: coordinates, reals of every magnitude, exact decimals, halfway cases,
// powers of ten and their neighbours, subnormals and the largest doubles.
std::vector<double> sample_values() {
    std::vector<double> v = {0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             0.1,
                             0.2,
                             0.30000000000000004,
                             1e-4,
                             9.9e-5,
                             1e-5,
                             1e13,
                             1e14,
                             99999999999999.9,
                             123456.9999999,
                             0.05,
                             0.15,
                             2.5e-7,
                             5e-8,
                             179.99999995,
                             -179.9999999,
                             90.0,
                             1e16,
                             1e17,
                             1e21,
                             1e22,
                             1e50,
                             1.1e50,
                             1e300,
                             5e-324,
                             2.2250738585072014e-308,
                             std::numeric_limits<double>::max(),
                             4294967295.0,
                             4294967296.5,
                             12.3456789,
                             0.0000001,
                             0.00000005,
                             1.00000005};
    for (int e = -8; e <= 20; ++e) {
        const double p = std::pow(10.0, e);
        v.insert(v.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300), -p});
    }
    std::mt19937_64 rng(20261202);
    std::uniform_real_distribution<double> lon(-180.0, 180.0), unit(0.0, 1.0);
    std::uniform_int_distribution<int> exponent(-12, 25);
    for (int i = 0; i < 3000; ++i) {
        v.push_back(lon(rng));
        v.push_back(std::round(lon(rng) * 1e7) / 1e7);  // a 7-decimal coordinate, as typed
        v.push_back((unit(rng) - 0.5) * std::pow(10.0, exponent(rng)));
        v.push_back(std::round(unit(rng) * 1e6) / 1e2 + 1e-9 * (i % 3));  // near runs of 0s and 9s
    }
    return v;
}

TEST(NumberFormat, CoordinatesArePrintfsDigitsTrimmed) {
    std::size_t compared = 0;
    for (const double v : sample_values()) {
        if (std::fabs(v) > 1e50) continue;
        const std::string p = c_printf("%.7f", v);
        // Runs of six 0s or 9s before the last digit are GDAL's rounding: see the driver test.
        if (p.size() > 10 && (p.substr(p.size() - 6, 5) == "00000" || p.substr(p.size() - 6, 5) == "99999")) continue;
        std::string expected = p;
        while (expected.back() == '0') expected.pop_back();
        if (expected.back() == '.') expected += '0';
        ASSERT_EQ(coordinate(v), expected) << "printf gives " << p;
        ++compared;
    }
    EXPECT_GT(compared, 10000u);
    EXPECT_EQ(coordinate(std::nan("")), "nan");
    EXPECT_EQ(coordinate(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(coordinate(-std::numeric_limits<double>::infinity()), "-inf");
    EXPECT_EQ(coordinate(1e300), c_printf("%.18g", 1e300));
}

TEST(NumberFormat, RealsArePrintfs17Digits) {
    std::size_t compared = 0;
    for (const double v : sample_values()) {
        const std::string p = c_printf("%.17g", v);
        if (run_after_point(p)) continue;  // GDAL then tries fewer digits: see the driver test
        const bool integral = p.find('.') == std::string::npos && p.find('e') == std::string::npos;
        ASSERT_EQ(real(v), integral ? p + ".0" : p);
        ++compared;
    }
    EXPECT_GT(compared, 5000u);
    // %.17g gives 0.10000000000000001 and 0.30000000000000004: a run of 0s, so GDAL's 16 digits.
    EXPECT_EQ(real(0.1), "0.1");
    EXPECT_EQ(real(0.30000000000000004), "0.3");
    EXPECT_EQ(real(1.0 / 3.0), "0.33333333333333331");
    EXPECT_EQ(real(1e21), "1e+21");
    EXPECT_EQ(real(-0.0), "-0.0");
}

// What GDAL's GeoJSON driver writes for each value, as a real property and as the x of a
// point with COORDINATE_PRECISION=7: {property, coordinate} per value, in order.
std::vector<std::pair<std::string, std::string>> driver_output(const std::vector<double>& values) {
    const std::string name = "/vsimem/corridor-number-format-test.geojson";
    {
        auto ds = gdal::create_vector("GeoJSON", name);
        const char* opts[] = {"COORDINATE_PRECISION=7", nullptr};
        OGRLayer* layer = ds->CreateLayer("n", nullptr, wkbPoint, const_cast<char**>(opts));
        OGRFieldDefn fd("v", OFTReal);
        EXPECT_EQ(layer->CreateField(&fd), OGRERR_NONE);
        for (const double v : values) {
            OGRFeature f(layer->GetLayerDefn());
            f.SetField(0, v);
            f.SetGeometry(std::make_unique<OGRPoint>(v, 0.0).get());
            EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
    }
    vsi_l_offset len = 0;
    GByte* data = VSIGetMemFileBuffer(name.c_str(), &len, TRUE);
    const std::string text(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    CPLFree(data);
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t at = text.find("\"v\": "); at != std::string::npos; at = text.find("\"v\": ", at + 1)) {
        const std::size_t v_end = text.find(" }", at);
        const std::size_t c = text.find("\"coordinates\": [ ", v_end) + 17;
        out.emplace_back(text.substr(at + 5, v_end - at - 5), text.substr(c, text.find(", ", c) - c));
    }
    return out;
}

TEST(NumberFormat, SameCharactersAsGdalsGeoJsonDriver) {
    std::vector<double> values;
    for (const double v : sample_values())
        if (std::isfinite(v) && std::fabs(v) < 1e200) values.push_back(v);
    const auto written = driver_output(values);
    ASSERT_EQ(written.size(), values.size());
    std::size_t runs = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        SCOPED_TRACE(c_printf("%.17g", values[i]));
        EXPECT_EQ(real(values[i]), written[i].first);
        EXPECT_EQ(coordinate(values[i]), written[i].second);
        if (run_after_point(c_printf("%.17g", values[i])) || run_after_point(c_printf("%.7f", values[i]))) ++runs;
    }
    EXPECT_GT(runs, 100u) << "the sample should exercise GDAL's rounding of runs of 0s and 9s";
}

}  // namespace
}  // namespace corridor::io::detail
