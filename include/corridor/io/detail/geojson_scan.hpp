// The GeoJSON reader's light scanner: where a JSON value ends, without validating it (simdjson does that after).
#pragma once

namespace corridor::io::detail {

inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first byte at or after p that is not JSON whitespace, or end.
inline const char* skip_space(const char* p, const char* end) {
    while (p < end && is_json_space(*p)) ++p;
    return p;
}

// p just after an opening quote: just after the closing quote, or nullptr when the string
// does not end before end.
const char* string_end(const char* p, const char* end);

// The end of the JSON value starting at p (not whitespace): after its closing bracket or
// quote, or at the first whitespace, ',', '}' or ']' after a scalar; nullptr when a string
// or bracket is not closed before end. Iterative: any nesting depth is fine.
const char* value_end(const char* p, const char* end);

// The first feature a chunk of a features array probably starts: the first line in
// [from, to) whose first character other than blanks (and one comma) is '{', or nullptr.
// JSON strings hold no raw line breaks, so in a valid file every line starts outside any
// string; it is still a guess, to be checked against where the chunk before left off.
const char* first_feature_guess(const char* from, const char* to, const char* end);

}  // namespace corridor::io::detail
