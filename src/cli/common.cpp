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

#include "corridor/io/output_set.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
namespace {

std::string cell_text(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, bool>) return v ? "yes" : "no";
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{:.{}f}", v, v == std::floor(v) ? 0 : 1);
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else return v;
        },
        c);
}

nlohmann::ordered_json cell_json(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return nullptr;
            else return v;
        },
        c);
}

}  // namespace

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

void print_columns(std::ostream& out, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    // display width: count UTF-8 code points, not bytes
    auto cols = [](const std::string& s) {
        return static_cast<std::size_t>(
            std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    for (std::size_t k = 0; k < header.size(); ++k) width[k] = cols(header[k]);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size() && k < width.size(); ++k) width[k] = std::max(width[k], cols(row[k]));
    auto line = [&](const std::vector<std::string>& row) {
        std::string s;
        for (std::size_t k = 0; k < row.size(); ++k) {
            s += row[k];
            if (k + 1 < row.size()) s += std::string(width[k] - cols(row[k]) + 2, ' ');
        }
        out << s << '\n';
    };
    line(header);
    for (const auto& row : rows) line(row);
}

void print_table(const io::Table& t, const std::vector<std::string>& columns, bool json, std::ostream& out) {
    if (json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        std::vector<io::Cell> row;
        for (std::size_t i = 0; i < t.size(); ++i) {
            t.row_at(i, row);
            nlohmann::ordered_json obj;
            for (std::size_t c = 0; c < t.fields.size(); ++c) obj[t.fields[c].name] = cell_json(row[c]);
            arr.push_back(std::move(obj));
        }
        out << arr.dump(2) << '\n';
        return;
    }
    std::vector<std::size_t> idx;
    for (const auto& name : columns)
        for (std::size_t c = 0; c < t.fields.size(); ++c)
            if (t.fields[c].name == name) idx.push_back(c);
    std::vector<std::vector<std::string>> rows;
    std::vector<io::Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, row);
        std::vector<std::string> line;
        for (std::size_t c : idx) line.push_back(cell_text(row[c]));
        rows.push_back(std::move(line));
    }
    print_columns(out, columns, rows);
}

fs::path stage_tile_folder(io::OutputSet& set, const tiles::TileSource& source, const tiles::TileSetOptions& options) {
    return set.stage([&](const fs::path& dir) {
        tiles::write_tile_folder(source, options, dir / "tiles");
        return dir / "tiles";
    });
}

}  // namespace corridor::cli
