// The streaming GeoJSON writer: the bytes GDAL 3.6's GeoJSON driver writes through write_layer
// (RFC7946=YES, WRITE_BBOX=YES, COORDINATE_PRECISION=7, WRITE_NAME=NO), without building OGR
// features or json-c objects. Every rule below mirrors a step of that path:
//  - the layer: fields created in order, a name already present is skipped (so later cells land
//    on the following definitions by index, as OGRFeature::SetField(index) does);
//  - a cell of another type than its field is converted as OGRFeature::SetField converts it;
//  - properties as json-c prints them with JSON_C_TO_STRING_SPACED | NOSLASHESCAPE: reals with
//    %.17g and GDAL's 999999/000000 heuristic, non-finite reals left out, 32-bit integers
//    clamped, booleans as true/false, strings escaped like json_escape_str; a string that looks
//    like a JSON object or array ({...} or [...]) is parsed by the driver and written as JSON,
//    so that rare value is handed to the driver itself (a one-feature file in /vsimem/);
//  - coordinates as OGRFormatDouble(7) (%.7f, intelliround, trailing zeros trimmed);
//  - geometries pass through OGRGeometryFactory::transformWithOptions(WRAPDATELINE=YES) and the
//    [-180,180]x[-90,90] check; a geometry that step cannot change (finite, |lon| <= 170,
//    |lat| <= 90) is written directly, any other goes through GDAL's own functions;
//  - the collection bbox (%.7f) is written into the space reserved after the header, as the
//    driver does by seeking back.
//
// Features are formatted in chunks of kGeoJsonChunkFeatures, on worker threads when asked, each
// chunk into its own buffer; the calling thread writes the chunks strictly in order and merges
// the feature extents in order, so the bytes do not depend on the number of threads. At most
// two chunks per thread are in flight, so memory stays small whatever the layer's size.
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_fast.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

// ogr_geojson.h: OGRGeoJSONDataSource::SPACE_FOR_BBOX.
constexpr std::size_t kSpaceForBBox = 130;
// The furthest longitude transformWithOptions(WRAPDATELINE=YES) leaves untouched whatever the
// rest of the geometry (its date line offset is 10 degrees).
constexpr double kSafeLon = 170.0;

// ---------------------------------------------------------------- bytes ------------------

// A growable byte buffer written through raw pointers: room(n) makes space for n more bytes
// and returns where they go; used(end) sets the size to end.
class Bytes {
public:
    const char* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    void clear() { size_ = 0; }

