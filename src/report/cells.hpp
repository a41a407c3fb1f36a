// Cell helpers shared by the report tables (internal to src/report).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "corridor/io/write.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::report_detail {

// Empty text is a null cell.
inline io::Cell text(const std::string& s) { return s.empty() ? io::Cell{} : io::Cell{s}; }
inline io::Cell number(const std::optional<double>& v) { return v ? io::Cell{*v} : io::Cell{}; }

// "cargo,coal": a commodity list as one field.
inline std::string commodity_list(const std::vector<std::string>& items) { return corridor::joined(items, ","); }

// Setters for a row that is filled again for every feature (a writer keeps one row per
// thread): a string cell keeps its buffer, so a long layer allocates almost nothing per row.
inline void set(io::Cell& c, std::string_view s) {
    if (auto* p = std::get_if<std::string>(&c)) p->assign(s);
    else c.emplace<std::string>(s);
}
// As text(): empty text is a null cell.
inline void set_text(io::Cell& c, const std::string& s) {
    if (s.empty()) c = std::monostate{};
    else set(c, s);
}
// As commodity_list().
inline void set_joined(io::Cell& c, const std::vector<std::string>& items) {
    if (!std::holds_alternative<std::string>(c)) c.emplace<std::string>();
    std::string& out = std::get<std::string>(c);
    out.clear();
    for (const auto& s : items) {
        if (!out.empty()) out += ',';
        out += s;
    }
}

}  // namespace corridor::report_detail
