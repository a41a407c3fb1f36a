#include "corridor/report/observed.hpp"

#include <cmath>

#include <fmt/format.h>

#include "corridor/report/layers.hpp"

namespace corridor {
namespace {

double tenths(double v) { return std::round(v * 10) / 10; }

}  // namespace

std::string observation_line(const ObservationCheck& c) {
    const std::string ratio = c.ratio ? fmt::format("{:.2f}", *c.ratio) : std::string("no capacity");
    return fmt::format("{} {} of {} t/month ({}, {})", c.observation.id, whole_thousands(c.observed_t_mo),
                       whole_thousands(c.capacity_t_mo), ratio, verdict_name(c.verdict));
}

std::vector<std::string> observation_block(const std::vector<ObservationCheck>& checks) {
    if (checks.empty()) return {};
    if (checks.size() == 1) return {fmt::format("{}: {}", kObservedHeading, observation_line(checks.front()))};
    std::vector<std::string> lines{fmt::format("{}:", kObservedHeading)};
    for (const auto& c : checks) lines.push_back(observation_line(c));
    return lines;
}

nlohmann::ordered_json observation_panel_json(const std::vector<ObservationCheck>& checks) {
    using nlohmann::ordered_json;
    ordered_json arr = ordered_json::array();
    for (const auto& c : checks) {
        const Observation& o = c.observation;
        arr.push_back({{"id", o.id},
                       {"commodity", o.commodity.empty() ? ordered_json(nullptr) : ordered_json(o.commodity)},
                       {"period", {{"from", date_text(o.period.from)}, {"until", date_text(o.period.until)}}},
                       {"observed_t_mo", tenths(c.observed_t_mo)},
                       {"capacity_t_mo", tenths(c.capacity_t_mo)},
                       {"ratio", c.ratio ? ordered_json(std::round(*c.ratio * 1000) / 1000) : ordered_json(nullptr)},
                       {"verdict", verdict_name(c.verdict)},
                       {"text", observation_line(c)}});
    }
    return arr;
}

}  // namespace corridor
