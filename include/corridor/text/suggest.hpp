// "Did you mean …?": the nearest of a list of names to a mistyped one, by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

// Levenshtein distance of a and b, counted in bytes (insert, delete, substitute: 1 each),
// with the comparison case-insensitive for ASCII letters.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates nearest to word, at most `limit`, nearest first (ties in the candidates'
// order): only those within max(2, size / 3) edits, so an unrelated word suggests nothing.
// An exact match (ignoring case) is returned alone.
std::vector<std::string> nearest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// "did you mean 'a'?", "did you mean 'a' or 'b'?", "did you mean 'a', 'b' or 'c'?"; empty
// when there is nothing to suggest.
std::string did_you_mean(const std::vector<std::string>& names);

// did_you_mean(nearest_names(word, candidates)), prefixed by ": " when not empty: for
// appending to "unknown command 'x'".
std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace corridor
