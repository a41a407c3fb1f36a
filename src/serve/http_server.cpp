#include "corridor/serve/http_server.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "connection.hpp"
#include "corridor/error.hpp"
#include "corridor/serve/http_policy.hpp"

namespace corridor {
namespace {

using Clock = std::chrono::steady_clock;

// Whether Accept-Encoding takes gzip ("gzip" or "*", without q=0).
bool accepts_gzip(const std::string& header) {
    std::size_t at = 0;
    while (at <= header.size()) {
        const std::size_t comma = std::min(header.find(',', at), header.size());
        std::string item = header.substr(at, comma - at);
        item.erase(0, item.find_first_not_of(" \t"));
        const std::size_t semi = item.find(';');
        std::string name = item.substr(0, semi);
        name.erase(name.find_last_not_of(" \t") + 1);
        const bool refused = semi != std::string::npos && item.find("q=0", semi) != std::string::npos &&
                             item.find_first_of("123456789", item.find("q=0", semi)) == std::string::npos;
        if ((name == "gzip" || name == "*") && !refused) return true;
        at = comma + 1;
    }
    return false;
}

// Whether If-None-Match names etag (or is "*").
bool matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match.empty()) return false;
    if (if_none_match == "*") return true;
    for (std::size_t at = if_none_match.find(etag); at != std::string::npos; at = if_none_match.find(etag, at + 1))
        return true;
    return false;
}

void send_body(httplib::Response& res, const HttpResponse& r, bool gzip) {
    const std::shared_ptr<const Body> body = r.body;
    if (gzip) res.set_header("Content-Encoding", "gzip");
    const std::string& bytes = gzip ? body->gzip() : body->text();
    if (bytes.empty()) {
        // httplib takes a provider of length 0 for none and then writes no Content-Length, so a
        // kept-alive client (a browser asking for an empty tile) would wait for a body forever.
        res.set_content(std::string(), r.content_type);
        return;
    }
    // A provider with a length: httplib writes the shared bytes as they are (no copy into
    // the response, no compression of its own), and none for HEAD.
    res.set_content_provider(bytes.size(), r.content_type,
                             [body, &bytes](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(bytes.data() + offset, length);
                             });
}

}  // namespace

struct HttpServer::Impl {
    const MapService& service;
    std::ostream* log;
    std::string cors;
    GuardedServer server;
    bool loopback_only = true;
    std::mutex log_mutex;
    // stop() may come before listen() has started its loop: httplib's own stop() would
    // then do nothing and the loop would never end.
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> listen_started{false};
    std::atomic<bool> listen_returned{false};

    Impl(const MapService& s, std::ostream* l, std::string c, const ConnectionLimits& limits)
        : service(s), log(l), cors(std::move(c)), server(limits) {}

    void headers(httplib::Response& res) const {
        for (const auto& [name, value] : security_headers()) res.set_header(name, value);
        if (!cors.empty()) res.set_header("Access-Control-Allow-Origin", cors);
        if (!cors.empty() && cors != "*") res.set_header("Vary", "Origin");
    }
    void error(httplib::Response& res, int status, const std::string& message) const {
        res.status = status;
        send_body(res, json_error(status, message), false);
    }
    void serve(const httplib::Request& req, httplib::Response& res) const;
    void answer(const httplib::Request& req, httplib::Response& res) const;
    void log_line(const httplib::Request& req, int status, Clock::time_point start) {
        if (!log) return;
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::lock_guard lock(log_mutex);
        *log << fmt::format("corridor: {} {} {} {:.1f} ms\n", escape_control(req.method), escape_control(req.target),
                            status, ms)
             << std::flush;
    }
};

// GET and HEAD: the service's answer, 304 when the client has it, gzip when it takes it.
void HttpServer::Impl::serve(const httplib::Request& req, httplib::Response& res) const {
    const std::string host = req.get_header_value("Host");
    HttpRequest request{req.path, QueryParams(req.params.begin(), req.params.end()), req.get_header_value("Accept"),
                        "http://" + host};
    const HttpResponse r = service.respond(request);
    res.status = r.status;
    // no-cache, not no-store: the client may keep a body but asks again (If-None-Match).
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept, Accept-Encoding");  // beside Vary: Origin for a named CORS origin
    const bool gzip = accepts_gzip(req.get_header_value("Accept-Encoding")) && !r.text().empty();
    if (r.status == 200) {
        const std::string etag =
            gzip ? r.body->etag().substr(0, r.body->etag().size() - 1) + "-gzip\"" : r.body->etag();
        res.set_header("ETag", etag);
        if (matches(req.get_header_value("If-None-Match"), etag)) {
            res.status = 304;
            return;
        }
    }
    send_body(res, r, gzip);
}

