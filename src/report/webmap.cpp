#include "corridor/report/webmap.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/io/json_values.hpp"
#include "corridor/report/observed.hpp"
#include "corridor/report/style.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {

namespace assets {
// Generated at build time by cmake/embed.cmake (web/, web/node_modules/leaflet and
// web/node_modules/maplibre-gl).
extern const char kLeafletJs[];
extern const char kLeafletCss[];
extern const char kMaplibreJs[];
extern const char kMaplibreCss[];
extern const char kPageJs[];
extern const char kMapJs[];
extern const char kMapGlJs[];
extern const char kMapCss[];
extern const char kMapGlCss[];
}  // namespace assets

namespace {

using nlohmann::ordered_json;

// JSON text made safe inside a <script> element: "<" only occurs inside JSON strings,
// where \u003c means the same character.
void append_script_json(std::string& html, std::string_view json) {
    html.reserve(html.size() + json.size());
    for (char c : json) {
        if (c == '<') html += "\\u003c";
        else html += c;
    }
}

void data_script(std::string& html, std::string_view id, std::string_view json) {
    if (json.empty()) return;
    html += "<script type=\"application/json\" id=\"";
    html += id;
    html += "\">";
    append_script_json(html, json);
    html += "</script>\n";
}

ordered_json style_json() {
    ordered_json modes = ordered_json::object();
    for (Mode m : all_modes()) modes[std::string(mode_name(m))] = style::mode_hex(m);
    ordered_json kinds = ordered_json::object();
    for (const char* k : {"city", "port", "rail_station", "border_crossing", "oil_terminal"})
        kinds[k] = style::place_hex(k);
    return {{"modes", modes},
            {"kinds", kinds},
            {"other_kind", style::place_hex("")},
            {"bottleneck", style::kBottleneckHex},
            {"land", style::kLandHex},
            {"sea", style::kSeaHex},
            {"border", style::kBorderHex},
            {"width", {{"none", style::kWidthNoFlow}, {"base", style::kWidthBase}, {"span", style::kWidthSpan}}}};
}

ordered_json summary_json(const MapSummary& s) {
    return {{"from", s.from},
            {"to", s.to},
            {"commodity", s.commodity},
            {"scenario", s.scenario},
            {"throughput", s.analysed ? ordered_json(s.throughput) : ordered_json(nullptr)},
            {"unit", s.passengers ? "passengers/month" : "t/month"},
            {"sentence", s.sentence},
            {"heading", s.heading},
            {"p10", or_null(s.p10)},
            {"p50", or_null(s.p50)},
            {"p90", or_null(s.p90)},
            {"observations", observation_panel_json(s.observations)}};
}

}  // namespace

MapSummary map_summary(const Analysis* analysis) {
    MapSummary s;
    if (analysis == nullptr) return s;
    s.analysed = true;
    s.from = analysis->from;
    s.to = analysis->to;
    s.commodity = analysis->commodity;
    s.scenario = analysis->scenario;
    s.throughput = analysis->result.throughput;
    s.passengers = analysis->result.passengers;
    s.sentence = bottleneck_sentence(*analysis);
    if (analysis->uncertainty) {
        s.p10 = analysis->uncertainty->p10;
        s.p50 = analysis->uncertainty->p50;
        s.p90 = analysis->uncertainty->p90;
    }
    return s;
}

std::string basemap_text(const std::filesystem::path& file) {
    if (!io::present(file)) return {};
    io::require_regular_file(file);  // a named pipe would block
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error({file.string(), "", ""}, "cannot read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto j = ordered_json::parse(buffer.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("type", "") != "FeatureCollection" || !j.contains("features") ||
        !j["features"].is_array())
        throw input_error({file.string(), "", ""}, "not a GeoJSON FeatureCollection");
    return j.dump();
}

MapData parse_map_data(std::string_view name) {
    if (name == "auto") return MapData::automatic;
    if (name == "inline") return MapData::inline_layers;
    if (name == "tiles") return MapData::tiles;
    throw request_error(fmt::format("--data must be auto, inline or tiles, not \"{}\"", name));
}

MapData map_data_for(std::size_t routes, MapData asked) {
    if (asked != MapData::automatic) return asked;
    return routes > kInlineMapRoutes ? MapData::tiles : MapData::inline_layers;
}

void check_page_data(MapData asked, bool to_stdout) {
    if (to_stdout && asked == MapData::tiles)
        throw request_error("--data tiles writes a folder (map.html and tiles/): give --out DIR");
}

MapData page_data_for(std::size_t routes, MapData asked, bool to_stdout) {
    const MapData data = map_data_for(routes, asked);
    if (to_stdout && data == MapData::tiles)
        throw request_error(
            fmt::format("{} routes are over the inline page's {}: the map needs tiles beside it, give "
                        "--out DIR (or --data inline for one large file)",
                        routes, kInlineMapRoutes));
    return data;
}

