// The OpenAPI 3.0 definition of the OGC API paths (/api), with each layer's properties
// as parameters of its items path so that clients (GDAL's OAPIF driver) can filter on the server.
#include "corridor/serve/ogc_api.hpp"

#include <algorithm>
#include <iterator>

#include "corridor/analysis/parameters.hpp"

namespace corridor {
namespace {

using nlohmann::ordered_json;

ordered_json query_parameter(const std::string& name, const std::string& description, ordered_json schema) {
    return {{"name", name},
            {"in", "query"},
            {"required", false},
            {"description", description},
            {"schema", std::move(schema)},
            {"style", "form"},
            {"explode", false}};
}

// The parameters that choose the analysis (parameters::query_parameters), described as on
// the command line: a layer field of the same name (the observations' from, to and
// commodity) is not also an equality filter.
bool is_analysis_parameter(const std::string& name) {
    const auto& all = parameters::query_parameters();
    return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.text->name == name; });
}

std::string analysis_description(const OptionText& text) {
    std::string d = text.help + ". Chooses the analysis the flow fields come from";
    if (text.name == parameters::kCommodity.name)
        d += "; on a layer with a commodity field, also keeps the features that list it";
    return d;
}

ordered_json common_parameters() {
    ordered_json p = ordered_json::array();
    for (const auto& parameter : parameters::query_parameters())
        p.push_back(query_parameter(parameter.text->name, analysis_description(*parameter.text), {{"type", "string"}}));
    p.push_back(query_parameter("f", "json or html", {{"type", "string"}, {"enum", {"json", "html"}}}));
    return p;
}

// The analysis parameters alone (the tile paths take no f).
ordered_json analysis_parameters() {
    ordered_json p = common_parameters();
    p.erase(p.end() - 1);
    return p;
}

ordered_json answer(const char* description, const char* type) {
    return {{"200", {{"description", description}, {"content", {{type, {{"schema", {{"type", "object"}}}}}}}}},
            {"400", {{"description", "a bad parameter"}}},
            {"404", {{"description", "no such collection or feature"}}}};
}

ordered_json get(const std::string& id, const std::string& summary, ordered_json parameters, const char* type) {
    return {{"get",
             {{"operationId", id},
              {"summary", summary},
              {"parameters", std::move(parameters)},
              {"responses", answer(summary.c_str(), type)}}}};
}

ordered_json items_parameters(const OgcLayer& layer) {
    ordered_json p = common_parameters();
    p.push_back(
        query_parameter("bbox", "west,south,east,north in degrees (CRS84)",
                        {{"type", "array"}, {"minItems", 4}, {"maxItems", 4}, {"items", {{"type", "number"}}}}));
    p.push_back(
        query_parameter("limit", "features per page",
                        {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxLimit}, {"default", kDefaultLimit}}));
    p.push_back(query_parameter("offset", "features skipped", {{"type", "integer"}, {"minimum", 0}, {"default", 0}}));
    if (has_dates(*layer.table))
        p.push_back(
            query_parameter("datetime",
                            "features open on some day of this instant or interval (RFC 3339; .. for an open end), "
                            "by their open_from and open_until",
                            {{"type", "string"}}));
    for (const io::FieldDef& f : layer.table->fields) {
        if (is_analysis_parameter(f.name)) continue;  // above (commodity also selects the carriers)
        p.push_back(query_parameter(f.name, "features whose " + f.name + " equals this", {{"type", "string"}}));
    }
    return p;
}

}  // namespace

ordered_json openapi_document(const OgcContext& ctx, const std::vector<OgcLayer>& layers) {
    ordered_json paths = {
        {"/", get("getLandingPage", "the landing page", common_parameters(), kJsonType)},
        {"/conformance", get("getConformance", "the conformance classes", common_parameters(), kJsonType)},
        {"/api", get("getApi", "this definition", ordered_json::array(), kOpenApiType)},
        {"/collections", get("getCollections", "the collections", common_parameters(), kJsonType)},
    };
    paths["/tiles.json"] = get("getTileJson", "TileJSON 3.0 of the vector tiles", analysis_parameters(), kJsonType);
    ordered_json tile = analysis_parameters();
    for (const char* name : {"z", "x", "y"})
        tile.push_back(
            {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}, {"minimum", 0}}}});
    paths["/tiles/{z}/{x}/{y}.mvt"] =
        get("getTile", "a Mapbox Vector Tile 2.1 (layers places, routes, bottlenecks)", tile, kMvtType);
    for (const OgcLayer& layer : layers) {
        const std::string base = "/collections/" + layer.id;
        ordered_json one = common_parameters();
        paths[base] = get("describe_" + layer.id, "the " + layer.id + " collection", one, kJsonType);
        paths[base + "/items"] =
            get("get_" + layer.id, "the " + layer.id + " features", items_parameters(layer), kGeoJsonType);
        one.push_back({{"name", "featureId"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
        paths[base + "/items/{featureId}"] =
            get("get_" + layer.id + "_feature", "one " + layer.id + " feature", one, kGeoJsonType);
    }
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "corridor"},
              {"version", "1.0"},
              {"description", "OGC API - Features - Part 1: Core over corridor's layers"}}},
            {"servers", {{{"url", ctx.base}}}},
            {"paths", std::move(paths)}};
}

}  // namespace corridor
