// Fuzz target serve: a connection's raw bytes answered by the HTTP server in-process.
#include <memory>
#include <sstream>
#include <string>

#include "corridor/serve/http_server.hpp"
#include "corridor/serve/service.hpp"
#include "harness.hpp"

namespace corridor::fuzz {
namespace {

struct Server {
    std::ostringstream log;
    std::unique_ptr<MapService> service;
    std::unique_ptr<HttpServer> http;
};

Server& server() {
    static Server s = [] {
        Server out;
        ServeOptions o;
        o.input.geodata = source_dir() / "geodata";
        o.cache_bytes = 16u << 20;
        std::ostringstream sink;
        out.service = std::make_unique<MapService>(o, sink);
        return out;
    }();
    if (!s.http) s.http = std::make_unique<HttpServer>(*s.service, &s.log);
    return s;
}

// The status of a log line "corridor: METHOD TARGET STATUS MS ms".
int status_of(const std::string& line) {
    const auto ms = line.rfind(' ', line.size() - 4);  // before "MS ms"
    if (ms == std::string::npos || ms == 0) return -1;
    const auto status = line.rfind(' ', ms - 1);
    if (status == std::string::npos) return -1;
    return std::atoi(line.substr(status + 1, ms - status - 1).c_str());
}

}  // namespace

void serve(std::string_view data) {
    Server& s = server();
    s.log.str({});
    const std::string answer = s.http->answer(data);
    if (!data.empty() && answer.empty()) throw Finding("serve: no answer at all");
    std::istringstream lines(s.log.str());
    for (std::string line; std::getline(lines, line);) {
        for (const char c : line)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                throw Finding("serve: a control character in the log: " + line);
        if (!line.starts_with("corridor: ") || !line.ends_with(" ms"))
            throw Finding("serve: a log line of another shape: " + line);
        const int status = status_of(line);
        if (status < 100 || status > 599) throw Finding("serve: no status in the log line: " + line);
        if (status >= 500) throw Finding("serve: answered " + std::to_string(status) + ": " + line);
    }
}

}  // namespace corridor::fuzz
