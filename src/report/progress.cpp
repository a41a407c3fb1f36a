#include "corridor/report/progress.hpp"

#include <fmt/format.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>

#include "corridor/report/layers.hpp"

namespace corridor {
namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Resident memory of this process from /proc/self/status, MiB: "VmRSS:" now, "VmHWM:" the
// peak so far; 0 where /proc is missing.
double rss_mib(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string_view k(key);
    while (std::getline(in, line))
        if (line.rfind(k, 0) == 0) return std::stod(line.substr(k.size())) / 1024.0;
    return 0;
}

}  // namespace

bool progress_wanted(std::optional<bool> asked, const std::ostream& err) {
    if (asked) return *asked;
    return &err == &std::cerr && isatty(STDERR_FILENO) == 1;
}

Progress::Progress(bool enabled, std::ostream& err, std::string label, std::size_t total, std::string unit)
    : err_(err), label_(std::move(label)), total_(total), unit_(std::move(unit)), enabled_(enabled),
      start_(now_seconds()) {}

Progress::~Progress() {
    if (shown_) err_ << "\r\033[K" << std::flush;  // clear the line
}

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    const double t = now_seconds();
    if (t - start_ < 1.0 || t - last_ < 0.1) return;  // only for work longer than a second
    last_ = t;
    shown_ = true;
    const std::string label = file_.empty() ? label_ : label_ + " " + file_;
    const auto count = [](std::size_t n) { return thousands(static_cast<Flow>(n)); };
    if (total_ > 0) {
        const double f = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
        const int width = 30, fill = static_cast<int>(f * width);
        err_ << fmt::format("\r\033[K{} [{}{}] {:3.0f}% {} of {} {}", label,
                            std::string(static_cast<std::size_t>(fill), '#'),
                            std::string(static_cast<std::size_t>(width - fill), '.'), f * 100, count(done),
                            count(total_), unit_)
             << std::flush;
    } else {
        err_ << fmt::format("\r\033[K{} {} {}", label, count(done), unit_) << std::flush;
    }
}

void Progress::update(const ReadProgress& read) {
    file_ = read.file.filename().string();
    total_ = read.total;
    update(read.done);
}

Phases::Phases(bool enabled, std::ostream& err) : enabled_(enabled), err_(err), last_(now_seconds()) {}

void Phases::done(const char* phase) {
    if (!enabled_) return;
    const double t = now_seconds();
    err_ << fmt::format("timing: {:<9} {:8.3f} s  RSS {:7.1f} MiB  peak RSS {:7.1f} MiB\n", phase, t - last_,
                        rss_mib("VmRSS:"), rss_mib("VmHWM:"));
    last_ = t;
}

Feedback::Feedback(const Messages& messages, std::ostream& err)
    : err_(err), progress_(progress_wanted(messages.progress, err)), quiet_(messages.quiet),
      phases_(messages.timings, err) {}

void Feedback::note(const std::string& text) const {
    if (!quiet_) err_ << "corridor: note: " << text << '\n';
}

void Feedback::say(const std::string& text) const { err_ << "corridor: " << text << '\n'; }

Progress Feedback::progress(std::string label, std::size_t total, std::string unit) const {
    return Progress(progress_, err_, std::move(label), total, std::move(unit));
}

namespace progress_flags {
const OptionText kProgress{"progress", "Show progress on stderr (default: on a terminal)"};
const OptionText kNoProgress{"no-progress", "Never show progress"};
const OptionText kQuiet{"quiet", "Leave out notes (checks skipped and why)"};
const OptionText kTimings{"timings", "Print wall time and peak memory per phase to stderr"};
}  // namespace progress_flags

}  // namespace corridor
