#include "corridor/tiles/tilejson.hpp"

#include <cmath>

namespace corridor::tiles {
namespace {

using nlohmann::ordered_json;

std::string description_of(const std::string& layer) {
    if (layer == "places") return "places with the flow entering and leaving them (t/month)";
    if (layer == "routes") return "routes with capacity and the analysis' flow (t/month)";
    if (layer == "bottlenecks") return "the routes on the analysis' minimum cut";
    return layer;
}

// Rounded to 6 decimals (about 0.1 m), so the document does not carry float noise.
double six(double v) { return std::round(v * 1e6) / 1e6; }

}  // namespace

std::string field_type_name(io::FieldType t) {
    switch (t) {
        case io::FieldType::string:
            return "String";
        case io::FieldType::boolean:
            return "Boolean";
        default:
            return "Number";
    }
}

ordered_json tilejson(const TileSource& source, const TileSetInfo& info) {
    ordered_json layers = ordered_json::array(), stats = ordered_json::array();
    for (const SourceLayer& l : source.layers()) {
        ordered_json fields = ordered_json::object();
        for (const auto& f : l.table->fields) fields[f.name] = field_type_name(f.type);
        layers.push_back({{"id", l.name},
                          {"description", description_of(l.name)},
                          {"minzoom", info.minzoom},
                          {"maxzoom", info.maxzoom},
                          {"fields", fields}});
        stats.push_back({{"layer", l.name},
                         {"count", l.size()},
                         {"geometry", l.geom == io::GeomType::point ? "Point" : "LineString"}});
    }
    LonLatBounds b{-180, -kMaxLatitude, 180, kMaxLatitude};
    if (const auto w = source.bounds()) {
        const LonLat nw = lonlat_of({w->min_x, w->min_y}), se = lonlat_of({w->max_x, w->max_y});
        b = {nw.lon, se.lat, se.lon, nw.lat};
    }
    ordered_json j;
    j["tilejson"] = "3.0.0";
    j["name"] = info.name;
    j["description"] = info.description;
    j["version"] = "1.0.0";
    j["attribution"] = "corridor";
    j["scheme"] = "xyz";
    j["tiles"] = info.tiles;
    j["minzoom"] = info.minzoom;
    j["maxzoom"] = info.maxzoom;
    j["bounds"] = {six(b.west), six(b.south), six(b.east), six(b.north)};
    j["center"] = {six((b.west + b.east) / 2), six((b.south + b.north) / 2), info.minzoom};
    j["vector_layers"] = layers;
    j["format"] = "pbf";
    j["json"] =
        ordered_json{{"vector_layers", layers}, {"tilestats", {{"layerCount", layers.size()}, {"layers", stats}}}}
            .dump();
    return j;
}

}  // namespace corridor::tiles
