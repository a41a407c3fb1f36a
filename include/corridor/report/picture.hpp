// render's picture of what a command shows: the picture options for it, and `corridor
// render` itself, into a file (staged, with its folder's manifest) or onto standard output.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "corridor/analysis/outputs.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/render.hpp"
#include "corridor/report/shown.hpp"

namespace corridor {

// The picture of what is shown: width_px, the basemap beside the geodata, the observations,
// the title and subtitle, and the throughput percentiles when `percentiles` (render's title
// shows them, export's map.png does not).
RenderOptions picture_options(const InputPaths& paths, int width_px, const Shown& shown, bool percentiles);

// render's settings (--out, --format, --width, --assign).
struct PictureOptions {
    std::string out = kDefaultPictureFile;  // "-": standard output (needs format)
    std::string format;                     // png or svg; empty: by the extension (picture_format)
    int width_px = RenderOptions{}.width_px;
    std::filesystem::path demand_file;  // draw the assignment of these demands (show)
};

// corridor render: checks the width, the format and the file (check_output_file) before
// reading, reads the network, shows it (show; phases as there, then "render") and draws it:
// as bytes onto `stdout_picture` for out "-" (nullptr, when --json holds standard output, is
// refused), else into out through its folder's output set. Says the summary line
// (say_summary). Returns the file written (none for standard output); std::nullopt when strict
// refuses the network.
std::optional<Written> render_network(const NetworkRequest& request, const PictureOptions& options,
                                      std::ostream* stdout_picture, const Feedback& feedback);

}  // namespace corridor
