// The web map: one self-contained HTML page (Leaflet, the map's script and the layers
// inlined), or the same page loading its layers live from `corridor serve`; for large
// networks a MapLibre GL JS page drawing the vector tiles beside it (or the server's).
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corridor/analysis/observations.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/layers.hpp"

namespace corridor {

// Up to this many routes the page inlines its layers and draws them with Leaflet (one file that
// opens from file://); above it, the layers go into vector tiles beside the page (`map`) or come
// from the server's tile endpoint (`serve`), drawn with MapLibre GL JS (WebGL). Measured in
// docs/commands/map.md#size: the inline page's size and opening time grow with every route,
// the tile page's do not.
inline constexpr std::size_t kInlineMapRoutes = 10000;

// How the page gets its layers.
enum class MapData {
    automatic,  // by size: inline up to kInlineMapRoutes routes, tiles above
    inline_layers,
    tiles,
};

// "auto", "inline" or "tiles"; throws request_error for anything else.
MapData parse_map_data(std::string_view name);

// inline_layers or tiles for a network of `routes` routes: `asked` unless it is automatic.
MapData map_data_for(std::size_t routes, MapData asked = MapData::automatic);

// A page written to standard output is one file, so inline: throws request_error when
// tiles are asked (check_page_data before reading) or needed for `routes` routes.
void check_page_data(MapData asked, bool to_stdout);
MapData page_data_for(std::size_t routes, MapData asked, bool to_stdout);

// Where a tile page finds its tiles.
struct MapTiles {
    // The XYZ template relative to the page ("tiles/{z}/{x}/{y}.mvt", beside map.html), or
    // empty on a live page, which reads the server's TileJSON at "tiles.json".
    std::string url;
    int minzoom = 0, maxzoom = 12;
    std::array<double, 4> bounds{-180, -85.0511, 180, 85.0511};  // W, S, E, N (degrees)
    // A live page: whether the server has land.geojson and countries.geojson to fetch.
    bool land = true, countries = true;
};

// The analysis a page shows in its panel.
struct MapSummary {
    bool analysed = false;  // false: the page has no flow analysis
    std::string from, to;
    std::string commodity;  // empty: every commodity
    std::string scenario;   // empty: baseline
    Flow throughput = 0;    // t/month, or passengers/month when passengers
    bool passengers = false;
    std::string sentence;  // bottleneck_sentence, or an assignment's subtitle
    // An assignment's one line (assignment_title: "4 demands: … of … t/month met (least
    // distance)"), shown instead of from → to and the throughput; empty for a flow analysis.
    std::string heading;
    std::optional<Flow> p10, p50, p90;  // from an uncertainty run, when one was asked for
    // The observations about the analysed question (question_observations): one line each in
    // the panel (report/observed: observation_panel_json).
    std::vector<ObservationCheck> observations;
};

struct WebMapPage {
    std::string title = "corridor: transport corridors and their monthly capacity";
    MapSummary summary;
    // false: the layers are inlined below; true: the page fetches places.geojson,
    // routes.geojson, land.geojson, countries.geojson and capacity from its own origin.
    bool live = false;
    // GeoJSON FeatureCollections as text (inline pages only; land and countries may be empty).
    std::string places, routes, land, countries;
    // tiles: a MapLibre GL JS page drawing vector tiles (places and routes stay empty; the
    // basemap is still inlined, or fetched on a live page).
    MapData data = MapData::inline_layers;
    MapTiles tiles;
    std::vector<std::pair<std::string, std::size_t>> mode_routes;  // tile pages: routes per mode, for the layer list
    Flow largest_flow = 0;  // tile pages: the largest route flow of the analysis (widths by flow)
    // The kinds of the network's places, sorted (place_kinds): the legend's place rows, as on
    // render's picture.
    std::vector<std::string> place_kinds;
};

// The kinds of a network's places, each once, sorted.
std::vector<std::string> place_kinds(const Network& net);

// The summary of an analysis (nullptr: none).
MapSummary map_summary(const Analysis* analysis);

// The summary of an assignment drawn as an analysis (assigned_network): its title as the
// heading and its subtitle as the sentence (assignment_title, assignment_subtitle).
void describe_assignment(MapSummary& summary, std::string title, std::string subtitle);

// A basemap file as compact GeoJSON text, or "" when the file does not exist. Throws
// input_error naming the file when it is not a GeoJSON FeatureCollection.
std::string basemap_text(const std::filesystem::path& file);

// An inline page of the network: the places and routes layers exactly as export writes
// them (routes_table and places_table, with the analysis' flows), the basemap files, and
// the observations about the analysed question for its panel.
WebMapPage web_map_page(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                        const std::filesystem::path& land, const std::filesystem::path& countries,
                        std::vector<ObservationCheck> observations = {});

// A tile page of the network: the summary, routes per mode, the largest flow and the basemap
// files; the tiles themselves are written beside it (tiles::write_tile_folder) or served.
WebMapPage web_map_tile_page(const Network& net, const Analysis* analysis, const std::filesystem::path& land,
                             const std::filesystem::path& countries, std::vector<ObservationCheck> observations = {});

// The page's HTML: the Leaflet page (inline_layers) or the MapLibre page (tiles). Every inlined text is JSON inside
// <script type="application/json"> with "<" written as \u003c, so no data can close the script element. The page asks
// for nothing outside itself (inline) or its origin (live), except OpenStreetMap tiles
// when the user turns that layer on (a Content-Security-Policy says so).
std::string web_map_html(const WebMapPage& page);

}  // namespace corridor
