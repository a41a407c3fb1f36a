// Finds the numbers a piece of text states, in the typography of news text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace corridor {

// One number as written: digits ("1,000", "2.5") or a number word ("six",
// "tenfold"), with the scale word after it when there is one ("2 million").
struct NumberToken {
    std::size_t begin = 0;  // byte offset of the first character in the text
    std::size_t end = 0;    // byte offset just past the number (and its scale word)
    double value = 0;       // the number before scaling: 2 in "2 million"
    double scale = 1;       // 1e6 in "2 million", otherwise 1
    bool word = false;      // spelled out ("six", "tenfold")
    bool fold = false;      // a multiple ("tenfold")
    double scaled() const { return value * scale; }
};

// The numbers of text in order of position, as numbers_in finds them.
std::vector<NumberToken> number_tokens(std::string_view text);

// Every number stated in text: digits with thousands separators ("1,000"),
// decimals, scale words ("2 million" gives 2 and 2000000), number words
// ("six", "five", "tenfold"), and both ends of ranges ("34-40"). Unordered,
// may repeat.
std::vector<double> numbers_in(std::string_view text);

// True when value is one of numbers_in(text) (relative tolerance 1e-9).
bool states_number(std::string_view text, double value);

}  // namespace corridor
