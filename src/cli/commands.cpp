// The commands and their table: each command's name, one-line help, options, function and
// examples. A new command is one entry. Each command calls the library with what was parsed
// and prints its answer, as text (report/answers) or JSON (analysis/json), or the files it
// wrote.
#include "options.hpp"

#include "corridor/analysis/json.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/answers.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/assign_text.hpp"
#include "corridor/report/columns.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/timeline_table.hpp"
#include "corridor/serve/http_server.hpp"

namespace corridor::cli {
namespace {

// Loads the network (its findings on err), works out result(net) and prints it: json(net,
// result) with --json, else text(net, result).
template <class Result, class Json, class Text>
int answer(const Options& o, const Streams& io, Result&& result, Json&& json, Text&& text) {
    const std::optional<Network> net = load_said(o.network, Feedback(o.messages, io.err));
    if (!net) return 1;
    const auto r = result(*net);
    if (o.json) io.out << json(*net, r).dump(2) << '\n';
    else io.out << text(*net, r);
    return 0;
}

// The files a command wrote, one a line, or with --json written_json; 1 when nothing was
// written because --strict refused the network.
int print_written(const Options& o, const Streams& io, const char* command, const std::optional<Written>& w) {
    if (!w) return 1;
    io.out << (o.json ? written_json(command, *w).dump(2) + '\n' : written_text(*w));
    return 0;
}

int cmd_validate(const Options& o, const Streams& io) {
    const Feedback feedback(o.messages, io.err);
    const auto [net, found] = validate_said(o.network, feedback);
    if (o.json) {
        io.out << validation_json(net, found.validation).dump(2) << '\n';
    } else {
        for (const auto& text : found.validation.notes) feedback.note(text);
        io.out << validation_text(net, found.validation);
    }
    return found.validation.issues.empty() ? 0 : 1;
}

int cmd_places(const Options& o, const Streams& io) {
    return answer(
        o, io, [](const Network&) { return 0; }, [](const Network& net, int) { return table_json(places_table(net)); },
        [](const Network& net, int) { return places_text(net); });
}

int cmd_routes(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return measure_routes(net, o.network.input.speed_table()); },
        [](const Network& net, const auto& measures) { return table_json(routes_table(net, measures)); }, routes_text);
}

int cmd_capacity(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return analyse_question(net, o.network.input, o.network.question); },
        capacity_json, capacity_text);
}

int cmd_route(const Options& o, const Streams& io) {
    const PathCriterion by = parse_path_criterion(o.by);
    return answer(
        o, io,
        [&](const Network& net) {
            auto measures = measure_routes(net, o.network.input.speed_table());
            auto a = best_route(net, measures, o.network.input, o.network.question, by);
            return std::pair{std::move(measures), std::move(a)};
        },
        [](const Network& net, const auto& r) { return route_json(net, r.second); },
        [](const Network& net, const auto& r) { return route_text(net, r.first, r.second); });
}

int cmd_scenarios(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return compare_scenarios(net, o.network.input, o.network.question); },
        scenarios_json, scenarios_text);
}

int cmd_observations(const Options& o, const Streams& io) {
    const InputPaths& in = o.network.input;
    return answer(
        o, io, [&](const Network& net) { return check_observations(net, in, in.observations_for(net)); },
        [](const Network&, const auto& checks) { return observations_json(checks); },
        [&](const Network&, const auto& checks) { return observations_text(checks, in.observations_file()); });
}

int cmd_facts(const Options& o, const Streams& io) {
    const InputFacts found = input_facts(o.network.input);
    if (o.json) io.out << facts_json(found.facts).dump(2) << '\n';
    else io.out << facts_text(found.facts, found.texts);
    return 0;
}

int cmd_timeline(const Options& o, const Streams& io) {
    if (o.json && o.csv) throw request_error("--json and --csv: give one of them");
    const std::optional<Timeline> t = timeline_network(o.network, o.timeline, Feedback(o.messages, io.err));
    if (!t) return 1;
    if (o.json) io.out << timeline_json(*t).dump(2) << '\n';
    else io.out << (o.csv ? timeline_csv(*t) : timeline_text(*t));
    return 0;
}

