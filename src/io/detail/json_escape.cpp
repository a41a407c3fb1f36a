// Strings as json-c escapes them: eight bytes at a time while none needs escaping.
#include "corridor/io/detail/json_escape.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace corridor::io::detail {
namespace {

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

}  // namespace

char* escape_json(char* p, const char* s, std::size_t n) {
    static constexpr char hex[] = "0123456789abcdef";
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
            case '\b':
                *p++ = 'b';
                break;
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            case '\f':
                *p++ = 'f';
                break;
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            default: {
                const char u[5] = {'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                std::memcpy(p, u, 5);
                p += 5;
            }
        }
    }
    return p;
}

std::string json_c_string(std::string_view s) {
    std::string escaped(escaped_room(s.size()), '\0');
    escaped.resize(static_cast<std::size_t>(escape_json(escaped.data(), s.data(), s.size()) - escaped.data()));
    std::string out = "\"";
    for (const char c : escaped) {  // no escape sequence holds a '/'
        if (c == '/') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

std::string_view c_string(const std::string& s) {
    const void* nul = std::memchr(s.data(), '\0', s.size());
    return {s.data(), nul == nullptr ? s.size() : static_cast<std::size_t>(static_cast<const char*>(nul) - s.data())};
}

}  // namespace corridor::io::detail
