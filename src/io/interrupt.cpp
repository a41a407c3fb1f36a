#include "corridor/io/interrupt.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <string>

namespace corridor::io {
namespace {

constexpr std::array kSignals{SIGINT, SIGTERM, SIGHUP};

// The handler's only state: the pipe's write end (async-signal-safe to read and write to).
std::atomic<int> g_pipe_write{-1};
std::atomic<bool> g_active{false};

extern "C" void on_signal(int signal) {
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    const int fd = g_pipe_write.load();
    if (fd >= 0) {
        [[maybe_unused]] const auto n = ::write(fd, &byte, 1);
    }
    errno = saved;
}

std::array<struct sigaction, kSignals.size()> g_previous{};

void install_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &sa, &g_previous[i]);
}

void restore_handlers() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &g_previous[i], nullptr);
}

// Reads the pipe until the stop byte (0); a signal's byte runs the cleanup and ends the process.
void watch(int read_fd, const InterruptCleanup::Cleanup& cleanup) {
    for (;;) {
        unsigned char byte = 0;
        const ssize_t n = ::read(read_fd, &byte, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || byte == 0) return;
        const int signal = byte;
        std::string line = cleanup ? cleanup(signal) : std::string();
        if (line.empty()) line = "corridor: interrupted by " + signal_name(signal);
        line += '\n';
        [[maybe_unused]] const auto w = ::write(STDERR_FILENO, line.data(), line.size());
        ::_exit(128 + signal);
    }
}

}  // namespace

std::string signal_name(int signal) {
    switch (signal) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        default:
            return fmt::format("signal {}", signal);
    }
}

InterruptCleanup::InterruptCleanup(Cleanup cleanup) : cleanup_(std::move(cleanup)) {
    bool expected = false;
    if (!g_active.compare_exchange_strong(expected, true)) return;  // an outer instance watches
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        g_active = false;
        return;  // no watcher: the signals keep their default effect
    }
    g_pipe_write = fds[1];
    installed_ = true;
    const int read_fd = fds[0];
    watcher_ = std::thread([read_fd, this] {
        watch(read_fd, cleanup_);
        ::close(read_fd);
    });
    install_handlers();
}

InterruptCleanup::~InterruptCleanup() {
    if (!installed_) return;
    restore_handlers();
    const int fd = g_pipe_write.exchange(-1);
    const unsigned char stop = 0;
    [[maybe_unused]] const auto n = ::write(fd, &stop, 1);
    watcher_.join();
    ::close(fd);
    g_active = false;
}

}  // namespace corridor::io