int cmd_assign(const Options& o, const Streams& io) {
    AssignRequest request = o.assign;
    request.cost = parse_cost_by(o.cost);
    request.solver = parse_assign_solver(o.solver);
    Feedback feedback(o.messages, io.err);
    const std::optional<Assigned> a = assign_said(o.network, request, feedback);
    if (!a) return 1;
    if (o.json) io.out << assignment_json(a->net, a->assignment).dump(2) << '\n';
    else io.out << assignment_text(a->net, a->assignment);
    if (!o.assign_out.empty()) write_assignment(o.assign_out, o.network, a->net, a->assignment, feedback);
    return 0;
}

int cmd_export(const Options& o, const Streams& io) {
    return print_written(o, io, "export", export_network(o.network, o.exports, Feedback(o.messages, io.err)));
}

int cmd_map(const Options& o, const Streams& io) {
    return print_written(o, io, "map",
                         map_network(o.network, o.map, o.json ? nullptr : &io.out, Feedback(o.messages, io.err)));
}

int cmd_render(const Options& o, const Streams& io) {
    return print_written(
        o, io, "render",
        render_network(o.network, o.picture, o.json ? nullptr : &io.out, Feedback(o.messages, io.err)));
}

int cmd_serve(const Options& o, const Streams& io) {
    ServeOptions options = o.serve;
    options.input = o.network.input;
    options.strict = o.network.strict;
    options.map_data = parse_map_data(o.serve_data);
    options.cache_bytes = o.cache_mb << 20;
    serve_map(options, io.err);
    return 0;
}

int cmd_generate(const Options& o, const Streams& io) {
    return print_written(o, io, "generate", generate_files(o.generate, Feedback(o.messages, io.err)));
}

int cmd_import(const Options& o, const Streams& io) {
    return print_written(o, io, "import", import_files(o.import, Feedback(o.messages, io.err)));
}

