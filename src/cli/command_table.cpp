#include "command_table.hpp"

#include "commands.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/parameters.hpp"
#include "corridor/analysis/timeline.hpp"
#include "corridor/importer/import.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"
#include "corridor/serve/service.hpp"
#include "corridor/tiles/tile_math.hpp"

namespace corridor::cli {
namespace {
namespace p = parameters;

// --NAME bound to its field, with the library's text (and the field's default when it shows one).
template <class T>
CLI::Option* add(CLI::App& app, const OptionText& text, T& field) {
    CLI::Option* o = app.add_option("--" + text.name, field, text.help);
    if (text.shows_default) o->capture_default_str();
    return o;
}

CLI::Option* flag(CLI::App& app, const OptionText& text, bool& field) {
    return app.add_flag("--" + text.name, field, text.help);
}

CLI::Option* zoom(CLI::App& app, const OptionText& text, int& field) {
    return add(app, text, field)->check(CLI::Range(0, tiles::kMaxZoom));
}

// --progress, --no-progress, --quiet: how much a command says on stderr besides its results.
void message_options(CLI::App& app, Options& o) {
    app.add_flag_callback(
        "--" + progress_flags::kProgress.name, [&o] { o.progress = true; }, progress_flags::kProgress.help);
    app.add_flag_callback(
        "--" + progress_flags::kNoProgress.name, [&o] { o.progress = false; }, progress_flags::kNoProgress.help);
    flag(app, progress_flags::kQuiet, o.quiet);
}

void json_option(CLI::App& app, Options& o, const char* what = "Print JSON") { app.add_flag("--json", o.json, what); }

void input_options(CLI::App& app, Options& o) {
    add(app, p::kGeodata, o.geodata);
    add(app, p::kSeeds, o.seeds);
    add(app, p::kLand, o.land);
    add(app, p::kSpeeds, o.speeds);
    add(app, p::kScenarios, o.scenarios);
    add(app, p::kSideFiles, o.side);
}

// Input, --strict and --json: what every command that reads and answers takes.
void query_options(CLI::App& app, Options& o) {
    input_options(app, o);
    message_options(app, o);
    flag(app, p::kStrict, o.strict);
    json_option(app, o);
}

void endpoints(CLI::App& app, Options& o, bool required) {
    add(app, p::kFrom, o.request.from)->required(required);
    add(app, p::kTo, o.request.to)->required(required);
}

void what_if(CLI::App& app, Options& o, bool scenario) {
    add(app, p::kCommodity, o.request.commodity);
    add(app, p::kModes, o.modes);
    add(app, p::kWithout, o.without);
    add(app, p::kSet, o.request.sets);
    if (scenario) add(app, p::kScenario, o.request.scenario);
    add(app, p::kMonth, o.request.month);
    add(app, p::kTransit, o.request.transit);
}

void uncertainty_options(CLI::App& app, Options& o) {
    add(app, p::kUncertainty, o.request.draws);
    add(app, p::kSeed, o.request.seed);
}

// export, map and render: input, --strict, and the one analysis they show (default RU → pyongyang).
void analysis_options(CLI::App& app, Options& o) {
    input_options(app, o);
    message_options(app, o);
    flag(app, p::kStrict, o.strict);
    endpoints(app, o, false);
    what_if(app, o, true);
    uncertainty_options(app, o);
}

}  // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             flag(a, p::kValidateStrict, o.strict);
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
             add(a, export_flags::kOut, o.out);
             flag(a, p::kOverwrite, o.overwrite);
             json_option(a, o, "Print the files written as JSON");
             add(a, export_flags::kFormat, o.formats);
             zoom(a, export_flags::kMinzoom, o.minzoom);
             zoom(a, export_flags::kMaxzoom, o.maxzoom);
             flag(a, progress_flags::kTimings, o.timings);
             flag(a, export_flags::kNoMap, o.no_map);
             flag(a, export_flags::kFgbIndex, o.fgb_index);
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
             add(a, map_flags::kOut, o.out);
             add(a, map_flags::kData, o.map_data);
             zoom(a, map_flags::kMaxzoom, o.maxzoom);
             flag(a, p::kOverwrite, o.overwrite);
             json_option(a, o, "Print the files written as JSON");
             add(a, assign_flags::kDraw, o.demand);
         },
         cmd_map,
         "Examples:\n"
         "  corridor map\n"
         "  corridor map --from CN --to pyongyang --out web\n"
         "  corridor map --assign geodata/demands.csv --month 2016-12 --out assigned"},
        {"serve", "Serve the web map and its data over HTTP (loopback by default): /, /routes.geojson, /capacity, ...",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             flag(a, p::kStrict, o.strict);
             add(a, serve_flags::kPort, o.port);
             add(a, serve_flags::kBind, o.bind);
             add(a, serve_flags::kCors, o.cors);
             add(a, serve_flags::kCacheMb, o.cache_mb)->check(CLI::Range(kMinCacheMiB, kMaxCacheMiB));
             add(a, serve_flags::kData, o.map_data);
         },
         cmd_serve,
         "Examples:\n"
         "  corridor serve\n"
         "  corridor serve --port 0\n"
         "  corridor serve --bind 0.0.0.0 --port 8080 --strict"},
        {"render", "Draw the network and its flows from --from to --to as a PNG or SVG map for reports",
         [](CLI::App& a, Options& o) {
             analysis_options(a, o);
             add(a, render_flags::kOut, o.map_out);
             add(a, render_flags::kFormat, o.image_format);
             flag(a, p::kOverwrite, o.overwrite);
             json_option(a, o, "Print the file written as JSON");
             add(a, render_flags::kWidth, o.width);
             flag(a, progress_flags::kTimings, o.timings);
             add(a, assign_flags::kDraw, o.demand);
         },
         cmd_render,
         "Examples:\n"
         "  corridor render\n"
         "  corridor render --from ru --to pyongyang --out report/flows.svg --width 1200\n"
         "  corridor render --out - --format png > map.png"},
        {"places", "Print the places as a table (or --json)", query_options, cmd_places,
         "Examples:\n"
         "  corridor places\n"
         "  corridor places --json"},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)", query_options,
         cmd_routes,
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
             add(a, p::kBy, o.by);
             add(a, p::kWithout, o.without);
             add(a, p::kScenario, o.request.scenario);
             add(a, p::kMonth, o.request.month);
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
             add(a, timeline_flags::kMonths, o.months);
             add(a, p::kCommodity, o.request.commodity);
             add(a, p::kModes, o.modes);
             add(a, p::kScenario, o.request.scenario);
             add(a, p::kWithout, o.without);
             add(a, p::kSet, o.request.sets);
             add(a, p::kTransit, o.request.transit);
             flag(a, timeline_flags::kCsv, o.csv);
             add(a, timeline_flags::kOut, o.timeline_out);
             add(a, timeline_flags::kWidth, o.width);
             flag(a, p::kOverwrite, o.overwrite);
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
             add(a, assign_flags::kDemand, o.demand)->required();
             add(a, assign_flags::kCost, o.cost);
             add(a, assign_flags::kTariff, o.tariff);
             add(a, p::kScenario, o.request.scenario);
             add(a, p::kWithout, o.without);
             add(a, p::kMonth, o.request.month);
             add(a, assign_flags::kSolver, o.solver);
             add(a, assign_flags::kOut, o.assign_out);
             flag(a, p::kOverwrite, o.overwrite);
             flag(a, progress_flags::kTimings, o.timings);
         },
         cmd_assign,
         "Examples:\n"
         "  corridor assign --demand geodata/demands.csv\n"
         "  corridor assign --demand geodata/demands.csv --month 2016-12 --cost time --json\n"
         "  corridor assign --demand mine.json --cost tariff --tariff tariff.csv --out assigned"},
        {"observations",
         "What the texts say moved, against the network's capacity in the same period: fits, tight or contradicts",
         query_options, cmd_observations,
         "Examples:\n"
         "  corridor observations\n"
         "  corridor observations --json"},
        {"facts", "List every quantity statement of the seed texts and which routes, places and scenarios use it",
         [](CLI::App& a, Options& o) {
             add(a, p::kGeodata, o.geodata);
             add(a, p::kSeeds, o.seeds);
             add(a, p::kScenarios, o.scenarios);
             add(a, p::kSideFiles, o.side);
             json_option(a, o);
         },
         cmd_facts,
         "Examples:\n"
         "  corridor facts\n"
         "  corridor facts --json > facts.json"},
        {"generate", "Write a deterministic synthetic network of about --routes N routes to --out DIR",
         [](CLI::App& a, Options& o) {
             add(a, generate_flags::kRoutes, o.routes)->required();
             add(a, generate_flags::kOut, o.out)->required();
             add(a, generate_flags::kSeed, o.request.seed);
             add(a, generate_flags::kFormat, o.generate_format);
             flag(a, generate_flags::kRaw, o.raw);
             json_option(a, o, "Print the files written as JSON");
             flag(a, export_flags::kFgbIndex, o.fgb_index);
             message_options(a, o);
         },
         cmd_generate,
         "Examples:\n"
         "  corridor generate --routes 1000 --out big\n"
         "  corridor generate --routes 100000 --out big --format fgb --seed 2 --json\n"
         "  corridor generate --routes 1000000 --out raw --format fgb --raw"},
        {"import", "Build a geodata folder (places, routes, capacities) from line layers of any GDAL source",
         [](CLI::App& a, Options& o) {
             namespace f = importer::import_flags;
             a.add_option(f::kSources.name, o.import_sources, f::kSources.help)->required();
             add(a, f::kOut, o.out)->required();
             // Required, checked by the library (importer::check_options), whose message names the
             // shipped rules files.
             add(a, f::kRules, o.rules);
             add(a, f::kLayer, o.layer);
             add(a, f::kWhere, o.where);
             add(a, f::kSnap, o.snap_m);
             flag(a, f::kNodeIntersections, o.node_intersections);
             add(a, f::kPlaces, o.import_places);
             add(a, f::kKeepFields, o.keep_fields);
             flag(a, f::kOverwrite, o.overwrite);
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

}  // namespace corridor::cli