    [[gnu::always_inline]] char* room(std::size_t n) {
        if (cap_ - size_ < n) grow(n);
        return data_.get() + size_;
    }
    [[gnu::always_inline]] void used(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

    [[gnu::always_inline]] void add(const char* s, std::size_t n) {
        std::memcpy(room(n), s, n);
        size_ += n;
    }
    [[gnu::always_inline]] void add(std::string_view s) { add(s.data(), s.size()); }
    template <std::size_t N>
    [[gnu::always_inline]] void lit(const char (&s)[N]) {
        add(s, N - 1);  // a copy of known size: a few moves
    }
    [[gnu::always_inline]] void add(char c) {
        *room(1) = c;
        ++size_;
    }

private:
    [[gnu::noinline]] void grow(std::size_t n) {
        const std::size_t cap = std::max({cap_ * 2, size_ + n, std::size_t{1} << 16});
        auto bigger = std::make_unique_for_overwrite<char[]>(cap);
        if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        cap_ = cap;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t cap_ = 0;
};

// ---------------------------------------------------------------- numbers ----------------

// Exact decimal conversions for the common ranges, giving the same characters as
// std::to_chars (and printf) with a precision, several times faster; the callers fall back to
// std::to_chars outside those ranges.
__extension__ typedef unsigned __int128 u128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

constexpr std::uint64_t kPow10[] = {1ULL,
                                    10ULL,
                                    100ULL,
                                    1000ULL,
                                    10000ULL,
                                    100000ULL,
                                    1000000ULL,
                                    10000000ULL,
                                    100000000ULL,
                                    1000000000ULL,
                                    10000000000ULL,
                                    100000000000ULL,
                                    1000000000000ULL,
                                    10000000000000ULL,
                                    100000000000000ULL,
                                    1000000000000000ULL,
                                    10000000000000000ULL,
                                    100000000000000000ULL,
                                    1000000000000000000ULL,
                                    10000000000000000000ULL};

// The doubles nearest 10^-4 .. 10^13: kPow10Double[x + 4] for 10^x.
constexpr double kPow10Double[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3, 1e4,
                                   1e5,  1e6,  1e7,  1e8,  1e9, 1e10, 1e11, 1e12, 1e13};

// |v| = m * 2^e for a finite double.
struct Binary {
    std::uint64_t m;
    int e;
    bool negative;
};
Binary decompose(double v) {
    const auto bits = std::bit_cast<std::uint64_t>(v);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
    if (biased == 0) return {fraction, -1074, (bits >> 63) != 0};
    return {fraction | (std::uint64_t{1} << 52), biased - 1075, (bits >> 63) != 0};
}

// num / 2^s rounded half to even (printf's rounding of the exact binary value), s in [0, 127].
u128 shift_round(u128 num, int s) {
    if (s == 0) return num;
    const u128 q = num >> s;
    const u128 rem = num & ((u128{1} << s) - 1);
    const u128 half = u128{1} << (s - 1);
    return (rem > half || (rem == half && (q & 1) != 0)) ? q + 1 : q;
}

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

void digits4(char* out, std::uint32_t v) {  // v < 10^4
    std::memcpy(out, kDigitPairs + 2 * (v / 100), 2);
    std::memcpy(out + 2, kDigitPairs + 2 * (v % 100), 2);
}
void digits8(char* out, std::uint32_t v) {  // v < 10^8
    digits4(out, v / 10000);
    digits4(out + 4, v % 10000);
}
// The 24 decimal digits of v, zero-padded, at out[0..24).
void digits24(char* out, std::uint64_t v) {
    const std::uint64_t hi = v / 100000000;
    digits8(out, static_cast<std::uint32_t>(hi / 100000000));
    digits8(out + 8, static_cast<std::uint32_t>(hi % 100000000));
    digits8(out + 16, static_cast<std::uint32_t>(v % 100000000));
}

// std::to_chars(fixed, 7) for finite |v| < 2^32 at out (room for 32 bytes); nullptr for
// larger values.
char* fixed7(char* out, double v) {
    const Binary b = decompose(v);
    if (b.e > -21) return nullptr;  // m < 2^53, so |v| < 2^32
    const int s = -b.e;
    // m * 10^7 < 2^77: nothing is left from a shift by 100 or more.
    const std::uint64_t n = s < 100 ? static_cast<std::uint64_t>(shift_round(static_cast<u128>(b.m) * kPow10[7], s)) : 0;
    char* p = out;
    if (b.negative) *p++ = '-';
    const std::uint64_t whole = n / kPow10[7];
    const auto fraction = static_cast<std::uint32_t>(n % kPow10[7]);
    if (whole < 10) {
        *p++ = static_cast<char>('0' + whole);
    } else if (whole < 100) {
        std::memcpy(p, kDigitPairs + 2 * whole, 2);
        p += 2;
    } else if (whole < 1000) {
        *p++ = static_cast<char>('0' + whole / 100);
        std::memcpy(p, kDigitPairs + 2 * (whole % 100), 2);
        p += 2;
    } else {
        char d[24];
        digits24(d, whole);
        std::size_t nd = 4;
        while (nd < 24 && whole >= kPow10[nd]) ++nd;
        std::memcpy(p, d + 24 - nd, nd);
        p += nd;
    }
    digits8(p, fraction);  // '0' and the seven decimals (fraction < 10^7)
    *p = '.';
    return p + 8;
}

// std::to_chars(general, P) (printf %.<P>g) for P in [14, 17] and finite v that is 0 or has
// 1e-4 <= |v| < 1e14 (so fixed notation), at out (room for 64 bytes); nullptr otherwise.
template <int P>
char* general(char* out, double v) {
    static_assert(P >= 14 && P <= 17);
    char* p = out;
    if (v == 0) {
        if (std::signbit(v)) *p++ = '-';
        *p++ = '0';
        return p;
    }
    const double a = std::fabs(v);
    if (!(a >= 1e-4 && a < 1e14)) return nullptr;
    const Binary b = decompose(v);
    const int s = -b.e;  // a < 2^47 and a >= 2^-14, so s is in [6, 66]
    // x: the decimal exponent, floor(log10(a)): floor(log2(a)) * log10(2) is x or x - 1, and
    // the doubles nearest 10^-4 .. 10^13 compare with a as the exact powers would (those
    // below 1 lie above the exact value, the others are exact).
    int x = ((63 - std::countl_zero(b.m) + b.e) * 78913) >> 18;
    if (x < 13 && a >= kPow10Double[x + 5]) ++x;
    if (P - 1 - x > 19) return nullptr;  // 10^20 is past kPow10
    const u128 num = static_cast<u128>(b.m) * kPow10[P - 1 - x];  // < 2^53 * 10^19 < 2^117
    std::uint64_t n = static_cast<std::uint64_t>(shift_round(num, s));
    if (n == kPow10[P]) {  // rounded up to the next power of ten
        n = kPow10[P - 1];
        ++x;
    }
    if (x >= P) return nullptr;  // %g would use exponent notation
    if (b.negative) *p++ = '-';
    char d[48] = {};  // digits in d[0..24); the rest lets the fixed-size copies below read on
    digits24(d, n);
    const char* digs = d + 24 - P;  // the P significant digits
    int last = P;                   // %g drops trailing zeros after the point, and a bare point
    if (x >= 0) {
        const int int_digits = x + 1;
        while (last > int_digits && digs[last - 1] == '0') --last;
        std::memcpy(p, digs, P);  // the whole part, and more
        if (last == int_digits) return p + int_digits;
        std::memcpy(p + int_digits + 1, digs + int_digits, P);  // the decimals, and more
        p[int_digits] = '.';
        return p + last + 1;
    }
    while (digs[last - 1] == '0') --last;
    std::memcpy(p, "0.000", 5);
    p += 1 - x;  // "0." and -x - 1 zeros
    std::memcpy(p, digs, P);
    return p + last;
}

// ogrutils.cpp roundup(): adds one to the last digit of the decimal s[0..n), carrying; a carry
// out of the first digit prepends a 1. Returns the new length (s has room for one more).
std::size_t round_up(char* s, std::size_t n) {
    const std::size_t first = s[0] == '-' ? 1 : 0;
    for (std::size_t pos = n; pos-- > first;) {
        if (s[pos] == '.') continue;
        if (s[pos] != '9') {
            ++s[pos];
            return n;
        }
        s[pos] = '0';
    }
    std::memmove(s + first + 1, s + first, n - first);
    s[first] = '1';
    return n + 1;
}

// ogrutils.cpp intelliround() on the fixed-notation s[0..n), then removeTrailingZeros().
// Returns the new length.
std::size_t intelliround_and_trim(char* s, std::size_t n) {
    const char* dot_at = static_cast<const char*>(std::memchr(s, '.', n));
    if (dot_at == nullptr) return n;
    const std::size_t dot = static_cast<std::size_t>(dot_at - s);
    const std::size_t i = n;
    if (i > 10) {
        std::size_t before = dot - 1;  // GDAL's nCountBeforeDot
        if (s[0] == '-') --before;
        auto all = [&](char c) {  // s[i-2] .. s[i-6]
            for (std::size_t k = 2; k <= 6; ++k)
                if (s[i - k] != c) return false;
            return true;
        };
        auto long_run = [&](char c) {
            return (before >= 4 || s[i - 3] == c) && (before >= 5 || s[i - 4] == c) && (before >= 6 || s[i - 5] == c) &&
                   (before >= 7 || s[i - 6] == c) && (before >= 8 || s[i - 7] == c) && s[i - 8] == c && s[i - 9] == c;
        };
        if (all('0')) n = i - 1;
        else if (dot < i - 8 && long_run('0')) n = i - 8;
        else if (all('9')) n = round_up(s, i - 6);
        else if (dot < i - 9 && long_run('9')) n = round_up(s, i - 9);
    }
    while (n > 0 && s[n - 1] == '0') --n;
    if (n > 0 && s[n - 1] == '.') s[n++] = '0';
    return n;
}

// A coordinate or bbox value: OGR_json_double_with_precision_to_string with precision 7.
void append_coord(Bytes& out, double v) {
    if (std::isnan(v)) {
        out.lit("nan");
        return;
    }
    if (std::isinf(v)) {
        if (v > 0) out.lit("inf");
        else out.lit("-inf");
        return;
    }
    char* const buf = out.room(400);
    if (std::fabs(v) > 1e50) {
        out.used(std::to_chars(buf, buf + 400, v, std::chars_format::general, 18).ptr);
        return;
    }
    char* end = fixed7(buf, v);
    if (end == nullptr) end = std::to_chars(buf, buf + 399, v, std::chars_format::fixed, 7).ptr;
    const std::size_t n = static_cast<std::size_t>(end - buf);
    // The common case needs no rounding: at most ten characters, or fraction digits 2..6
    // neither all 0 nor all 9.
    bool simple = n <= 10;
    if (!simple) {
        bool zeros = true, nines = true;
        for (std::size_t k = 2; k <= 6; ++k) {
            zeros = zeros && buf[n - k] == '0';
            nines = nines && buf[n - k] == '9';
        }
        simple = !zeros && !nines;
    }
    if (simple) {
        std::size_t last = n;
        while (buf[last - 1] == '0') --last;
        if (buf[last - 1] == '.') ++last;  // keep one zero after the point
        out.used(buf + last);
        return;
    }
    out.used(buf + intelliround_and_trim(buf, n));
}

// Whether s has six 9s or six 0s in a row at or after from.
bool has_run(std::string_view s, std::size_t from) {
    if (from == std::string_view::npos) return false;
    int run = 0;
    char prev = 0;
    for (std::size_t i = from; i < s.size(); ++i) {
        const char c = s[i];
        if (c != '0' && c != '9') run = 0;
        else if (c == prev) ++run;
        else run = 1;
        if (run == 6) return true;
        prev = c;
    }
    return false;
}

std::size_t find_char(std::string_view s, char c) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == c) return i;
    return std::string_view::npos;
}

