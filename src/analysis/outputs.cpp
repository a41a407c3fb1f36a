#include "corridor/analysis/outputs.hpp"

#include "corridor/analysis/parameters.hpp"
#include "corridor/io/postgres.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/io/json_values.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/model/load.hpp"

namespace corridor {
namespace fs = std::filesystem;
namespace {

constexpr std::array kLayerExtensions{".geojson", ".fgb", ".shp", ".shx", ".dbf", ".prj", ".cpg"};
constexpr std::array kFixedNames{"corridor.gpkg",
                                 "corridor.gpkg-journal",
                                 "corridor.gpkg-wal",
                                 "corridor.gpkg-shm",
                                 "flows.csv",
                                 "flows.csvt",
                                 "bottlenecks.geojson",
                                 "map.png",
                                 "flows_by_commodity.csv",
                                 "flows_by_commodity.csvt",
                                 "assigned_routes.geojson",
                                 "assigned_by_commodity.csv",
                                 "assigned_by_commodity.csvt",
                                 "assigned_demands.csv",
                                 "assigned_demands.csvt",
                                 "map.svg",
                                 "map.html",
                                 kManifestName,
                                 "README.md",
                                 "tiles",
                                 "corridor.mbtiles",
                                 "corridor.mbtiles-journal"};

// The same file or folder, however it is spelled (a path that does not exist yet compares
// by its existing prefix, resolved).
bool same_path(const fs::path& a, const fs::path& b) {
    std::error_code ec1, ec2;
    const fs::path ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
    if (ec1 || ec2) return a.lexically_normal() == b.lexically_normal();
    return ca == cb;
}

// An entry of a manifest's "files": a name (an older manifest's string) or an object.
struct ManifestEntry {
    std::string name;
    nlohmann::ordered_json entry;  // {"name", "bytes", "sha256", "command"} as recorded
};

// The manifest's entries; nullopt when there is none or it is not corridor's.
std::optional<std::vector<ManifestEntry>> manifest_entries(const fs::path& dir) {
    std::ifstream in(dir / kManifestName);
    if (!in) return std::nullopt;
    const auto j = nlohmann::ordered_json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("tool", "") != "corridor") return std::nullopt;
    std::vector<ManifestEntry> entries;
    if (j.contains("files") && j["files"].is_array())
        for (const auto& f : j["files"]) {
            if (f.is_string()) entries.push_back({f.get<std::string>(), {{"name", f}}});
            else if (f.is_object() && f.contains("name") && f["name"].is_string())
                entries.push_back({f["name"].get<std::string>(), f});
        }
    return entries;
}

// The manifest's file names; nullopt when there is none or it is not corridor's.
std::optional<std::vector<std::string>> manifest_files(const fs::path& dir) {
    const auto entries = manifest_entries(dir);
    if (!entries) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& e : *entries) names.push_back(e.name);
    return names;
}

nlohmann::ordered_json file_entry(const io::SetFile& f, const nlohmann::ordered_json& command) {
    return {{"name", f.name}, {"bytes", f.bytes}, {"sha256", f.sha256}, {"command", command}};
}

// An earlier entry for a file that stays: as recorded when its size still matches, else
// measured again (an older manifest held names only).
nlohmann::ordered_json kept_entry(const fs::path& dir, const ManifestEntry& e) {
    std::error_code ec;
    const auto bytes = fs::file_size(dir / e.name, ec);
    const bool recorded = e.entry.contains("sha256") && e.entry.contains("bytes") && e.entry["bytes"].is_number() &&
                          !ec && e.entry["bytes"].get<std::uintmax_t>() == bytes;
    if (recorded) return e.entry;
    return file_entry(io::describe_file(dir / e.name), e.entry.value("command", nlohmann::ordered_json()));
}

nlohmann::ordered_json analysis_entry(const ManifestInfo& info) {
    if (info.analysis == nullptr || info.net == nullptr) return nullptr;
    const Analysis& a = *info.analysis;
    const std::size_t draws = a.uncertainty ? a.uncertainty->draws : 0;
    return {{"from", a.from},
            {"to", a.to},
            {"commodity", or_null(a.commodity)},
            {"scenario", or_null(a.scenario)},
            {"month", a.month ? nlohmann::ordered_json(a.month->text()) : nlohmann::ordered_json()},
            {"unit", a.result.passengers ? "passengers/month" : "t/month"},
            {"throughput", a.result.throughput},
            {"limits", cut_ids(*info.net, limit_items(a.result, a.joint))},
            {"draws", draws},
            {"seed", a.seed}};
}

