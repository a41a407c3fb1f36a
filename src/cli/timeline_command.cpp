// timeline: a throughput question month by month with the events that change it, as a
// table, JSON or CSV, and a chart (PNG or SVG).
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/analysis/timeline.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"

namespace corridor::cli {
namespace {

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
    print_columns(out, header, rows);
    bool any = false;
    for (const auto& m : t.months)
        for (const auto& e : m.events) {
            if (!any) out << "\nEvents:\n";
            any = true;
            out << fmt::format("{}  {} {}: {}\n", m.month.text(), e.name, e.kind, e.what);
        }
}

}  // namespace

int cmd_timeline(const Options& o, const Streams& io) {
    if (o.json && o.csv) throw UsageError("--json and --csv: give one of them");
    const bool chart = !o.timeline_out.empty();
    if (chart) {
        if (is_stdout(o.timeline_out))
            throw UsageError("--out: give a .png or .svg file (the chart is not written to stdout)");
        try {
            image_format(o.timeline_out);
        } catch (const error& e) {
            throw UsageError(fmt::format("--out: {}", e.what()));
        }
        if (o.width < kMinRenderWidth || o.width > kMaxRenderWidth)
            throw UsageError(
                fmt::format("--width: give {} to {} pixels, not {}", kMinRenderWidth, kMaxRenderWidth, o.width));
    }
    std::optional<MonthRange> range;
    if (!o.months.empty()) range = parse_month_range(o.months);  // before reading: a bad range writes nothing
    const InputPaths paths = input_paths(o);
    if (chart) check_output_file(o.timeline_out, paths, o.overwrite);
    const std::filesystem::path out = o.timeline_out;
    const auto set = chart ? open_output_set(out.parent_path().empty() ? "." : out.parent_path()) : nullptr;
    auto net = load_checked(o, io);
    if (!net) return 1;
    const AnalysisRequest request = analysis_request(o);
    if (!range) range = default_month_range(*net, paths, request);
    const Timeline t = timeline(*net, paths, request, *range);
    if (chart) {
        TimelineChartOptions c;
        c.width_px = o.width;
        const auto staged = set->stage([&](const std::filesystem::path& dir) {
            render_timeline(t, c, dir / out.filename());
            return dir / out.filename();
        });
        commit_outputs(*set, {staged}, {"timeline", o.geodata, &*net, nullptr, false});
    }
    if (o.json) io.out << timeline_json(t).dump(2) << '\n';
    else if (o.csv) io.out << timeline_csv(t);
    else print_timeline(io.out, t);
    if (chart) note(o, io, "chart written to " + o.timeline_out);
    return 0;
}

}  // namespace corridor::cli
