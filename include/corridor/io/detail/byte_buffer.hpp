// A growable byte buffer written through raw pointers, for the GeoJSON writer's hot loop.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace corridor::io::detail {

// room(n) makes space for n more bytes and returns where they go; used(end) then sets the
// size to end. Nothing is initialised that is not written (std::string would zero it).
class Bytes {
public:
    const char* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    std::string_view view() const { return {data(), size_}; }
    void clear() { size_ = 0; }

    [[gnu::always_inline]] char* room(std::size_t n) {
        if (cap_ - size_ < n) grow(n);
        return data_.get() + size_;
    }
    [[gnu::always_inline]] void used(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

    [[gnu::always_inline]] void add(const char* s, std::size_t n) {
        std::memcpy(room(n), s, n);
        size_ += n;
    }
    [[gnu::always_inline]] void add(std::string_view s) { add(s.data(), s.size()); }
    template <std::size_t N>
    [[gnu::always_inline]] void lit(const char (&s)[N]) {
        add(s, N - 1);  // a copy of known size: a few moves
    }
    [[gnu::always_inline]] void add(char c) {
        *room(1) = c;
        ++size_;
    }

private:
    [[gnu::noinline]] void grow(std::size_t n) {
        const std::size_t cap = std::max({cap_ * 2, size_ + n, std::size_t{1} << 16});
        auto bigger = std::make_unique_for_overwrite<char[]>(cap);
        if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        cap_ = cap;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t cap_ = 0;
};

}  // namespace corridor::io::detail
