#include "corridor/io/output_set.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/io/detail/sha256.hpp"
#include "corridor/io/write.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTempMark = "corridor-tmp-";
// In a staging folder: the previous set's files a commit removes, one name a line.
constexpr const char* kRemovedList = ".corridor-removed";
// Temporaries of versions that put no pid in their names are removed once this old.
constexpr auto kLegacyAge = std::chrono::hours(24);

// An exclusive flock on the folder itself for one commit or clean-up (released when the
// process dies), so two runs into one folder never interleave their renames.
class FolderLock {
public:
    explicit FolderLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (fd_ < 0) return;  // the renames that follow say what is wrong with the folder
        while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {}
    }
    ~FolderLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_;
};

bool process_alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

bool older_than_a_day(const fs::path& p) {
    std::error_code ec;
    const auto when = fs::last_write_time(p, ec);
    return !ec && fs::file_time_type::clock::now() - when > kLegacyAge;
}

// Whether the temporary `name` belongs to no running process (this one's are never stale).
bool is_stale(const fs::path& entry, const std::string& name) {
    const long pid = temporary_pid(name);
    if (pid == 0) return older_than_a_day(entry);
    return pid != static_cast<long>(::getpid()) && !process_alive(pid);
}

std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

[[noreturn]] void throw_move_failure(const fs::path& target, const std::error_code& ec, const fs::path& dir) {
    throw output_error({target.string(), "", ""},
                       fmt::format("cannot write: {}; {} holds part of the new set and no manifest (the next corridor "
                                   "run into it finishes the set)",
                                   errno_text(ec.value()), dir.string()));
}

// Renames a staged file over its final name. A staged folder (a tile tree) replaces a folder
// of that name: the old one is renamed aside to a temporary name first (removed after, or by
// the next run's clean-up if this one dies between the renames).
void move_in(const fs::path& staged, const fs::path& dir) {
    const fs::path target = dir / staged.filename();
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(staged, ec)) && fs::is_directory(fs::symlink_status(target, ec))) {
        const fs::path aside = dir / fmt::format(".{}.{}{}-old", staged.filename().string(), kTempMark, ::getpid());
        fs::remove_all(aside, ec);
        fs::rename(target, aside, ec);
        if (ec) throw_move_failure(target, ec, dir);
        fs::rename(staged, target, ec);
        if (ec) throw_move_failure(target, ec, dir);
        fs::remove_all(aside, ec);
        return;
    }
    fs::rename(staged, target, ec);
    if (ec) throw_move_failure(target, ec, dir);
}

// The staged files of a dead run's commit that are not in dir yet, in name order.
std::vector<fs::path> files_left(const fs::path& staging, const std::string& manifest) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(staging)) {
        const std::string name = e.path().filename().string();
        if (name == manifest || name == kRemovedList || is_temporary_name(name) ||
            !(e.is_regular_file() || e.is_directory()))
            continue;
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Finishes the commit a dead run was killed in: its staged manifest says the set was whole,
// and dir's missing manifest says the run had begun replacing the old set.
void finish_commit(const fs::path& dir, const fs::path& staging, const std::string& manifest) {
    std::error_code ec;
    if (manifest.empty() || !fs::exists(staging / manifest, ec) || fs::exists(dir / manifest, ec)) return;
    for (const auto& name : read_lines(staging / kRemovedList)) fs::remove(dir / name, ec);
    for (const auto& file : files_left(staging, manifest)) move_in(file, dir);
    move_in(staging / manifest, dir);
}

// Writes `lines` to file, one a line (atomically).
void write_lines(const fs::path& file, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) text += l + '\n';
    write_file_atomic(file, text);
}

}  // namespace

SetFile describe_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(file, ec))) {
        const detail::FileDigest d = detail::digest_file(file);
        return {file.filename().string(), d.bytes, d.sha256};
    }
    // A folder: its files' bytes added up, and the SHA-256 of the listing `sha256sum` prints
    // for them in path order ("<hex>  <path inside the folder>" a line).
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(file))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::string listing;
    std::uint64_t bytes = 0;
    for (const auto& f : files) {
        const detail::FileDigest d = detail::digest_file(f);
        bytes += d.bytes;
        listing += d.sha256 + "  " + f.lexically_relative(file).generic_string() + "\n";
    }
    return {file.filename().string(), bytes, detail::sha256_hex(listing)};
}

bool is_temporary_name(const std::string& name) {
    return name.size() > 1 && name[0] == '.' && name.find(kTempMark) != std::string::npos;
}

long temporary_pid(const std::string& name) {
    const std::size_t at = name.find(kTempMark);
    if (at == std::string::npos) return 0;
    std::size_t i = at + kTempMark.size();
    long pid = 0;
    const std::size_t digits_from = i;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && i - digits_from < 10)
        pid = pid * 10 + (name[i++] - '0');
    const bool has_pid = i > digits_from && i < name.size() && name[i] == '-';
    return has_pid ? pid : 0;
}

