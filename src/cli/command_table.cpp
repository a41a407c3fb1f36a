#include "command_table.hpp"

#include "commands.hpp"
#include "corridor/analysis/parameters.hpp"
#include "corridor/analysis/timeline.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/tiles/tile_math.hpp"

namespace corridor::cli {
namespace {
namespace p = parameters;
using O = Options;
using R = AnalysisRequest;
using In = InputPaths;
using Im = importer::ImportOptions;
using Split = std::vector<std::string> (*)(std::string_view);

// The field of Options that Path names: member pointers, outermost first.
template <auto... Path>
auto& field(Options& o) {
    return (o.*....*Path);
}

// --NAME bound to its field, with the library's text (and the field's default when it shows one).
template <auto... Path>
CLI::Option* value(CLI::App& app, const OptionText& text, Options& o) {
    CLI::Option* option = app.add_option("--" + text.name, field<Path...>(o), text.help);
    if (text.shows_default) option->capture_default_str();
    return option;
}

template <auto... Path>
CLI::Option* flag(CLI::App& app, const OptionText& text, Options& o) {
    return app.add_flag("--" + text.name, field<Path...>(o), text.help);
}

// A flag that sets its field to Value (--progress, --no-progress).
template <bool Value, auto... Path>
CLI::Option* set_to(CLI::App& app, const OptionText& text, Options& o) {
    auto& f = field<Path...>(o);
    return app.add_flag_callback(
        "--" + text.name, [&f] { f = Value; }, text.help);
}

// A comma list, split into its field as parsed.
template <Split Items, auto... Path>
CLI::Option* list(CLI::App& app, const OptionText& text, Options& o) {
    auto& f = field<Path...>(o);
    return app.add_option_function<std::string>(
        "--" + text.name, [&f](const std::string& s) { f = Items(s); }, text.help);
}

// The words after the command (import's sources).
template <auto... Path>
CLI::Option* words(CLI::App& app, const OptionText& text, Options& o) {
    return app.add_option(text.name, field<Path...>(o), text.help);
}

// A value within [Min, Max] (zooms, the cache's MiB).
template <int Min, int Max, auto... Path>
CLI::Option* within(CLI::App& app, const OptionText& text, Options& o) {
    return value<Path...>(app, text, o)->check(CLI::Range(Min, Max));
}

template <auto... Path>
constexpr auto zoom = within<0, tiles::kMaxZoom, Path...>;

Opt required(Opt opt) {
    opt.required = true;
    return opt;
}

Opts operator+(Opts a, const Opts& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Every option once: its text and its field.
const Opt geodata{&p::kGeodata, value<&O::input, &In::geodata>}, seeds{&p::kSeeds, value<&O::input, &In::seeds>},
    land{&p::kLand, value<&O::input, &In::land>}, speeds{&p::kSpeeds, value<&O::input, &In::speeds>},
    scenarios{&p::kScenarios, value<&O::input, &In::scenarios>}, side{&p::kSideFiles, value<&O::input, &In::side>};
const Opt progress{&progress_flags::kProgress, set_to<true, &O::messages, &Messages::progress>},
    no_progress{&progress_flags::kNoProgress, set_to<false, &O::messages, &Messages::progress>},
    quiet{&progress_flags::kQuiet, flag<&O::messages, &Messages::quiet>},
    timings{&progress_flags::kTimings, flag<&O::messages, &Messages::timings>};
const Opt strict{&p::kStrict, flag<&O::strict>}, overwrite{&p::kOverwrite, flag<&O::overwrite>},
    json{&p::kJson, flag<&O::json>}, json_file{&p::kJsonFile, flag<&O::json>},
    json_files{&p::kJsonFiles, flag<&O::json>};
const Opt from{&p::kFrom, value<&O::request, &R::from>}, to{&p::kTo, value<&O::request, &R::to>},
    commodity{&p::kCommodity, value<&O::request, &R::commodity>},
    modes{&p::kModes, list<split_list, &O::request, &R::modes>},
    without{&p::kWithout, list<split_list, &O::request, &R::without>}, set{&p::kSet, value<&O::request, &R::sets>},
    scenario{&p::kScenario, value<&O::request, &R::scenario>}, month{&p::kMonth, value<&O::request, &R::month>},
    draws{&p::kUncertainty, value<&O::request, &R::draws>}, seed{&p::kSeed, value<&O::request, &R::seed>},
    by{&p::kBy, value<&O::by>};
const Opt width{&render_flags::kWidth, value<&O::width>},
    assign_draw{&assign_flags::kDraw, value<&O::assign, &AssignRequest::demand_file>};

const Opts inputs{geodata, seeds, land, speeds, scenarios, side};
const Opts messages{progress, no_progress, quiet};
const Opts query = inputs + messages + Opts{strict, json};  // what every command that reads and answers takes
const Opts endpoints{required(from), required(to)};
const Opts changes{commodity, modes, without, set};
const Opts what_if = changes + Opts{scenario, month};
// export, map and render: the one analysis they show (default RU → pyongyang).
const Opts shown = inputs + messages + Opts{strict, from, to} + what_if + Opts{draws, seed};

}  // namespace

void add_options(CLI::App& app, const Command& command, Options& options) {
    for (const Opt& opt : command.options) {
        CLI::Option* added = opt.bind(app, *opt.text, options);
        if (opt.required) added->required();
    }
}

const std::vector<Command>& commands() {
    namespace ex = export_flags;
    namespace im = importer::import_flags;
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         inputs + Opts{{&p::kValidateStrict, flag<&O::strict>}} + messages + Opts{{&p::kJsonProblems, flag<&O::json>}},
         cmd_validate,
         "Examples:\n"
         "  corridor validate\n"
         "  corridor validate --geodata mynet --json > problems.json\n"
         "  corridor validate --json | jq -r '.problems[].message'"},
        {"export", "Write places and routes with monthly capacity and flows as GeoJSON, Shapefile, GeoPackage, PostGIS",
         shown + Opts{{&ex::kOut, value<&O::exports, &ExportOptions::out>},
                      overwrite,
                      json_files,
                      {&ex::kFormat, value<&O::exports, &ExportOptions::formats>},
                      {&ex::kMinzoom, zoom<&O::exports, &ExportOptions::minzoom>},
                      {&ex::kMaxzoom, zoom<&O::exports, &ExportOptions::maxzoom>},
                      timings,
                      {&ex::kNoMap, flag<&O::exports, &ExportOptions::no_map>},
                      {&ex::kFgbIndex, flag<&O::exports, &ExportOptions::fgb_index>}},
         cmd_export,
         "Examples:\n"
         "  corridor export\n"
         "  corridor export --out out --format gpkg,fgb,mvt --maxzoom 10 --no-map\n"
         "  corridor export --format postgis --out PG:dbname=corridor --overwrite"},
        {"map",
         "Write a web map: map.html with the layers inlined (Leaflet, works offline), or over 10,000 routes with "
         "vector tiles beside it (MapLibre GL JS)",
         shown + Opts{{&map_flags::kOut, value<&O::map_out>},
                      {&map_flags::kData, value<&O::map_data>},
                      {&map_flags::kMaxzoom, zoom<&O::map_maxzoom>},
                      overwrite,
                      json_files,
                      assign_draw},
         cmd_map,
         "Examples:\n"
         "  corridor map\n"
         "  corridor map --from CN --to pyongyang --out web\n"
         "  corridor map --assign geodata/demands.csv --month 2016-12 --out assigned"},
        {"serve", "Serve the web map and its data over HTTP (loopback by default): /, /routes.geojson, /capacity, ...",
         inputs + Opts{strict,
                       {&serve_flags::kPort, value<&O::serve, &ServeOptions::port>},
                       {&serve_flags::kBind, value<&O::serve, &ServeOptions::bind>},
                       {&serve_flags::kCors, value<&O::serve, &ServeOptions::cors>},
                       {&serve_flags::kCacheMb, within<kMinCacheMiB, kMaxCacheMiB, &O::cache_mb>},
                       {&serve_flags::kData, value<&O::map_data>}},
         cmd_serve,
         "Examples:\n"
         "  corridor serve\n"
         "  corridor serve --port 0\n"
         "  corridor serve --bind 0.0.0.0 --port 8080 --strict"},
        {"render", "Draw the network and its flows from --from to --to as a PNG or SVG map for reports",
         shown + Opts{{&render_flags::kOut, value<&O::picture>},
                      {&render_flags::kFormat, value<&O::picture_format>},
                      overwrite,
                      json_file,
                      width,
                      timings,
                      assign_draw},
         cmd_render,
         "Examples:\n"
         "  corridor render\n"
         "  corridor render --from ru --to pyongyang --out report/flows.svg --width 1200\n"
         "  corridor render --out - --format png > map.png"},
        {"places", "Print the places as a table (or --json)", query, cmd_places,
         "Examples:\n"
         "  corridor places\n"
         "  corridor places --json"},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)", query, cmd_routes,
         "Examples:\n"
         "  corridor routes\n"
         "  corridor routes --json --strict"},
        {"capacity", "Maximum monthly throughput from --from to --to, its minimum cut and flow paths",
         query + endpoints + what_if + Opts{draws, seed}, cmd_capacity,
         "Examples:\n"
         "  corridor capacity --from RU --to pyongyang\n"
         "  corridor capacity --from ru --to pyongyang --uncertainty 1000 --seed 7 --json\n"
         "  corridor capacity --from CN --to KP --without sinuiju_pyongyang_rail"},
        {"route", "Shortest, fastest or widest path from --from to --to",
         query + endpoints + Opts{by, without, scenario, month}, cmd_route,
         "Examples:\n"
         "  corridor route --from vladivostok --to pyongyang\n"
         "  corridor route --from vladivostok --to pyongyang --by capacity --json"},
        {"scenarios", "Throughput from --from to --to under every scenario, beside the baseline",
         query + endpoints + changes + Opts{month}, cmd_scenarios,
         "Examples:\n"
         "  corridor scenarios --from RU --to pyongyang\n"
         "  corridor scenarios --from RU --to pyongyang --commodity coal --json"},
        {"timeline",
         "Throughput from --from to --to month by month, with the dated events that change it; a chart with --out",
         query + endpoints +
             Opts{{&timeline_flags::kMonths, value<&O::months>},
                  commodity,
                  modes,
                  scenario,
                  without,
                  set,
                  {&timeline_flags::kCsv, flag<&O::csv>},
                  {&timeline_flags::kOut, value<&O::chart>},
                  {&timeline_flags::kWidth, value<&O::width>},
                  overwrite},
         cmd_timeline,
         "Examples:\n"
         "  corridor timeline --from KP --to CN --commodity coal --months 2016-12..2018-01\n"
         "  corridor timeline --from RU --to pyongyang --scenario ferry_stopped --out ferry.svg\n"
         "  corridor timeline --from CN --to pyongyang --months 2017-01..2017-12 --csv > cn.csv"},
        {"assign",
         "Route demands (a CSV or JSON of tonnes a month) at the least cost within capacities; say what does not fit",
         query + Opts{required({&assign_flags::kDemand, value<&O::assign, &AssignRequest::demand_file>}),
                      {&assign_flags::kCost, value<&O::cost>},
                      {&assign_flags::kTariff, value<&O::assign, &AssignRequest::tariff_file>},
                      scenario,
                      without,
                      month,
                      {&assign_flags::kSolver, value<&O::solver>},
                      {&assign_flags::kOut, value<&O::assign_out>},
                      overwrite,
                      timings},
         cmd_assign,
         "Examples:\n"
         "  corridor assign --demand geodata/demands.csv\n"
         "  corridor assign --demand geodata/demands.csv --month 2016-12 --cost time --json\n"
         "  corridor assign --demand mine.json --cost tariff --tariff tariff.csv --out assigned"},
        {"observations",
         "What the texts say moved, against the network's capacity in the same period: fits, tight or contradicts",
         query, cmd_observations,
         "Examples:\n"
         "  corridor observations\n"
         "  corridor observations --json"},
        {"facts", "List every quantity statement of the seed texts and which routes, places and scenarios use it",
         Opts{geodata, seeds, scenarios, side, json}, cmd_facts,
         "Examples:\n"
         "  corridor facts\n"
         "  corridor facts --json > facts.json"},
        {"generate", "Write a deterministic synthetic network of about --routes N routes to --out DIR",
         Opts{required({&generate_flags::kRoutes, value<&O::generate, &GenerateOptions::routes>}),
              required({&generate_flags::kOut, value<&O::generate_out>}),
              {&generate_flags::kSeed, value<&O::generate, &GenerateOptions::seed>},
              {&generate_flags::kFormat, value<&O::generate_format>},
              {&generate_flags::kRaw, flag<&O::raw>},
              json_files,
              {&ex::kFgbIndex, flag<&O::exports, &ExportOptions::fgb_index>}} +
             messages,
         cmd_generate,
         "Examples:\n"
         "  corridor generate --routes 1000 --out big\n"
         "  corridor generate --routes 100000 --out big --format fgb --seed 2 --json\n"
         "  corridor generate --routes 1000000 --out raw --format fgb --raw"},
        {"import", "Build a geodata folder (places, routes, capacities) from line layers of any GDAL source",
         // --rules is required, checked by the library (importer::check_options), whose message names the
         // shipped rules files.
         Opts{required({&im::kSources, words<&O::import, &Im::sources>}),
              required({&im::kOut, value<&O::import, &Im::out>}),
              {&im::kRules, value<&O::import, &Im::rules>},
              {&im::kLayer, value<&O::import, &Im::layer>},
              {&im::kWhere, value<&O::import, &Im::where>},
              {&im::kSnap, value<&O::import, &Im::snap_m>},
              {&im::kNodeIntersections, flag<&O::import, &Im::node_intersections>},
              {&im::kPlaces, value<&O::import, &Im::places>},
              {&im::kKeepFields, list<comma_items, &O::import, &Im::keep_fields>},
              {&im::kOverwrite, flag<&O::import, &Im::overwrite>}} +
             messages,
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
