// The files an analysis reads (geodata folder, seeds, basemap, speeds, scenarios) and the
// network loaded and checked from them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "corridor/check/validate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/observations.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/model/speeds.hpp"
#include "corridor/model/transit.hpp"
#include "corridor/text/facts.hpp"

namespace corridor {

// The side files beside the geodata (or in --side-files), by name.
namespace side_files {
inline constexpr const char* kNetwork = "network.json";
inline constexpr const char* kScenarios = "scenarios.json";
inline constexpr const char* kEvents = "events.json";
inline constexpr const char* kObservations = "observations.json";
inline constexpr const char* kTransits = "transits.json";
inline constexpr const char* kSpeeds = "speeds.json";
inline constexpr const char* kLand = "land.geojson";
inline constexpr const char* kCountries = "countries.geojson";
}  // namespace side_files

// Where the input files are. Empty members take their default beside the geodata folder.
// --geodata may also be a GeoPackage (the side files are then beside it) or a PG: string
// (no side files unless `side` names their folder; else give --land, --seeds, --scenarios,
// --speeds, --month; the *_file() are then empty).
struct InputPaths {
    std::filesystem::path geodata = "geodata";
    std::filesystem::path side_dir() const;  // the folder of the side files; empty for a database
    std::filesystem::path seeds;             // default: <geodata>/../seeds
    std::filesystem::path land;              // default: <geodata>/land.geojson
    std::filesystem::path speeds;            // default: <geodata>/speeds.json when present
    std::filesystem::path scenarios;         // default: <geodata>/scenarios.json
    // --side-files: the folder of the side files (network.json, scenarios.json, events.json,
    // observations.json, transits.json, speeds.json, land.geojson, countries.geojson; seeds at
    // <side>/../seeds)
    // whatever --geodata is; empty: the geodata folder, a GeoPackage's folder, none for PG:.
    std::filesystem::path side;
    // <geodata>/events.json (dated changes from the texts) and <geodata>/network.json
    // (the month the network describes) are read when present.

    std::filesystem::path seeds_dir() const;
    std::filesystem::path land_file() const;
    std::filesystem::path countries_file() const;  // <geodata>/countries.geojson
    std::filesystem::path scenarios_file() const;
    // The checks' options: seeds, land and scenarios files.
    ValidateOptions validate_options() const;
    // --speeds, else <geodata>/speeds.json when present, else the default speeds.
    SpeedTable speed_table() const;
    // The scenario file's scenarios. Throws input_error when the file cannot be read,
    // unless optional and no --scenarios file was named and the default one does not exist
    // (then none).
    std::vector<Scenario> scenarios_for(const Network& net, bool optional = false) const;
    std::filesystem::path events_file() const;        // <geodata>/events.json
    std::filesystem::path network_file() const;       // <geodata>/network.json
    std::filesystem::path observations_file() const;  // <geodata>/observations.json
    std::filesystem::path transits_file() const;      // <geodata>/transits.json (read by load_checked)
    // The observations of observations.json; none without the file.
    std::vector<Observation> observations_for(const Network& net) const;
    // The transit rules of transits.json; none without the file (then any transit).
    std::vector<TransitRule> transits_for(const Network& net) const;
    // The events of events.json; none without the file.
    std::vector<Scenario> events_for(const Network& net) const;
    // The month network.json names ({"month": "YYYY-MM", "month_reason": "..."}): the
    // month the network describes when a question names none; none without the file.
    std::optional<Month> default_month() const;
};

// A loaded network and what validation found in it.
struct CheckedNetwork {
    Network net;
    Validation validation;
};

// Loads the network (schema errors throw input_error) with its transit rules
// (transits.json, when present) and validates it. progress, when
// set, is called now and then with the file being read, its features read so far and its
// feature count (LoadOptions::progress); phase_done after "load" and after "validate".
CheckedNetwork load_checked(const InputPaths& paths, std::function<void(const ReadProgress&)> progress = {},
                            const std::function<void(const char*)>& phase_done = {});

// The lines a command prints about a validation on stderr: notes (checks skipped, and
// why) as "note: ...", then the first kMaxFindingLines findings as "warning: ..." (or
// "error: ..." when strict) and a count of the rest.
inline constexpr std::size_t kMaxFindingLines = 20;
std::vector<std::string> finding_lines(const Validation& v, bool strict);

// Whether strict mode refuses the network: it has findings.
inline bool refused(const Validation& v, bool strict) { return strict && !v.issues.empty(); }

// The quantity statements of the seed texts (extract_facts), each with what uses it in the
// network (read unchecked), its scenario file (when there is one), observations and events
// (mark_uses); and how many texts were read.
struct InputFacts {
    std::vector<Fact> facts;
    std::size_t texts = 0;
};
InputFacts input_facts(const InputPaths& paths);

}  // namespace corridor
