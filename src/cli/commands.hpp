// The subcommands: each parses nothing, calls the library and prints.
#pragma once

#include "common.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {

int cmd_validate(const Options& o, const Io& io);
int cmd_export(const Options& o, const Io& io);
int cmd_places(const Options& o, const Io& io);
int cmd_routes(const Options& o, const Io& io);
int cmd_capacity(const Options& o, const Io& io);
int cmd_route(const Options& o, const Io& io);
int cmd_scenarios(const Options& o, const Io& io);
int cmd_generate(const Options& o, const Io& io);
int cmd_facts(const Options& o, const Io& io);
int cmd_map(const Options& o, const Io& io);
int cmd_serve(const Options& o, const Io& io);
int cmd_render(const Options& o, const Io& io);

// The picture options of a command line: --width, and the basemap beside the geodata
// (--land, or <geodata>/land.geojson; <geodata>/countries.geojson).
RenderOptions render_options(const Options& o);

}  // namespace corridor::cli
