#include "corridor/cli/app.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/error.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/text/suggest.hpp"
#include "corridor/version.hpp"
#include "reference.hpp"

namespace corridor::cli {
namespace {

// --progress, --no-progress, --quiet: how much a command says on stderr besides its results.
void message_options(CLI::App& app, Options& o) {
    app.add_flag_callback(
        "--progress", [&o] { o.progress = true; }, "Show progress on stderr (default: on a terminal)");
    app.add_flag_callback(
        "--no-progress", [&o] { o.progress = false; }, "Never show progress");
    app.add_flag("--quiet", o.quiet, "Leave out notes (checks skipped and why)");
}

void json_option(CLI::App& app, Options& o, const char* what = "Print JSON") { app.add_flag("--json", o.json, what); }

void overwrite_option(CLI::App& app, Options& o) {
    app.add_flag("--overwrite", o.overwrite,
                 "Write into --out even when it holds files corridor did not write (never over the input files)");
}

void assign_drawing_option(CLI::App& app, Options& o) {
    app.add_option(
        "--assign", o.demand,
        "Draw the least-cost assignment of these demands (as corridor assign, by distance) instead of a flow");
}

void side_files_option(CLI::App& app, Options& o) {
    app.add_option("--side-files", o.side,
                   "Folder of the side files (network.json, scenarios.json, events.json, observations.json, "
                   "speeds.json, land.geojson) "
                   "when --geodata is a GeoPackage or PG: (default: the GeoPackage's folder; none for PG:)");
}

void input_options(CLI::App& app, Options& o) {
    app.add_option(
           "--geodata", o.geodata,
           "Folder with places.geojson and routes.geojson, a GeoPackage or PG:CONNECTION with layers places and routes")
        ->capture_default_str();
    app.add_option("--seeds", o.seeds, "Folder of seed texts (default: <geodata>/../seeds)");
    app.add_option("--land", o.land, "Land polygons for the land/sea checks (default: <geodata>/land.geojson)");
    app.add_option("--speeds", o.speeds, "JSON of mode: km/h over the default speeds");
    app.add_option("--scenarios", o.scenarios, "Scenario file (default: <geodata>/scenarios.json)");
    side_files_option(app, o);
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
    message_options(app, o);
    strict_option(app, o);
    json_option(app, o);
}

void endpoints(CLI::App& app, Options& o, bool required) {
    auto* from = app.add_option("--from", o.request.from,
                                "Origin: a place id, or a country code (RU, KP, CN) for all its places");
    auto* to = app.add_option("--to", o.request.to, "Destination: a place id or a country code");
    if (required) {
        from->required();
        to->required();
    }
}

void month_option(CLI::App& app, Options& o) {
    app.add_option("--month", o.request.month,
                   "YYYY-MM: the month asked (routes open then, dated events applied pro rata by days); "
                   "default: the network's month (network.json); none: no dates");
}

void what_if(CLI::App& app, Options& o, bool scenario) {
    app.add_option("--commodity", o.request.commodity,
                   "Only routes that carry this commodity (passengers: passengers/month)");
    app.add_option("--modes", o.modes, "Comma list of modes to use (default: all)");
    app.add_option("--without", o.without, "Comma list of route ids to close");
    app.add_option("--set", o.request.sets,
                   "ROUTE.FIELD=VALUE: set capacity, payload_t, trips_mo, annual_t or pax_trip");
    if (scenario) app.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
    month_option(app, o);
}

void uncertainty_options(CLI::App& app, Options& o) {
    app.add_option("--uncertainty", o.request.draws,
                   "Monte Carlo draws of every ranged figure: P10/P50/P90, cut probability (and sensitivity)");
    app.add_option("--seed", o.request.seed, "Random seed for --uncertainty")->capture_default_str();
}

// export, map and render: input, --strict, and the one analysis they show (default RU → pyongyang).
void analysis_options(CLI::App& app, Options& o) {
    input_options(app, o);
    message_options(app, o);
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
    const char* examples;  // the end of --help and of the man page: "  corridor ...  # why" lines
};

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             a.add_flag("--strict", o.strict, "Count observed volumes the network cannot carry as problems");
             message_options(a, o);
             json_option(a, o, "Print the problems as JSON (file, feature, field, message, severity)");
         },
         cmd_validate,
         "Examples:\n"
         "  corridor validate\n"
         "  corridor validate --geodata mynet --json > problems.json\n"
         "  corridor validate --json | jq -r '.problems[].message'"},
        {"export", "Write places and routes with monthly capacity and flows as GeoJSON, Shapefile, GeoPackage, PostGIS",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.out, "Output folder (PG:CONNECTION with --format postgis)")->capture_default_str();
             overwrite_option(a, o);
             json_option(a, o, "Print the files written as JSON");
             a.add_option(
                  "--format", o.formats,
                  "Comma list of geojson, shp, gpkg, fgb (FlatGeobuf), mvt (vector tiles: tiles/{z}/{x}/{y}.mvt), "
                  "mbtiles (corridor.mbtiles); or postgis alone (tables places and routes with pgRouting's columns "
                  "in the database --out PG:...)")
                 ->capture_default_str();
             a.add_option("--minzoom", o.minzoom, "Vector tiles (mvt, mbtiles): lowest zoom written")
                 ->check(CLI::Range(0, 22))
                 ->capture_default_str();
             a.add_option("--maxzoom", o.maxzoom, "Vector tiles (mvt, mbtiles): highest zoom written, at full detail")
                 ->check(CLI::Range(0, 22))
                 ->capture_default_str();
             a.add_flag("--timings", o.timings, "Print wall time and peak memory per phase to stderr");
             a.add_flag("--no-map", o.no_map, "Do not draw map.png (about 1 s per 100,000 routes)");
             fgb_index_option(a, o);
         },
         cmd_export,
         "Examples:\n"
         "  corridor export\n"
         "  corridor export --out out --format gpkg,fgb,mvt --maxzoom 10 --no-map\n"
         "  corridor export --format postgis --out PG:dbname=corridor --overwrite"},
        {"map",
         "Write a web map: map.html with the layers inlined (Leaflet, works offline), or over 10,000 routes with "
         "vector tiles beside it (MapLibre GL JS)",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.out, "Output folder for map.html (-: the page to stdout)")->capture_default_str();
             a.add_option("--data", o.map_data,
                          fmt::format("auto, inline (Leaflet, the layers in the page) or tiles (MapLibre, tiles/ "
                                      "beside it); auto: tiles over {} routes",
                                      kInlineMapRoutes))
                 ->capture_default_str();
             a.add_option("--maxzoom", o.maxzoom, "The tile page: highest zoom of tiles/, at full detail")
                 ->check(CLI::Range(0, 22))
                 ->capture_default_str();
             overwrite_option(a, o);
             json_option(a, o, "Print the files written as JSON");
             assign_drawing_option(a, o);
         },
         cmd_map,
         "Examples:\n"
         "  corridor map\n"
         "  corridor map --from CN --to pyongyang --out web\n"
         "  corridor map --assign geodata/demands.csv --month 2016-12 --out assigned"},
        {"serve", "Serve the web map and its data over HTTP (loopback by default): /, /routes.geojson, /capacity, ...",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             strict_option(a, o);
             a.add_option("--port", o.port, "TCP port (0: any free port, printed on start)")->capture_default_str();
             a.add_option("--bind", o.bind, "Address to listen on (0.0.0.0 opens it to the network)")
                 ->capture_default_str();
             a.add_option("--cors", o.cors, "Access-Control-Allow-Origin to send: an origin or * (default: none)");
             a.add_option("--cache-mb", o.cache_mb,
                          "Memory for analyses, tile indexes and response bodies, in MiB (the latest of each "
                          "is kept even when larger)")
                 ->capture_default_str()
                 ->check(CLI::Range(16, 1 << 20));
             a.add_option("--data", o.map_data,
                          fmt::format("The map page: auto, inline (Leaflet, loads the layers whole) or tiles "
                                      "(MapLibre, /tiles); auto: tiles over {} routes",
                                      kInlineMapRoutes))
                 ->capture_default_str();
         },
         cmd_serve,
         "Examples:\n"
         "  corridor serve\n"
         "  corridor serve --port 0\n"
         "  corridor serve --bind 0.0.0.0 --port 8080 --strict"},
        {"render", "Draw the network and its flows from --from to --to as a PNG or SVG map for reports",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             a.add_option("--out", o.map_out, "Picture file: .png or .svg (-: stdout, with --format)")
                 ->capture_default_str();
             a.add_option("--format", o.image_format, "png or svg (default: by the --out extension)");
             overwrite_option(a, o);
             json_option(a, o, "Print the file written as JSON");
             a.add_option("--width", o.width, "Width in pixels (the height follows the map's extent)")
                 ->capture_default_str();
             a.add_flag("--timings", o.timings, "Print wall time and peak memory per phase to stderr");
             assign_drawing_option(a, o);
         },
         cmd_render,
         "Examples:\n"
         "  corridor render\n"
         "  corridor render --from ru --to pyongyang --out report/flows.svg --width 1200\n"
         "  corridor render --out - --format png > map.png"},
        {"places", "Print the places as a table (or --json)", [](CLI::App& a, Options& o) { query_options(a, o); },
         cmd_places,
         "Examples:\n"
         "  corridor places\n"
         "  corridor places --json"},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)",
         [](CLI::App& a, Options& o) { query_options(a, o); }, cmd_routes,
         "Examples:\n"
         "  corridor routes\n"
         "  corridor routes --json --strict"},
        {"capacity", "Maximum monthly throughput from --from to --to, its minimum cut and flow paths",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             what_if(a, o, true);
             uncertainty_options(a, o);
         },
         cmd_capacity,
         "Examples:\n"
         "  corridor capacity --from RU --to pyongyang\n"
         "  corridor capacity --from ru --to pyongyang --uncertainty 1000 --seed 7 --json\n"
         "  corridor capacity --from CN --to KP --without sinuiju_pyongyang_rail"},
        {"route", "Shortest, fastest or widest path from --from to --to",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             a.add_option("--by", o.by, "distance, time or capacity")->capture_default_str();
             a.add_option("--without", o.without, "Comma list of route ids to close");
             a.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
             month_option(a, o);
         },
         cmd_route,
         "Examples:\n"
         "  corridor route --from vladivostok --to pyongyang\n"
         "  corridor route --from vladivostok --to pyongyang --by capacity --json"},
        {"scenarios", "Throughput from --from to --to under every scenario, beside the baseline",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             what_if(a, o, false);
         },
         cmd_scenarios,
         "Examples:\n"
         "  corridor scenarios --from RU --to pyongyang\n"
         "  corridor scenarios --from RU --to pyongyang --commodity coal --json"},
        {"timeline",
         "Throughput from --from to --to month by month, with the dated events that change it; a chart with --out",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             endpoints(a, o, true);
             a.add_option("--months", o.months,
                          "YYYY-MM..YYYY-MM, at most 600 months (default: the network's month ±6 months, "
                          "widened to its dated events)");
             a.add_option("--commodity", o.request.commodity,
                          "Only routes that carry this commodity (a comma list: jointly)");
             a.add_option("--modes", o.modes, "Comma list of modes to use (default: all)");
             a.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
             a.add_option("--without", o.without, "Comma list of route ids to close");
             a.add_option("--set", o.request.sets,
                          "ROUTE.FIELD=VALUE: set capacity, payload_t, trips_mo, annual_t or pax_trip");
             a.add_flag("--csv", o.csv, "Print CSV: month, t_mo, one column per commodity, events");
             a.add_option("--out", o.timeline_out, "Also draw the chart: a .png or .svg file");
             a.add_option("--width", o.width, "Chart width in pixels (the height is half of it)")
                 ->capture_default_str();
             overwrite_option(a, o);
         },
         cmd_timeline,
         "Examples:\n"
         "  corridor timeline --from KP --to CN --commodity coal --months 2016-12..2018-01\n"
         "  corridor timeline --from RU --to pyongyang --scenario ferry_stopped --out ferry.svg\n"
         "  corridor timeline --from CN --to pyongyang --months 2017-01..2017-12 --csv > cn.csv"},
        {"assign",
         "Route demands (a CSV or JSON of tonnes a month) at the least cost within capacities; say what does not fit",
         [](CLI::App& a, Options& o) {
             query_options(a, o);
             a.add_option("--demand", o.demand,
                          "Demands: CSV or JSON of from, to, commodity, t_mo or t_yr, priority, id, quote, source")
                 ->required();
             a.add_option("--cost", o.cost, "Cost per tonne: distance (km), time (hours at the mode speeds) or tariff")
                 ->capture_default_str();
             a.add_option("--tariff", o.tariff, "Tariff CSV for --cost tariff: mode, per_tkm, change_per_t");
             a.add_option("--scenario", o.request.scenario, "Apply a named scenario from the scenario file");
             a.add_option("--without", o.without, "Comma list of route ids to close");
             month_option(a, o);
             a.add_option("--solver", o.solver,
                          "auto, lp (CLP column generation) or network_simplex (LEMON: one plain demand only)")
                 ->capture_default_str();
             a.add_option("--out", o.assign_out,
                          "Also write the layers into this folder: assigned_routes.geojson, assigned_by_commodity.csv, "
                          "assigned_demands.csv");
             overwrite_option(a, o);
             a.add_flag("--timings", o.timings, "Print wall time and peak memory per phase to stderr");
         },
         cmd_assign,
         "Examples:\n"
         "  corridor assign --demand geodata/demands.csv\n"
         "  corridor assign --demand geodata/demands.csv --month 2016-12 --cost time --json\n"
         "  corridor assign --demand mine.json --cost tariff --tariff tariff.csv --out assigned"},
        {"observations",
         "What the texts say moved, against the network's capacity in the same period: fits, tight or contradicts",
         [](CLI::App& a, Options& o) { query_options(a, o); }, cmd_observations,
         "Examples:\n"
         "  corridor observations\n"
         "  corridor observations --json"},
        {"facts", "List every quantity statement of the seed texts and which routes, places and scenarios use it",
         [](CLI::App& a, Options& o) {
             a.add_option("--geodata", o.geodata,
                          "Folder with places.geojson and routes.geojson, a GeoPackage or PG:CONNECTION with layers "
                          "places and routes")
                 ->capture_default_str();
             a.add_option("--seeds", o.seeds, "Folder of seed texts (default: <geodata>/../seeds)");
             a.add_option("--scenarios", o.scenarios, "Scenario file (default: <geodata>/scenarios.json)");
             side_files_option(a, o);
             json_option(a, o);
         },
         cmd_facts,
         "Examples:\n"
         "  corridor facts\n"
         "  corridor facts --json > facts.json"},
        {"generate", "Write a deterministic synthetic network of about --routes N routes to --out DIR",
         [](CLI::App& a, Options& o) {
             a.add_option("--routes", o.routes, "About how many routes")->required();
             a.add_option("--out", o.out, "Output folder (places.geojson, routes.geojson)")->required();
             a.add_option("--seed", o.request.seed, "Random seed")->capture_default_str();
             a.add_option("--format", o.generate_format, "geojson, fgb or shp")->capture_default_str();
             a.add_flag("--raw", o.raw,
                        "Write loose lines for corridor import instead (lines.*: railway, usage, gauge, highway, "
                        "bridge, name; no id, from_id, to_id) and the named places (stations.*)");
             json_option(a, o, "Print the files written as JSON");
             fgb_index_option(a, o);
             message_options(a, o);
         },
         cmd_generate,
         "Examples:\n"
         "  corridor generate --routes 1000 --out big\n"
         "  corridor generate --routes 100000 --out big --format fgb --seed 2 --json\n"
         "  corridor generate --routes 1000000 --out raw --format fgb --raw"},
        {"import", "Build a geodata folder (places, routes, capacities) from line layers of any GDAL source",
         [](CLI::App& a, Options& o) {
             a.add_option("sources", o.import_sources,
                          "Line layers: Shapefile, GeoPackage, GeoJSON, FlatGeobuf, OSM (.osm, .osm.pbf), PG:...")
                 ->required();
             a.add_option("--out", o.out,
                          "The geodata folder to write (places.geojson, routes.geojson, "
                          "import-report.json)")
                 ->required();
             // Required, checked by the library (importer::check_options), whose message names the
             // shipped rules files.
             a.add_option("--rules", o.rules,
                          "Capacity rules, required (JSON, or YAML: .yaml/.yml; repeat for several files, read in "
                          "order; first match wins)");
             a.add_option("--layer", o.layer,
                          "The layer to read (default: lines of an OSM file, else the one line layer)");
             a.add_option("--where", o.where, "OGR SQL attribute filter on the source features");
             a.add_option("--snap", o.snap_m, "Join line ends within this many metres (geodesic) into one place")
                 ->capture_default_str();
             a.add_flag("--node-intersections", o.node_intersections,
                        "Split lines where they cross or touch (GEOS noding), unless bridge, tunnel or layer differ");
             a.add_option("--places", o.import_places,
                          "Named points (stations, ports, ...) that name the places within 2 km");
             a.add_option("--keep-fields", o.keep_fields, "Comma list of source fields copied onto the routes");
             a.add_flag("--overwrite", o.overwrite, "Replace the network of an existing geodata folder");
             message_options(a, o);
         },
         cmd_import,
         "Examples:\n"
         "  corridor import rail.osm.pbf --rules geodata/rules/osm-railways.json --out mynet\n"
         "  corridor import lines.shp --rules my-rules.json --snap 10 --node-intersections --places stations.gpkg "
         "--out mynet\n"
         "  corridor import rail.gpkg lanes.geojson --rules rail.json --rules sea.json --keep-fields ref --out mynet"},
    };
    return table;
}

