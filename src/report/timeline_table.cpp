#include "corridor/report/timeline_table.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "corridor/report/columns.hpp"
#include "corridor/report/layers.hpp"

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

void print_timeline(std::ostream& out, const Timeline& t) {
    const std::string unit = t.passengers ? "passengers/month" : "t/month";
    out << fmt::format("{} → {} ({}{}), {}: {}\n", t.from, t.to, t.commodity.empty() ? "all commodities" : t.commodity,
                       t.scenario.empty() ? "" : ", scenario " + t.scenario, t.range.text(), unit);
    std::vector<std::string> commodities;
    for (const auto& m : t.months)
        for (const auto& [c, v] : m.by_commodity)
            if (std::find(commodities.begin(), commodities.end(), c) == commodities.end()) commodities.push_back(c);
    std::sort(commodities.begin(), commodities.end());
    const bool split = commodities.size() > 1 || (commodities.size() == 1 && commodities[0] != t.commodity);
    std::vector<std::string> header{"month", unit};
    if (split)
        for (const auto& c : commodities) header.push_back(c);
    header.push_back("events (taking effect that month)");
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : t.months) {
        std::vector<std::string> row{m.month.text(), thousands(m.throughput)};
        if (split)
            for (const auto& c : commodities) {
                const auto it = m.by_commodity.find(c);
                row.push_back(it == m.by_commodity.end() ? "" : whole_thousands(it->second));
            }
        std::string events;
        for (const auto& e : m.events) events += fmt::format("{}{} {}", events.empty() ? "" : "; ", e.name, e.kind);
        if (events.empty() && !m.no_flow.empty()) events = "(no flow)";
        row.push_back(events);
        rows.push_back(std::move(row));
    }
    out << columns_text(header, rows);
    bool any = false;
    for (const auto& m : t.months)
        for (const auto& e : m.events) {
            if (!any) out << "\nEvents:\n";
            any = true;
            out << fmt::format("{}  {} {}: {}\n", m.month.text(), e.name, e.kind, e.what);
        }
}

}  // namespace

std::string timeline_text(const Timeline& t) {
    std::ostringstream out;
    print_timeline(out, t);
    return out.str();
}

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

namespace timeline_flags {
const OptionText kCsv{"csv", "Print CSV: month, t_mo, one column per commodity, events"};
}  // namespace timeline_flags

}  // namespace corridor