// The new manifest, and the earlier set's files it no longer lists.
io::ManifestPlan plan_manifest(const fs::path& dir, const ManifestInfo& info, const std::vector<io::SetFile>& files) {
    std::map<std::string, nlohmann::ordered_json> entries;
    for (const auto& f : files) entries[f.name] = file_entry(f, info.command);
    io::ManifestPlan plan;
    if (const auto old = manifest_entries(dir))
        for (const auto& e : *old) {
            std::error_code ec;
            if (entries.count(e.name) || !fs::is_regular_file(dir / e.name, ec)) continue;
            if (info.replaces_set && e.entry.value("command", "") == info.command) plan.removed.push_back(e.name);
            else entries[e.name] = kept_entry(dir, e);
        }
    std::error_code ec;
    const bool database = io::is_postgres(info.geodata.native());  // named without its password
    const fs::path network = info.geodata.empty() ? fs::path()
                             : database           ? fs::path(io::without_password(info.geodata.native()))
                                                  : fs::weakly_canonical(info.geodata, ec);
    nlohmann::ordered_json j;
    j["tool"] = "corridor";
    j["version"] = kJsonVersion;
    j["command"] = info.command;
    j["network"] = info.geodata.empty() ? nlohmann::ordered_json()
                                        : nlohmann::ordered_json((ec ? info.geodata : network).string());
    j["analysis"] = analysis_entry(info);
    j["files"] = nlohmann::ordered_json::array();
    for (auto& [name, entry] : entries) j["files"].push_back(std::move(entry));
    plan.bytes = j.dump(2) + "\n";
    return plan;
}

std::string format_of(const fs::path& file) {
    if (file.filename() == "tiles") return "mvt";  // the tile folder
    std::string ext = file.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

}  // namespace

bool is_output_name(const std::string& filename) {
    if (std::find(kFixedNames.begin(), kFixedNames.end(), filename) != kFixedNames.end()) return true;
    if (filename.size() > 1 && filename[0] == '.' && filename.find("corridor-tmp-") != std::string::npos) return true;
    const fs::path p(filename);
    const std::string stem = p.stem().string(), ext = p.extension().string();
    return (stem == "places" || stem == "routes") &&
           std::find(kLayerExtensions.begin(), kLayerExtensions.end(), ext) != kLayerExtensions.end();
}

bool is_corridor_folder(const fs::path& dir) {
    std::error_code ec;
    const auto st = fs::status(dir, ec);
    if (ec || !fs::is_directory(st)) return true;  // missing, or not a folder: the writer says why
    if (manifest_files(dir)) return true;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (!is_output_name(entry.path().filename().string())) return false;
    return true;
}

std::vector<fs::path> input_files(const InputPaths& paths) {
    const LoadOptions layers = default_files(paths.geodata);
    std::vector<fs::path> files{layers.places_file, layers.routes_file, paths.land_file(), paths.countries_file(),
                                paths.scenarios_file()};
    if (!paths.speeds.empty()) files.push_back(paths.speeds);
    else if (!paths.side_dir().empty()) files.push_back(paths.side_dir() / "speeds.json");
    return files;
}

