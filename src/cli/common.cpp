#include "common.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "corridor/analysis/outputs.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
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

bool progress_wanted(const Options& o, const std::ostream& err) {
    if (o.progress) return *o.progress;
    return &err == &std::cerr && isatty(STDERR_FILENO) == 1;
}

void note(const Options& o, const Streams& io, const std::string& text) {
    if (!o.quiet) io.err << "corridor: note: " << text << '\n';
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

InputPaths input_paths(const Options& o) { return {o.geodata, o.seeds, o.land, o.speeds, o.scenarios, o.side}; }

AnalysisRequest analysis_request(const Options& o) {
    AnalysisRequest r = o.request;
    r.modes = split_list(o.modes);
    r.without = split_list(o.without);
    return r;
}

std::optional<Network> load_checked(const Options& o, const Streams& io, Phases* phases) {
    CheckedNetwork c;
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: reading", 0, "features");
        c = load_checked(input_paths(o), progress.read_callback(), [&](const char* phase) {
            if (phases) phases->done(phase);
        });
    }
    for (const auto& line : finding_lines(c.validation, o.strict))
        if (!(o.quiet && line.rfind("note: ", 0) == 0)) io.err << "corridor: " << line << '\n';
    if (refused(c.validation, o.strict)) return std::nullopt;
    return std::move(c.net);
}

void print_files(const Options& o, const Streams& io, const std::string& command, const std::vector<fs::path>& files) {
    if (o.json) io.out << files_json(command, files).dump(2) << '\n';
    else
        for (const auto& f : files) io.out << f.string() << '\n';
}

}  // namespace corridor::cli
