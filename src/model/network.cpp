#include "corridor/model/network.hpp"

#include <array>
#include <functional>
#include <utility>

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor {
namespace {

constexpr std::array<std::pair<Mode, std::string_view>, 7> kModes{{
    {Mode::rail, "rail"},
    {Mode::road, "road"},
    {Mode::ferry, "ferry"},
    {Mode::tanker, "tanker"},
    {Mode::bulk, "bulk"},
    {Mode::pipeline, "pipeline"},
    {Mode::bridge, "bridge"},
}};

constexpr std::array<std::pair<Basis, std::string_view>, 3> kBases{{
    {Basis::text, "text"},
    {Basis::assumed, "assumed"},
    {Basis::unsourced, "unsourced"},
}};

}  // namespace

std::optional<Mode> parse_mode(std::string_view name) {
    for (const auto& [m, n] : kModes)
        if (n == name) return m;
    return std::nullopt;
}

std::string mode_names() {
    std::string out;
    for (const auto& [m, n] : kModes) out += fmt::format("{}{}", out.empty() ? "" : ", ", n);
    return out;
}

std::string_view mode_name(Mode m) {
    for (const auto& [mm, n] : kModes)
        if (mm == m) return n;
    return "?";
}

bool is_sea(Mode m) { return m == Mode::ferry || m == Mode::tanker || m == Mode::bulk; }

const std::vector<Mode>& all_modes() {
    static const std::vector<Mode> modes = [] {
        std::vector<Mode> v;
        for (const auto& [m, n] : kModes) v.push_back(m);
        return v;
    }();
    return modes;
}

std::optional<Basis> parse_basis(std::string_view name) {
    for (const auto& [b, n] : kBases)
        if (n == name) return b;
    return std::nullopt;
}

std::string_view basis_name(Basis b) {
    for (const auto& [bb, n] : kBases)
        if (bb == b) return n;
    return "?";
}

std::optional<Gauge> parse_gauge(std::string_view text) {
    if (text.empty()) return kNoGauge;
    if (text == "dual") return kDualGauge;
    unsigned mm = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || mm > 10000) return std::nullopt;
        mm = mm * 10 + static_cast<unsigned>(c - '0');
    }
    // Track gauges in use run from 381 mm (minimum gauge) to 1676 mm (Indian broad gauge).
    if (mm < 300 || mm > 3000) return std::nullopt;
    return static_cast<Gauge>(mm);
}

std::string gauge_name(Gauge g) {
    if (g == kNoGauge) return "";
    if (g == kDualGauge) return "dual";
    return std::to_string(g);
}

std::size_t Network::slot_of(std::string_view id) const {
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    const std::uint64_t tag = h >> 32;
    const std::size_t mask = index_.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
        const std::uint64_t e = index_[s];
        if (e == 0 || ((e >> 32) == tag && places[(e & 0xFFFFFFFFu) - 1].id == id)) return s;
    }
}

std::optional<std::size_t> Network::place_index(std::string_view id) const {
    if (index_.empty()) return std::nullopt;
    const std::uint64_t e = index_[slot_of(id)];
    if (e == 0) return std::nullopt;
    return (e & 0xFFFFFFFFu) - 1;
}

std::size_t Network::index_of(std::string_view id) const {
    auto i = place_index(id);
    if (!i) throw error(fmt::format("unknown place id \"{}\"", id));
    return *i;
}

std::optional<std::size_t> Network::route_index(std::string_view id) const {
    for (std::size_t i = 0; i < routes.size(); ++i)
        if (routes[i].id == id) return i;
    return std::nullopt;
}

const Place& Network::place(std::string_view id) const { return places[index_of(id)]; }

void Network::build_index() {
    if (places.size() >= 0xFFFFFFFFu) throw error("too many places (at most 4,294,967,294)");
    std::size_t size = 8;
    while (size < 2 * places.size()) size *= 2;
    index_.assign(size, 0);
    for (std::size_t i = 0; i < places.size(); ++i) {
        std::uint64_t& e = index_[slot_of(places[i].id)];
        if (e == 0) e = (std::hash<std::string_view>{}(places[i].id) >> 32 << 32) | (i + 1);  // the first keeps the id
    }
    auto resolve = [this](const std::string& id) {
        const auto i = place_index(id);
        return i && *i < Route::kUnresolved ? static_cast<std::uint32_t>(*i) : Route::kUnresolved;
    };
    for (Route& r : routes) {
        r.from = resolve(r.from_id);
        r.to = resolve(r.to_id);
    }
}

}  // namespace corridor
