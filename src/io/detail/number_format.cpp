// Numbers as GDAL 3.6's GeoJSON driver prints them. GDAL goes through printf ("%.7f" for
// coordinates, "%.17g" for reals) and then OGR's own rules on the characters; the exact
// decimal conversions below give the same characters as printf (and std::to_chars with a
// precision) for the common ranges, several times faster, and fall back to std::to_chars
// outside them. Neither depends on the locale.
#include "corridor/io/detail/number_format.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

namespace corridor::io::detail {
namespace {

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
constexpr double kPow10Double[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,  1e2,  1e3,  1e4,
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
    const std::uint64_t n =
        s < 100 ? static_cast<std::uint64_t>(shift_round(static_cast<u128>(b.m) * kPow10[7], s)) : 0;
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
    if (P - 1 - x > 19) return nullptr;                           // 10^20 is past kPow10
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

template <std::size_t N>
char* copy(char* out, const char (&s)[N]) {
    std::memcpy(out, s, N - 1);
    return out + N - 1;
}

// general<P> for the P among Ps that digits is (direct calls: one per coordinate written).
template <int... Ps>
char* general_of(char* out, double v, int digits, std::integer_sequence<int, Ps...>) {
    char* end = nullptr;
    ((digits == Ps && (end = general<Ps>(out, v), true)) || ...);
    return end;
}

// printf "%.<digits>g" at out: the digit counts the writers ask for unrolled (general<N>),
// the rest, and what general cannot print, through std::to_chars.
char* print_general(char* out, double v, int digits) {
    char* end = general_of(out, v, digits, std::integer_sequence<int, 17, 16, 15, 14>{});
    if (end == nullptr) end = std::to_chars(out, out + kRealRoom - 2, v, std::chars_format::general, digits).ptr;
    return end;
}

}  // namespace

char* format_coordinate(char* buf, double v) {
    if (std::isnan(v)) return copy(buf, "nan");
    if (std::isinf(v)) return v > 0 ? copy(buf, "inf") : copy(buf, "-inf");
    if (std::fabs(v) > 1e50) return std::to_chars(buf, buf + kCoordinateRoom, v, std::chars_format::general, 18).ptr;
    char* end = fixed7(buf, v);
    if (end == nullptr) end = std::to_chars(buf, buf + kCoordinateRoom - 1, v, std::chars_format::fixed, 7).ptr;
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
    if (!simple) return buf + intelliround_and_trim(buf, n);
    std::size_t last = n;
    while (buf[last - 1] == '0') --last;
    if (buf[last - 1] == '.') ++last;  // keep one zero after the point
    return buf + last;
}

char* format_real(char* out, double v) {
    char* end = print_general(out, v, 17);
    auto text = [&] { return std::string_view(out, static_cast<std::size_t>(end - out)); };
    if (has_run(text(), find_char(text(), '.'))) {
        bool ok = false;
        for (int digits = 16; digits >= 14 && !ok; --digits) {
            end = print_general(out, v, digits);
            const std::size_t dot = find_char(text(), '.');
            ok = dot != std::string_view::npos && !has_run(text(), dot);
        }
        if (!ok) end = print_general(out, v, 17);
    }
    if (find_char(text(), '.') == std::string_view::npos && find_char(text(), 'e') == std::string_view::npos)
        end = copy(end, ".0");
    return end;
}

}  // namespace corridor::io::detail
