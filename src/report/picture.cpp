#include "corridor/report/picture.hpp"

#include "corridor/error.hpp"

namespace corridor {
namespace fs = std::filesystem;

RenderOptions picture_options(const InputPaths& paths, int width_px, const Shown& shown, bool percentiles) {
    RenderOptions r;
    r.width_px = width_px;
    r.land = paths.land_file();
    r.countries = paths.countries_file();
    r.observations = shown.observations;
    r.title = shown.title;
    r.subtitle = shown.subtitle;
    if (percentiles) r.percentiles = percentiles_of(shown.analysis());
    return r;
}

std::optional<Written> render_network(const NetworkRequest& request, const PictureOptions& options,
                                      std::ostream* stdout_picture, const Feedback& feedback) {
    check_render_width(options.width_px);
    const ImageFormat format = picture_format(options.format, options.out);
    const bool to_stdout = options.out == "-";
    if (to_stdout && !stdout_picture) throw request_error("--json: standard output holds the picture with --out -");
    if (!to_stdout) check_output_file(options.out, request.input, request.overwrite);
    const fs::path out = to_stdout ? fs::path() : fs::path(options.out);
    const auto set = to_stdout ? nullptr : open_file_output_set(out);
    const auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    const Shown shown = show(*net, request, options.demand_file, feedback);
    const RenderOptions picture = picture_options(request.input, options.width_px, shown, true);
    Written written;
    if (to_stdout) {
        *stdout_picture << render_map_bytes(*net, shown.measures(), shown.analysis(), picture, format) << std::flush;
    } else {
        const auto staged = set->stage_file(out.filename(), [&](const fs::path& file) {
            render_map(*net, shown.measures(), shown.analysis(), picture, file);
        });
        commit_outputs(*set, {staged}, {"render", request.input.geodata, &*net, shown.analysis(), false});
        written.files.push_back(out);
    }
    feedback.done("render");
    say_summary(shown, feedback);
    return written;
}

}  // namespace corridor
