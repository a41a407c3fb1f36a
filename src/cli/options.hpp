// The command line as parsed: Options, which holds the library's own settings (with the
// library's defaults; the few kept as text are parsed by the library when a command runs),
// and every option bound once to its field: its library text (OptionText) and how CLI11
// fills the field.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "corridor/analysis/parameters.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/picture.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"
#include "corridor/report/usage.hpp"
#include "corridor/serve/service.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/tiles/tile_math.hpp"

namespace corridor::cli {

struct Options {
    NetworkRequest network;  // inputs, question (--modes, --without split as parsed), --strict, --overwrite
    Messages messages;
    bool json = false, csv = false;
    std::string by = "distance";  // route (parse_path_criterion)
    ExportOptions exports;        // its --fgb-index is generate's too
    MapOptions map;
    PictureOptions picture;
    TimelineOptions timeline;
    ServeOptions serve;  // its input, strict, cache and data from the fields here
    std::size_t cache_mb = ServeOptions{}.cache_bytes >> 20;
    std::string serve_data = "auto";  // parse_map_data
    AssignRequest assign;
    std::string cost = "distance", solver = "auto", assign_out;  // assign (parse_cost_by, parse_assign_solver)
    GenerateRequest generate;
    importer::ImportOptions import;
    std::string topic, man_dir;         // help, completion, man
    const CLI::App* program = nullptr;  // the parser, which help, completion and man print about
};

// Where a command prints: results to out, messages to err.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// One option of a command: the library's text for it and how it is bound to its field.
struct Opt {
    const OptionText* text;
    CLI::Option* (*bind)(CLI::App&, const OptionText&, Options&);
    bool required = false;
};
using Opts = std::vector<Opt>;

constexpr Opt required(Opt opt) {
    opt.required = true;
    return opt;
}

inline Opts operator+(Opts a, const Opts& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

struct Command {
    const char* name;
    const char* help;
    Opts options;  // in --help order
    int (*run)(const Options&, const Streams&);
    const char* examples;               // command lines, one a line: the end of --help and of the man page
    const char* group = "Subcommands";  // "Help": help and completion; "": hidden (man)
};

// The commands, in --help order (commands.cpp).
const std::vector<Command>& commands();

// How an option fills its field: Path names it, member pointers from Options inwards.
namespace binding {

template <auto... Path>
auto& field(Options& o) {
    return (o.*....*Path);
}

// --NAME: a flag for a bool field, else a value, with the field's default in --help when the
// text shows one.
template <auto... Path>
CLI::Option* value(CLI::App& app, const OptionText& text, Options& o) {
    auto& f = field<Path...>(o);
    if constexpr (std::is_same_v<std::decay_t<decltype(f)>, bool>) return app.add_flag("--" + text.name, f, text.help);
    CLI::Option* option = app.add_option("--" + text.name, f, text.help);
    if (text.shows_default) option->capture_default_str();
    return option;
}

// A flag that sets its field to Value (--progress, --no-progress).
template <bool Value, auto... Path>
CLI::Option* set_to(CLI::App& app, const OptionText& text, Options& o) {
    auto& f = field<Path...>(o);
    return app.add_flag_callback(
        "--" + text.name, [&f] { f = Value; }, text.help);
}

// A comma list, split into its field as parsed.
template <std::vector<std::string> (*Items)(std::string_view), auto... Path>
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
template <auto F>
constexpr auto in = value<&Options::network, &NetworkRequest::input, F>;
template <auto F>
constexpr auto ask = value<&Options::network, &NetworkRequest::question, F>;

}  // namespace binding

// Every option once: its library text and its field.
namespace opt {
using namespace binding;
namespace p = parameters;
namespace im = importer::import_flags;
using O = Options;
using N = NetworkRequest;
using R = AnalysisRequest;
using In = InputPaths;
using Im = importer::ImportOptions;
using Gen = GenerateRequest;
using Go = GenerateOptions;
using Ex = ExportOptions;
using Ma = MapOptions;
using Pi = PictureOptions;
using Tl = TimelineOptions;
inline constexpr Opt geodata{&p::kGeodata, in<&In::geodata>}, seeds{&p::kSeeds, in<&In::seeds>},
    land{&p::kLand, in<&In::land>}, speeds{&p::kSpeeds, in<&In::speeds>}, scenarios{&p::kScenarios, in<&In::scenarios>},
    side{&p::kSideFiles, in<&In::side>};
inline constexpr Opt progress{&progress_flags::kProgress, set_to<true, &O::messages, &Messages::progress>},
    no_progress{&progress_flags::kNoProgress, set_to<false, &O::messages, &Messages::progress>},
    quiet{&progress_flags::kQuiet, value<&O::messages, &Messages::quiet>},
    timings{&progress_flags::kTimings, value<&O::messages, &Messages::timings>};
inline constexpr Opt strict{&p::kStrict, value<&O::network, &N::strict>},
    validate_strict{&p::kValidateStrict, value<&O::network, &N::strict>},
    overwrite{&p::kOverwrite, value<&O::network, &N::overwrite>}, json{&p::kJson, value<&O::json>},
    json_problems{&p::kJsonProblems, value<&O::json>}, json_file{&p::kJsonFile, value<&O::json>},
    json_files{&p::kJsonFiles, value<&O::json>};
inline constexpr Opt from{&p::kFrom, ask<&R::from>}, to{&p::kTo, ask<&R::to>},
    commodity{&p::kCommodity, ask<&R::commodity>},
    modes{&p::kModes, list<split_list, &O::network, &N::question, &R::modes>},
    without{&p::kWithout, list<split_list, &O::network, &N::question, &R::without>}, set{&p::kSet, ask<&R::sets>},
    scenario{&p::kScenario, ask<&R::scenario>}, month{&p::kMonth, ask<&R::month>},
    transit{&p::kTransit, ask<&R::transit>}, draws{&p::kUncertainty, ask<&R::draws>}, seed{&p::kSeed, ask<&R::seed>},
    by{&p::kBy, value<&O::by>};
inline constexpr Opt export_out{&export_flags::kOut, value<&O::exports, &Ex::out>},
    formats{&export_flags::kFormat, value<&O::exports, &Ex::formats>},
    minzoom{&export_flags::kMinzoom, zoom<&O::exports, &Ex::minzoom>},
    maxzoom{&export_flags::kMaxzoom, zoom<&O::exports, &Ex::maxzoom>},
    no_map{&export_flags::kNoMap, value<&O::exports, &Ex::no_map>},
    fgb_index{&export_flags::kFgbIndex, value<&O::exports, &Ex::fgb_index>};
inline constexpr Opt map_out{&map_flags::kOut, value<&O::map, &Ma::out>},
    map_data{&map_flags::kData, value<&O::map, &Ma::data>},
    map_maxzoom{&map_flags::kMaxzoom, zoom<&O::map, &Ma::maxzoom>},
    map_assign{&assign_flags::kDraw, value<&O::map, &Ma::demand_file>};
inline constexpr Opt port{&serve_flags::kPort, value<&O::serve, &ServeOptions::port>},
    bind{&serve_flags::kBind, value<&O::serve, &ServeOptions::bind>},
    cors{&serve_flags::kCors, value<&O::serve, &ServeOptions::cors>},
    cache_mb{&serve_flags::kCacheMb, within<kMinCacheMiB, kMaxCacheMiB, &O::cache_mb>},
    serve_data{&serve_flags::kData, value<&O::serve_data>};
inline constexpr Opt picture{&render_flags::kOut, value<&O::picture, &Pi::out>},
    picture_format{&render_flags::kFormat, value<&O::picture, &Pi::format>},
    width{&render_flags::kWidth, value<&O::picture, &Pi::width_px>},
    picture_assign{&assign_flags::kDraw, value<&O::picture, &Pi::demand_file>};
inline constexpr Opt months{&timeline_flags::kMonths, value<&O::timeline, &Tl::months>},
    csv{&timeline_flags::kCsv, value<&O::csv>}, chart{&timeline_flags::kOut, value<&O::timeline, &Tl::chart>},
    chart_width{&timeline_flags::kWidth, value<&O::timeline, &Tl::width_px>};
inline constexpr Opt demand{&assign_flags::kDemand, value<&O::assign, &AssignRequest::demand_file>},
    cost{&assign_flags::kCost, value<&O::cost>},
    tariff{&assign_flags::kTariff, value<&O::assign, &AssignRequest::tariff_file>},
    solver{&assign_flags::kSolver, value<&O::solver>}, assign_out{&assign_flags::kOut, value<&O::assign_out>};
inline constexpr Opt routes{&generate_flags::kRoutes, value<&O::generate, &Gen::network, &Go::routes>},
    generate_out{&generate_flags::kOut, value<&O::generate, &Gen::out>},
    generate_seed{&generate_flags::kSeed, value<&O::generate, &Gen::network, &Go::seed>},
    generate_format{&generate_flags::kFormat, value<&O::generate, &Gen::format>},
    raw{&generate_flags::kRaw, value<&O::generate, &Gen::raw>},
    generate_fgb_index{&export_flags::kFgbIndex, value<&O::generate, &Gen::fgb_index>};
inline constexpr Opt sources{&im::kSources, words<&O::import, &Im::sources>},
    import_out{&im::kOut, value<&O::import, &Im::out>}, rules{&im::kRules, value<&O::import, &Im::rules>},
    layer{&im::kLayer, value<&O::import, &Im::layer>}, where{&im::kWhere, value<&O::import, &Im::where>},
    snap{&im::kSnap, value<&O::import, &Im::snap_m>},
    node_intersections{&im::kNodeIntersections, value<&O::import, &Im::node_intersections>},
    import_places{&im::kPlaces, value<&O::import, &Im::places>},
    keep_fields{&im::kKeepFields, list<comma_items, &O::import, &Im::keep_fields>},
    import_overwrite{&im::kOverwrite, value<&O::import, &Im::overwrite>};
inline constexpr Opt topic{&usage_flags::kCommand, words<&O::topic>}, shell{&usage_flags::kShell, words<&O::topic>},
    man_dir{&usage_flags::kDir, value<&O::man_dir>};
}  // namespace opt

}  // namespace corridor::cli