// A finite real property: OGR_json_double_with_significant_figures_to_string (17 digits).
void append_real(Bytes& out, double v) {
    char buf[64];
    auto print = [&](int digits) {
        char* end = nullptr;
        switch (digits) {
            case 17: end = general<17>(buf, v); break;
            case 16: end = general<16>(buf, v); break;
            case 15: end = general<15>(buf, v); break;
            case 14: end = general<14>(buf, v); break;
        }
        if (end == nullptr) end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits).ptr;
        return std::string_view(buf, static_cast<std::size_t>(end - buf));
    };
    std::string_view s = print(17);
    if (has_run(s, find_char(s, '.'))) {
        bool ok = false;
        for (int digits = 16; digits >= 14 && !ok; --digits) {
            s = print(digits);
            const std::size_t dot = find_char(s, '.');
            ok = dot != std::string_view::npos && !has_run(s, dot);
        }
        if (!ok) s = print(17);
    }
    out.add(s);
    if (find_char(s, '.') == std::string_view::npos && find_char(s, 'e') == std::string_view::npos) out.lit(".0");
}

void append_int(Bytes& out, std::int64_t v) {
    char* const p = out.room(24);
    out.used(std::to_chars(p, p + 24, v).ptr);
}

// ---------------------------------------------------------------- strings ----------------

// The bytes json_escape_str escapes (control characters, '"' and '\\'), and NUL, where OGR's C
// string ends.
constexpr std::array<bool, 256> kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

