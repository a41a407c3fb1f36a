#include "corridor/report/timeline_chart.hpp"

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include "canvas.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/error.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/render.hpp"
#include "corridor/report/style.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using namespace report_detail;

// The throughput line: the ferry's blue of the map palette (no mode is meant; it reads
// well beside the bottleneck magenta the events take).
constexpr std::string_view kLineHex = "#1f77b4";
constexpr std::string_view kGridHex = "#dddddd";

// A round step for about `ticks` ticks up to top: 1, 2 or 5 times a power of ten.
double nice_step(double top, int ticks) {
    const double raw = top / ticks;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double k : {1.0, 2.0, 5.0, 10.0})
        if (k * p >= raw) return std::max(1.0, k * p);
    return std::max(1.0, 10 * p);
}

std::string event_label(const TimelineEvent& e) { return e.name + " " + e.kind; }

class Chart {
public:
    Chart(cairo_t* cr, const Timeline& t, const TimelineChartOptions& o, int width, int height)
        : cr_(cr), t_(t), opt_(o), w_(width), h_(height), s_(std::clamp(width / 1600.0, 0.5, 6.0)),
          f_(std::clamp(width / 1600.0, 0.75, 6.0)) {}

    void paint() {
        cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        paper(cr_);
        cairo_paint(cr_);
        layout();
        grid_and_axes();
        steps();
        events();
        titles();
    }

private:
    double text_width(const std::string& text, double size) const {
        cairo_set_font_size(cr_, size);
        cairo_text_extents_t e;
        cairo_text_extents(cr_, text.c_str(), &e);
        return e.x_advance;
    }

    void text_at(const std::string& text, double size, double x, double baseline) {
        cairo_set_font_size(cr_, size);
        ink(cr_);
        cairo_move_to(cr_, x, baseline);
        cairo_show_text(cr_, text.c_str());
    }

    std::string unit() const { return t_.passengers ? "passengers/month" : "t/month"; }
    double x_of(std::size_t month_index) const {
        return plot_.x0 +
               (plot_.x1 - plot_.x0) * static_cast<double>(month_index) / static_cast<double>(t_.months.size());
    }
    double y_of(double v) const { return plot_.y1 - (plot_.y1 - plot_.y0) * v / top_; }

    // Where everything goes: the title lines, the band of event labels, the plot, the axes.
    void layout() {
        Flow largest = 0;
        for (const auto& m : t_.months) largest = std::max(largest, m.throughput);
        step_ = nice_step(largest > 0 ? static_cast<double>(largest) : 1.0, 5);
        top_ = std::max(step_, std::ceil(static_cast<double>(largest) / step_) * step_);
        const double margin = 16 * s_;
        title_size_ = 20 * f_;
        small_ = 12 * f_;
        const double title_bottom = margin + title_size_ * 1.35 + small_ * 1.5;
        double widest_tick = 0;
        for (double v = 0; v <= top_ + step_ / 2; v += step_)
            widest_tick = std::max(widest_tick, text_width(thousands(static_cast<Flow>(std::llround(v))), small_));
        plot_.x0 = margin + small_ * 1.6 + widest_tick + 8 * s_;
        plot_.x1 = w_ - margin - 8 * s_;
        plot_.y1 = h_ - margin - small_ * 3.2;
        // Event labels in rows above the plot: each in the first row where it overlaps no
        // other; at most the rows that leave the plot 55% of the picture's height.
        row_h_ = small_ * 1.45;
        const double band_top = title_bottom + 6 * s_;
        const int max_rows = std::max(1, static_cast<int>((plot_.y1 - band_top - 0.55 * h_) / row_h_));
        std::vector<std::vector<PixelBox>> rows;
        for (std::size_t i = 0; i < t_.months.size(); ++i)
            for (const auto& e : t_.months[i].events) {
                // Right of its mark, or left of it where the picture ends.
                const double tw = text_width(event_label(e), small_);
                double x = x_of(i) + 3 * s_;
                if (x + tw > w_ - 4 * s_) x = x_of(i) - 3 * s_ - tw;
                const PixelBox box{x - 3 * s_, -1, x + tw + 6 * s_, 1};
                int row = 0;
                for (; row < static_cast<int>(rows.size()); ++row)
                    if (std::none_of(rows[static_cast<std::size_t>(row)].begin(),
                                     rows[static_cast<std::size_t>(row)].end(),
                                     [&](const PixelBox& b) { return b.overlaps(box); }))
                        break;
                if (x < 0 || row >= max_rows) {
                    ++unlabelled_;
                    marks_.push_back({i, -1, 0, e});
                    continue;
                }
                if (row == static_cast<int>(rows.size())) rows.emplace_back();
                rows[static_cast<std::size_t>(row)].push_back(box);
                marks_.push_back({i, row, x, e});
            }
        band_top_ = band_top;
        plot_.y0 = band_top + static_cast<double>(rows.size()) * row_h_ + 10 * s_;
    }

