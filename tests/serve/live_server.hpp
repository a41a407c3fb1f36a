// Serve tests' support: a server on a free loopback port on its own thread, and a raw
// socket that sends exactly the bytes a test gives (no client-side normalisation).
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <thread>

#include "corridor/serve/http_server.hpp"

namespace corridor::test {

class LiveServer {
public:
    explicit LiveServer(const MapService& service, std::string cors = {}, const ConnectionLimits& limits = {},
                        std::ostream* log = nullptr)
        : server_(service, log, std::move(cors), limits) {
        port_ = server_.bind("127.0.0.1", 0);
        thread_ = std::thread([this] { server_.listen(); });
    }
    ~LiveServer() {
        server_.stop();
        thread_.join();
    }
    int port() const { return port_; }

private:
    HttpServer server_;
    int port_ = 0;
    std::thread thread_;
};

// A TCP connection to 127.0.0.1:port, closed on destruction.
class RawSocket {
public:
    explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    }
    ~RawSocket() { ::close(fd_); }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool connected() const { return connected_; }
    bool send(const std::string& bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    // Everything the server sends until it closes the connection or `wait` passes without a byte.
    std::string receive(std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
        std::string out;
        char buffer[4096];
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) break;
            const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }
    // Whether the server closes the connection within `wait` (what it sends before is read and dropped).
    bool closed_by_server(std::chrono::milliseconds wait) {
        char buffer[4096];
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
            if (::recv(fd_, buffer, sizeof(buffer), 0) <= 0) return true;
        }
    }

private:
    int fd_;
    bool connected_ = false;
};

}  // namespace corridor::test
