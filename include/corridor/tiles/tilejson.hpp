// TileJSON 3.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) for a TileSource:
// the tiles URL template, zooms, bounds and each layer's fields.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/tiles/source.hpp"

namespace corridor::tiles {

struct TileSetInfo {
    std::string name = "corridor";
    std::string description;
    std::vector<std::string> tiles;  // URL templates with {z}, {x}, {y}
    int minzoom = 0;
    int maxzoom = 14;
};

// {"tilejson": "3.0.0", "name", "description", "version", "scheme": "xyz", "tiles",
// "minzoom", "maxzoom", "bounds" [W, S, E, N], "center" [lon, lat, zoom], "vector_layers":
// [{"id", "description", "minzoom", "maxzoom", "fields": {name: "String"|"Number"|"Boolean"}}],
// "format": "pbf", "json": the same vector_layers with "tilestats" (geometry per layer) as a
// string, the form GDAL's MVT driver and MBTiles readers take the schema from}.
nlohmann::ordered_json tilejson(const TileSource& source, const TileSetInfo& info);

// The field type names of vector_layers: String, Number or Boolean.
std::string field_type_name(io::FieldType t);

}  // namespace corridor::tiles
