// SHA-256 of a file, so an output manifest can name each file's content (sha256sum's digest).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace corridor::io::detail {

// The lower-case hex digest of bytes.
std::string sha256_hex(std::string_view bytes);

struct FileDigest {
    std::uint64_t bytes = 0;
    std::string sha256;  // lower-case hex, as sha256sum prints it
};

// Reads the file in blocks; throws output_error naming it when it cannot be read.
FileDigest digest_file(const std::filesystem::path& file);

}  // namespace corridor::io::detail
