// Finds the numbers a piece of text states, in the typography of news text.
#pragma once

#include <string_view>
#include <vector>

namespace corridor {

// Every number stated in text: digits with thousands separators ("1,000"),
// decimals, scale words ("2 million" gives 2 and 2000000), number words
// ("six", "five", "tenfold"), and both ends of ranges ("34-40"). Unordered,
// may repeat.
std::vector<double> numbers_in(std::string_view text);

// True when value is one of numbers_in(text) (relative tolerance 1e-9).
bool states_number(std::string_view text, double value);

}  // namespace corridor
