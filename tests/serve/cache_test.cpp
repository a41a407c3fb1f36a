// serve/cache: bodies with their ETag and gzip, and the LRU cache of bounded bytes.
#include "corridor/serve/cache.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace corridor {
namespace {

using Cache = LruCache<std::string>;

Cache::Value text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

TEST(Body, TheETagFollowsTheText) {
    const Body a("hello"), b("hello"), c("hellp");
    EXPECT_EQ(a.etag(), b.etag());
    EXPECT_NE(a.etag(), c.etag());
    EXPECT_EQ(a.etag().front(), '"');
    EXPECT_EQ(a.etag().back(), '"');
}

TEST(Body, GzipInflatesToTheText) {
    const std::string original(100000, 'x');
    const Body b(original);
    const std::string& z = b.gzip();
    EXPECT_LT(z.size(), 1000u);
    EXPECT_EQ(&b.gzip(), &z) << "computed once";
    std::string out(original.size() + 10, '\0');
    z_stream s{};
    ASSERT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data()));
    s.avail_in = static_cast<uInt>(z.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
    out.resize(s.total_out);
    inflateEnd(&s);
    EXPECT_EQ(out, original);
}

TEST(LruCache, KeepsTheRecentlyUsedWithinItsBytes) {
    Cache cache(10, [](const std::string& s) { return s.size(); });
    cache.get_or_build("a", [] { return text("aaaa"); });
    cache.get_or_build("b", [] { return text("bbbb"); });
    EXPECT_EQ(cache.bytes(), 8u);
    cache.get_or_build("a", [] { return text("never"); });  // a used: b is now the oldest
    EXPECT_EQ(cache.builds(), 2u);
    cache.get_or_build("c", [] { return text("cccc"); });  // 12 bytes: b goes
    EXPECT_EQ(cache.bytes(), 8u);
    EXPECT_EQ(*cache.get_or_build("a", [] { return text("again"); }), "aaaa");
    EXPECT_EQ(*cache.get_or_build("b", [] { return text("BBBB"); }), "BBBB") << "b was evicted and built again";
    EXPECT_EQ(cache.builds(), 4u);
    EXPECT_LE(cache.bytes(), 10u);
}

TEST(LruCache, AValueLargerThanTheBoundIsKeptAlone) {
    Cache cache(3, [](const std::string& s) { return s.size(); });
    cache.get_or_build("small", [] { return text("abc"); });
    EXPECT_EQ(*cache.get_or_build("big", [] { return text("0123456789"); }), "0123456789");
    EXPECT_EQ(cache.bytes(), 10u) << "the large value stays, alone";
    EXPECT_EQ(*cache.get_or_build("big", [] { return text("rebuilt"); }), "0123456789") << "not built again";
    EXPECT_EQ(*cache.get_or_build("small", [] { return text("xyz"); }), "xyz") << "the small value went for it";
    EXPECT_EQ(cache.bytes(), 3u) << "the newer small value pushes the large one out";
    EXPECT_EQ(cache.builds(), 3u);
}

TEST(LruCache, AFailedBuildIsNotKept) {
    Cache cache(100, [](const std::string& s) { return s.size(); });
    EXPECT_THROW(cache.get_or_build("k", []() -> Cache::Value { throw std::runtime_error("no"); }), std::runtime_error);
    EXPECT_EQ(*cache.get_or_build("k", [] { return text("yes"); }), "yes");
}

TEST(LruCache, ConcurrentRequestsWaitForOneBuild) {
    Cache cache(1000, [](const std::string& s) { return s.size(); });
    std::atomic<int> calls{0};
    std::vector<Cache::Value> got(8);
    std::vector<std::thread> threads;
    for (auto& g : got)
        threads.emplace_back([&] {
            g = cache.get_or_build("k", [&] {
                ++calls;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                return text("built");
            });
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(calls, 1);
    for (const auto& g : got) EXPECT_EQ(g.get(), got.front().get());
}

}  // namespace
}  // namespace corridor