    void grid_and_axes() {
        cairo_set_line_width(cr_, 1 * s_);
        // Horizontal grid lines and the value axis' ticks.
        for (double v = 0; v <= top_ + step_ / 2; v += step_) {
            const double y = std::round(y_of(v)) + 0.5;
            colour(cr_, kGridHex);
            cairo_move_to(cr_, plot_.x0, y);
            cairo_line_to(cr_, plot_.x1, y);
            cairo_stroke(cr_);
            const std::string label = thousands(static_cast<Flow>(std::llround(v)));
            text_at(label, small_, plot_.x0 - 6 * s_ - text_width(label, small_), y + small_ * 0.35);
        }
        // Month ticks; a label every k months (calendar-aligned) so that labels do not touch.
        const double month_px = (plot_.x1 - plot_.x0) / static_cast<double>(t_.months.size());
        const double label_px = text_width("0000-00", small_) * 1.3;
        int every = 1;
        for (int k : {1, 2, 3, 6, 12, 24, 60, 120, 240, 600}) {
            every = k;
            if (k * month_px >= label_px) break;
        }
        colour(cr_, style::kBorderHex);
        for (std::size_t i = 0; i <= t_.months.size(); ++i) {
            const double x = std::round(x_of(i)) + 0.5;
            cairo_move_to(cr_, x, plot_.y1);
            cairo_line_to(cr_, x, plot_.y1 + 4 * s_);
        }
        cairo_stroke(cr_);
        for (std::size_t i = 0; i < t_.months.size(); ++i) {
            const Month m = t_.months[i].month;
            if ((m.year * 12 + static_cast<int>(m.month) - 1) % every != 0) continue;
            const std::string label = m.text();
            const double cx = every == 1 ? (x_of(i) + x_of(i + 1)) / 2 : x_of(i);
            const double x = std::clamp(cx - text_width(label, small_) / 2, 2.0, w_ - 2 - text_width(label, small_));
            text_at(label, small_, x, plot_.y1 + 6 * s_ + small_);
        }
        // The axes and their titles with units.
        ink(cr_);
        cairo_set_line_width(cr_, 1.2 * s_);
        cairo_move_to(cr_, plot_.x0, plot_.y0);
        cairo_line_to(cr_, plot_.x0, plot_.y1);
        cairo_line_to(cr_, plot_.x1, plot_.y1);
        cairo_stroke(cr_);
        const std::string x_title = "month (each step: that month's throughput)";
        text_at(x_title, small_, (plot_.x0 + plot_.x1) / 2 - text_width(x_title, small_) / 2,
                plot_.y1 + 8 * s_ + small_ * 2.4);
        const std::string y_title = "throughput, " + unit();
        cairo_save(cr_);
        cairo_translate(cr_, 16 * s_ + small_, (plot_.y0 + plot_.y1) / 2 + text_width(y_title, small_) / 2);
        cairo_rotate(cr_, -std::numbers::pi / 2);
        text_at(y_title, small_, 0, 0);
        cairo_restore(cr_);
    }

    void steps() {
        // The area under the steps, light, then the steps: flat over each month, vertical between.
        cairo_move_to(cr_, x_of(0), y_of(0));
        for (std::size_t i = 0; i < t_.months.size(); ++i) {
            const double y = y_of(static_cast<double>(t_.months[i].throughput));
            cairo_line_to(cr_, x_of(i), y);
            cairo_line_to(cr_, x_of(i + 1), y);
        }
        cairo_line_to(cr_, x_of(t_.months.size()), y_of(0));
        cairo_close_path(cr_);
        colour(cr_, kLineHex, 0.15);
        cairo_fill(cr_);
        for (std::size_t i = 0; i < t_.months.size(); ++i) {
            const double y = y_of(static_cast<double>(t_.months[i].throughput));
            (i == 0 ? cairo_move_to : cairo_line_to)(cr_, x_of(i), y);
            cairo_line_to(cr_, x_of(i + 1), y);
        }
        colour(cr_, kLineHex);
        cairo_set_line_width(cr_, std::max(2.5, 3 * s_));
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
        cairo_stroke(cr_);
    }

    void events() {
        const double dash[] = {5 * s_, 4 * s_};
        for (const auto& mk : marks_) {
            const double x = std::round(x_of(mk.month)) + 0.5;
            const double y_top = mk.row < 0 ? plot_.y0 : band_top_ + (mk.row + 1) * row_h_ - small_ * 0.9;
            colour(cr_, style::kBottleneckHex);
            cairo_set_line_width(cr_, std::max(1.5, 1.5 * s_));
            cairo_set_dash(cr_, dash, 2, 0);
            cairo_move_to(cr_, x, y_top);
            cairo_line_to(cr_, x, plot_.y1);
            cairo_stroke(cr_);
            cairo_set_dash(cr_, nullptr, 0, 0);
            if (mk.row >= 0)
                text_at(event_label(mk.event), small_, mk.label_x, band_top_ + (mk.row + 1) * row_h_ - small_ * 0.3);
        }
    }

