// Input files before any reader opens them: only regular files, refused with the system's reason.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace corridor::io {

// Throws input_error naming the file unless it is a regular file this process can read:
// "no such file", "a named pipe (FIFO), not a regular file", "a directory, not a regular
// file", or strerror of the real cause (permission denied, a symlink loop, ...). A named
// pipe is refused without being opened, so no command waits on it.
void require_regular_file(const std::filesystem::path& path);

// Whether anything is at path, a dangling or looping symlink included: an optional input
// that is there but cannot be read is then reported instead of skipped as absent.
bool present(const std::filesystem::path& path);

// A JSON file, parsed; throws input_error naming the file for anything that is not a
// regular file, cannot be read, is malformed or holds a number out of range (1e309).
nlohmann::json read_json_file(const std::filesystem::path& path);

}  // namespace corridor::io
