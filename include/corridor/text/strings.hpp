// Small string helpers shared by every module: comma lists, joins and prefixed lines.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

// "a,b,,c" -> {"a", "b", "c"}: the non-empty items of a comma list.
inline std::vector<std::string> split_list(std::string_view list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        std::string_view item =
            list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

// "a, b,,c" -> {"a", "b", "", "c"}: every item of a comma list, spaces around it trimmed and
// empty ones kept (for lists whose empty items are refused with a message).
inline std::vector<std::string> comma_items(std::string_view list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < list.size()) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        std::string_view item = list.substr(start, end - start);
        item.remove_prefix(std::min(item.find_first_not_of(' '), item.size()));
        item.remove_suffix(item.size() - (item.find_last_not_of(' ') + 1));
        out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

// "GeoJSON" -> "geojson": ASCII letters in lower case (names of formats, modes, options),
// whatever the locale.
inline std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// {"a", "b"} -> "a, b" (or with another separator).
inline std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += separator;
        out += s;
    }
    return out;
}

// Text for HTML: &, <, > and " as entities.
inline std::string escape_html(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Each line of text after the prefix, each ending in a newline: a message of several lines
// ("corridor: error: " before each problem an input_error lists).
inline std::string prefixed_lines(std::string_view prefix, std::string_view text) {
    std::string out;
    for (std::size_t start = 0, end = 0; end != std::string_view::npos; start = end + 1) {
        end = text.find('\n', start);
        out.append(prefix).append(text.substr(start, end - start)).push_back('\n');
    }
    return out;
}

}  // namespace corridor
