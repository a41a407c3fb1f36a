// Tables as the commands print them: aligned text columns, or a JSON array of objects.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/io/write.hpp"

namespace corridor {

// A header row then the rows, each column as wide as its widest cell (in UTF-8 code points)
// and two spaces before the next; every line ends in \n, the last cell of a row unpadded.
std::string columns_text(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// A table's chosen columns as columns_text, headed by their names: a null cell empty, a
// bool yes or no, a whole number without decimals, any other number with one.
std::string table_text(const io::Table& t, const std::vector<std::string>& columns);

// A cell as JSON: null, a bool, a number or text.
nlohmann::ordered_json cell_json(const io::Cell& c);

// A table as an array of objects with every field (null for a null cell).
nlohmann::ordered_json table_json(const io::Table& t);

}  // namespace corridor