std::vector<std::string> clean_stale_temporaries(const fs::path& dir, const std::string& manifest) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    FolderLock lock(dir);
    std::vector<std::string> removed;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (!is_temporary_name(name) || !is_stale(e.path(), name)) continue;
        if (e.is_directory(ec) && !e.is_symlink(ec)) finish_commit(dir, e.path(), manifest);
        std::error_code rm;
        fs::remove_all(e.path(), rm);
        if (!rm) removed.push_back(name);
    }
    std::sort(removed.begin(), removed.end());
    return removed;
}

OutputSet::OutputSet(fs::path dir, std::string manifest, bool digests)
    : dir_(std::move(dir)), manifest_(std::move(manifest)), digests_(digests) {
    if (dir_.empty()) dir_ = ".";
    clean_stale_temporaries(dir_, manifest_);
    interrupt_ = std::make_unique<InterruptCleanup>([this](int signal) { return interrupted(signal); });
}

OutputSet::~OutputSet() {
    {
        std::lock_guard guard(mutex_);
        remove_staging();
    }
    interrupt_.reset();
}

const fs::path& OutputSet::staging() {
    std::lock_guard guard(mutex_);
    if (!staging_.empty()) return staging_;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_))
        throw output_error({dir_.string(), "", ""},
                           "cannot create output folder: " + (ec ? errno_text(ec.value()) : "not a directory"));
    std::string templ = (dir_ / fmt::format(".{}{}-XXXXXX", kTempMark, ::getpid())).string();
    if (::mkdtemp(templ.data()) == nullptr)
        throw output_error({dir_.string(), "", ""}, "cannot write: " + errno_text(errno));
    staging_ = templ;
    return staging_;
}

void OutputSet::remove_staging() {
    if (staging_.empty() || committed_) return;
    // Renamed away first, so that writers still running find no folder to add files to.
    std::error_code ec;
    fs::path gone = staging_;
    gone += ".gone";
    fs::rename(staging_, gone, ec);
    fs::remove_all(ec ? staging_ : gone, ec);
    staging_.clear();
}

std::string OutputSet::interrupted(int signal) {
    std::lock_guard guard(mutex_);
    const bool written = committed_;
    remove_staging();
    if (written)
        return fmt::format("corridor: interrupted by {} after {} was written", signal_name(signal), dir_.string());
    return fmt::format("corridor: interrupted by {}: nothing written; {} keeps its previous files", signal_name(signal),
                       dir_.string());
}

void OutputSet::check_replaceable(const std::vector<fs::path>& staged) const {
    std::vector<std::pair<fs::path, bool>> targets;  // final path, whether a folder is staged for it
    for (const auto& f : staged) {
        std::error_code ec;
        targets.emplace_back(dir_ / f.filename(), fs::is_directory(fs::symlink_status(f, ec)));
    }
    if (!manifest_.empty()) targets.emplace_back(dir_ / manifest_, false);
    for (const auto& [target, folder] : targets) {
        std::error_code ec;
        const auto st = fs::symlink_status(target, ec);
        if (!ec && fs::is_directory(st) && !folder)
            throw output_error({target.string(), "", ""}, "cannot write: a folder of that name is in the way");
    }
}

std::vector<fs::path> OutputSet::commit(const std::vector<fs::path>& staged, const PlanManifest& plan) {
    const fs::path& folder = staging();
    std::vector<SetFile> files(staged.size());
    std::atomic<std::size_t> next{0};
    stage([&](const fs::path&) {
        run_parts(std::min(staged.size(), hardware_threads()), [&](std::size_t) {
            for (std::size_t i = next++; i < staged.size(); i = next++)
                files[i] = digests_ ? describe_file(staged[i])
                                    : SetFile{staged[i].filename().string(), fs::file_size(staged[i]), ""};
        });
        return 0;
    });
    check_replaceable(staged);
    FolderLock lock(dir_);
    const ManifestPlan p = plan ? plan(files) : ManifestPlan{};
    if (!manifest_.empty())
        stage([&](const fs::path& f) {
            write_lines(f / kRemovedList, p.removed);
            write_file_atomic(f / manifest_, p.bytes);  // staged last: the commit is decided
            return 0;
        });

    std::lock_guard guard(mutex_);
    std::error_code ec;
    if (!manifest_.empty()) fs::remove(dir_ / manifest_, ec);  // from here on, a reader sees a set being replaced
    std::set<std::string> names;
    for (const auto& f : staged) names.insert(f.filename().string());
    for (const auto& name : p.removed)
        if (!names.count(name)) fs::remove(dir_ / name, ec);
    std::vector<fs::path> written;
    try {
        for (const auto& f : staged) {
            move_in(f, dir_);
            written.push_back(dir_ / f.filename());
        }
        if (!manifest_.empty()) move_in(folder / manifest_, dir_);
    } catch (...) {
        committed_ = true;  // kept: the staging folder finishes the set once this process is gone
        throw;
    }
    committed_ = true;
    fs::remove_all(folder, ec);
    return written;
}

}  // namespace corridor::io
