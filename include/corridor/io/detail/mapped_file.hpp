// A file's bytes for simdjson: mapped read-only (nothing copied), or loaded into a padded buffer.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <filesystem>

namespace corridor::io::detail {

// simdjson reads up to SIMDJSON_PADDING bytes past the end of what it parses; inside the
// file that is the text that follows, and readable() says how far reading is safe (the
// last page of a mapping reads as zeros past the end of the file). A file that cannot be
// mapped (empty, not regular) is loaded instead. Throws input_error naming the file when
// it cannot be read.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const char* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::size_t readable() const { return readable_; }

    // Gives back the pages wholly inside [from, to) (offsets): they are read again from
    // the page cache if touched again, so only memory is saved.
    void release(std::size_t from, std::size_t to) const;

private:
    void* map_ = nullptr;
    simdjson::padded_string text_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t readable_ = 0;
};

}  // namespace corridor::io::detail