// The (sub)command named name, hidden ones included; nullptr when there is none.
const CLI::App* find_command(const CLI::App& app, const std::string& name) {
    for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; }))
        if (c->get_name() == name) return c;
    return nullptr;
}

// "Try 'corridor help'." after a usage error; the command's own help when one is named.
std::string try_help(const CLI::App* command) {
    const bool own_help = command && command->get_group() == "Subcommands";
    return "Try 'corridor help" + (own_help ? " " + command->get_name() : std::string()) + "'.";
}

// A word on the command line that names no command or option, with the nearest names:
// caught before CLI11 parses, which would only say "A subcommand is required" or "The
// following arguments were not expected".
std::optional<std::string> unknown_word(const CLI::App& app, std::span<const std::string> args,
                                        const CLI::App*& command) {
    command = nullptr;
    if (args.empty()) return std::nullopt;
    std::vector<std::string> names;
    for (const CLI::App* c : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
        names.push_back(c->get_name());
    std::size_t first = 0;
    if (args[0].empty() || args[0][0] != '-') {
        command = find_command(app, args[0]);
        if (command == nullptr) return "unknown command '" + args[0] + "'" + suggestion_suffix(args[0], names);
        first = 1;
    }
    const CLI::App& context = command ? *command : app;
    std::vector<std::string> options{"--help"};
    for (const auto& name : long_options(context)) options.push_back(name);
    if (!command) options.push_back("--version");
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a.rfind("--", 0) != 0) continue;
        const std::string name = a.substr(0, a.find('='));
        if (std::find(options.begin(), options.end(), name) != options.end()) continue;
        return "unknown option '" + name + "'" + (command ? " for 'corridor " + command->get_name() + "'" : "") +
               suggestion_suffix(name, options);
    }
    // help COMMAND: a known command
    if (command && command->get_name() == "help" && args.size() > 1 && args[1][0] != '-' &&
        find_command(app, args[1]) == nullptr)
        return "unknown command '" + args[1] + "'" + suggestion_suffix(args[1], names);
    return std::nullopt;
}