// Whether one of the 8 bytes in w is below 0x20, '"' or '\\' (bit tricks: a byte of w ^ c
// is zero where w has c; hasless and haszero are exact about whether any byte matches).
bool any_escaped(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [&](std::uint64_t x) { return (x - ones) & ~x & highs; };
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

// json-c's json_escape_str with JSON_C_TO_STRING_NOSLASHESCAPE, on the C string in s[0..n)
// (up to the first NUL, or n).
void append_escaped(Bytes& out, const char* s, std::size_t n) {
    static constexpr char hex[] = "0123456789abcdef";
    char* p = out.room(6 * n);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {  // eight bytes at a time while none needs escaping
        std::uint64_t w;
        std::memcpy(&w, s + i, 8);
        if (any_escaped(w)) break;
        std::memcpy(p, &w, 8);
        p += 8;
    }
    for (; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (!kEscaped[c]) {
            *p++ = static_cast<char>(c);
            continue;
        }
        if (c == 0) break;
        *p++ = '\\';
        switch (c) {
            case '\b': *p++ = 'b'; break;
            case '\n': *p++ = 'n'; break;
            case '\r': *p++ = 'r'; break;
            case '\t': *p++ = 't'; break;
            case '\f': *p++ = 'f'; break;
            case '"': *p++ = '"'; break;
            case '\\': *p++ = '\\'; break;
            default: {
                const char u[5] = {'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                std::memcpy(p, u, 5);
                p += 5;
            }
        }
    }
    out.used(p);
}

// What OGR sees of a string: the C string, up to the first NUL.
std::string_view c_string(const std::string& s) {
    const void* nul = std::memchr(s.data(), '\0', s.size());
    return {s.data(), nul == nullptr ? s.size() : static_cast<std::size_t>(static_cast<const char*>(nul) - s.data())};
}

// A string the driver parses as JSON: {...} or [...] (as OGR sees it).
bool looks_like_json(const std::string& s) {
    if (s.empty() || (s.front() != '{' && s.front() != '[')) return false;
    const std::string_view v = c_string(s);
    return (v.front() == '{' && v.back() == '}') || (v.front() == '[' && v.back() == ']');
}

// What the driver writes for a string property that may parse as JSON: its own output for a
// one-feature layer in memory, cut out of the properties object.
std::string driver_string_value(const char* value, const fs::path& file) {
    static std::atomic<unsigned long> counter{0};
    gdal::init();
    std::string name = "/vsimem/corridor-geojson-fast-";
    name += std::to_string(counter++);
    name += ".geojson";
    {
        gdal::QuietErrors quiet;
        auto ds = gdal::create_vector("GeoJSON", name);
        const char* opts[] = {"WRITE_NAME=NO", nullptr};
        OGRLayer* layer = ds->CreateLayer("v", nullptr, wkbNone, const_cast<char**>(opts));
        OGRFieldDefn fd("v", OFTString);
        if (layer == nullptr || layer->CreateField(&fd) != OGRERR_NONE)
            throw output_error({file.string(), "", ""}, "cannot write a property: " + gdal::last_error());
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField(0, value);
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw output_error({file.string(), "", ""}, "cannot write a property: " + gdal::last_error());
    }
    vsi_l_offset len = 0;
    GByte* data = VSIGetMemFileBuffer(name.c_str(), &len, TRUE);
    const std::string text(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    CPLFree(data);
    const std::string head = "\"properties\": { \"v\": ";
    const std::string tail = " }, \"geometry\": null }";
    const std::size_t from = text.find(head);
    const std::size_t to = text.rfind(tail);
    if (from == std::string::npos || to == std::string::npos || to < from + head.size())
        throw output_error({file.string(), "", ""}, "internal: unexpected GeoJSON driver output for a property");
    return text.substr(from + head.size(), to - from - head.size());
}

// ---------------------------------------------------------------- cells ------------------

int clamp_int(std::int64_t v) {
    return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : static_cast<int>(v);
}
int clamp_int(double v) {
    if (std::isnan(v)) return INT_MIN;
    return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : static_cast<int>(v);
}

// OGRFeature::SetField converting a cell into an integer field.
int as_int(const Cell& c) {
    if (const bool* b = std::get_if<bool>(&c)) return *b ? 1 : 0;
    if (const auto* i = std::get_if<std::int64_t>(&c)) return clamp_int(*i);
    if (const double* d = std::get_if<double>(&c)) return clamp_int(*d);
    const std::string& s = std::get<std::string>(c);
    const long long v = std::strtoll(s.c_str(), nullptr, 10);
    return clamp_int(static_cast<std::int64_t>(v));
}

// OGRFeature::SetField converting a cell into an Integer64 field: nothing clamped below int64.
std::int64_t as_int64(const Cell& c) {
    if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
    if (const double* d = std::get_if<double>(&c)) {
        if (std::isnan(*d)) return std::numeric_limits<std::int64_t>::min();
        if (*d >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
        return *d <= -9.2233720368547758e18 ? std::numeric_limits<std::int64_t>::min() : static_cast<std::int64_t>(*d);
    }
    if (const auto* s = std::get_if<std::string>(&c)) return std::strtoll(s->c_str(), nullptr, 10);
    return as_int(c);  // bool
}

double as_real(const Cell& c) {
    if (const bool* b = std::get_if<bool>(&c)) return *b ? 1.0 : 0.0;
    if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
    if (const double* d = std::get_if<double>(&c)) return *d;
    return CPLAtof(std::get<std::string>(c).c_str());
}

// ---------------------------------------------------------------- extents ----------------

// ogrgeojsonwriter.cpp OGRGeoJSONGetBBox: a collection split at the date line gets a bbox
// whose west edge is greater than its east edge.
OGREnvelope rfc7946_bbox(const OGRGeometry& geom) {
    OGREnvelope env;
    geom.getEnvelope(&env);
    constexpr double eps = 1e-7;
    if (!OGR_GT_IsSubClassOf(wkbFlatten(geom.getGeometryType()), wkbGeometryCollection)) return env;
    const OGRGeometryCollection* gc = geom.toGeometryCollection();
    if (gc->getNumGeometries() < 2 || std::fabs(env.MinX + 180.0) >= eps || std::fabs(env.MaxX - 180.0) >= eps) return env;
    double west = -180.0, east = 180.0;
    bool west_set = false, east_set = false;
    for (const OGRGeometry* part : *gc) {
        if (part->IsEmpty()) continue;
        OGREnvelope pe;
        part->getEnvelope(&pe);
        const bool minus180 = std::fabs(pe.MinX + 180.0) < eps;
        const bool plus180 = std::fabs(pe.MaxX - 180.0) < eps;
        if (minus180 && !plus180) {
            if (pe.MaxX > east || !east_set) {
                east_set = true;
                east = pe.MaxX;
            }
        } else if (plus180 && !minus180) {
            if (pe.MinX < west || !west_set) {
                west_set = true;
                west = pe.MinX;
            }
        } else if (!minus180 && !plus180) {
            if (pe.MinX > 0 && (pe.MinX < west || !west_set)) {
                west_set = true;
                west = pe.MinX;
            } else if (pe.MaxX < 0 && (pe.MaxX > east || !east_set)) {
                east_set = true;
                east = pe.MaxX;
            }
        }
    }
    env.MinX = west;
    env.MaxX = east;
    return env;
}

// OGRGeoJSONWriteLayer::ICreateFeature: the layer extent with RFC 7946 date line rules. The
// result depends on the order of the features, so the writer merges them in file order.
void merge(OGREnvelope& l, const OGREnvelope& e) {
    if (!l.IsInit()) {
        l = e;
        return;
    }
    const bool e_cross = e.MinX > e.MaxX;
    const bool l_cross = l.MinX > l.MaxX;
    if (e_cross) {
        if (l_cross) {
            l.MinX = std::min(l.MinX, e.MinX);
            l.MaxX = std::max(l.MaxX, e.MaxX);
        } else if (l.MinX > 0) {
            l.MinX = std::min(l.MinX, e.MinX);
            l.MaxX = e.MaxX;
        } else if (l.MaxX < 0) {
            l.MaxX = std::max(l.MaxX, e.MaxX);
            l.MinX = e.MinX;
        } else {
            l.MinX = -180.0;
            l.MaxX = 180.0;
        }
    } else if (l_cross) {
        if (e.MinX > 0) {
            l.MinX = std::min(l.MinX, e.MinX);
        } else if (e.MaxX < 0) {
            l.MaxX = std::max(l.MaxX, e.MaxX);
        } else {
            l.MinX = -180.0;
            l.MaxX = 180.0;
        }
    } else {
        l.MinX = std::min(l.MinX, e.MinX);
        l.MaxX = std::max(l.MaxX, e.MaxX);
    }
    l.MinY = std::min(l.MinY, e.MinY);
    l.MaxY = std::max(l.MaxY, e.MaxY);
}

// ---------------------------------------------------------------- features ---------------

struct Column {
    FieldType type;
    std::string key;                  // `"name": `
    std::array<char, 48> padded{};    // key, then zeros: copied whole when the key fits
};

// What every formatter shares, read-only: the table, the file (for messages) and the columns.
struct Layout {
    Layout(const Table& t, const fs::path& p) : table(t), path(p) {
        std::vector<std::string> seen;
        for (const auto& def : t.fields) {
            const std::string_view name = c_string(def.name);  // OGR sees the C string
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            seen.emplace_back(name);
            Bytes key;
            key.add('"');
            append_escaped(key, def.name.data(), def.name.size());
            key.lit("\": ");
            Column col{def.type, std::string(key.data(), key.size()), {}};
            std::memcpy(col.padded.data(), key.data(), std::min(key.size(), col.padded.size()));
            columns.push_back(std::move(col));
        }
    }

    [[noreturn]] void fail(const std::string& message, const std::string& feature = "") const {
        throw output_error({path.string(), feature, ""}, message);
    }

    const Table& table;
    const fs::path& path;
    std::vector<Column> columns;
};

// Features [begin, end) as text (each but the layer's first after ",\n"), and the extent of
// each feature that has one, in order.
struct Chunk {
    Bytes text;
    std::vector<OGREnvelope> extents;

    void clear() {
        text.clear();
        extents.clear();
    }
};

// Formats features; one per thread (its own row buffer and transformation cache). Reads the
// table through its const accessors only.
class Formatter {
public:
    explicit Formatter(const Layout& layout) : layout_(layout), table_(layout.table) {}

    void format(std::size_t begin, std::size_t end, Chunk& chunk) {
        Bytes& out = chunk.text;
        for (std::size_t r = begin; r < end; ++r) {
            table_.row_at(r, row_);
            if (row_.size() < table_.fields.size())
                layout_.fail("internal: fewer cells than fields", std::string("#").append(std::to_string(r + 1)));
            if (r > 0) out.lit(",\n");
            out.lit("{ \"type\": \"Feature\", \"properties\": {");
            properties(out);
            out.lit(" }, ");
            geometry(r, chunk);
            out.lit(" }");
        }
    }

private:
    void properties(Bytes& out) {
        bool first = true;
        const auto& columns = layout_.columns;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const Cell& cell = row_[k];
            const Column& col = columns[k];
            const bool null = std::holds_alternative<std::monostate>(cell);
            double real = 0;
            if (!null && col.type == FieldType::real) {
                real = as_real(cell);
                if (!std::isfinite(real)) continue;  // the driver skips NaN and infinity
            }
            if (first) out.add(' ');
            else out.lit(", ");
            first = false;
            if (col.key.size() <= col.padded.size()) {  // a copy of known size, then the size
                char* p = out.room(col.padded.size());
                std::memcpy(p, col.padded.data(), col.padded.size());
                out.used(p + col.key.size());
            } else {
                out.add(col.key);
            }
            if (null) {
                out.lit("null");
                continue;
            }
            switch (col.type) {
                case FieldType::real: append_real(out, real); break;
                case FieldType::integer: append_int(out, as_int(cell)); break;
                case FieldType::integer64: append_int(out, as_int64(cell)); break;
                case FieldType::boolean:
                    if (as_int(cell) != 0) out.lit("true");
                    else out.lit("false");
                    break;
                case FieldType::string: string_value(out, cell); break;
            }
        }
    }

    void string_value(Bytes& out, const Cell& cell) {
        if (const auto* s = std::get_if<std::string>(&cell)) {
            if (looks_like_json(*s)) {
                out.add(driver_string_value(s->c_str(), layout_.path));
                return;
            }
            out.add('"');
            append_escaped(out, s->data(), s->size());
            out.add('"');
            return;
        }
        // OGRFeature::SetField(int / GIntBig / double) into a string field.
        char tmp[64];
        if (const bool* b = std::get_if<bool>(&cell)) CPLsnprintf(tmp, sizeof tmp, "%d", *b ? 1 : 0);
        else if (const auto* i = std::get_if<std::int64_t>(&cell)) CPLsnprintf(tmp, sizeof tmp, CPL_FRMT_GIB, static_cast<GIntBig>(*i));
        else CPLsnprintf(tmp, sizeof tmp, "%.16g", std::get<double>(cell));
        out.add('"');
        append_escaped(out, tmp, std::strlen(tmp));
        out.add('"');
    }

    static bool untouched(const LonLat& p) {
        return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -kSafeLon && p.lon <= kSafeLon && p.lat >= -90.0 &&
               p.lat <= 90.0;
    }

    static void point_json(Bytes& out, const LonLat& p) {
        out.lit("[ ");
        append_coord(out, p.lon);
        out.lit(", ");
        append_coord(out, p.lat);
        out.lit(" ]");
    }

    static void bbox_json(Bytes& out, const OGREnvelope& e) {
        out.lit("\"bbox\": [ ");
        append_coord(out, e.MinX);
        out.lit(", ");
        append_coord(out, e.MinY);
        out.lit(", ");
        append_coord(out, e.MaxX);
        out.lit(", ");
        append_coord(out, e.MaxY);
        out.lit(" ], ");
    }

    void geometry(std::size_t r, Chunk& chunk) {
        Bytes& out = chunk.text;
        if (table_.geom == GeomType::none) {
            out.lit("\"geometry\": null");
            return;
        }
        const std::span<const LonLat> coords = table_.geometry_at(r);
        if (table_.geom == GeomType::point) {
            if (coords.empty()) throw std::out_of_range("a point without a coordinate");
            const LonLat& p = coords[0];
            if (!untouched(p)) return through_gdal(r, coords, chunk);
            OGREnvelope e;
            e.MinX = e.MaxX = p.lon;
            e.MinY = e.MaxY = p.lat;
            bbox_json(out, e);
            out.lit("\"geometry\": { \"type\": \"Point\", \"coordinates\": ");
            point_json(out, p);
            out.lit(" }");
            chunk.extents.push_back(e);
            return;
        }
        if (!std::all_of(coords.begin(), coords.end(), untouched)) return through_gdal(r, coords, chunk);
        if (!coords.empty()) {
            OGREnvelope e;
            e.MinX = e.MaxX = coords[0].lon;
            e.MinY = e.MaxY = coords[0].lat;
            for (const auto& p : coords) {
                e.MinX = std::min(e.MinX, p.lon);
                e.MaxX = std::max(e.MaxX, p.lon);
                e.MinY = std::min(e.MinY, p.lat);
                e.MaxY = std::max(e.MaxY, p.lat);
            }
            bbox_json(out, e);
            chunk.extents.push_back(e);
        }
        out.lit("\"geometry\": { \"type\": \"LineString\", \"coordinates\": [");
        for (std::size_t k = 0; k < coords.size(); ++k) {
            if (k == 0) out.add(' ');
            else out.lit(", ");
            point_json(out, coords[k]);
        }
        out.lit(" ] }");
    }

    // A geometry the date line wrapping may change, or non-finite: GDAL's own steps.
    void through_gdal(std::size_t r, std::span<const LonLat> coords, Chunk& chunk) {
        std::unique_ptr<OGRGeometry> src;
        if (table_.geom == GeomType::point) {
            src = std::make_unique<OGRPoint>(coords[0].lon, coords[0].lat);  // geometry() checked it is there
        } else {
            auto line = std::make_unique<OGRLineString>();
            line->setNumPoints(static_cast<int>(coords.size()));
            for (std::size_t k = 0; k < coords.size(); ++k) line->setPoint(static_cast<int>(k), coords[k].lon, coords[k].lat);
            src = std::move(line);
        }
        std::string feature = "#";
        feature += std::to_string(r + 1);
        gdal::QuietErrors quiet;
        const char* wrap[] = {"WRAPDATELINE=YES", nullptr};
        std::unique_ptr<OGRGeometry> geom(
            OGRGeometryFactory::transformWithOptions(src.get(), nullptr, const_cast<char**>(wrap), cache_));
        if (geom == nullptr) layout_.fail("cannot write a feature: " + gdal::last_error(), feature);
        OGREnvelope e;
        geom->getEnvelope(&e);
        if (e.MinX < -180.0 || e.MaxX > 180.0 || e.MinY < -90.0 || e.MaxY > 90.0)
            layout_.fail("cannot write a feature: Geometry extent outside of [-180.0,180.0]x[-90.0,90.0] bounds", feature);
        const bool empty = geom->IsEmpty();
        if (!empty) {
            e = rfc7946_bbox(*geom);
            bbox_json(chunk.text, e);
        }
        const char* opts[] = {"COORDINATE_PRECISION=7", nullptr};
        char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geom.get()), const_cast<char**>(opts));
        chunk.text.lit("\"geometry\": ");
        if (json != nullptr) chunk.text.add(std::string_view(json));
        else chunk.text.lit("null");
        CPLFree(json);
        if (!empty) chunk.extents.push_back(e);
    }

    const Layout& layout_;
    const Table& table_;
    std::vector<Cell> row_;
    OGRGeometryFactory::TransformWithOptionsCache cache_;
};

// ---------------------------------------------------------------- chunks in order --------

// Formats the chunks of a layer on worker threads, at most two per thread ahead of the one the
// caller writes next, and hands them to the caller in order. A worker's exception is kept with
// its chunk and rethrown to the caller when that chunk's turn comes; the caller formats a chunk
// itself when no worker has taken it (so it also works without any thread).
class Pipeline {
public:
    Pipeline(const Layout& layout, std::size_t rows, unsigned threads)
        : layout_(layout), rows_(rows), chunks_((rows + kGeoJsonChunkFeatures - 1) / kGeoJsonChunkFeatures),
          slots_(2 * std::size_t{threads}) {
        workers_.reserve(threads);  // so that emplace_back throws only when a thread cannot start
        for (unsigned t = 0; t < threads; ++t) {
            try {
                workers_.emplace_back([this] { work(); });
            } catch (...) {
                break;  // fewer threads: the caller formats the chunks nobody takes
            }
        }
    }
    ~Pipeline() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        space_.notify_all();
        // workers_ is the last member: its threads are joined before the rest goes.
    }
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Calls write(chunk) for every chunk in order.
    template <class Write>
    void drain(Write&& write) {
        Formatter own(layout_);
        for (std::size_t c = 0; c < chunks_; ++c) {
            Slot& slot = slots_[c % slots_.size()];
            bool mine = false;
            {
                std::unique_lock lock(mutex_);
                if (next_claim_ == c) {
                    ++next_claim_;
                    mine = true;
                } else {
                    ready_.wait(lock, [&] { return slot.ready || failure_; });
                    if (!slot.ready) std::rethrow_exception(failure_);
                }
            }
            if (mine) fill(own, c, slot.chunk);
            else if (slot.error) std::rethrow_exception(slot.error);
            write(slot.chunk);
            slot.chunk.clear();
            {
                std::lock_guard lock(mutex_);
                slot.ready = false;
                next_write_ = c + 1;
            }
            space_.notify_all();
        }
    }

private:
    struct Slot {
        Chunk chunk;
        std::exception_ptr error;
        bool ready = false;
    };

    void fill(Formatter& f, std::size_t c, Chunk& chunk) const {
        const std::size_t begin = c * kGeoJsonChunkFeatures;
        f.format(begin, std::min(rows_, begin + kGeoJsonChunkFeatures), chunk);
    }

    void work() noexcept {
        try {
            Formatter f(layout_);
            for (;;) {
                std::size_t c = 0;
                {
                    std::unique_lock lock(mutex_);
                    space_.wait(lock, [&] {
                        return stopping_ || next_claim_ >= chunks_ || next_claim_ < next_write_ + slots_.size();
                    });
                    if (stopping_ || next_claim_ >= chunks_) return;
                    c = next_claim_++;
                }
                Slot& slot = slots_[c % slots_.size()];
                try {
                    fill(f, c, slot.chunk);
                } catch (...) {
                    slot.error = std::current_exception();
                }
                {
                    std::lock_guard lock(mutex_);
                    slot.ready = true;
                }
                ready_.notify_all();
            }
        } catch (...) {
            {
                std::lock_guard lock(mutex_);
                if (!failure_) failure_ = std::current_exception();
                stopping_ = true;
            }
            ready_.notify_all();
            space_.notify_all();
        }
    }

    const Layout& layout_;
    const std::size_t rows_;
    const std::size_t chunks_;
    std::vector<Slot> slots_;  // chunk c in slots_[c % size]
    std::mutex mutex_;
    std::condition_variable ready_;  // a slot is ready, or a worker failed
    std::condition_variable space_;  // a slot was written, or stopping
    std::size_t next_claim_ = 0;     // the next chunk to format
    std::size_t next_write_ = 0;     // the next chunk to write
    bool stopping_ = false;
    std::exception_ptr failure_;  // a worker failed outside any chunk
    std::vector<std::jthread> workers_;
};

