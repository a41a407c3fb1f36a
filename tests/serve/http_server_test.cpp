// serve/http_server over real loopback sockets: slow clients, methods, HEAD, the Host
// check, escaped logs, security headers, ETag and 304, gzip, CORS and shared bodies.
#include "corridor/serve/http_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/service.hpp"
#include "serve/live_server.hpp"
#include "serve/service_suite.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using test::LiveServer;
using test::RawSocket;

using HttpServerTest = test::ServiceSuite<test::network_v1_dir>;

// A whole exchange on a fresh connection: the request as given, the answer until the server closes.
std::string talk(int port, const std::string& request) {
    RawSocket s(port);
    EXPECT_TRUE(s.connected());
    s.send(request);
    return s.receive();
}

std::string get(int port, const std::string& target, const std::string& extra_headers = "") {
    return talk(port,
                "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers + "\r\n");
}

std::string head_of(const std::string& answer) { return answer.substr(0, answer.find("\r\n\r\n")); }
std::string body_of(const std::string& answer) {
    const auto at = answer.find("\r\n\r\n");
    return at == std::string::npos ? "" : answer.substr(at + 4);
}
bool has_header(const std::string& answer, const std::string& line) {
    return (head_of(answer) + "\r\n").find("\r\n" + line + "\r\n") != std::string::npos;
}

std::string gunzip(const std::string& data) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out(1 << 20, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
}

// HttpServer::answer: a connection's bytes answered in-process (the fuzz target serve), with
// the same checks and headers as over a socket.
TEST_F(HttpServerTest, AnswersRawBytesInProcess) {
    std::ostringstream log;
    HttpServer server(service(), &log);
    const std::string answer = server.answer(
        "GET /capacity?from=RU&to=pyongyang HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GET /nowhere HTTP/1.1\r\nHost: localhost:8080\r\n\r\n"
        "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"
        "DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    ASSERT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer.substr(0, 200);
    EXPECT_NE(answer.find("\r\nHTTP/1.1 404 "), std::string::npos);
    EXPECT_NE(answer.find("\r\nHTTP/1.1 400 "), std::string::npos);
    EXPECT_NE(answer.find("\r\nHTTP/1.1 405 "), std::string::npos);
    EXPECT_NE(answer.find("X-Content-Type-Options: nosniff"), std::string::npos);
    const std::string lines = log.str();
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 4) << lines;
    EXPECT_NE(lines.find("corridor: GET /capacity?from=RU&to=pyongyang 200 "), std::string::npos) << lines;
    // a malformed request is answered 400 and ends the connection: what follows is not read
    const std::string bad = server.answer("GET\r\n\r\nGET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    EXPECT_EQ(bad.rfind("HTTP/1.1 400 ", 0), 0u) << bad.substr(0, 200);
    EXPECT_EQ(bad.find("HTTP/1.1 200"), std::string::npos);
    EXPECT_EQ(server.answer(""), "");
}

TEST_F(HttpServerTest, SlowClientsDoNotKeepOthersWaiting) {
    LiveServer live(service());
    // 16 slowloris connections, each trickling a header one byte at a time: httplib's pool of
    // 8 workers answered nobody else while they lasted.
    std::vector<std::unique_ptr<RawSocket>> slow;
    for (int i = 0; i < 16; ++i) {
        slow.push_back(std::make_unique<RawSocket>(live.port()));
        ASSERT_TRUE(slow.back()->connected());
        slow.back()->send("GET /routes.geojson HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    }
    std::atomic<bool> done{false};
    std::thread trickle([&] {
        while (!done) {
            for (auto& s : slow) s->send("a");
            std::this_thread::sleep_for(200ms);
        }
    });
    httplib::Client client("127.0.0.1", live.port());
    for (int i = 0; i < 10; ++i) {
        const auto start = Clock::now();
        const auto res = client.Get("/capacity?from=RU&to=pyongyang");
        ASSERT_TRUE(res) << "request " << i;
        EXPECT_EQ(res->status, 200);
        EXPECT_LT(Clock::now() - start, 1s) << "request " << i << " waited for the slow clients";
    }
    done = true;
    trickle.join();
}

TEST_F(HttpServerTest, TheListenBacklogIsLongerThanHttplibs) {
    LiveServer live(service());
    // ss shows a listening socket's backlog as its Send-Q: "LISTEN 0 512 127.0.0.1:PORT ...".
    const std::string cmd = "ss -ltnH 'sport = :" + std::to_string(live.port()) + "' 2>/dev/null";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buffer[512];
        while (std::fgets(buffer, sizeof(buffer), p)) out += buffer;
        ::pclose(p);
    }
    if (out.empty()) GTEST_SKIP() << "no ss to read the backlog with";
    std::istringstream fields(out);
    std::string state;
    long recv_q = -1, backlog = -1;
    fields >> state >> recv_q >> backlog;
    EXPECT_EQ(state, "LISTEN") << out;
    // The kernel caps it at net.core.somaxconn.
    long somaxconn = ConnectionLimits{}.backlog;
    if (FILE* f = std::fopen("/proc/sys/net/core/somaxconn", "r")) {
        if (std::fscanf(f, "%ld", &somaxconn) != 1) somaxconn = ConnectionLimits{}.backlog;
        std::fclose(f);
    }
    EXPECT_EQ(backlog, std::min<long>(ConnectionLimits{}.backlog, somaxconn)) << out;
    EXPECT_GT(backlog, 5) << out;
}

TEST_F(HttpServerTest, ARequestThatTakesTooLongIsCutOff) {
    ConnectionLimits limits;
    limits.request = 1s;
    LiveServer live(service(), "", limits);
    RawSocket slow(live.port());
    ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    const auto start = Clock::now();
    bool closed = false;
    // One header byte every 100 ms: each read is quick, the request never ends.
    while (!closed && Clock::now() - start < 5s) {
        slow.send("X");
        closed = slow.closed_by_server(100ms);
    }
    EXPECT_TRUE(closed) << "the connection outlived the request deadline";
    EXPECT_LT(Clock::now() - start, 3s);
}

TEST_F(HttpServerTest, EndlessHeadersAreCutOff) {
    LiveServer live(service());
    RawSocket s(live.port());
    ASSERT_TRUE(s.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    // 4,000 headers of 100 bytes (400 KB), far past the 64 KiB allowed: sent at loopback speed,
    // they would otherwise all be read and kept within the time limit.
    const std::string header = "X-Pad: " + std::string(91, 'p') + "\r\n";
    std::size_t sent = 0;
    const auto start = Clock::now();
    bool closed = false;
    while (sent < 4000 && !closed) {
        closed = !s.send(header);
        ++sent;
        if (sent % 100 == 0) closed = closed || s.closed_by_server(1ms);
    }
    EXPECT_TRUE(closed || s.closed_by_server(2000ms)) << "the server kept reading " << sent << " headers";
    EXPECT_LT(Clock::now() - start, 3s);
}

TEST_F(HttpServerTest, OtherMethodsAre405WithAllow) {
    LiveServer live(service());
    for (const std::string line : {"OPTIONS / HTTP/1.1", "TRACE / HTTP/1.1", "CONNECT 127.0.0.1:80 HTTP/1.1",
                                   "POST /routes.geojson HTTP/1.1", "DELETE / HTTP/1.1", "FOO / HTTP/1.1"}) {
        const std::string a = talk(live.port(), line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        EXPECT_TRUE(a.starts_with("HTTP/1.1 405")) << line << "\n" << a;
        EXPECT_TRUE(has_header(a, "Allow: GET, HEAD")) << line << "\n" << a;
        EXPECT_TRUE(has_header(a, "X-Content-Type-Options: nosniff")) << line;
        EXPECT_EQ(nlohmann::json::parse(body_of(a))["code"], "MethodNotAllowed") << line << "\n" << a;
    }
}

TEST_F(HttpServerTest, AnUnreadBodyIsNotTakenForARequest) {
    LiveServer live(service());
    // Kept alive, the body "GET /x ..." would be parsed as a second request after the 405.
    const std::string a = talk(live.port(),
                               "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 36\r\n\r\n"
                               "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    EXPECT_TRUE(a.starts_with("HTTP/1.1 405")) << a;
    EXPECT_EQ(a.find("HTTP/1.1", 1), std::string::npos) << a;
}

TEST_F(HttpServerTest, HeadIsGetWithoutTheBody) {
    LiveServer live(service());
    const std::string g = get(live.port(), "/routes.geojson");
    const std::string h =
        talk(live.port(), "HEAD /routes.geojson HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(h.starts_with("HTTP/1.1 200")) << h;
    EXPECT_TRUE(has_header(h, "Content-Length: " + std::to_string(body_of(g).size()))) << h;
    EXPECT_GT(body_of(g).size(), 1000u);
    EXPECT_EQ(body_of(h), "");
}

TEST_F(HttpServerTest, ALoopbackServerAnswersLoopbackHostNamesOnly) {
    LiveServer live(service());
    const std::string port = std::to_string(live.port());
    for (const std::string& host :
         std::vector<std::string>{"localhost", "localhost:" + port, "127.0.0.1:" + port, "[::1]", "[::1]:" + port}) {
        const std::string a = talk(live.port(), "GET /capacity?from=RU&to=pyongyang HTTP/1.1\r\nHost: " + host +
                                                    "\r\nConnection: close\r\n\r\n");
        EXPECT_TRUE(a.starts_with("HTTP/1.1 200")) << host;
    }
    for (const std::string& host : std::vector<std::string>{
             "evil.example", "evil.example:" + port, "127.0.0.1.evil.example", "localhost.:80", "127.0.0.1:80x"}) {
        const std::string a = talk(live.port(), "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        EXPECT_TRUE(a.starts_with("HTTP/1.1 400")) << host << "\n" << a;
        EXPECT_NE(body_of(a).find("refused"), std::string::npos) << host;
    }
    // No Host at all (HTTP/1.0): refused as well.
    EXPECT_TRUE(talk(live.port(), "GET / HTTP/1.0\r\n\r\n").starts_with("HTTP/1.1 400"));
}

TEST_F(HttpServerTest, LogsAndErrorsEscapeControlCharacters) {
    std::ostringstream log;
    {
        LiveServer live(service(), "", {}, &log);
        const std::string a = get(live.port(), "/nope\x1b[2J\x07");
        EXPECT_TRUE(a.starts_with("HTTP/1.1 404")) << a;
        get(live.port(), "/collections/x%1b%07y");
    }
    const std::string text = log.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
    EXPECT_NE(text.find("/nope\\x1b[2J\\x07 404"), std::string::npos) << text;
    const HttpResponse r = service().get("/collections/x\x1b\x07y", {});
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.text().find("x\\\\x1b\\\\x07y"), std::string::npos) << r.text();
}

TEST_F(HttpServerTest, EveryAnswerCarriesTheSecurityHeaders) {
    LiveServer live(service());
    const std::vector<std::string> answers{
        get(live.port(), "/"),
        get(live.port(), "/routes.geojson"),
        get(live.port(), "/nope"),
        get(live.port(), "/routes.geojson?bogus=1"),
        talk(live.port(), "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"),
        talk(live.port(), "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        talk(live.port(), "GARBAGE\r\n\r\n"),
    };
    for (const std::string& a : answers) {
        for (const auto& [name, value] : security_headers())
            EXPECT_TRUE(has_header(a, name + ": " + value)) << name << "\n" << head_of(a);
    }
}

TEST_F(HttpServerTest, InvalidUtf8IsA400WithAJsonBody) {
    LiveServer live(service());
    const std::string a = get(live.port(), "/capacity?from=%FF%FE&to=pyongyang");
    EXPECT_TRUE(a.starts_with("HTTP/1.1 400")) << a;
    const auto j = nlohmann::json::parse(body_of(a));
    EXPECT_EQ(j["code"], "InvalidParameterValue");
    EXPECT_FALSE(j["description"].get<std::string>().empty());
}

TEST_F(HttpServerTest, AnETagAnswersIfNoneMatchWith304) {
    LiveServer live(service());
    httplib::Client client("127.0.0.1", live.port());
    const auto first = client.Get("/routes.geojson");
    ASSERT_TRUE(first);
    const std::string etag = first->get_header_value("ETag");
    ASSERT_EQ(etag.size(), 18u) << etag;
    const auto again = client.Get("/routes.geojson", {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_EQ(again->body, "");
    const auto other = client.Get("/routes.geojson?scenario=ferry_stopped", {{"If-None-Match", etag}});
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200) << "another analysis, another body";
    EXPECT_NE(other->get_header_value("ETag"), etag);
}

// An empty tile (no feature in it) on a kept-alive connection: Content-Length 0, so the client
// knows the body is over and the connection serves its next request (a browser waited forever).
TEST_F(HttpServerTest, AnEmptyBodySaysContentLengthZeroOnAKeptAliveConnection) {
    LiveServer live(service());
    const std::string empty = "/tiles/5/0/0.mvt";  // the Atlantic: no place, no route
    const std::string answer =
        talk(live.port(), "GET " + empty + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET " + empty +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
    ASSERT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer.substr(0, 300);
    EXPECT_TRUE(has_header(answer, "Content-Length: 0")) << head_of(answer);
    const auto second = answer.find("\r\n\r\nHTTP/1.1 200 OK\r\n");
    ASSERT_NE(second, std::string::npos) << "the second request was answered: " << answer;
    EXPECT_NE(answer.find("Content-Length: 0", second), std::string::npos) << answer.substr(second);
}

TEST_F(HttpServerTest, GzipWhenTheClientTakesIt) {
    LiveServer live(service());
    const std::string plain = get(live.port(), "/routes.geojson");
    const std::string zipped = get(live.port(), "/routes.geojson", "Accept-Encoding: gzip, deflate\r\n");
    EXPECT_TRUE(has_header(zipped, "Content-Encoding: gzip")) << head_of(zipped);
    EXPECT_FALSE(has_header(plain, "Content-Encoding: gzip"));
    EXPECT_LT(body_of(zipped).size(), body_of(plain).size() / 2);
    EXPECT_EQ(gunzip(body_of(zipped)), body_of(plain));
    EXPECT_FALSE(
        has_header(get(live.port(), "/routes.geojson", "Accept-Encoding: gzip;q=0\r\n"), "Content-Encoding: gzip"));
}

TEST_F(HttpServerTest, CorsOnlyWhenAsked) {
    {
        LiveServer none(service());
        EXPECT_EQ(get(none.port(), "/").find("Access-Control-Allow-Origin"), std::string::npos);
    }
    LiveServer live(service(), "https://maps.example.org");
    const std::string a = get(live.port(), "/routes.geojson");
    EXPECT_TRUE(has_header(a, "Access-Control-Allow-Origin: https://maps.example.org"));
    EXPECT_TRUE(has_header(a, "Vary: Origin")) << "caches must not hand one origin's answer to another";
    EXPECT_TRUE(has_header(a, "Vary: Accept, Accept-Encoding"));
    const std::string preflight = talk(live.port(),
                                       "OPTIONS /routes.geojson HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Origin: https://maps.example.org\r\nAccess-Control-Request-Method: GET\r\n"
                                       "Connection: close\r\n\r\n");
    EXPECT_TRUE(preflight.starts_with("HTTP/1.1 204")) << preflight;
    EXPECT_TRUE(has_header(preflight, "Access-Control-Allow-Methods: GET, HEAD")) << preflight;
}

TEST_F(HttpServerTest, ConcurrentRequestsShareOneBody) {
    const QueryParams q{{"scenario", "ferry_stopped"}, {"commodity", "coal"}};
    const std::size_t before = service().builds();
    std::vector<HttpResponse> answers(8);
    std::vector<std::thread> threads;
    for (auto& a : answers) threads.emplace_back([&a, &q] { a = service().get("/routes.geojson", q); });
    for (auto& t : threads) t.join();
    EXPECT_EQ(service().builds() - before, 2u) << "one analysis and one body for eight requests";
    for (const auto& a : answers) {
        EXPECT_EQ(a.status, 200);
        EXPECT_EQ(a.body.get(), answers.front().body.get()) << "the same bytes, not a copy each";
    }
}

}  // namespace
}  // namespace corridor
