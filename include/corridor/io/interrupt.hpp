// SIGINT, SIGTERM and SIGHUP while outputs are being written: the temporary files are removed,
// one line says so, and the process ends with 128 + the signal (130, 143, 129).
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace corridor::io {

// While alive, the three signals no longer end the process at once: the signal handler only
// writes the signal's number into a pipe (async-signal-safe), and a watcher thread runs
// `cleanup` (outside the handler, so it may lock, allocate and remove files), writes the line
// it returns to stderr and calls _exit(128 + signal). The handlers in place before (the
// default ones, or those of a command such as serve) are restored on destruction. Only the
// outermost of nested instances installs handlers.
class InterruptCleanup {
public:
    using Cleanup = std::function<std::string(int signal)>;
    explicit InterruptCleanup(Cleanup cleanup);
    ~InterruptCleanup();
    InterruptCleanup(const InterruptCleanup&) = delete;
    InterruptCleanup& operator=(const InterruptCleanup&) = delete;

private:
    Cleanup cleanup_;
    bool installed_ = false;
    std::thread watcher_;
};

// "SIGINT", "SIGTERM", "SIGHUP", else "signal N".
std::string signal_name(int signal);

}  // namespace corridor::io
