// What a failed write says: the final file's name (never a temporary one) and, when the disk
// is full, "no space left on device" (never GDAL's or SQLite's knock-on complaints).
#pragma once

#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

namespace corridor::io {

// strerror's text, except ENOSPC as "no space left on device" and EDQUOT as "disk quota
// exceeded", the words every output error uses for them.
std::string errno_text(int err);

// Whether a write into `folder` that failed did so for want of space: the message says so
// (GDAL passes strerror on, SQLite says "disk is full") or the folder's file system has less
// than 1 MiB left for this user (SQLite frees its journal before its knock-on errors).
bool out_of_space(const std::filesystem::path& folder, std::string_view message);

// Whether the folder's file system has no block left for this user: checked after a write
// that reported success, since some GDAL drivers (FlatGeobuf) drop a failed write silently.
bool file_system_full(const std::filesystem::path& folder);

// Rethrows the exception being handled as an output_error about the final file: a location
// or message inside `staging` names the same file in `dir`, and a full disk reads
// "FILE: cannot write: no space left on device". Anything else is rethrown unchanged.
[[noreturn]] void rethrow_for_final_file(const std::filesystem::path& staging, const std::filesystem::path& dir);

}  // namespace corridor::io
