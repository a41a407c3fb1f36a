// From loose lines to a network: lines split where they meet (shared OSM nodes, GEOS
// noding), ends within the snap distance joined into places with stable ids, places named
// from nearby points, and places that only join two alike lines merged away.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "corridor/geo/types.hpp"
#include "corridor/importer/source.hpp"

namespace corridor::importer {

inline constexpr double kDefaultSnapMetres = 1.0;
inline constexpr double kMaxSnapMetres = 10'000.0;
inline constexpr double kNameWithinMetres = 2'000.0;

struct TopologyOptions {
    double snap_m = kDefaultSnapMetres;              // line ends this close (geodesic) become one place
    bool node_intersections = false;                 // split lines where they cross or touch (GEOS noding)
    const std::vector<NamedPoint>* named = nullptr;  // --places, for the places' names
    double name_within_m = kNameWithinMetres;
    bool merge_degree_two = true;
};

struct TopoPlace {
    std::string id;  // p_<lon µdeg>_<lat µdeg> (place_id)
    LonLat pos;
    std::string name;     // of the nearest named point within name_within_m; "" if none
    std::string country;  // that point's country, "" if none
    std::string kind;     // that point's kind, or junction / end / node by degree
    std::uint32_t degree = 0;
};

struct TopoRoute {
    std::string id;
    std::uint32_t line = 0;  // the Line its attributes come from (the first of a merged chain)
    std::uint32_t from = 0;  // index into places
    std::uint32_t to = 0;
    Polyline coords;
};

struct TopologyStats {
    std::size_t lines = 0;                  // lines in
    std::size_t split_at_shared_nodes = 0;  // lines cut at a vertex another line shares (OSM)
    std::size_t split_at_crossings = 0;     // lines cut by GEOS noding
    std::size_t pieces = 0;                 // lines after splitting
    std::size_t snapped_ends = 0;           // line ends moved onto a place at another coordinate
    std::size_t places_before_merge = 0;
    std::size_t merged_places = 0;  // degree-2 places merged away
    std::size_t merged_routes = 0;  // pieces that became part of a longer route
    std::size_t named_places = 0;
    SkipCounts dropped;  // pieces dropped and why (a loop, collapsed by snapping)
};

struct Topology {
    std::vector<TopoPlace> places;
    std::vector<TopoRoute> routes;
    TopologyStats stats;
};

// The network of the lines (their coordinates are moved into the routes; the rest of each
// Line stays for the routes' attributes). Deterministic: the same lines give the same
// places, routes, ids and order.
Topology build_topology(std::vector<Line>& lines, const std::vector<SourceInfo>& sources,
                        const std::vector<Rule>& rules, const TopologyOptions& options);

// "p_129512345_42345678": the coordinate in millionths of a degree, rounded (negative
// values keep their minus sign), so the id is a slug and the same coordinate gives the same id.
std::string place_id(LonLat pos);

}  // namespace corridor::importer
