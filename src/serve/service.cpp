#include "corridor/serve/service.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/webmap.hpp"

namespace corridor {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kGeoJson = "application/geo+json";

// from, to, commodity, scenario; each at most once and not empty.
AnalysisRequest request_of(const QueryParams& query) {
    AnalysisRequest r;
    std::vector<std::string> seen;
    for (const auto& [key, value] : query) {
        std::string* field = key == "from" ? &r.from
                             : key == "to" ? &r.to
                             : key == "commodity" ? &r.commodity
                             : key == "scenario" ? &r.scenario
                                                 : nullptr;
        if (field == nullptr)
            throw request_error(fmt::format("unknown parameter \"{}\" (expected from, to, commodity, scenario)", key));
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            throw request_error(fmt::format("parameter \"{}\" given twice", key));
        if (value.empty()) throw request_error(fmt::format("parameter \"{}\" is empty", key));
        seen.push_back(key);
        *field = value;
    }
    return r;
}

}  // namespace

HttpResponse json_error(int status, const std::string& message) {
    return {status, kJson, nlohmann::json{{"error", message}}.dump() + "\n"};
}

struct MapService::State {
    InputPaths input;
    Network net;
    std::vector<RouteMeasure> measures;
    std::string land, countries;  // compact GeoJSON, "" without the file
    std::string page;             // the live map page

    HttpResponse layer(const std::string& path, const QueryParams& query) const;
    HttpResponse capacity(const QueryParams& query) const;
};

MapService::MapService(const ServeOptions& o, std::ostream& log) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.input = o.input;
    CheckedNetwork checked = load_checked(o.input);
    for (const auto& line : finding_lines(checked.validation, o.strict)) log << "corridor: " << line << '\n';
    if (refused(checked.validation, o.strict))
        throw error("the network has problems and --strict refuses it (listed above)");
    s.net = std::move(checked.net);
    s.measures = measure_routes(s.net, o.input.speed_table());
    s.land = basemap_text(o.input.land_file());
    s.countries = basemap_text(o.input.countries_file());
    const AnalysedNetwork baseline = analyse_network(s.net, s.measures, s.input, {});
    if (!baseline.note.empty()) log << "corridor: note: " << baseline.note << '\n';
    WebMapPage page;
    page.live = true;
    page.summary = map_summary(s.net, baseline.analysis ? &*baseline.analysis : nullptr);
    s.page = web_map_html(page);
}

MapService::~MapService() = default;

HttpResponse MapService::State::capacity(const QueryParams& query) const {
    const AnalysisRequest r = request_of(query);
    return {200, kJson, capacity_json(net, analyse_question(net, input, r)).dump(2) + "\n"};
}

HttpResponse MapService::State::layer(const std::string& path, const QueryParams& query) const {
    const AnalysedNetwork a = analyse_network(net, measures, input, request_of(query));
    const Analysis* an = a.analysis ? &*a.analysis : nullptr;
    const io::Table t = path == "/places.geojson" ? places_table(net, an) : routes_table(net, a.measures, an);
    return {200, kGeoJson, io::geojson_text(t)};
}

HttpResponse MapService::get(const std::string& path, const QueryParams& query) const {
    const State& s = *state_;
    try {
        if (path == "/" || path == "/index.html") {
            request_of(query);  // the page passes them on: check them here too
            return {200, "text/html; charset=utf-8", s.page};
        }
        if (path == "/land.geojson" || path == "/countries.geojson") {
            if (!query.empty()) throw request_error("the basemap takes no parameters");
            const std::string& text = path == "/land.geojson" ? s.land : s.countries;
            if (text.empty()) return json_error(404, "no basemap file in the geodata folder");
            return {200, kGeoJson, text};
        }
        if (path == "/capacity") return s.capacity(query);
        if (path == "/places.geojson" || path == "/routes.geojson") return s.layer(path, query);
        return json_error(404, "not found: the paths are /, /places.geojson, /routes.geojson, /capacity, "
                               "/land.geojson, /countries.geojson");
    } catch (const error& e) {  // a bad parameter, unknown place, commodity, no path, bad scenario
        return json_error(400, e.what());
    } catch (const std::exception& e) {
        return json_error(500, fmt::format("internal error: {}", e.what()));
    }
}

}  // namespace corridor