// Every request: the Host check, the methods, CORS preflight, then serve().
void HttpServer::Impl::answer(const httplib::Request& req, httplib::Response& res) const {
    headers(res);
    const bool read = req.method == "GET" || req.method == "HEAD";
    if (loopback_only && !loopback_host_allowed(req.get_header_value("Host"))) {
        error(res, 400,
              fmt::format("Host \"{}\" refused: this server answers localhost, 127.0.0.1 and [::1] only",
                          req.get_header_value("Host")));
    } else if (req.method == "OPTIONS" && !cors.empty() && req.has_header("Access-Control-Request-Method")) {
        close_after_response();
        res.status = 204;  // a CORS preflight: simple GETs need none, a GET with custom headers does
        res.set_header("Access-Control-Allow-Methods", kAllowedMethods);
        res.set_header("Access-Control-Allow-Headers", "Accept, If-None-Match");
        res.set_header("Access-Control-Max-Age", "600");
    } else if (!read) {
        close_after_response();  // a body, if any, is left unread: it must not be taken for a request
        res.set_header("Allow", kAllowedMethods);
        error(res, 405, "only GET and HEAD are served");
    } else {
        serve(req, res);
    }
}

HttpServer::HttpServer(const MapService& service, std::ostream* log, std::string cors, const ConnectionLimits& limits)
    : impl_(std::make_unique<Impl>(service, log, std::move(cors), limits)) {
    Impl& impl = *impl_;
    using Handled = httplib::Server::HandlerResponse;
    // Every parsed request is answered here, before httplib's routing, whatever its method.
    impl.server.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response& res) {
        const auto start = Clock::now();
        impl.answer(req, res);
        impl.log_line(req, res.status, start);
        return Handled::Handled;
    });
    // httplib's own errors (a malformed request, an unknown method, a body too long, a
    // request cut off): the same headers and a JSON body. Ours already carry the headers.
    impl.server.set_error_handler(
        httplib::Server::HandlerWithResponse([&impl](const httplib::Request& req, httplib::Response& res) {
            if (res.has_header("X-Content-Type-Options")) return Handled::Unhandled;
            const auto start = Clock::now();
            close_after_response();  // what follows a malformed request cannot be trusted as requests
            impl.headers(res);
            if (res.status == 400 && !req.method.empty() && req.version.starts_with("HTTP/1.") && req.method != "GET" &&
                req.method != "HEAD") {
                res.status = 405;  // httplib refuses a method it does not know as malformed
                res.set_header("Allow", kAllowedMethods);
            }
            impl.error(res, res.status, res.status == 405 ? "only GET and HEAD are served" : "bad request");
            impl.log_line(req, res.status, start);
            return Handled::Handled;
        }));
    impl.server.set_exception_handler([&impl](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        impl.headers(res);
        impl.error(res, 500, "internal error");
    });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
    if (port < 0 || port > 65535) throw error(fmt::format("--port {}: give 0 to 65535", port));
    impl_->loopback_only = is_loopback_address(host);
    const int bound = impl_->server.bind_guarded(host, port);
    if (bound <= 0)
        throw error(
            fmt::format("cannot listen on {}:{} (address in use, or not an address of this machine)", host, port));
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

std::string HttpServer::answer(std::string_view bytes) { return impl_->server.process_bytes(bytes); }

void serve_map(const ServeOptions& options, std::ostream& log) {
    const MapService service(options, log);
    HttpServer server(service, &log, options.cors);
    if (const auto warning = bind_warning(options.bind); !warning.empty()) log << "corridor: " << warning << '\n';
    const int port = server.bind(options.bind, options.port);
    log << "corridor: serving the map at " << server_url(options.bind, port) << " (Ctrl-C stops)" << std::endl;
    server.listen();
}

}  // namespace corridor