using namespace opt;
const Opts inputs{geodata, seeds, land, speeds, scenarios, side};
const Opts messages{progress, no_progress, quiet};
const Opts query = inputs + messages + Opts{strict, json};  // what every command that reads and answers takes
const Opts endpoints{required(from), required(to)};
const Opts changes{commodity, modes, without, set};
const Opts what_if = changes + Opts{scenario, month, transit};
// export, map and render: the one analysis they show (default RU → pyongyang).
const Opts shown = inputs + messages + Opts{strict, from, to} + what_if + Opts{draws, seed};

}  // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         inputs + Opts{validate_strict} + messages + Opts{json_problems}, cmd_validate,
         "corridor validate\n"
         "corridor validate --geodata mynet --json > problems.json\n"
         "corridor validate --json | jq -r '.problems[].message'"},
        {"export", "Write places and routes with monthly capacity and flows as GeoJSON, Shapefile, GeoPackage, PostGIS",
         shown + Opts{export_out, overwrite, json_files, formats, minzoom, maxzoom, timings, no_map, fgb_index},
         cmd_export,
         "corridor export\n"
         "corridor export --out out --format gpkg,fgb,mvt --maxzoom 10 --no-map\n"
         "corridor export --format postgis --out PG:dbname=corridor --overwrite"},
        {"map",
         "Write a web map: map.html with the layers inlined (Leaflet, works offline), or over 10,000 routes with "
         "vector tiles beside it (MapLibre GL JS)",
         shown + Opts{map_out, map_data, map_maxzoom, overwrite, json_files, map_assign}, cmd_map,
         "corridor map\n"
         "corridor map --from CN --to pyongyang --out web\n"
         "corridor map --assign geodata/demands.csv --month 2016-12 --out assigned"},
        {"serve", "Serve the web map and its data over HTTP (loopback by default): /, /routes.geojson, /capacity, ...",
         inputs + Opts{strict, port, bind, cors, cache_mb, serve_data}, cmd_serve,
         "corridor serve\n"
         "corridor serve --port 0\n"
         "corridor serve --bind 0.0.0.0 --port 8080 --strict"},
        {"render", "Draw the network and its flows from --from to --to as a PNG or SVG map for reports",
         shown + Opts{picture, picture_format, overwrite, json_file, width, timings, picture_assign}, cmd_render,
         "corridor render\n"
         "corridor render --from ru --to pyongyang --out report/flows.svg --width 1200\n"
         "corridor render --out - --format png > map.png"},
        {"places", "Print the places as a table (or --json)", query, cmd_places,
         "corridor places\n"
         "corridor places --json"},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)", query, cmd_routes,
         "corridor routes\n"
         "corridor routes --json --strict"},
        {"capacity", "Maximum monthly throughput from --from to --to, its minimum cut and flow paths",
         query + endpoints + what_if + Opts{draws, seed}, cmd_capacity,
         "corridor capacity --from RU --to pyongyang\n"
         "corridor capacity --from ru --to pyongyang --uncertainty 1000 --seed 7 --json\n"
         "corridor capacity --from CN --to KP --without sinuiju_pyongyang_rail"},
        {"route", "Shortest, fastest or widest path from --from to --to",
         query + endpoints + Opts{by, without, scenario, month}, cmd_route,
         "corridor route --from vladivostok --to pyongyang\n"
         "corridor route --from vladivostok --to pyongyang --by capacity --json"},
        {"scenarios", "Throughput from --from to --to under every scenario, beside the baseline",
         query + endpoints + changes + Opts{month, transit}, cmd_scenarios,
         "corridor scenarios --from RU --to pyongyang\n"
         "corridor scenarios --from RU --to pyongyang --commodity coal --json"},
        {"timeline",
         "Throughput from --from to --to month by month, with the dated events that change it; a chart with --out",
         query + endpoints +
             Opts{months, commodity, modes, scenario, without, set, transit, csv, chart, chart_width, overwrite},
         cmd_timeline,
         "corridor timeline --from KP --to CN --commodity coal --months 2016-12..2018-01\n"
         "corridor timeline --from RU --to pyongyang --scenario ferry_stopped --out ferry.svg\n"
         "corridor timeline --from CN --to pyongyang --months 2017-01..2017-12 --csv > cn.csv"},
        {"assign",
         "Route demands (a CSV or JSON of tonnes a month) at the least cost within capacities; say what does not fit",
         query + Opts{required(demand), cost, tariff, scenario, without, month, transit, solver, assign_out, overwrite,
                      timings},
         cmd_assign,
         "corridor assign --demand geodata/demands.csv\n"
         "corridor assign --demand geodata/demands.csv --month 2016-12 --cost time --json\n"
         "corridor assign --demand mine.json --cost tariff --tariff tariff.csv --out assigned"},
        {"observations",
         "What the texts say moved, against the network's capacity in the same period: fits, tight or contradicts",
         query, cmd_observations,
         "corridor observations\n"
         "corridor observations --json"},
        {"facts", "List every quantity statement of the seed texts and which routes, places and scenarios use it",
         Opts{geodata, seeds, scenarios, side, json}, cmd_facts,
         "corridor facts\n"
         "corridor facts --json > facts.json"},
        {"generate", "Write a deterministic synthetic network of about --routes N routes to --out DIR",
         Opts{required(routes), required(generate_out), generate_seed, generate_format, raw, json_files,
              generate_fgb_index} +
             messages,
         cmd_generate,
         "corridor generate --routes 1000 --out big\n"
         "corridor generate --routes 100000 --out big --format fgb --seed 2 --json\n"
         "corridor generate --routes 1000000 --out raw --format fgb --raw"},
        // import's --rules is required, checked by the library (importer::check_options), whose
        // message names the shipped rules files.
        {"import", "Build a geodata folder (places, routes, capacities) from line layers of any GDAL source",
         Opts{required(sources), required(import_out), rules, layer, where, snap, node_intersections, import_places,
              keep_fields, import_overwrite} +
             messages,
         cmd_import,
         "corridor import rail.osm.pbf --rules geodata/rules/osm-railways.json --out mynet\n"
         "corridor import lines.shp --rules my-rules.json --snap 10 --node-intersections --places stations.gpkg "
         "--out mynet\n"
         "corridor import rail.gpkg lanes.geojson --rules rail.json --rules sea.json --keep-fields ref --out mynet"},
    };
    return table;
}

}  // namespace corridor::cli
