// What the server allows and says about itself, independent of any socket: which Host
// names a loopback server answers (DNS rebinding), the methods, the security headers on
// every response, how request text is escaped for logs and errors, and the warning for an
// address open to the network.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor {

// "GET, HEAD": the methods served (the Allow header of a 405).
inline constexpr const char* kAllowedMethods = "GET, HEAD";

// Whether address (as given to --bind) is a loopback one: 127.0.0.0/8, ::1, localhost.
bool is_loopback_address(const std::string& address);

// A warning for stderr when address exposes the server beyond this machine ("" for a
// loopback address): the map and its data are then open to the network without authentication.
std::string bind_warning(const std::string& address);

// The map's address as a browser takes it: "http://127.0.0.1:8080/", "http://[::1]:8080/".
std::string server_url(const std::string& address, int port);

// Whether a loopback server answers a request with this Host header: localhost, 127.0.0.1 or
// [::1], with or without a port. Any other name (a DNS-rebinding page's own name, say) and a
// missing Host are refused, so a web page elsewhere cannot read the map through the browser.
bool loopback_host_allowed(std::string_view host);

// The headers every response carries, errors included: nosniff, no referrer, no framing,
// and a Content-Security-Policy that lets the map page run its inline script and style and
// load tiles from nowhere but this server (data: for icons; blob: for MapLibre's workers).
const std::vector<std::pair<std::string, std::string>>& security_headers();

// text with control characters (C0, DEL) and backslashes written as \xHH and \\, so a
// request target cannot ring a terminal's bell or move its cursor through a log line.
std::string escape_control(std::string_view text);

// Whether text is valid UTF-8 (JSON answers carry parameter values back).
bool valid_utf8(std::string_view text);

}  // namespace corridor