    void titles() {
        const double margin = 16 * s_;
        const std::string title = opt_.title.empty() ? timeline_title(t_) : opt_.title;
        text_at(title, title_size_, margin, margin + title_size_);
        std::string sub =
            fmt::format("{} to {}; events at the month they take effect, dates within a month pro rata by days",
                        t_.range.first.text(), t_.range.last.text());
        if (unlabelled_ > 0) sub += fmt::format("; {} more events marked without a label", unlabelled_);
        text_at(sub, small_, margin, margin + title_size_ * 1.35 + small_ * 1.1);
    }

    struct Mark {
        std::size_t month = 0;
        int row = -1;  // -1: no label
        double label_x = 0;
        TimelineEvent event;
    };

    cairo_t* cr_;
    const Timeline& t_;
    const TimelineChartOptions& opt_;
    int w_, h_;
    double s_;  // lines, for a 1600 px picture
    double f_;  // text (shrinks less)
    double title_size_ = 20, small_ = 12, row_h_ = 18, band_top_ = 0;
    double step_ = 1, top_ = 1;
    PixelBox plot_;
    std::vector<Mark> marks_;
    int unlabelled_ = 0;
};

// The SVG's title and events as text (<title>, <desc>) after its opening <svg> tag.
std::string with_svg_text(const std::string& svg, const Timeline& t, const std::string& title) {
    const std::size_t open = svg.find("<svg");
    const std::size_t end = open == std::string::npos ? open : svg.find('>', open);
    if (end == std::string::npos) return svg;
    std::string desc;
    for (const auto& m : t.months)
        for (const auto& e : m.events) desc += fmt::format("\n{} {}: {}", m.month.text(), event_label(e), e.what);
    const std::string text = fmt::format(
        "\n<title>{}</title>\n<desc>{}{}</desc>", escape_html(title),
        escape_html(t.range.text() + ", " + (t.passengers ? "passengers/month" : "t/month")), escape_html(desc));
    return svg.substr(0, end + 1) + text + svg.substr(end + 1);
}

std::string encode(const Timeline& t, const TimelineChartOptions& o, ImageFormat format, const fs::path& out) {
    if (o.width_px < kMinRenderWidth || o.width_px > kMaxRenderWidth)
        throw output_error({out.string(), "", ""}, fmt::format("picture width {} px: give {} to {}", o.width_px,
                                                               kMinRenderWidth, kMaxRenderWidth));
    if (t.months.empty()) throw output_error({out.string(), "", ""}, "no months to draw");
    const int width = o.width_px, height = timeline_chart_height(o.width_px);
    return encode_picture(
        format, width, height, out, [&](cairo_t* cr) { Chart(cr, t, o, width, height).paint(); },
        [&](std::string svg) { return with_svg_text(svg, t, o.title.empty() ? timeline_title(t) : o.title); });
}

}  // namespace

void check_timeline_chart(const std::string& out, int width_px) {
    if (out == "-") throw request_error("--out: give a .png or .svg file (the chart is not written to stdout)");
    picture_format("", out);
    check_render_width(width_px);
}

std::optional<Timeline> timeline_network(const NetworkRequest& request, const TimelineOptions& options,
                                         const Feedback& feedback) {
    const bool chart = !options.chart.empty();
    if (chart) check_timeline_chart(options.chart, options.width_px);
    const std::optional<MonthRange> range =
        asked_month_range(options.months);  // before reading: a bad range writes nothing
    if (chart) check_output_file(options.chart, request.input, request.overwrite);
    const auto set = chart ? open_file_output_set(options.chart) : nullptr;
    const auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    Timeline t = timeline(*net, request.input, request.question, range);
    if (chart) {
        const auto staged = set->stage_file(fs::path(options.chart).filename(), [&](const fs::path& file) {
            render_timeline(t, {options.width_px, {}}, file);
        });
        commit_outputs(*set, {staged}, {"timeline", request.input.geodata, &*net, nullptr, false});
        feedback.note("chart written to " + options.chart);
    }
    return t;
}

int timeline_chart_height(int width_px) { return (width_px + 1) / 2; }

std::string timeline_title(const Timeline& t) {
    return fmt::format(
        "{} → {}, {}, {}: {} by month", t.from, t.to, t.commodity.empty() ? "all commodities" : t.commodity,
        t.scenario.empty() ? "baseline" : "scenario " + t.scenario, t.passengers ? "passengers/month" : "t/month");
}

void render_timeline(const Timeline& t, const TimelineChartOptions& options, const fs::path& out) {
    const ImageFormat format = image_format(out);
    io::write_file_atomic(out, encode(t, options, format, out));  // temporary file, then rename
}

namespace timeline_flags {
const OptionText kOut{"out", "Also draw the chart: a .png or .svg file"};
const OptionText kWidth{"width", "Chart width in pixels (the height is half of it)", true};
}  // namespace timeline_flags

}  // namespace corridor
