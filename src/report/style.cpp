#include "corridor/report/style.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "corridor/enum_names.hpp"
namespace corridor::style {

std::string_view mode_hex(Mode m) {
    static constexpr Named<Mode> kHex[] = {
        {Mode::rail, "#7b3f00"}, {Mode::road, "#f28e2b"},     {Mode::ferry, "#1f77b4"}, {Mode::tanker, "#111111"},
        {Mode::bulk, "#6a3d9a"}, {Mode::pipeline, "#2ca02c"}, {Mode::bridge, "#d62728"}};
    return name_of(kHex, m, "#555555");
}

std::string map_label(std::string_view name) {
    std::string out;
    int depth = 0;
    for (char c : name) {
        if (c == '(') ++depth;
        if (depth == 0) out += c;
        if (c == ')' && depth > 0) --depth;
    }
    // Spaces left where a note was cut out: none doubled, none before a comma, none at the ends.
    std::string tidy;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == ' ' &&
            (tidy.empty() || tidy.back() == ' ' || i + 1 == out.size() || out[i + 1] == ',' || out[i + 1] == ' '))
            continue;
        tidy += out[i];
    }
    while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
    return tidy.empty() ? std::string(name) : tidy;
}

Rgb parse_hex(std::string_view hex) {
    auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("not a colour: " + std::string(hex));
    };
    if (hex.size() != 7 || hex[0] != '#') throw std::invalid_argument("not a colour: " + std::string(hex));
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])); };
    return {byte(1), byte(3), byte(5)};
}

Rgb mode_rgb(Mode m) { return parse_hex(mode_hex(m)); }

double route_width_px(double flow_t_mo, double max_flow_t_mo) {
    if (!(flow_t_mo > 0) || !(max_flow_t_mo > 0)) return kWidthNoFlow;
    const double share = std::clamp(flow_t_mo / max_flow_t_mo, 0.0, 1.0);
    return kWidthBase + kWidthSpan * std::sqrt(share);
}

std::string_view place_hex(std::string_view kind) {
    if (kind == "city") return "#333333";
    if (kind == "port") return "#1f77b4";
    if (kind == "rail_station") return "#7b3f00";
    if (kind == "border_crossing") return "#d62728";
    if (kind == "oil_terminal") return "#111111";
    return "#777777";
}

}  // namespace corridor::style
