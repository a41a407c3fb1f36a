#include "corridor/io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "corridor/error.hpp"

namespace corridor::io {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why) {
    throw input_error({path.string(), "", ""}, "cannot read: " + why);
}

std::string describe_errno(int err) { return err == ENOENT ? "no such file" : std::strerror(err); }

// What a non-regular file is, for the message.
std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    return "not a file";
}

}  // namespace

void require_regular_file(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) refuse(path, describe_errno(errno));
    if (!S_ISREG(st.st_mode)) refuse(path, kind_of(st.st_mode) + ", not a regular file");
    // stat does not check read permission: opening does (a regular file never blocks).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) refuse(path, describe_errno(errno));
    ::close(fd);
}

bool present(const std::filesystem::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) refuse(path, std::strerror(errno));
    try {
        return nlohmann::json::parse(bytes.str());
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e309
        throw input_error({path.string(), "", ""}, std::string("malformed JSON: ") + e.what());
    }
}

}  // namespace corridor::io
