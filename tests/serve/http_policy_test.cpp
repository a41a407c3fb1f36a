// serve/http_policy: the loopback rules, the warning for open addresses, escaping and UTF-8.
#include "corridor/serve/http_policy.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(HttpPolicy, OpenAddressesGetAWarning) {
    for (const char* a : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) EXPECT_EQ(bind_warning(a), "") << a;
    for (const char* a : {"0.0.0.0", "::", "192.168.1.5", "128.0.0.1"}) {
        const std::string w = bind_warning(a);
        EXPECT_NE(w.find("without authentication"), std::string::npos) << a;
        EXPECT_NE(w.find(a), std::string::npos) << a;
    }
}

TEST(HttpPolicy, LoopbackHostNames) {
    for (const char* h : {"localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:65535"})
        EXPECT_TRUE(loopback_host_allowed(h)) << h;
    for (const char* h : {"", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "127.0.0.2", "[::1", "::1",
                          "localhost:", "localhost:80:80", "localhost:8o", "[::2]:80", "LOCALHOST.:80"})
        EXPECT_FALSE(loopback_host_allowed(h)) << h;
}

TEST(HttpPolicy, ControlCharactersAreEscaped) {
    EXPECT_EQ(escape_control("/a\x1b[2J\x07\\b\x7f"), "/a\\x1b[2J\\x07\\\\b\\x7f");
    EXPECT_EQ(escape_control("/plain?x=1"), "/plain?x=1");
    EXPECT_EQ(escape_control("Ünïcode"), "Ünïcode");
}

TEST(HttpPolicy, Utf8IsChecked) {
    EXPECT_TRUE(valid_utf8("pyongyang 평양 ✓ 😀"));
    for (const std::string bad : {"\xff\xfe", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80"})
        EXPECT_FALSE(valid_utf8(bad));
}

TEST(HttpPolicy, SecurityHeadersAreComplete) {
    std::vector<std::string> names;
    for (const auto& [name, value] : security_headers()) names.push_back(name);
    for (const char* n : {"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"})
        EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

}  // namespace
}  // namespace corridor