// help, completion and man: they print about the program itself.
// Each line of text with the prefix: an error listing several problems keeps the prefix on each.
void print_lines(std::ostream& out, std::string_view prefix, std::string_view text) {
    while (true) {
        const auto nl = text.find('\n');
        out << prefix << text.substr(0, nl) << '\n';
        if (nl == std::string_view::npos) return;
        text.remove_prefix(nl + 1);
    }
}

int run_meta(const CLI::App& app, const CLI::App& meta, const Options& o, const Streams& io) {
    const std::string which = meta.get_name();
    const CLI::App* topic = nullptr;
    if (!o.topic.empty() && which != "completion") {
        topic = find_command(app, o.topic);
        if (topic == nullptr) throw UsageError("unknown command '" + o.topic + "'");
    }
    if (which == "help") {
        // Through the formatter: app.help() would show help's own help, the command parsed.
        const CLI::App& shown = topic ? *topic : app;
        io.out << shown.get_formatter()->make_help(&shown, topic ? "corridor " + topic->get_name() : "corridor",
                                                   CLI::AppFormatMode::Normal);
        return 0;
    }
    if (which == "completion") {
        if (o.topic == "bash") io.out << bash_completion(app);
        else if (o.topic == "zsh") io.out << zsh_completion(app);
        else throw UsageError("completion: give bash or zsh");
        return 0;
    }
    // man [COMMAND] [--dir DIR]: one page to stdout, or every page into DIR
    if (o.man_dir.empty()) {
        io.out << (topic ? man_page(app, *topic) : man_page(app));
        return 0;
    }
    const std::filesystem::path dir = o.man_dir;
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& file, const std::string& text) {
        std::ofstream f(dir / file);
        f << text;
        if (!f.flush()) throw output_error(Location{(dir / file).string(), "", ""}, "cannot write");
        io.out << (dir / file).string() << '\n';
    };
    write("corridor.1", man_page(app));
    for (const CLI::App* c : visible_commands(app)) write("corridor-" + c->get_name() + ".1", man_page(app, *c));
    return 0;
}