void check_output_folder(const fs::path& dir, const InputPaths& inputs, bool overwrite) {
    if (same_path(dir, inputs.geodata))
        throw request_error(
            fmt::format("--out {}: that is the --geodata folder; writing there would replace the "
                        "network's own files (choose another folder)",
                        dir.string()));
    if (same_path(dir, inputs.seeds_dir()))
        throw request_error(fmt::format("--out {}: that is the seeds folder (choose another folder)", dir.string()));
    for (const auto& f : input_files(inputs)) {
        std::error_code ec;
        if (fs::exists(f, ec) && same_path(f.parent_path().empty() ? "." : f.parent_path(), dir))
            throw request_error(fmt::format("--out {}: the folder holds the input file {} (choose another folder)",
                                            dir.string(), f.string()));
    }
    if (overwrite || is_corridor_folder(dir)) return;
    std::vector<std::string> foreign;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!is_output_name(name)) foreign.push_back(name);
    }
    std::sort(foreign.begin(), foreign.end());
    const std::size_t shown = std::min<std::size_t>(foreign.size(), 3);
    std::string names;
    for (std::size_t i = 0; i < shown; ++i) names += (i ? ", " : "") + foreign[i];
    if (foreign.size() > shown) names += fmt::format(" and {} more", foreign.size() - shown);
    throw request_error(
        fmt::format("--out {}: the folder holds files corridor did not write ({}); give --overwrite "
                    "to write there anyway, or choose an empty or new folder",
                    dir.string(), names));
}

void check_output_file(const fs::path& file, const InputPaths& inputs, bool overwrite) {
    for (const auto& f : input_files(inputs)) {
        std::error_code ec;
        if (fs::exists(f, ec) && same_path(f, file))
            throw request_error(fmt::format("--out {}: that is an input file (choose another name)", file.string()));
    }
    std::error_code ec;
    if (overwrite || !fs::exists(file, ec)) return;
    const std::string name = file.filename().string();
    if (is_output_name(name)) return;
    const auto listed = manifest_files(file.parent_path().empty() ? fs::path(".") : file.parent_path());
    if (listed && std::find(listed->begin(), listed->end(), name) != listed->end()) return;
    throw request_error(
        fmt::format("--out {}: the file exists and corridor did not write it; give --overwrite to "
                    "replace it",
                    file.string()));
}

std::unique_ptr<io::OutputSet> open_output_set(const fs::path& dir) {
    return std::make_unique<io::OutputSet>(dir, kManifestName);
}

std::unique_ptr<io::OutputSet> open_file_output_set(const fs::path& file) {
    return open_output_set(file.parent_path().empty() ? fs::path(".") : file.parent_path());
}

std::vector<fs::path> commit_outputs(io::OutputSet& set, const std::vector<fs::path>& staged,
                                     const ManifestInfo& info) {
    const fs::path dir = set.dir();
    return set.commit(staged, [&](const std::vector<io::SetFile>& files) { return plan_manifest(dir, info, files); });
}

nlohmann::ordered_json files_json(const std::string& command, const std::vector<fs::path>& files) {
    nlohmann::ordered_json j;
    j["version"] = kJsonVersion;
    j["command"] = command;
    j["files"] = nlohmann::ordered_json::array();
    for (const auto& f : files) j["files"].push_back({{"path", f.string()}, {"format", format_of(f)}});
    return j;
}

const OptionText parameters::kJsonFile{"json", "Print the file written as JSON"};
const OptionText parameters::kJsonFiles{"json", "Print the files written as JSON"};

nlohmann::ordered_json tables_json(const std::string& command, const std::vector<std::string>& tables) {
    return written_json(command, {{}, tables});
}

nlohmann::ordered_json written_json(const std::string& command, const Written& written) {
    nlohmann::ordered_json j = files_json(command, written.files);
    for (const auto& t : written.tables) j["files"].push_back({{"path", t}, {"format", "postgis"}});
    return j;
}

std::string written_text(const Written& written) {
    std::string out;
    for (const auto& f : written.files) out += f.string() + '\n';
    for (const auto& t : written.tables) out += t + '\n';
    return out;
}

nlohmann::ordered_json validation_json(const Network& net, const Validation& v) {
    nlohmann::ordered_json j;
    j["version"] = kJsonVersion;
    j["ok"] = v.issues.empty();
    j["places"] = net.places.size();
    j["routes"] = net.routes.size();
    j["problems"] = nlohmann::ordered_json::array();
    for (const auto& issue : v.issues)
        j["problems"].push_back({{"file", or_null(issue.where.file)},
                                 {"feature", or_null(issue.where.feature)},
                                 {"field", or_null(issue.where.field)},
                                 {"message", issue.message},
                                 {"severity", "error"}});
    j["notes"] = v.notes;
    return j;
}

const OptionText parameters::kJsonProblems{"json",
                                           "Print the problems as JSON (file, feature, field, message, severity)"};

}  // namespace corridor
