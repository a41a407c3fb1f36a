// timeline: a throughput question month by month with the events that change it, as a
// table, JSON or CSV, and a chart (PNG or SVG).
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/analysis/timeline.hpp"
#include "corridor/report/render.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"

namespace corridor::cli {

int cmd_timeline(const Options& o, const Streams& io) {
    if (o.json && o.csv) throw UsageError("--json and --csv: give one of them");
    const bool chart = !o.timeline_out.empty();
    if (chart) {
        if (is_stdout(o.timeline_out))
            throw UsageError("--out: give a .png or .svg file (the chart is not written to stdout)");
        picture_format("", o.timeline_out);
        check_render_width(o.width);
    }
    std::optional<MonthRange> range;
    if (!o.months.empty()) range = parse_month_range(o.months);  // before reading: a bad range writes nothing
    const InputPaths paths = input_paths(o);
    if (chart) check_output_file(o.timeline_out, paths, o.overwrite);
    const std::filesystem::path out = o.timeline_out;
    const auto set = chart ? open_file_output_set(out) : nullptr;
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
    else io.out << timeline_text(t);
    if (chart) note(o, io, "chart written to " + o.timeline_out);
    return 0;
}

}  // namespace corridor::cli
