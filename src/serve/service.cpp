#include "corridor/serve/service.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/parameters.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/observed.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/ogc_api.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/tiles/tile.hpp"
#include "corridor/tiles/tilejson.hpp"

namespace corridor {
namespace {

using nlohmann::ordered_json;

class not_found : public error {
    using error::error;
};

// A request's parameters, split: the analysis' (parameters::query_parameters), f, and the rest.
struct SplitQuery {
    AnalysisRequest analysis;
    Params analysis_params;
    std::string f;  // "", json or html
    Params rest;
};

SplitQuery split_query(const QueryParams& query, bool takes_f) {
    SplitQuery s;
    std::vector<std::string> seen;
    for (const auto& [key, value] : query) {
        if (!valid_utf8(key) || !valid_utf8(value)) throw request_error("a parameter is not valid UTF-8");
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            throw request_error(fmt::format("parameter \"{}\" given twice", key));
        if (value.empty()) throw request_error(fmt::format("parameter \"{}\" is empty", key));
        seen.push_back(key);
        const auto& query_parameters = parameters::query_parameters();
        const auto parameter = std::find_if(query_parameters.begin(), query_parameters.end(),
                                            [&name = key](const auto& p) { return p.text->name == name; });
        if (parameter != query_parameters.end()) {
            s.analysis.*(parameter->field) = value;
            s.analysis_params.emplace_back(key, value);
        } else if (key == "f" && takes_f) {
            if (value != "json" && value != "html")
                throw request_error(fmt::format("f must be json or html, not \"{}\"", value));
            s.f = value;
        } else {
            s.rest.emplace_back(key, value);
        }
    }
    return s;
}

void no_other_parameters(const SplitQuery& s, bool takes_f) {
    if (s.rest.empty()) return;
    std::string expected;
    for (const auto& p : parameters::query_parameters()) expected += (expected.empty() ? "" : ", ") + p.text->name;
    throw request_error(
        fmt::format("unknown parameter \"{}\" (expected {}{})", s.rest.front().first, expected, takes_f ? ", f" : ""));
}

std::string analysis_key(const AnalysisRequest& r) {
    std::string key;
    for (const auto& p : parameters::query_parameters()) key += r.*(p.field) + '\x1f';
    return key;
}

enum class Form { json, html };

// f=json|html decides; else the Accept header (whichever of text/html and JSON it names
// first); else the fallback (the map page for /, JSON for the OGC documents).
Form form_of(const HttpRequest& r, const std::string& f, Form fallback) {
    if (!f.empty()) return f == "html" ? Form::html : Form::json;
    const auto html = r.accept.find("text/html");
    const auto json = r.accept.find("json");
    if (html != std::string::npos && (json == std::string::npos || html < json)) return Form::html;
    if (json != std::string::npos) return Form::json;
    return fallback;
}

const char* ogc_code(int status) {
    switch (status) {
        case 400:
            return "InvalidParameterValue";
        case 404:
            return "NotFound";
        case 405:
            return "MethodNotAllowed";
        case 413:
            return "PayloadTooLarge";
        case 500:
            return "ServerError";
        default:
            return "Error";
    }
}

// What each layer of an analysis is, for the OGC API's collections.
std::string layer_description(const std::string& name) {
    if (name == "places") return "places with the flow entering and leaving them (t/month)";
    if (name == "routes") return "routes with capacity and the analysis' flow (t/month)";
    if (name == "observations")
        return "what the texts say moved in a period, against the network's capacity then (baseline; no geometry)";
    return "the routes on the analysis' minimum cut";
}

// The layers of one analysis (tile_layers: places, routes and, with an analysis,
// bottlenecks), materialised once and shared by every request asking it.
struct AnalysisLayers {
    AnalysedNetwork analysed;
    std::vector<io::Table> tables;

