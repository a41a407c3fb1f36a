// Shared pieces of the CLI commands: options, streams, loading with warnings, printing.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/check/validate.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/model/speeds.hpp"
#include "corridor/report/layers.hpp"

namespace corridor::cli {

struct Options {
    // input
    std::string geodata = "geodata";
    std::string seeds;      // default: <geodata>/../seeds
    std::string land;       // default: <geodata>/land.geojson
    std::string speeds;     // default: <geodata>/speeds.json when present
    std::string scenarios;  // default: <geodata>/scenarios.json
    bool strict = false;
    bool json = false;
    bool timings = false;
    bool fgb_index = false;
    // export
    std::string out = "output";
    std::string formats = "geojson,shp,gpkg";
    bool no_map = false;  // export without map.png
    // render
    std::string map_out = "output/map.png";
    int width = 1600;
    // analysis
    std::string from;
    std::string to;
    std::string commodity;
    std::string modes;
    std::string without;
    std::vector<std::string> sets;
    std::string scenario;
    std::string by = "distance";
    std::size_t uncertainty = 0;  // Monte Carlo draws for capacity, export, render (0: none)
    // serve
    std::string bind = "127.0.0.1";
    int port = 8080;
    // generate
    std::size_t routes = 0;
    std::string generate_format = "geojson";
    std::uint64_t seed = 1;  // generate, and --uncertainty
};

struct Io {
    std::ostream& out;
    std::ostream& err;
};

// A usage problem found after parsing (exit code 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Wall time and peak memory after each phase, printed to stderr with --timings.
class Phases {
public:
    Phases(bool enabled, std::ostream& err);
    void done(const char* phase);  // prints "timing: PHASE  S s  peak RSS M MiB"

private:
    bool enabled_;
    std::ostream& err_;
    double last_;
};

// A progress display on stderr for work that takes more than a second; silent when
// stderr is not a terminal (or err is not std::cerr, as in tests).
class Progress {
public:
    Progress(std::ostream& err, std::string label, std::size_t total = 0);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void update(std::size_t done);
    std::function<void(std::size_t)> callback() {
        return [this](std::size_t n) { update(n); };
    }

private:
    std::ostream& err_;
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool shown_ = false;
    double start_;
    double last_ = 0;
};

ValidateOptions validate_options(const Options& o);
SpeedTable speed_table(const Options& o);

// Loads the network (schema errors throw) and reports findings as warnings (the first
// 20 and a count), or as errors with --strict: then std::nullopt.
std::optional<Network> load_checked(const Options& o, const Io& io, Phases* phases = nullptr);

// The measures with --scenario/--without/--set applied, and the analysis export, map,
// render and serve show.
struct Solved {
    std::vector<RouteMeasure> measures;  // capacities with the requested changes applied
    std::optional<Analysis> analysis;    // none when the default pair has no flow
};

// Applies the requested changes to the measured network and solves --from → --to
// (default: every Russian place (RU) → pyongyang, all commodities). An infeasible default
// pair gives no analysis and a note on err; an infeasible pair the user asked for (or an
// --uncertainty run) throws. With --uncertainty N the analysis carries N Monte Carlo
// draws of its query (Analysis::uncertainty).
Solved solve(const Network& net, std::vector<RouteMeasure> measures, const Options& o, const Io& io,
             Phases* phases = nullptr);

// A loaded network with what solve gives.
struct Analysed {
    Network net;
    std::vector<RouteMeasure> measures;
    std::optional<Analysis> analysis;
};

// Loads and checks the network, measures it and solves it. std::nullopt when --strict
// refuses the network.
std::optional<Analysed> analyse(const Options& o, const Io& io, Phases* phases = nullptr);

// The answer of `capacity --json` (without an uncertainty run): from, to, commodity,
// scenario, unit, throughput_t_mo (or _pax_mo), min_cut, min_cut_detail, paths, flows.
nlohmann::ordered_json capacity_json(const Network& net, const Options& o, const FlowResult& r);

// The land and countries basemap files: --land or <geodata>/land.geojson, and
// <geodata>/countries.geojson.
std::filesystem::path land_file(const Options& o);
std::filesystem::path countries_file(const Options& o);

// The changes a command line asks for: --scenario, then --without, then --set.
std::vector<Change> requested_changes(const Options& o, const Network& net);
std::vector<Scenario> scenarios_of(const Options& o, const Network& net);

std::vector<Mode> parse_modes(const std::string& list);

// The flow query from A to B with the command line's --commodity and --modes and the
// adjusted capacities (moved in: a million routes' worth).
FlowQuery flow_query(const std::string& from, const std::string& to, const Options& o, Adjusted&& adjusted);
std::vector<std::string> split_list(const std::string& list);

// Prints aligned columns: a header row then the rows.
void print_columns(std::ostream& out, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows);

// A table as an array of objects (every field) or as aligned chosen columns.
void print_table(const io::Table& t, const std::vector<std::string>& columns, bool json, std::ostream& out);

}  // namespace corridor::cli