void describe_assignment(MapSummary& summary, std::string title, std::string subtitle) {
    summary.heading = std::move(title);
    summary.sentence = std::move(subtitle);
}

std::vector<std::string> place_kinds(const Network& net) {
    std::set<std::string_view> kinds;  // a handful of kinds over up to millions of places
    for (const Place& p : net.places) kinds.insert(p.kind);
    return {kinds.begin(), kinds.end()};
}

WebMapPage web_map_tile_page(const Network& net, const Analysis* analysis, const std::filesystem::path& land,
                             const std::filesystem::path& countries, std::vector<ObservationCheck> observations) {
    WebMapPage page;
    page.data = MapData::tiles;
    page.summary = map_summary(analysis);
    if (analysis) page.summary.observations = std::move(observations);
    for (Mode m : all_modes()) {
        const auto n = static_cast<std::size_t>(
            std::count_if(net.routes.begin(), net.routes.end(), [&](const Route& r) { return r.mode == m; }));
        if (n > 0) page.mode_routes.emplace_back(std::string(mode_name(m)), n);
    }
    if (analysis)
        for (const Flow f : analysis->result.route_flow) page.largest_flow = std::max(page.largest_flow, f);
    page.place_kinds = place_kinds(net);
    page.land = basemap_text(land);
    page.countries = basemap_text(countries);
    return page;
}

WebMapPage web_map_page(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                        const std::filesystem::path& land, const std::filesystem::path& countries,
                        std::vector<ObservationCheck> observations) {
    WebMapPage page;
    page.summary = map_summary(analysis);
    if (analysis) page.summary.observations = std::move(observations);
    page.places = io::geojson_text(places_table(net, analysis));
    page.routes = io::geojson_text(routes_table(net, measures, analysis));
    page.place_kinds = place_kinds(net);
    page.land = basemap_text(land);
    page.countries = basemap_text(countries);
    return page;
}

namespace {

// Inline pages ask for nothing; live pages only their own origin; the OpenStreetMap layer
// only tile.openstreetmap.org (Leaflet loads its tiles as images, MapLibre fetches them).
// MapLibre runs its workers from blob: URLs and draws its label glyphs on a canvas (no glyph
// files: docs/commands/map.md#labels).
std::string content_policy(MapData data) {
    if (data == MapData::tiles)
        return "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
               "worker-src blob:; child-src blob:; connect-src 'self' https://tile.openstreetmap.org";
    return "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: "
           "https://tile.openstreetmap.org; connect-src 'self'";
}

ordered_json tiles_json(const WebMapPage& page) {
    ordered_json modes = ordered_json::object();
    for (const auto& [mode, n] : page.mode_routes) modes[mode] = n;
    return {{"url", page.tiles.url},
            {"minzoom", page.tiles.minzoom},
            {"maxzoom", page.tiles.maxzoom},
            {"bounds", page.tiles.bounds},
            {"basemap", {{"land", page.tiles.land}, {"countries", page.tiles.countries}}},
            {"mode_routes", modes},
            {"largest_flow", page.largest_flow}};
}

void script(std::string& html, const char* text) {
    html += "<script>\n";
    html += text;
    html += "\n</script>\n";
}

}  // namespace

std::string web_map_html(const WebMapPage& page) {
    const bool gl = page.data == MapData::tiles;
    ordered_json config;
    config["title"] = page.title;
    config["live"] = page.live;
    config["summary"] = summary_json(page.summary);
    config["style"] = style_json();
    config["place_kinds"] = page.place_kinds;
    if (gl) config["tiles"] = tiles_json(page);

    std::string html;
    html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<meta name=\"generator\" content=\"corridor\">\n";
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + content_policy(page.data) + "\">\n";
    html += "<title>" + escape_html(page.title) + "</title>\n";
    html += "<style>\n";
    html += gl ? assets::kMaplibreCss : assets::kLeafletCss;
    html += "\n</style>\n<style>\n";
    html += assets::kMapCss;
    if (gl) html += assets::kMapGlCss;
    html += "\n#map { background: ";
    html += style::kSeaHex;
    html += "; }\n</style>\n</head>\n<body>\n<div id=\"map\"></div>\n";
    data_script(html, "corridor-config", config.dump());
    if (!page.live) {
        if (!gl) {
            data_script(html, "corridor-places", page.places);
            data_script(html, "corridor-routes", page.routes);
        }
        data_script(html, "corridor-land", page.land);
        data_script(html, "corridor-countries", page.countries);
    }
    script(html, gl ? assets::kMaplibreJs : assets::kLeafletJs);
    script(html, assets::kPageJs);
    script(html, gl ? assets::kMapGlJs : assets::kMapJs);
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace corridor
