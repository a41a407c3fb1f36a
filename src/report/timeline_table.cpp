#include "corridor/report/timeline_table.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

namespace corridor {
namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

}  // namespace

std::string timeline_csv(const Timeline& t) {
    std::set<std::string> commodities;
    for (const auto& m : t.months)
        for (const auto& [c, v] : m.by_commodity) commodities.insert(c);
    const std::string unit = t.passengers ? "pax_mo" : "t_mo";
    std::string out = fmt::format("month,{}", unit);
    for (const auto& c : commodities) out += fmt::format(",{}", csv_field(fmt::format("{}_{}", c, unit)));
    out += ",events\n";
    for (const auto& m : t.months) {
        out += fmt::format("{},{}", m.month.text(), m.throughput);
        for (const auto& c : commodities) {
            const auto it = m.by_commodity.find(c);
            out += it == m.by_commodity.end() ? "," : fmt::format(",{:.1f}", std::round(it->second * 10) / 10);
        }
        std::string events;
        for (const auto& e : m.events)
            events += fmt::format("{}{} {}: {}", events.empty() ? "" : " | ", e.name, e.kind, e.what);
        out += fmt::format(",{}\n", csv_field(events));
    }
    return out;
}

}  // namespace corridor
