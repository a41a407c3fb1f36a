#include "corridor/text/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace corridor {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

// Wagner-Fischer with one row: O(|a|·|b|) time, O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> nearest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit) {
    const std::size_t max_distance = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::size_t>> scored;  // distance, candidate index
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::size_t d = edit_distance(word, candidates[i]);
        if (d == 0) return {candidates[i]};
        if (d <= max_distance) scored.emplace_back(d, i);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [d, i] : scored) {
        if (out.size() == limit) break;
        if (std::find(out.begin(), out.end(), candidates[i]) == out.end()) out.push_back(candidates[i]);
    }
    return out;
}

std::string did_you_mean(const std::vector<std::string>& names) {
    if (names.empty()) return "";
    std::string s = "did you mean ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) s += i + 1 == names.size() ? " or " : ", ";
        s += "'" + names[i] + "'";
    }
    return s + "?";
}

std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string s = did_you_mean(nearest_names(word, candidates));
    return s.empty() ? s : ": " + s;
}

}  // namespace corridor
