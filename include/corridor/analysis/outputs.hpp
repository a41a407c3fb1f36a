// What export, map, render and generate write: the overwrite guard that keeps them out of
// folders that are not corridor's, the manifest that marks a folder as corridor's and names
// the analysis and every file of the set (written last, so a reader can check it), and the
// JSON that lists the files written (--json). Also validate's JSON.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/check/validate.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// The manifest corridor writes into every folder it writes outputs to.
inline constexpr const char* kManifestName = ".corridor-export.json";

// Whether a file name is one corridor writes into an output folder: places.* and routes.*
// (GeoJSON, FlatGeobuf, Shapefile parts), corridor.gpkg, flows.csv(t), bottlenecks.geojson,
// assign's assigned_routes.geojson, assigned_by_commodity.csv(t) and assigned_demands.csv(t),
// map.png, map.svg, map.html, the manifest, a temporary ".*corridor-tmp-*" left by a killed
// run, and README.md (the repository's output/ folder has one).
bool is_output_name(const std::string& filename);

// Whether dir may receive corridor's outputs without --overwrite: it does not exist, is
// empty, holds a manifest of corridor's, or holds only files named like corridor's outputs.
bool is_corridor_folder(const std::filesystem::path& dir);

// The input files and folders a run reads: never written over, even with --overwrite.
std::vector<std::filesystem::path> input_files(const InputPaths& paths);

// Refuses (request_error) to write into dir when it is the geodata folder or holds an input
// file (data loss, always refused), or, without overwrite, when it is not corridor's.
void check_output_folder(const std::filesystem::path& dir, const InputPaths& inputs, bool overwrite);

// Refuses (request_error) to write the single file `file` when it is an input file, or,
// without overwrite, when it exists and neither is named like a corridor output nor is
// listed in its folder's manifest.
void check_output_file(const std::filesystem::path& file, const InputPaths& inputs, bool overwrite);

// What a manifest says about the run that wrote a folder's files.
struct ManifestInfo {
    std::string command;                 // export, map, render, generate
    std::filesystem::path geodata;       // the network read ("network": null when empty)
    const Network* net = nullptr;        // with analysis: for the ids of its limits
    const Analysis* analysis = nullptr;  // null: no analysis ("analysis": null)
    // export and generate write a set: the files the same command wrote before and does not
    // write now are removed. map and render replace only their own file.
    bool replaces_set = false;
};

// The output folder's OutputSet, with the manifest (kManifestName) written last.
std::unique_ptr<io::OutputSet> open_output_set(const std::filesystem::path& dir);

// The OutputSet of the folder a single file goes into (render's picture, timeline's chart):
// its parent, or "." for a bare file name.
std::unique_ptr<io::OutputSet> open_file_output_set(const std::filesystem::path& file);

// Commits the staged files (io::OutputSet::commit) with dir/.corridor-export.json last:
// {"tool": "corridor", "version", "command", "network": the geodata folder, "analysis":
// {"from", "to", "commodity", "scenario", "month", "unit", "throughput", "limits", "draws",
// "seed"} or null, "files": [{"name", "bytes", "sha256", "command"}] by name}. The files of an
// earlier manifest that stay in the folder keep their entries. Returns the final paths.
std::vector<std::filesystem::path> commit_outputs(io::OutputSet& set, const std::vector<std::filesystem::path>& staged,
                                                  const ManifestInfo& info);

// What a command wrote: its files (final paths), or a database's tables ("DATASOURCE
// (TABLE)" without a password).
struct Written {
    std::vector<std::filesystem::path> files;
    std::vector<std::string> tables;
};

// `export|map|render|generate --json`: {"version", "command", "files": [{"path", "format"}]}
// (format by extension: geojson, shp, shx, dbf, prj, cpg, gpkg, fgb, csv, csvt, png, svg, html, mbtiles;
// mvt for the tiles folder).
nlohmann::ordered_json files_json(const std::string& command, const std::vector<std::filesystem::path>& files);
// The same for tables written to a database: each path "DATASOURCE (TABLE)" without a
// password, format "postgis".
nlohmann::ordered_json tables_json(const std::string& command, const std::vector<std::string>& tables);
// The files and then the tables written.
nlohmann::ordered_json written_json(const std::string& command, const Written& written);
// The same as text: a path or table a line.
std::string written_text(const Written& written);

// `validate --json`: {"version", "ok", "places", "routes", "problems": [{"file", "feature",
// "field", "message", "severity"}], "notes": [...]}; severity "error" (validate counts every
// finding as a problem).
nlohmann::ordered_json validation_json(const Network& net, const Validation& v);

}  // namespace corridor