    const io::Table& places() const { return tables[0]; }
    const io::Table& routes() const { return tables[1]; }
    std::vector<OgcLayer> layers() const {
        std::vector<OgcLayer> all;
        for (const io::Table& t : tables) all.push_back({t.name, layer_description(t.name), &t});
        return all;
    }
    std::size_t bytes() const {
        std::size_t n = 0;
        for (const io::Table& t : tables)
            for (std::size_t r = 0; r < t.size(); ++r)
                n += 64 + t.fields.size() * 40 + t.geometry_at(r).size() * sizeof(LonLat);
        return n;
    }
};

// An analysis' layers cut into vector tiles: the projected features and their R-trees,
// built on the first tile request for that analysis (the layers are kept alive with them).
struct TileSet {
    std::shared_ptr<const AnalysisLayers> layers;
    tiles::TileSource source;
    std::size_t bytes() const { return source.memory_bytes(); }
};

inline constexpr int kServedMaxZoom = 14;  // TileJSON's maxzoom: full detail from here on (clients overzoom)

}  // namespace

HttpResponse text_response(int status, std::string content_type, std::string text) {
    return {status, std::move(content_type), std::make_shared<const Body>(std::move(text))};
}

HttpResponse json_error(int status, const std::string& message) {
    const std::string text = escape_control(message);
    const ordered_json j{{"code", ogc_code(status)}, {"description", text}, {"error", text}};
    return text_response(status, kJsonType, j.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n");
}

struct MapService::State {
    InputPaths input;
    Network net;
    std::vector<RouteMeasure> measures;
    std::shared_ptr<const Body> land, countries;  // compact GeoJSON; null without the file
    std::shared_ptr<const Body> page;             // the live map page
    mutable LruCache<AnalysisLayers> analyses;
    mutable LruCache<Body> bodies;
    mutable LruCache<TileSet> tile_sets;
    // The observations collection (observations.json checked against the baseline), made on
    // the first request that needs it; none without the file.
    mutable std::once_flag observations_once;
    mutable std::optional<io::Table> observations;

    explicit State(std::size_t cache_bytes)
        : analyses(cache_bytes / 4, [](const AnalysisLayers& a) { return a.bytes(); }),
          bodies(cache_bytes / 2, [](const Body& b) { return b.text().size(); }),
          tile_sets(cache_bytes / 4, [](const TileSet& t) { return t.bytes(); }) {}

    std::shared_ptr<const AnalysisLayers> layers_of(const AnalysisRequest& r) const;
    // The OGC collections of an analysis: its layers, then the observations when present.
    std::vector<OgcLayer> ogc_layers(const AnalysisLayers& a) const;
    HttpResponse cached(const std::string& key, const char* type, const std::function<std::string()>& build) const;
    HttpResponse route(const HttpRequest& request) const;
    HttpResponse map_endpoint(const HttpRequest& request) const;
    HttpResponse ogc(const HttpRequest& request) const;
    HttpResponse tile_endpoint(const HttpRequest& request) const;
    HttpResponse collection(const HttpRequest& request, const SplitQuery& s,
                            const std::vector<std::string>& parts) const;
};

MapService::MapService(const ServeOptions& o, std::ostream& log) : state_(std::make_unique<State>(o.cache_bytes)) {
    State& s = *state_;
    s.input = o.input;
    CheckedNetwork checked = load_checked(o.input);
    for (const auto& line : finding_lines(checked.validation, o.strict)) log << "corridor: " << line << '\n';
    if (refused(checked.validation, o.strict))
        throw error("the network has problems and --strict refuses it (listed above)");
    s.net = std::move(checked.net);
    s.measures = measure_routes(s.net, o.input.speed_table());
    if (auto text = basemap_text(o.input.land_file()); !text.empty())
        s.land = std::make_shared<const Body>(std::move(text));
    if (auto text = basemap_text(o.input.countries_file()); !text.empty())
        s.countries = std::make_shared<const Body>(std::move(text));
    const auto baseline = s.layers_of({});
    if (!baseline->analysed.note.empty()) log << "corridor: note: " << baseline->analysed.note << '\n';
    const Analysis* an = baseline->analysed.analysis ? &*baseline->analysed.analysis : nullptr;
    // A large network's page draws the tiles of /tiles.json; its basemap is fetched like the layers.
    WebMapPage page = map_data_for(s.net.routes.size(), o.map_data) == MapData::tiles
                          ? web_map_tile_page(s.net, an, {}, {})
                          : WebMapPage{};
    page.live = true;
    page.summary = map_summary(an);
    page.place_kinds = place_kinds(s.net);
    page.tiles.land = s.land != nullptr;
    page.tiles.countries = s.countries != nullptr;
    s.page = std::make_shared<const Body>(web_map_html(page));
}

MapService::~MapService() = default;

std::size_t MapService::builds() const { return state_->analyses.builds() + state_->bodies.builds(); }

std::shared_ptr<const AnalysisLayers> MapService::State::layers_of(const AnalysisRequest& r) const {
    return analyses.get_or_build(analysis_key(r), [&] {
        auto a = std::make_shared<AnalysisLayers>();
        a->analysed = analyse_network(net, measures, input, r);
        const Analysis* an = a->analysed.analysis ? &*a->analysed.analysis : nullptr;
        for (const io::Table& t : tile_layers(net, a->analysed.measures, an)) a->tables.push_back(io::materialised(t));
        return std::shared_ptr<const AnalysisLayers>(std::move(a));
    });
}

std::vector<OgcLayer> MapService::State::ogc_layers(const AnalysisLayers& a) const {
    std::call_once(observations_once, [&] {
        if (std::filesystem::exists(input.observations_file()))
            observations = observations_table(check_observations(net, input, input.observations_for(net)));
    });
    std::vector<OgcLayer> all = a.layers();
    if (observations) all.push_back({observations->name, layer_description(observations->name), &*observations});
    return all;
}

HttpResponse MapService::State::cached(const std::string& key, const char* type,
                                       const std::function<std::string()>& build) const {
    return {200, type, bodies.get_or_build(key, [&] { return std::make_shared<const Body>(build()); })};
}

HttpResponse MapService::respond(const HttpRequest& request) const {
    try {
        return state_->route(request);
    } catch (const not_found& e) {
        return json_error(404, e.what());
    } catch (const error& e) {  // a bad parameter, unknown place, commodity, no path, bad scenario
        return json_error(400, e.what());
    } catch (const std::exception& e) {
        return json_error(500, fmt::format("internal error: {}", e.what()));
    }
}

HttpResponse MapService::State::route(const HttpRequest& request) const {
    const std::string& path = request.path;
    if (path == "/" || path == "/index.html") {
        const SplitQuery s = split_query(request.query, true);
        if (form_of(request, s.f, Form::html) == Form::json) return ogc(request);
        no_other_parameters(s, true);
        return {200, kHtmlType, page};  // the page passes the analysis parameters on: checked above
    }
    if (path == "/map") {
        no_other_parameters(split_query(request.query, false), false);
        return {200, kHtmlType, page};
    }
    if (path == "/tiles.json" || path.starts_with("/tiles/")) return tile_endpoint(request);
    if (path == "/conformance" || path == "/api" || path == "/collections" || path.starts_with("/collections/"))
        return ogc(request);
    return map_endpoint(request);
}

HttpResponse MapService::State::map_endpoint(const HttpRequest& request) const {
    const std::string& path = request.path;
    if (path == "/land.geojson" || path == "/countries.geojson") {
        if (!request.query.empty()) throw request_error("the basemap takes no parameters");
        const auto& body = path == "/land.geojson" ? land : countries;
        if (!body) throw not_found("no basemap file in the geodata folder");
        return {200, kGeoJsonType, body};
    }
    if (path != "/capacity" && path != "/places.geojson" && path != "/routes.geojson")
        throw not_found(
            "not found: the paths are /, /map, /places.geojson, /routes.geojson, /capacity, /land.geojson, "
            "/countries.geojson, /conformance, /api, /collections, /tiles.json, /tiles/{z}/{x}/{y}.mvt");
    const SplitQuery s = split_query(request.query, false);
    no_other_parameters(s, false);
    const std::string key = path + '?' + analysis_key(s.analysis);
    if (path == "/capacity")
        return cached(key, kJsonType,
                      [&] { return capacity_json(net, analyse_question(net, input, s.analysis)).dump(2) + "\n"; });
    return cached(key, kGeoJsonType, [&] {
        const auto a = layers_of(s.analysis);
        return io::geojson_text(path == "/places.geojson" ? a->places() : a->routes());
    });
}

// /tiles.json (TileJSON 3.0, its tiles URL carrying the analysis parameters) and
// /tiles/{z}/{x}/{y}.mvt: non-numeric coordinates are a bad request (400), numbers outside
// the tile grid a tile that does not exist (404).
HttpResponse MapService::State::tile_endpoint(const HttpRequest& request) const {
    const SplitQuery s = split_query(request.query, false);
    no_other_parameters(s, false);
    std::optional<tiles::TileId> id;
    if (request.path != "/tiles.json") {
        const std::string rest = request.path.substr(7);
        if (!rest.ends_with(".mvt") || std::count(rest.begin(), rest.end(), '/') != 2)
            throw not_found(
                fmt::format("not found: {} (tiles are /tiles/{{z}}/{{x}}/{{y}}.mvt)", escape_control(request.path)));
        id = tiles::parse_tile_path(rest);
        if (!id) throw request_error("tile coordinates z, x and y must be whole numbers");
        if (!tiles::valid_tile(*id))
            throw not_found(fmt::format("no tile {}: z is 0..{} and x, y are below 2^z",
                                        rest.substr(0, rest.size() - 4), tiles::kMaxZoom));
    }
    const std::string akey = analysis_key(s.analysis);
    // The analysis and its tile index are asked for only when the body is not cached: a tile
    // already built is answered even after its analysis left the cache for another.
    const auto tile_set = [&] {
        return tile_sets.get_or_build(akey, [&] {
            const auto a = layers_of(s.analysis);
            return std::make_shared<const TileSet>(TileSet{a, tiles::TileSource(a->tables)});
        });
    };
    if (!id) {
        std::string query;
        for (const auto& [k, v] : s.analysis_params) {
            query += query.empty() ? '?' : '&';
            query.append(url_encode(k)).append(1, '=').append(url_encode(v));
        }
        return cached("/tiles.json?" + akey + '#' + request.base, kJsonType, [&] {
            const auto set = tile_set();
            const auto& analysis = set->layers->analysed.analysis;
            tiles::TileSetInfo info = tile_set_options(analysis ? &*analysis : nullptr, 0, kServedMaxZoom).info;
            info.tiles = {request.base + "/tiles/{z}/{x}/{y}.mvt" + query};
            info.maxzoom = kServedMaxZoom;
            return tiles::tilejson(set->source, info).dump(2) + "\n";
        });
    }
    return cached(request.path + '?' + akey, kMvtType, [&] {
        tiles::TileOptions o;
        o.full_detail_zoom = kServedMaxZoom;
        return tiles::build_tile(tile_set()->source, *id, o);
    });
}

// The OGC API documents: JSON (or GeoJSON) by default, a minimal HTML view for f=html.
HttpResponse MapService::State::ogc(const HttpRequest& request) const {
    const SplitQuery s = split_query(request.query, true);
    const std::string& path = request.path;
    const Form form = form_of(request, s.f, Form::json);
    if (path.starts_with("/collections/")) {
        std::vector<std::string> parts;
        for (std::size_t at = 13; at <= path.size();) {
            const std::size_t slash = std::min(path.find('/', at), path.size());
            parts.push_back(path.substr(at, slash - at));
            at = slash + 1;
        }
        return collection(request, s, parts);
    }
    no_other_parameters(s, true);
    const OgcContext ctx{request.base, s.analysis_params};
    const std::string key =
        path + '?' + analysis_key(s.analysis) + '#' + request.base + (form == Form::html ? "html" : "json");
    auto render = [form](const std::string& title, const ordered_json& doc) {
        return form == Form::html ? html_view(title, doc)
                                  : doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
    };
    const char* type = form == Form::html ? kHtmlType : kJsonType;
    if (path == "/" || path == "/index.html")
        return cached(key, type, [&] { return render("corridor", landing_page(ctx)); });
    if (path == "/conformance") return cached(key, type, [&] { return render("conformance", conformance_page()); });
    const auto a = layers_of(s.analysis);
    if (path == "/api")
        return cached(key, form == Form::html ? kHtmlType : kOpenApiType,
                      [&] { return render("API", openapi_document(ctx, ogc_layers(*a))); });
    return cached(key, type, [&] { return render("collections", collections_page(ctx, ogc_layers(*a))); });
}

// /collections/{id}, /collections/{id}/items and /collections/{id}/items/{featureId}.
HttpResponse MapService::State::collection(const HttpRequest& request, const SplitQuery& s,
                                           const std::vector<std::string>& parts) const {
    const bool items = parts.size() >= 2 && parts[1] == "items";
    if (parts.size() > 3 || parts[0].empty() || (parts.size() >= 2 && !items) ||
        (parts.size() == 3 && parts[2].empty()))
        throw not_found(fmt::format("not found: {}", request.path));
    const auto a = layers_of(s.analysis);
    const auto layers = ogc_layers(*a);
    const auto layer = std::find_if(layers.begin(), layers.end(), [&](const OgcLayer& l) { return l.id == parts[0]; });
    if (layer == layers.end()) {
        std::vector<std::string> ids;
        for (const OgcLayer& l : layers) ids.push_back(l.id);
        throw not_found(fmt::format("no collection \"{}\" (the collections are {})", parts[0], joined(ids, ", ")));
    }
    const OgcContext ctx{request.base, s.analysis_params};
    const Form form = form_of(request, s.f, Form::json);
    const char* type = form == Form::html ? kHtmlType : items ? kGeoJsonType : kJsonType;
    auto render = [&](const ordered_json& doc) {
        return form == Form::html ? html_view(request.path, doc)
                                  : doc.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
    };
    // Every parameter as given: a page asked again (or by many at once) is built once.
    std::string key = request.path + '#' + request.base + (form == Form::html ? "#html" : "#json");
    for (const auto& [name, value] : request.query) key += '\x1f' + name + '=' + value;
    if (parts.size() == 3) {
        no_other_parameters(s, true);
        const auto row = row_of_id(*layer->table, parts[2]);
        if (!row) throw not_found(fmt::format("no feature \"{}\" in {}", parts[2], parts[0]));
        return cached(key, type, [&] { return render(item_page(ctx, *layer, *row)); });
    }
    if (!items) {
        no_other_parameters(s, true);
        return cached(key, type, [&] { return render(collection_page(ctx, *layer)); });
    }
    ItemsQuery q;
    Params filters;
    for (const auto& [key, value] : s.rest) {
        if (key == "limit") q.limit = parse_limit(value);
        else if (key == "offset") q.offset = parse_offset(value);
        else if (key == "bbox") q.bbox = parse_bbox(value);
        else if (key == "datetime") q.datetime = parse_datetime(value);
        else q.equals.emplace_back(key, value);
        if (key != "limit" && key != "offset") filters.emplace_back(key, value);
    }
    // commodity chooses the analysis (its flows) and, on a layer that lists commodities, the
    // features that carry it.
    const auto& fields = layer->table->fields;
    const bool has_commodity =
        std::any_of(fields.begin(), fields.end(), [](const io::FieldDef& f) { return f.name == "commodity"; });
    if (!s.analysis.commodity.empty() && has_commodity) q.lists.emplace_back("commodity", s.analysis.commodity);
    return cached(key, type, [&] { return render(items_page(ctx, *layer, q, filters)); });
}

namespace serve_flags {
const OptionText kPort{"port", "TCP port (0: any free port, printed on start)", true};
const OptionText kBind{"bind", "Address to listen on (0.0.0.0 opens it to the network)", true};
const OptionText kCors{"cors", "Access-Control-Allow-Origin to send: an origin or * (default: none)"};
const OptionText kCacheMb{
    "cache-mb",
    "Memory for analyses, tile indexes and response bodies, in MiB (the latest of each is kept even when larger)",
    true};
const OptionText kData{
    "data",
    "The map page: auto, inline (Leaflet, loads the layers whole) or tiles (MapLibre, /tiles); auto: tiles over " +
        std::to_string(kInlineMapRoutes) + " routes",
    true};
}  // namespace serve_flags

}  // namespace corridor
