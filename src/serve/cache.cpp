#include "corridor/serve/cache.hpp"

#include <zlib.h>

#include <cstdint>

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor {
namespace {

// FNV-1a, 64 bits: not cryptographic; an entity tag only has to change with the body.
std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

Body::Body(std::string text) : text_(std::move(text)), etag_(fmt::format("\"{:016x}\"", fnv1a(text_))) {}

const std::string& Body::gzip() const {
    std::call_once(gzip_once_, [this] { gzip_ = gzip_compress(text_); });
    return gzip_;
}

std::string gzip_compress(const std::string& text) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw error("gzip: zlib cannot start");
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw error(fmt::format("gzip: zlib failed ({})", status));
    return out;
}

}  // namespace corridor
