#include "corridor/text/numbers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

namespace corridor {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 25> kWords{{
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
    {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
    {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"hundred", 100}, {"dozen", 12},
}};

constexpr std::array<std::pair<std::string_view, double>, 4> kScales{{
    {"thousand", 1e3},
    {"million", 1e6},
    {"billion", 1e9},
    {"trillion", 1e12},
}};

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The word starting at pos (letters only), lowercased.
std::string word_at(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size() && is_alpha(text[end])) ++end;
    return lower(text.substr(pos, end - pos));
}

std::optional<double> word_value(const std::string& w) {
    for (const auto& [name, v] : kWords) {
        if (w == name) return v;
        // "tenfold", "twofold": a multiple stated in words
        if (w.size() == name.size() + 4 && w.compare(0, name.size(), name) == 0 && w.ends_with("fold")) return v;
    }
    return std::nullopt;
}

std::optional<double> scale_value(const std::string& w) {
    for (const auto& [name, v] : kScales)
        if (w == name) return v;
    return std::nullopt;
}

// The scale word after a number ("2 million"), skipping spaces.
std::optional<double> scale_after(std::string_view text, std::size_t pos) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size() || !is_alpha(text[pos])) return std::nullopt;
    return scale_value(word_at(text, pos));
}

// A comma followed by exactly three digits: "1,000" but not "1, 2" or "1,0000".
bool is_thousands_separator(std::string_view text, std::size_t j) {
    if (text[j] != ',' || j + 3 >= text.size()) return false;
    if (!is_digit(text[j + 1]) || !is_digit(text[j + 2]) || !is_digit(text[j + 3])) return false;
    return j + 4 >= text.size() || !is_digit(text[j + 4]);
}

// The end of the scale word after a number, skipping spaces, or pos when there is none.
std::size_t scale_end(std::string_view text, std::size_t pos) {
    std::size_t p = pos;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p >= text.size() || !is_alpha(text[p])) return pos;
    const std::string w = word_at(text, p);
    return scale_value(w) ? p + w.size() : pos;
}

}  // namespace

std::vector<NumberToken> number_tokens(std::string_view text) {
    std::vector<NumberToken> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (is_digit(c)) {
            // digits, thousands separators (a comma followed by exactly three digits), one decimal point
            std::string digits;
            std::size_t j = i;
            while (j < text.size()) {
                if (is_digit(text[j])) {
                    digits += text[j++];
                } else if (is_thousands_separator(text, j)) {
                    ++j;  // thousands separator
                } else if (text[j] == '.' && j + 1 < text.size() && is_digit(text[j + 1]) &&
                           digits.find('.') == std::string::npos) {
                    digits += text[j++];
                } else {
                    break;
                }
            }
            NumberToken t;
            t.begin = i;
            // from_chars: the C locale's decimal point whatever the user's locale
            std::from_chars(digits.data(), digits.data() + digits.size(), t.value);
            if (auto s = scale_after(text, j)) t.scale = *s;
            t.end = scale_end(text, j);
            out.push_back(t);
            i = j;
        } else if (is_alpha(c) && (i == 0 || !is_alpha(text[i - 1]))) {
            const std::string w = word_at(text, i);
            if (auto v = word_value(w)) {
                NumberToken t;
                t.begin = i;
                t.value = *v;
                t.word = true;
                t.fold = w.ends_with("fold");
                if (auto s = scale_after(text, i + w.size())) t.scale = *s;
                t.end = scale_end(text, i + w.size());
                out.push_back(t);
            }
            i += w.size();
        } else {
            ++i;
        }
    }
    return out;
}

std::vector<double> numbers_in(std::string_view text) {
    std::vector<double> out;
    for (const auto& t : number_tokens(text)) {
        out.push_back(t.value);
        if (t.scale != 1) out.push_back(t.scaled());
    }
    return out;
}

bool states_number(std::string_view text, double value) {
    for (double n : numbers_in(text))
        if (std::fabs(n - value) <= 1e-9 * std::max(1.0, std::fabs(value))) return true;
    return false;
}

}  // namespace corridor
