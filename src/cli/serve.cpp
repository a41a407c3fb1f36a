#include "serve.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <mutex>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/graph/flow.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/webmap.hpp"

namespace corridor::cli {
namespace {

// A bad request: HTTP 400 with the message.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr const char* kJson = "application/json";
constexpr const char* kGeoJson = "application/geo+json";

HttpResponse json_error(int status, const std::string& message) {
    return {status, kJson, nlohmann::json{{"error", message}}.dump() + "\n"};
}

// from, to, commodity, scenario; each at most once and not empty.
Options analysis_options(const Options& base, const QueryParams& query) {
    Options o = base;
    std::vector<std::string> seen;
    for (const auto& [key, value] : query) {
        std::string* field = key == "from" ? &o.from
                             : key == "to" ? &o.to
                             : key == "commodity" ? &o.commodity
                             : key == "scenario" ? &o.scenario
                                                 : nullptr;
        if (field == nullptr)
            throw BadRequest(fmt::format("unknown parameter \"{}\" (expected from, to, commodity, scenario)", key));
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            throw BadRequest(fmt::format("parameter \"{}\" given twice", key));
        if (value.empty()) throw BadRequest(fmt::format("parameter \"{}\" is empty", key));
        seen.push_back(key);
        *field = value;
    }
    return o;
}

}  // namespace

struct MapService::State {
    Options options;
    Network net;
    std::vector<RouteMeasure> measures;
    std::string land, countries;  // compact GeoJSON, "" without the file
    std::string page;             // the live map page
};

MapService::MapService(const Options& o, const Io& io) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.options = o;
    s.options.from.clear();
    s.options.to.clear();
    s.options.commodity.clear();
    s.options.scenario.clear();
    auto net = load_checked(o, io);
    if (!net) throw error("the network has problems and --strict refuses it (listed above)");
    s.net = std::move(*net);
    s.measures = measure_routes(s.net, speed_table(o));
    s.land = basemap_text(land_file(o));
    s.countries = basemap_text(countries_file(o));
    const Solved baseline = solve(s.net, s.measures, s.options, io);
    WebMapPage page;
    page.live = true;
    page.summary = map_summary(s.net, baseline.analysis ? &*baseline.analysis : nullptr);
    s.page = web_map_html(page);
}

MapService::~MapService() = default;

HttpResponse MapService::get(const std::string& path, const QueryParams& query) const {
    const State& s = *state_;
    try {
        if (path == "/" || path == "/index.html") {
            analysis_options(s.options, query);  // the page passes them on: check them here too
            return {200, "text/html; charset=utf-8", s.page};
        }
        if (path == "/land.geojson" || path == "/countries.geojson") {
            if (!query.empty()) throw BadRequest("the basemap takes no parameters");
            const std::string& text = path == "/land.geojson" ? s.land : s.countries;
            if (text.empty()) return json_error(404, "no basemap file in the geodata folder");
            return {200, kGeoJson, text};
        }
        const bool capacity = path == "/capacity";
        if (!capacity && path != "/places.geojson" && path != "/routes.geojson")
            return json_error(404, "not found: the paths are /, /places.geojson, /routes.geojson, /capacity, "
                                   "/land.geojson, /countries.geojson");
        const Options o = analysis_options(s.options, query);
        if (capacity) {
            if (o.from.empty() || o.to.empty()) throw BadRequest("give from and to (place ids or country codes)");
            FlowQuery q = flow_query(o.from, o.to, o, adjust(s.net, requested_changes(o, s.net)));
            NetworkGraph graph = build_graph(s.net, query_terminals(s.net, q.from, q.to));
            const FlowResult r = max_flow(graph, s.net, q);
            return {200, kJson, capacity_json(s.net, o, r).dump(2) + "\n"};
        }
        std::ostringstream notes;
        const Solved solved = solve(s.net, s.measures, o, Io{notes, notes});
        const Analysis* a = solved.analysis ? &*solved.analysis : nullptr;
        const io::Table t = path == "/places.geojson" ? places_table(s.net, a) : routes_table(s.net, solved.measures, a);
        return {200, kGeoJson, io::geojson_text(t)};
    } catch (const BadRequest& e) {
        return json_error(400, e.what());
    } catch (const UsageError& e) {
        return json_error(400, e.what());
    } catch (const error& e) {  // unknown place, commodity, no path, bad scenario
        return json_error(400, e.what());
    } catch (const std::exception& e) {
        return json_error(500, fmt::format("internal error: {}", e.what()));
    }
}

struct HttpServer::Impl {
    const MapService& service;
    std::ostream* log;
    std::mutex log_mutex;
    httplib::Server server;
    // stop() may come before listen() has started its loop: httplib's own stop() would
    // then do nothing and the loop would never end.
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> listen_started{false};
    std::atomic<bool> listen_returned{false};
};

HttpServer::HttpServer(const MapService& service, std::ostream* log)
    : impl_(std::make_unique<Impl>(service, log)) {
    Impl& impl = *impl_;
    // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, which would let a second
    // server (or another program) bind the same port beside this one.
    impl.server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    impl.server.Get(R"(.*)", [&impl](const httplib::Request& req, httplib::Response& res) {
        const auto start = std::chrono::steady_clock::now();
        QueryParams query(req.params.begin(), req.params.end());
        const HttpResponse r = impl.service.get(req.path, query);
        res.status = r.status;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_content(r.body, r.content_type.c_str());
        if (impl.log) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            std::lock_guard lock(impl.log_mutex);
            *impl.log << fmt::format("corridor: GET {} {} {:.1f} ms\n", req.target, r.status, ms) << std::flush;
        }
    });
    // Any method but GET (and HEAD): 405 with a JSON error.
    auto refuse = [](const httplib::Request&, httplib::Response& res) {
        const HttpResponse r = json_error(405, "only GET is served");
        res.status = r.status;
        res.set_content(r.body, r.content_type.c_str());
    };
    impl.server.Post(R"(.*)", refuse);
    impl.server.Put(R"(.*)", refuse);
    impl.server.Delete(R"(.*)", refuse);
    impl.server.Patch(R"(.*)", refuse);
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
    if (port < 0 || port > 65535) throw error(fmt::format("--port {}: give 0 to 65535", port));
    int bound = -1;
    if (port == 0) bound = impl_->server.bind_to_any_port(host.c_str());
    else if (impl_->server.bind_to_port(host.c_str(), port)) bound = port;
    if (bound <= 0) throw error(fmt::format("cannot listen on {}:{} (address in use, or not an address of this machine)", host, port));
    return bound;
}

void HttpServer::listen() {
    impl_->listen_started = true;
    if (!impl_->stop_requested) impl_->server.listen_after_bind();
    impl_->listen_returned = true;
}

void HttpServer::stop() {
    impl_->stop_requested = true;
    if (!impl_->listen_started) return;  // listen() will see the request and not start
    while (!impl_->server.is_running() && !impl_->listen_returned) std::this_thread::yield();
    impl_->server.stop();
}

}  // namespace corridor::cli
