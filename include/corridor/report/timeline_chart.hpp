// The timeline as a chart for reports (PNG or SVG, drawn with Cairo in the style of
// report/render): throughput per month as a step plot, with the events that change it
// marked and labelled at the month they take effect.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "corridor/analysis/timeline.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/shown.hpp"

namespace corridor {

struct TimelineChartOptions {
    int width_px = 1600;  // kMinRenderWidth..kMaxRenderWidth; the height is half the width
    std::string title;    // empty: "FROM → TO, commodity, scenario: t/month by month"
};

// Refuses (request_error), before anything is read, a chart that cannot be written: to
// standard output ("-"), into a file neither .png nor .svg (picture_format), or a width out
// of range (check_render_width).
void check_timeline_chart(const std::string& out, int width_px);

// timeline's settings besides the question: --months (asked_month_range), and --out and
// --width of the chart (none without a file).
struct TimelineOptions {
    std::string months;
    std::string chart;
    int width_px = TimelineChartOptions{}.width_px;
};

// corridor timeline: the chart (check_timeline_chart) and the months checked, and the
// chart's file (check_output_file) checked and opened, before reading; the network read,
// its timeline over the months asked (or the default ones), and the chart staged and
// committed with a note that says so. std::nullopt when strict refuses the network.
std::optional<Timeline> timeline_network(const NetworkRequest& request, const TimelineOptions& options,
                                         const Feedback& feedback);

// The chart's height for a width: half of it, rounded.
int timeline_chart_height(int width_px);

// The chart's title when none is given: the question, the scenario and the unit.
std::string timeline_title(const Timeline& t);

// Draws the timeline into out, PNG or SVG by the extension (image_format): one step per
// month (the month's throughput over the whole month), a dashed mark at the start of each
// month with events and the events' labels ("NAME KIND") above the plot, stacked in rows so
// that no two overlap (events that find no row are counted under the title), axes with
// their units, and the title. An SVG also carries the title (<title>) and every event
// (<desc>: "YYYY-MM NAME KIND: WHAT" lines) as text, since Cairo draws its letters as
// outlines. Written to a temporary file and renamed into place; the same timeline gives
// the same bytes. Throws error naming the file.
void render_timeline(const Timeline& t, const TimelineChartOptions& options, const std::filesystem::path& out);

// timeline's chart: its file and width.
namespace timeline_flags {
extern const OptionText kOut, kWidth;
}  // namespace timeline_flags

}  // namespace corridor
