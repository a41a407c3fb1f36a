#include "corridor/serve/ogc_api.hpp"
#include "corridor/text/strings.hpp"

#include <cctype>

#include <fmt/format.h>

namespace corridor {
namespace {

using nlohmann::ordered_json;

std::string query_string(const Params& params) {
    std::string q;
    for (const auto& [key, value] : params) {
        q += q.empty() ? '?' : '&';
        q += url_encode(key);
        q += '=';
        q += url_encode(value);
    }
    return q;
}

// href: base + path + the analysis parameters + extra, with f=json|html when given.
std::string href(const OgcContext& ctx, const std::string& path, Params extra = {}, const std::string& f = "") {
    Params all = ctx.analysis;
    all.insert(all.end(), extra.begin(), extra.end());
    if (!f.empty()) all.emplace_back("f", f);
    return ctx.base + path + query_string(all);
}

ordered_json link(std::string href, const char* rel, const char* type, const std::string& title) {
    return {{"href", std::move(href)}, {"rel", rel}, {"type", type}, {"title", title}};
}

// self (JSON) and alternate (HTML) of a document at path.
ordered_json self_links(const OgcContext& ctx, const std::string& path, const char* type, Params extra = {}) {
    return ordered_json::array({link(href(ctx, path, extra, "json"), "self", type, "this document"),
                                link(href(ctx, path, extra, "html"), "alternate", kHtmlType, "this document as HTML")});
}

}  // namespace

std::string url_encode(const std::string& text) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') out += c;
        else out += fmt::format("%{:02X}", u);
    }
    return out;
}

ordered_json landing_page(const OgcContext& ctx) {
    ordered_json links = self_links(ctx, "/", kJsonType);
    links.push_back(link(ctx.base + "/api", "service-desc", kOpenApiType, "the API definition (OpenAPI 3.0)"));
    links.push_back(link(ctx.base + "/conformance", "conformance", kJsonType, "the conformance classes implemented"));
    links.push_back(link(href(ctx, "/collections"), "data", kJsonType, "the layers: places, routes, bottlenecks"));
    links.push_back(link(href(ctx, "/map"), "alternate", kHtmlType, "the web map"));
    return {{"title", "corridor"},
            {"description",
             "Transport corridors: places, routes with capacities and flows, and the bottlenecks of "
             "the analysis asked (from, to, commodity, scenario, month)"},
            {"links", std::move(links)}};
}

ordered_json conformance_page() {
    return {{"conformsTo",
             {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
              "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
              "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"}}};
}

ordered_json collection_page(const OgcContext& ctx, const OgcLayer& layer) {
    const std::string path = "/collections/" + layer.id;
    ordered_json links = self_links(ctx, path, kJsonType);
    links.push_back(link(href(ctx, path + "/items"), "items", kGeoJsonType, "the features"));
    ordered_json c = {{"id", layer.id}, {"title", layer.id}, {"description", layer.description}};
    if (const auto e = extent_of(*layer.table))
        c["extent"] = {{"spatial",
                        {{"bbox", {{e->west, e->south, e->east, e->north}}},
                         {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}}};
    if (const auto t = temporal_extent_of(*layer.table)) {
        // The first day's start and the last day's end (null: open), in the Gregorian calendar.
        auto instant = [](Day day, Day open, const char* time) {
            return day == open ? ordered_json(nullptr) : ordered_json(date_text(day) + time);
        };
        c["extent"]["temporal"] = {
            {"interval",
             {{instant(t->from, Period::kOpenStart, "T00:00:00Z"), instant(t->until, Period::kOpenEnd, "T23:59:59Z")}}},
            {"trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}};
    }
    c["itemType"] = "feature";
    c["crs"] = {"http://www.opengis.net/def/crs/OGC/1.3/CRS84"};
    c["links"] = std::move(links);
    return c;
}

ordered_json collections_page(const OgcContext& ctx, const std::vector<OgcLayer>& layers) {
    ordered_json all = ordered_json::array();
    for (const OgcLayer& layer : layers) all.push_back(collection_page(ctx, layer));
    return {{"links", self_links(ctx, "/collections", kJsonType)}, {"collections", std::move(all)}};
}

ordered_json items_page(const OgcContext& ctx, const OgcLayer& layer, const ItemsQuery& query, const Params& filters) {
    const std::vector<std::size_t> rows = matching_rows(*layer.table, query);
    const std::size_t first = std::min(query.offset, rows.size());
    const std::size_t last = std::min(rows.size(), first + query.limit);
    ordered_json features = ordered_json::array();
    for (std::size_t i = first; i < last; ++i) features.push_back(feature_json(*layer.table, rows[i]));

    const std::string path = "/collections/" + layer.id + "/items";
    auto page = [&](std::size_t offset) {
        Params p = filters;
        p.emplace_back("limit", std::to_string(query.limit));
        p.emplace_back("offset", std::to_string(offset));
        return p;
    };
    ordered_json links = self_links(ctx, path, kGeoJsonType, page(query.offset));
    if (last < rows.size()) links.push_back(link(href(ctx, path, page(last)), "next", kGeoJsonType, "next page"));
    if (query.offset > 0) {
        const std::size_t prev = query.offset > query.limit ? query.offset - query.limit : 0;
        links.push_back(link(href(ctx, path, page(prev)), "prev", kGeoJsonType, "previous page"));
    }
    links.push_back(link(href(ctx, "/collections/" + layer.id), "collection", kJsonType, "the collection"));
    return {{"type", "FeatureCollection"},
            {"numberMatched", rows.size()},
            {"numberReturned", last - first},
            {"features", std::move(features)},
            {"links", std::move(links)}};
}

ordered_json item_page(const OgcContext& ctx, const OgcLayer& layer, std::size_t row) {
    ordered_json f = feature_json(*layer.table, row);
    const std::string id = f.contains("id") ? f["id"].get<std::string>() : std::to_string(row);
    ordered_json links = self_links(ctx, "/collections/" + layer.id + "/items/" + url_encode(id), kGeoJsonType);
    links.push_back(link(href(ctx, "/collections/" + layer.id), "collection", kJsonType, "the collection"));
    f["links"] = std::move(links);
    return f;
}

std::string html_view(const std::string& title, const ordered_json& doc) {
    // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    const std::string t = escape_html(title);
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    html += t;
    html += "</title>\n</head>\n<body>\n<h1>";
    html += t;
    html += "</h1>\n<ul>\n";
    if (doc.contains("links"))
        for (const auto& l : doc["links"]) {
            html += "<li><a href=\"";
            html += escape_html(l["href"].get<std::string>());
            html += "\">";
            html += escape_html(l["title"].get<std::string>());
            html += "</a> (";
            html += escape_html(l["rel"].get<std::string>());
            html += ")</li>\n";
        }
    html += "</ul>\n<pre>";
    html += escape_html(doc.dump(2, ' ', false, ordered_json::error_handler_t::replace));
    html += "</pre>\n</body>\n</html>\n";
    return html;
}

}  // namespace corridor