// Not commands of the table: help, completion and man print about the program itself.
struct MetaCommands {
    CLI::App* help;
    CLI::App* completion;
    CLI::App* man;
};

MetaCommands add_meta_commands(CLI::App& app, Options& options) {
    CLI::App* help = app.add_subcommand("help", "Print the help of corridor or of one command")->group("Help");
    help->add_option("command", options.topic, "A command");
    CLI::App* completion = app.add_subcommand("completion", "Print a bash or zsh completion script")->group("Help");
    completion->add_option("shell", options.topic, "bash or zsh")->required();
    completion->footer(
        "Examples:\n  corridor completion bash > /etc/bash_completion.d/corridor\n"
        "  corridor completion zsh > ~/.zsh/completion/_corridor");
    CLI::App* man = app.add_subcommand("man", "Print the man page of corridor or of a command")->group("");
    man->add_option("command", options.topic, "A command");
    man->add_option("--dir", options.man_dir, "Write every page into this folder");
    return {help, completion, man};
}

// Parses the arguments; a usage error's exit code, or nullopt to go on.
std::optional<int> parse(CLI::App& app, std::span<const std::string> args, const Streams& io) {
    const CLI::App* command = nullptr;
    if (const auto unknown = unknown_word(app, args, command)) {
        io.err << "corridor: usage: " << *unknown << '\n' << try_help(command) << '\n';
        return 2;
    }
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        message = message.substr(0, message.find('\n'));
        if (message == "A subcommand is required") message = "a command is required";
        io.err << "corridor: usage: " << message << '\n' << try_help(command) << '\n';
        return 2;
    }
    return std::nullopt;
}

