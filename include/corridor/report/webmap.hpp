// The web map: one self-contained HTML page (Leaflet, the map's script and the layers
// inlined), or the same page loading its layers live from `corridor serve`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/observations.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/layers.hpp"

namespace corridor {

// The analysis a page shows in its panel.
struct MapSummary {
    bool analysed = false;  // false: the page has no flow analysis
    std::string from, to;
    std::string commodity;  // empty: every commodity
    std::string scenario;   // empty: baseline
    Flow throughput = 0;    // t/month, or passengers/month when passengers
    bool passengers = false;
    std::string sentence;               // bottleneck_sentence
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
};

// The summary of an analysis (nullptr: none).
MapSummary map_summary(const Analysis* analysis);

// A basemap file as compact GeoJSON text, or "" when the file does not exist. Throws
// input_error naming the file when it is not a GeoJSON FeatureCollection.
std::string basemap_text(const std::filesystem::path& file);

// An inline page of the network: the places and routes layers exactly as export writes
// them (routes_table and places_table, with the analysis' flows), the basemap files, and
// the observations about the analysed question for its panel.
WebMapPage web_map_page(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                        const std::filesystem::path& land, const std::filesystem::path& countries,
                        std::vector<ObservationCheck> observations = {});

// The page's HTML. Every inlined text is JSON inside <script type="application/json">
// with "<" written as \u003c, so no data can close the script element. The page asks
// for nothing outside itself (inline) or its origin (live), except OpenStreetMap tiles
// when the user turns that layer on (a Content-Security-Policy says so).
std::string web_map_html(const WebMapPage& page);

}  // namespace corridor
