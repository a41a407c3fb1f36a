#include "corridor/io/write_errors.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "corridor/error.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

bool contains_nocase(std::string_view text, std::string_view word) {
    const auto it = std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != text.end();
}

// After a failed write: SQLite and GDAL give back the space of what they wrote last (a
// journal, a half file) before they report a knock-on error, so "full" is less than this left.
constexpr unsigned long long kNearlyFull = 1 << 20;

bool file_system_full(const fs::path& folder, unsigned long long below) {
    struct statvfs st {};
    if (::statvfs(folder.c_str(), &st) != 0) return false;
    const unsigned long long free_blocks = ::geteuid() == 0 ? st.f_bfree : st.f_bavail;
    return free_blocks == 0 || free_blocks * st.f_frsize < below;
}

// `text` with every mention of the staging folder replaced by the output folder.
std::string without_staging(std::string text, const fs::path& staging, const fs::path& dir) {
    const std::string from = staging.string(), to = dir.string();
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The final file for a location inside staging: the same name in dir (the first part of
// the path below staging); the location unchanged when it is elsewhere.
std::string final_file(const std::string& where, const fs::path& staging, const fs::path& dir) {
    const fs::path p(where);
    const fs::path rel = p.lexically_relative(staging);
    if (where.empty() || rel.empty() || *rel.begin() == "..") return where;
    if (rel == ".") return dir.string();
    return (dir / *rel.begin()).string();
}

[[noreturn]] void throw_final(const Location& where, const std::string& message, const fs::path& staging,
                              const fs::path& dir) {
    Location at = where;
    at.file = final_file(where.file, staging, dir);
    if (at.file.empty()) at.file = dir.string();
    if (out_of_space(staging, message)) throw output_error(at, "cannot write: no space left on device");
    throw output_error(at, without_staging(message, staging, dir));
}

}  // namespace

std::string errno_text(int err) {
    if (err == ENOSPC) return "no space left on device";
    if (err == EDQUOT) return "disk quota exceeded";
    return std::strerror(err);
}

bool out_of_space(const fs::path& folder, std::string_view message) {
    return contains_nocase(message, "no space left") || contains_nocase(message, "disk is full") ||
           contains_nocase(message, "disk quota") || file_system_full(folder, kNearlyFull);
}

bool file_system_full(const fs::path& folder) { return file_system_full(folder, 1); }

void rethrow_for_final_file(const fs::path& staging, const fs::path& dir) {
    try {
        throw;
    } catch (const output_error& e) {
        throw_final(e.where(), e.detail(), staging, dir);
    } catch (const fs::filesystem_error& e) {
        throw_final({e.path1().string(), "", ""}, std::string("cannot write: ") + errno_text(e.code().value()), staging,
                    dir);
    } catch (const error& e) {
        if (!out_of_space(staging, e.detail())) throw;
        throw_final(e.where(), e.detail(), staging, dir);
    }
}

}  // namespace corridor::io
