#include "connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>

namespace corridor {
namespace {

using Clock = std::chrono::steady_clock;

thread_local bool close_requested = false;  // by a handler, for the connection of this worker

// A socket stream whose reads share one deadline per request and whose writes share one
// per response; every wait is cut into slices so a stopping server ends it within 100 ms.
class DeadlineStream : public httplib::Stream {
public:
    DeadlineStream(socket_t sock, const std::atomic<socket_t>& listening, const ConnectionLimits& limits)
        : sock_(sock), listening_(listening), limits_(limits) {}

    // Waits (up to the idle limit) for the first byte of the next request, then starts its clock.
    bool next_request() {
        if (begin_ == end_ && !wait(POLLIN, Clock::now() + limits_.idle)) return false;
        read_deadline_ = Clock::now() + limits_.request;
        read_budget_ = limits_.max_header + limits_.max_body;
        writing_ = false;
        return true;
    }
    // Whether the request ran out of time or bytes: the connection is then closed.
    bool timed_out() const { return timed_out_; }

    bool is_readable() const override { return begin_ != end_ || wait(POLLIN, read_deadline_); }
    bool is_writable() const override { return wait(POLLOUT, write_deadline()); }

    ssize_t read(char* ptr, size_t size) override {
        if (begin_ == end_) {
            if (read_budget_ == 0) {  // a request longer than headers and body may be: cut off
                timed_out_ = true;
                return -1;
            }
            if (!is_readable()) return -1;
            const ssize_t n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
            if (n <= 0) return n;
            begin_ = 0;
            end_ = static_cast<std::size_t>(n);
        }
        const std::size_t n = std::min({size, end_ - begin_, read_budget_});
        read_budget_ -= n;
        std::copy_n(buffer_.data() + begin_, n, ptr);
        begin_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (!writing_) {
            writing_ = true;
            write_deadline_ = Clock::now() + limits_.response;
        }
        if (!is_writable()) return -1;
        return ::send(sock_, ptr, size, MSG_NOSIGNAL);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(::getpeername, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(::getsockname, ip, port); }
    socket_t socket() const override { return sock_; }

private:
    Clock::time_point write_deadline() const { return writing_ ? write_deadline_ : Clock::now() + limits_.response; }

    // Polls for events until deadline, in slices, giving up when the server stops listening.
    bool wait(short events, Clock::time_point deadline) const {
        for (;;) {
            if (listening_ == INVALID_SOCKET) return false;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                timed_out_ = true;
                return false;
            }
            pollfd p{sock_, events, 0};
            const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
            if (r > 0) return (p.revents & (events | POLLHUP)) != 0;
            if (r < 0 && errno != EINTR) return false;
        }
    }

    template <class Get>
    void address_of(Get get, std::string& ip, int& port) const {
        sockaddr_storage addr{};
        socklen_t len = sizeof(addr);
        if (get(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
        std::array<char, NI_MAXHOST> host{};
        std::array<char, NI_MAXSERV> serv{};
        if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(), serv.data(), serv.size(),
                          NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
            ip = host.data();
            port = std::atoi(serv.data());
        }
    }

    socket_t sock_;
    const std::atomic<socket_t>& listening_;
    const ConnectionLimits& limits_;
    std::array<char, 4096> buffer_{};
    std::size_t begin_ = 0, end_ = 0;
    std::size_t read_budget_ = 0;  // bytes this request may still read
    Clock::time_point read_deadline_ = Clock::now(), write_deadline_ = Clock::now();
    bool writing_ = false;
    mutable bool timed_out_ = false;
};

// One connection's bytes in memory: reads from them (end of file after the last), collects
// what is written. Each request may read max_header + max_body bytes, as on a socket.
class MemoryStream : public httplib::Stream {
public:
    MemoryStream(std::string_view in, const ConnectionLimits& limits) : in_(in), limits_(limits) {}

    bool next_request() {
        read_budget_ = limits_.max_header + limits_.max_body;
        return !in_.empty() && !cut_off_;
    }
    bool cut_off() const { return cut_off_; }
    std::string& written() { return out_; }

    bool is_readable() const override { return !in_.empty(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        if (!in_.empty() && read_budget_ == 0) {
            cut_off_ = true;
            return -1;
        }
        const std::size_t n = std::min({size, in_.size(), read_budget_});
        std::copy_n(in_.data(), n, ptr);
        in_.remove_prefix(n);
        read_budget_ -= n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 0;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = "127.0.0.1";
        port = 0;
    }
    socket_t socket() const override { return INVALID_SOCKET; }

private:
    std::string_view in_;
    const ConnectionLimits& limits_;
    std::size_t read_budget_ = 0;
    bool cut_off_ = false;
    std::string out_;
};

}  // namespace

void close_after_response() { close_requested = true; }

GuardedServer::GuardedServer(const ConnectionLimits& limits) : limits_(limits) {
    const std::size_t workers = limits_.workers;
    new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    set_payload_max_length(limits_.max_body);
    set_keep_alive_max_count(limits_.requests_per_connection);
    // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, which would let a second
    // server (or another program) bind the same port beside this one.
    set_socket_options([this](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        last_socket_ = sock;
    });
}

int GuardedServer::bind_guarded(const std::string& host, int port) {
    int bound = -1;
    if (port == 0) bound = bind_to_any_port(host);
    else if (bind_to_port(host, port)) bound = port;
    // listen() again on a listening socket sets its backlog (Linux keeps the socket as is).
    if (bound > 0 && last_socket_ != INVALID_SOCKET) ::listen(last_socket_, limits_.backlog);
    return bound;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
    DeadlineStream stream(sock, svr_sock_, limits_);
    bool ok = true;
    for (std::size_t left = limits_.requests_per_connection; left > 0 && stream.next_request(); --left) {
        bool closed = false;
        close_requested = false;
        ok = process_request(stream, left == 1, closed, [](httplib::Request&) {});
        if (!ok || closed || close_requested || stream.timed_out()) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

std::string GuardedServer::process_bytes(std::string_view bytes) {
    MemoryStream stream(bytes, limits_);
    for (std::size_t left = limits_.requests_per_connection; left > 0 && stream.next_request(); --left) {
        bool closed = false;
        close_requested = false;
        const bool ok = process_request(stream, left == 1, closed, [](httplib::Request&) {});
        if (!ok || closed || close_requested || stream.cut_off()) break;
    }
    return std::move(stream.written());
}

}  // namespace corridor
