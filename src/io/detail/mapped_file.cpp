// The bytes of a file for simdjson: mmap(2) with MADV_SEQUENTIAL, pages given back with MADV_DONTNEED.
#include "corridor/io/detail/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "corridor/error.hpp"

namespace corridor::io::detail {
namespace {

std::size_t page_size() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const auto size = static_cast<std::size_t>(st.st_size);
        void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            map_ = m;
            data_ = static_cast<const char*>(m);
            size_ = size;
            readable_ = (size + page_size() - 1) / page_size() * page_size();  // zeros past the end
            ::madvise(m, size, MADV_SEQUENTIAL);
        }
    }
    if (fd >= 0) ::close(fd);
    if (map_ == nullptr) {
        if (const auto err = simdjson::padded_string::load(path.string()).get(text_); err != simdjson::SUCCESS)
            throw input_error({path.string(), "", ""}, std::string("cannot read: ") + simdjson::error_message(err));
        data_ = text_.data();
        size_ = text_.size();
        readable_ = size_ + simdjson::SIMDJSON_PADDING;
    }
}

MappedFile::~MappedFile() {
    if (map_ != nullptr) ::munmap(map_, size_);
}

void MappedFile::release(std::size_t from, std::size_t to) const {
    if (map_ == nullptr) return;
    const std::size_t page = page_size();
    from = (from + page - 1) / page * page;
    to = to / page * page;
    if (to > from) ::madvise(static_cast<char*>(map_) + from, to - from, MADV_DONTNEED);
}

}  // namespace corridor::io::detail
