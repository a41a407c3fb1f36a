#include "corridor/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <functional>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/error.hpp"

namespace corridor::cli {
namespace {

void input_options(CLI::App& app, Options& o) {
    app.add_option("--geodata", o.geodata, "Folder with places.geojson and routes.geojson")->capture_default_str();
    app.add_option("--seeds", o.seeds, "Folder of seed texts (default: <geodata>/../seeds)");
    app.add_option("--land", o.land, "Land polygons for the land/sea checks (default: <geodata>/land.geojson)");
    app.add_option("--speeds", o.speeds, "JSON of mode: km/h over the default speeds");
    app.add_option("--scenarios", o.scenarios, "Scenario file (default: <geodata>/scenarios.json)");
}

void fgb_index_option(CLI::App& app, Options& o) {
    app.add_flag("--fgb-index", o.fgb_index,
                 "Write FlatGeobuf with a spatial index (fast windowed reads; GDAL sorts every feature first)");
}

void strict_option(CLI::App& app, Options& o) {
    app.add_flag("--strict", o.strict, "Treat geographic and provenance findings as errors");
}

// Input, --strict and --json: what every command that reads and answers takes.
void query_options(CLI::App& app, Options& o) {
    input_options(app, o);
    strict_option(app, o);
    app.add_flag("--json", o.json, "Print JSON");
}

void endpoints(CLI::App& app, Options& o, bool required) {
    auto* from = app.add_option("--from", o.request.from, "Origin: a place id, or a country code (RU, KP, CN) for all its places");
    auto* to = app.add_option("--to", o.request.to, "Destination: a place id or a country code");
    if (required) {
        from->required();
        to->required();
    }
}

void what_if(CLI::App& app, Options& o, bool scenario) {
    app.add_option("--commodity", o.request.commodity, "Only routes that carry this commodity (passengers: passengers/month)");
    app.add_option("--modes", o.modes, "Comma list of modes to use (default: all)");
    app.add_option("--without", o.without, "Comma list of route ids to close");
    app.add_option("--set", o.request.sets, "ROUTE.FIELD=VALUE: set capacity, payload_t, trips_mo, annual_t or pax_trip");
    if (scenario) app.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
}

void uncertainty_options(CLI::App& app, Options& o) {
    app.add_option("--uncertainty", o.request.draws,
                   "Monte Carlo draws of every ranged figure: P10/P50/P90, cut probability (and sensitivity)");
    app.add_option("--seed", o.request.seed, "Random seed for --uncertainty")->capture_default_str();
}

// export, map and render: input, --strict, and the one analysis they show (default RU → pyongyang).
void analysis_options(CLI::App& app, Options& o) {
    input_options(app, o);
    strict_option(app, o);
    endpoints(app, o, false);
    what_if(app, o, true);
    uncertainty_options(app, o);
}

struct Command {
    const char* name;
    const char* help;
    std::function<void(CLI::App&, Options&)> options;
    int (*run)(const Options&, const Streams&);
};

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         [](CLI::App& a, Options& o) { input_options(a, o); }, cmd_validate},
        {"export", "Write places and routes with monthly capacity and flows as GeoJSON, Shapefile, GeoPackage",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.out, "Output folder")->capture_default_str();
             a.add_option("--format", o.formats, "Comma list of geojson, shp, gpkg, fgb (FlatGeobuf)")->capture_default_str();
             a.add_flag("--timings", o.timings, "Print wall time and peak memory per phase to stderr");
             a.add_flag("--no-map", o.no_map, "Do not draw map.png (about 1 s per 100,000 routes)");
             fgb_index_option(a, o);
         },
         cmd_export},
        {"map", "Write a self-contained web map (map.html: Leaflet, layers and basemap inlined; works offline)",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.out, "Output folder for map.html")->capture_default_str();
         },
         cmd_map},
        {"serve", "Serve the web map and its data over HTTP (loopback by default): /, /routes.geojson, /capacity, ...",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             strict_option(a, o);
             a.add_option("--port", o.port, "TCP port (0: any free port, printed on start)")->capture_default_str();
             a.add_option("--bind", o.bind, "Address to listen on (0.0.0.0 opens it to the network)")->capture_default_str();
             a.add_option("--cors", o.cors, "Access-Control-Allow-Origin to send: an origin or * (default: none)");
         },
         cmd_serve},
        {"render", "Draw the network and its flows from --from to --to as a PNG or SVG map for reports",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.map_out, "Picture file: .png or .svg")->capture_default_str();
             a.add_option("--width", o.width, "Width in pixels (the height follows the map's extent)")->capture_default_str();
             a.add_flag("--timings", o.timings, "Print wall time and peak memory per phase to stderr");
         },
         cmd_render},
        {"places", "Print the places as a table (or --json)",
         [](CLI::App& a, Options& o) { query_options(a, o); },
         cmd_places},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)",
         [](CLI::App& a, Options& o) { query_options(a, o); },
         cmd_routes},
        {"capacity", "Maximum monthly throughput from --from to --to, its minimum cut and flow paths",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             what_if(a, o, true);
             uncertainty_options(a, o);
         },
         cmd_capacity},
        {"route", "Shortest, fastest or widest path from --from to --to",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             a.add_option("--by", o.by, "distance, time or capacity")->capture_default_str();
             a.add_option("--without", o.without, "Comma list of route ids to close");
             a.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
         },
         cmd_route},
        {"scenarios", "Throughput from --from to --to under every scenario, beside the baseline",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             what_if(a, o, false);
         },
         cmd_scenarios},
        {"facts", "List every quantity statement of the seed texts and which routes, places and scenarios use it",
         [](CLI::App& a, Options& o) {
             a.add_option("--geodata", o.geodata, "Folder with places.geojson and routes.geojson")->capture_default_str();
             a.add_option("--seeds", o.seeds, "Folder of seed texts (default: <geodata>/../seeds)");
             a.add_option("--scenarios", o.scenarios, "Scenario file (default: <geodata>/scenarios.json)");
             a.add_flag("--json", o.json, "Print JSON");
         },
         cmd_facts},
        {"generate", "Write a deterministic synthetic network of about --routes N routes to --out DIR",
         [](CLI::App& a, Options& o) {
             a.add_option("--routes", o.routes, "About how many routes")->required();
             a.add_option("--out", o.out, "Output folder (places.geojson, routes.geojson)")->required();
             a.add_option("--seed", o.request.seed, "Random seed")->capture_default_str();
             a.add_option("--format", o.generate_format, "geojson, fgb or shp")->capture_default_str();
             fgb_index_option(a, o);
         },
         cmd_generate},
    };
    return table;
}

}  // namespace

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    CLI::App app{"corridor: transport corridors from text to maps and monthly capacity", "corridor"};
    app.require_subcommand(1);
    Options options;
    std::vector<std::pair<CLI::App*, const Command*>> subs;
    for (const auto& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.help);
        c.options(*sub, options);
        subs.emplace_back(sub, &c);
    }
    const Streams io{out, err};
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    }
    try {
        for (const auto& [sub, cmd] : subs)
            if (sub->parsed()) return cmd->run(options, io);
    } catch (const UsageError& e) {
        err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const request_error& e) {
        err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const error& e) {
        err << "corridor: error: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        err << "corridor: internal error: " << e.what() << '\n';
        return 1;
    }
    return 2;
}

}  // namespace corridor::cli
