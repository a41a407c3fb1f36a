// Cell helpers shared by the report tables (internal to src/report).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/io/write.hpp"

namespace corridor::report_detail {

// Empty text is a null cell.
inline io::Cell text(const std::string& s) { return s.empty() ? io::Cell{} : io::Cell{s}; }
inline io::Cell number(const std::optional<double>& v) { return v ? io::Cell{*v} : io::Cell{}; }

// "cargo,coal": a commodity list as one field.
inline std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += ',';
        out += s;
    }
    return out;
}

}  // namespace corridor::report_detail