// ---------------------------------------------------------------- the file ---------------

class Writer {
public:
    Writer(const Table& table, const fs::path& path) : layout_(table, path) {}
    // Writes into *text instead of a file; path only names the layer in errors.
    Writer(const Table& table, const fs::path& path, std::string* text) : layout_(table, path), text_(text) {}
    ~Writer() {
        if (fp_ != nullptr) {
            std::fclose(fp_);
            std::error_code ec;
            fs::remove(layout_.path, ec);
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void run(unsigned threads) {
        if (text_ != nullptr) {
            text_->clear();
        } else {
            fp_ = std::fopen(layout_.path.c_str(), "wb");
            if (fp_ == nullptr) fail_errno();
        }
        std::string head = "{\n\"type\": \"FeatureCollection\",\n";
        const long bbox_at = static_cast<long>(head.size());
        head.append(kSpaceForBBox + 1, ' ');
        head += "\n\"features\": [\n";
        put(head.data(), head.size());

        const std::size_t rows = layout_.table.size();
        const std::size_t chunks = (rows + kGeoJsonChunkFeatures - 1) / kGeoJsonChunkFeatures;
        OGREnvelope extent;
        auto write = [&](const Chunk& chunk) {
            put(chunk.text.data(), chunk.text.size());
            for (const OGREnvelope& e : chunk.extents) merge(extent, e);
        };
        if (threads <= 1 || chunks <= 1) {
            Formatter f(layout_);
            Chunk chunk;
            for (std::size_t begin = 0; begin < rows; begin += kGeoJsonChunkFeatures) {
                chunk.clear();
                f.format(begin, std::min(rows, begin + kGeoJsonChunkFeatures), chunk);
                write(chunk);
            }
        } else {
            Pipeline(layout_, rows, static_cast<unsigned>(std::min<std::size_t>(threads, chunks))).drain(write);
        }

        std::string tail = "\n]";
        if (extent.IsInit()) {
            // CPLSPrintf: the driver's own %.7f
            const std::string bbox = fmt::format("[ {}, {}, {}, {} ]", CPLSPrintf("%.7f", extent.MinX), CPLSPrintf("%.7f", extent.MinY),
                                                 CPLSPrintf("%.7f", extent.MaxX), CPLSPrintf("%.7f", extent.MaxY));
            if (bbox.size() + 9 < kSpaceForBBox) {
                const std::string member = fmt::format("\"bbox\": {},", bbox);
                put(tail.data(), tail.size());
                tail.clear();
                if (text_ != nullptr) {
                    text_->replace(static_cast<std::size_t>(bbox_at), member.size(), member);
                } else {
                    if (std::fseek(fp_, bbox_at, SEEK_SET) != 0) fail_errno();
                    put(member.data(), member.size());
                    if (std::fseek(fp_, 0, SEEK_END) != 0) fail_errno();
                }
            } else {
                tail += fmt::format(",\n\"bbox\": {}", bbox);
            }
        }
        tail += "\n}\n";
        put(tail.data(), tail.size());
        if (text_ != nullptr) return;
        FILE* fp = fp_;
        fp_ = nullptr;
        if (std::fclose(fp) != 0) {
            const int err = errno;
            std::error_code ec;
            fs::remove(layout_.path, ec);
            errno = err;
            fail_errno();
        }
    }

private:
    [[noreturn]] void fail_errno() const { layout_.fail(fmt::format("cannot write: {}", std::strerror(errno))); }

    void put(const char* data, std::size_t n) {
        if (text_ != nullptr) text_->append(data, n);
        else if (n > 0 && std::fwrite(data, 1, n, fp_) != n) fail_errno();
    }

    Layout layout_;
    std::FILE* fp_ = nullptr;
    std::string* text_ = nullptr;  // in-memory output when set (then fp_ stays null)
};

}  // namespace

void write_geojson_fast(const Table& table, const fs::path& path, unsigned threads) {
    if (!table.make_row && table.geom != GeomType::none && table.rows.size() != table.geometries.size())
        throw output_error({path.string(), "", ""}, "internal: rows and geometries differ in number");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    Writer(table, path).run(threads);
}

std::string geojson_text(const Table& table, unsigned threads) {
    const fs::path name = table.name + ".geojson";
    if (!table.make_row && table.geom != GeomType::none && table.rows.size() != table.geometries.size())
        throw output_error({name.string(), "", ""}, "internal: rows and geometries differ in number");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    std::string text;
    Writer(table, name, &text).run(threads);
    return text;
}

}  // namespace corridor::io