// Runs what was parsed; exceptions become exit codes here, and nowhere else.
int run_parsed(const CLI::App& app, const MetaCommands& meta,
               const std::vector<std::pair<CLI::App*, const Command*>>& subs, const Options& options,
               const Streams& io) {
    try {
        for (const CLI::App* m : {meta.help, meta.completion, meta.man})
            if (m->parsed()) return run_meta(app, *m, options, io);
        for (const auto& [sub, cmd] : subs)
            if (sub->parsed()) return cmd->run(options, io);
    } catch (const request_error& e) {  // UsageError too
        io.err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const error& e) {
        print_lines(io.err, "corridor: error: ", e.what());  // input_errors: one line per problem
        return 1;
    } catch (const std::exception& e) {
        io.err << "corridor: internal error: " << e.what() << '\n';
        return 1;
    }
    return 2;
}

}  // namespace

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    CLI::App app{"corridor: transport corridors from text to maps and monthly capacity", "corridor"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_text(), "Print corridor's version and GDAL's, GEOS', PROJ's and Boost's");
    app.footer("Run 'corridor help COMMAND' (or 'corridor COMMAND --help') for a command's options and examples.");
    Options options;
    std::vector<std::pair<CLI::App*, const Command*>> subs;
    for (const auto& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.help);
        c.options(*sub, options);
        sub->footer(c.examples);
        subs.emplace_back(sub, &c);
    }
    const MetaCommands meta = add_meta_commands(app, options);
    const Streams io{out, err};
    if (const auto code = parse(app, args, io)) return *code;
    return run_parsed(app, meta, subs, options, io);
}

}  // namespace corridor::cli
