// OGC API - Features - Part 1: Core, the documents: landing page, conformance, the OpenAPI
// definition, collections and items (GeoJSON), with their links. serve/service routes the
// paths here and picks the layers; nothing here reads a socket.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/io/write.hpp"
#include "corridor/serve/features.hpp"

namespace corridor {

inline constexpr const char* kJsonType = "application/json";
inline constexpr const char* kGeoJsonType = "application/geo+json";
inline constexpr const char* kOpenApiType = "application/vnd.oai.openapi+json;version=3.0";
inline constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

using Params = std::vector<std::pair<std::string, std::string>>;

// A layer offered as a collection.
struct OgcLayer {
    std::string id;  // places, routes, bottlenecks
    std::string description;
    const io::Table* table = nullptr;
};

// What every document's links need: the server's base URL ("http://127.0.0.1:8080") and
// the analysis parameters asked (from, to, commodity, scenario), carried on by each link.
struct OgcContext {
    std::string base;
    Params analysis;
};

nlohmann::ordered_json landing_page(const OgcContext& ctx);
nlohmann::ordered_json conformance_page();
// The OpenAPI 3.0 definition of every path, with each layer's properties as items parameters.
nlohmann::ordered_json openapi_document(const OgcContext& ctx, const std::vector<OgcLayer>& layers);
nlohmann::ordered_json collections_page(const OgcContext& ctx, const std::vector<OgcLayer>& layers);
nlohmann::ordered_json collection_page(const OgcContext& ctx, const OgcLayer& layer);
// A FeatureCollection of the query's page, with numberMatched, numberReturned and the
// self, alternate, collection, next and prev links (filters: the property equalities and
// bbox as asked, carried on by the links).
nlohmann::ordered_json items_page(const OgcContext& ctx, const OgcLayer& layer, const ItemsQuery& query,
                                  const Params& filters);
nlohmann::ordered_json item_page(const OgcContext& ctx, const OgcLayer& layer, std::size_t row);

// A minimal HTML view of a document (f=html): its title, links and the JSON itself.
std::string html_view(const std::string& title, const nlohmann::ordered_json& doc);

// Percent-encodes a query parameter's name or value (RFC 3986 unreserved kept).
std::string url_encode(const std::string& text);

}  // namespace corridor
