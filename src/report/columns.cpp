#include "corridor/report/columns.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace corridor {
namespace {

std::string cell_text(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, bool>) return v ? "yes" : "no";
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{:.{}f}", v, v == std::floor(v) ? 0 : 1);
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else return v;
        },
        c);
}

// Display width: UTF-8 code points, not bytes.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

nlohmann::ordered_json cell_json(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return nullptr;
            else return v;
        },
        c);
}

std::string columns_text(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    for (std::size_t k = 0; k < header.size(); ++k) width[k] = display_width(header[k]);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size() && k < width.size(); ++k)
            width[k] = std::max(width[k], display_width(row[k]));
    std::string out;
    auto line = [&](const std::vector<std::string>& row) {
        for (std::size_t k = 0; k < row.size(); ++k) {
            out += row[k];
            if (k + 1 < row.size()) out += std::string(width[k] - display_width(row[k]) + 2, ' ');
        }
        out += '\n';
    };
    line(header);
    for (const auto& row : rows) line(row);
    return out;
}

std::string table_text(const io::Table& t, const std::vector<std::string>& columns) {
    std::vector<std::size_t> idx;
    for (const auto& name : columns)
        for (std::size_t c = 0; c < t.fields.size(); ++c)
            if (t.fields[c].name == name) idx.push_back(c);
    std::vector<std::vector<std::string>> rows;
    std::vector<io::Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, row);
        std::vector<std::string> line;
        for (std::size_t c : idx) line.push_back(cell_text(row[c]));
        rows.push_back(std::move(line));
    }
    return columns_text(columns, rows);
}

nlohmann::ordered_json table_json(const io::Table& t) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    std::vector<io::Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, row);
        nlohmann::ordered_json obj;
        for (std::size_t c = 0; c < t.fields.size(); ++c) obj[t.fields[c].name] = cell_json(row[c]);
        arr.push_back(std::move(obj));
    }
    return arr;
}

}  // namespace corridor
