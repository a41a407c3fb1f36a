#include "corridor/serve/http_policy.hpp"

#include <arpa/inet.h>

#include <fmt/format.h>

namespace corridor {

bool is_loopback_address(const std::string& address) {
    if (address == "localhost" || address == "::1" || address == "[::1]") return true;
    in_addr v4{};
    return ::inet_pton(AF_INET, address.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

std::string bind_warning(const std::string& address) {
    if (is_loopback_address(address)) return {};
    return fmt::format(
        "warning: --bind {} opens the map and its data to the network, without authentication "
        "or encryption; anyone who can reach this address can read them",
        address);
}

std::string server_url(const std::string& address, int port) {
    const bool v6 = address.find(':') != std::string::npos;
    return fmt::format("http://{}:{}/", v6 ? "[" + address + "]" : address, port);
}

bool loopback_host_allowed(std::string_view host) {
    std::string_view name = host;
    std::string_view port;
    if (host.starts_with('[')) {  // [::1] or [::1]:8080
        const auto close = host.find(']');
        if (close == std::string_view::npos) return false;
        name = host.substr(0, close + 1);
        port = host.substr(close + 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
        name = host.substr(0, colon);
        port = host.substr(colon);
    }
    if (!port.empty()) {  // ":" and 1 to 5 digits
        if (port.size() < 2 || port.size() > 6 || port[0] != ':') return false;
        for (char c : port.substr(1))
            if (c < '0' || c > '9') return false;
    }
    return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
}

const std::vector<std::pair<std::string, std::string>>& security_headers() {
    // The map pages' own <meta> policies together (the Leaflet page's OpenStreetMap layer; the
    // MapLibre page's workers and images from blob: URLs), plus what only a header can say
    // (frame-ancestors). A browser enforces the page's <meta> policy as well, so each page gets
    // no more than its own.
    static const std::vector<std::pair<std::string, std::string>> headers{
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
         "img-src data: blob: https://tile.openstreetmap.org; worker-src blob:; child-src blob:; connect-src 'self'; "
         "frame-ancestors 'none'; "
         "base-uri 'none'; form-action 'none'"},
    };
    return headers;
}

std::string escape_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\') out += "\\\\";
        else if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
        else out += c;
    }
    return out;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (n == 0 || i + n > text.size()) return false;
        std::uint32_t cp = n == 1 ? c : c & (0x7f >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d >> 6) != 0x2) return false;
            cp = (cp << 6) | (d & 0x3f);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += n;
    }
    return true;
}

}  // namespace corridor
