// One map style for every picture corridor draws: the web map (report/webmap) and the
// static render (report/render) take their colours and line widths from here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corridor/model/network.hpp"

namespace corridor::style {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

// Route colour by mode, as "#rrggbb" and as components.
std::string_view mode_hex(Mode m);
Rgb mode_rgb(Mode m);

// Highlight for routes on the minimum cut.
inline constexpr std::string_view kBottleneckHex = "#e6007e";
// Land, sea and country borders of the basemap.
inline constexpr std::string_view kLandHex = "#f2efe6";
inline constexpr std::string_view kSeaHex = "#c9dff0";
inline constexpr std::string_view kBorderHex = "#8a8a8a";

// Line width in pixels for a route carrying flow_t_mo of a largest flow max_flow_t_mo:
// kWidthNoFlow without flow, else kWidthBase + kWidthSpan * sqrt(flow / largest), so
// 3 px for a trickle up to 10 px for the largest (square root, so small flows show).
// The web map's script gets these three numbers from the page and uses the same rule.
inline constexpr double kWidthNoFlow = 2.0;
inline constexpr double kWidthBase = 3.0;
inline constexpr double kWidthSpan = 7.0;
double route_width_px(double flow_t_mo, double max_flow_t_mo);

// Place marker colour by kind (city, port, rail_station, border_crossing, oil_terminal, other).
std::string_view place_hex(std::string_view kind);

// A place's name as a map label: the name without its parenthesised notes, so
// "Rajin port (Rason)" is labelled "Rajin port" and "Nanping crossing (Helong), Chinese end"
// "Nanping crossing, Chinese end" (popups and layers keep the whole name). A name that is
// all notes stays whole. The web map's script applies the same rule (web/corridor-map.js:
// mapLabel), tested on the same names.
std::string map_label(std::string_view name);

// "#rrggbb" -> components; throws std::invalid_argument for anything else.
Rgb parse_hex(std::string_view hex);

}  // namespace corridor::style
