#include "corridor/analysis/inputs.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/io/input_file.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/model/load.hpp"

namespace corridor {
namespace fs = std::filesystem;

fs::path InputPaths::side_dir() const {
    if (!side.empty()) return side;
    if (is_geodata_folder(geodata)) return geodata;
    if (io::is_postgres(geodata.native())) return {};
    return geodata.parent_path().empty() ? fs::path(".") : geodata.parent_path();  // a GeoPackage's folder
}

namespace {
// dir / name, or nothing when there is no side folder (a database).
fs::path beside(const fs::path& dir, const char* name) { return dir.empty() ? fs::path() : dir / name; }
}  // namespace

fs::path InputPaths::seeds_dir() const {
    if (!seeds.empty()) return seeds;
    if (side_dir().empty()) return {};
    // The seeds sit beside the geodata folder: <geodata>/../seeds.
    fs::path p = fs::absolute(side_dir()).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    return p.parent_path() / "seeds";
}

fs::path InputPaths::land_file() const { return land.empty() ? beside(side_dir(), side_files::kLand) : land; }

fs::path InputPaths::countries_file() const { return beside(side_dir(), side_files::kCountries); }

fs::path InputPaths::scenarios_file() const {
    return scenarios.empty() ? beside(side_dir(), side_files::kScenarios) : scenarios;
}

ValidateOptions InputPaths::validate_options() const {
    ValidateOptions v;
    v.seeds_dir = seeds_dir();
    v.land_file = land_file();
    v.scenarios_file = scenarios_file();
    v.events_file = events_file();
    return v;
}

SpeedTable InputPaths::speed_table() const {
    if (!speeds.empty()) return load_speeds(speeds);
    const fs::path file = beside(side_dir(), side_files::kSpeeds);
    return io::present(file) ? load_speeds(file) : SpeedTable::defaults();
}

std::vector<Scenario> InputPaths::scenarios_for(const Network& net, bool optional) const {
    if (optional && scenarios.empty() && !io::present(scenarios_file())) return {};
    return load_scenarios(scenarios_file(), net);
}

fs::path InputPaths::events_file() const { return beside(side_dir(), side_files::kEvents); }

fs::path InputPaths::network_file() const { return beside(side_dir(), side_files::kNetwork); }

fs::path InputPaths::observations_file() const { return beside(side_dir(), side_files::kObservations); }

fs::path InputPaths::transits_file() const { return beside(side_dir(), side_files::kTransits); }

std::vector<Observation> InputPaths::observations_for(const Network& net) const {
    return io::present(observations_file()) ? load_observations(observations_file(), net) : std::vector<Observation>{};
}

std::vector<TransitRule> InputPaths::transits_for(const Network& net) const {
    return io::present(transits_file()) ? load_transits(transits_file(), net) : std::vector<TransitRule>{};
}

std::vector<Scenario> InputPaths::events_for(const Network& net) const {
    return io::present(events_file()) ? load_events(events_file(), net) : std::vector<Scenario>{};
}

std::optional<Month> InputPaths::default_month() const {
    const fs::path file = network_file();
    if (!io::present(file)) return std::nullopt;
    const nlohmann::json j = io::read_json_file(file);
    if (!j.is_object() || !j.contains("month")) return std::nullopt;
    const auto m = j["month"].is_string() ? parse_month(j["month"].get<std::string>()) : std::nullopt;
    if (!m) throw input_error({file.string(), "", "month"}, "expected a month YYYY-MM");
    return m;
}

CheckedNetwork load_checked(const InputPaths& paths, std::function<void(const ReadProgress&)> progress,
                            const std::function<void(const char*)>& phase_done) {
    LoadOptions files = default_files(paths.geodata);
    files.progress = std::move(progress);
    CheckedNetwork c;
    c.net = load_network(files);
    c.net.transits = paths.transits_for(c.net);
    if (phase_done) phase_done("load");
    c.validation = validate(c.net, paths.validate_options());
    if (phase_done) phase_done("validate");
    return c;
}

InputFacts input_facts(const InputPaths& paths) {
    const SeedLibrary seeds = load_seeds(paths.seeds_dir());
    const Network net = load_network(default_files(paths.geodata));
    const std::vector<Scenario> scenarios = paths.scenarios_for(net, true);
    InputFacts out{extract_facts(seeds), seeds.texts.size()};
    mark_uses(out.facts, seeds, net, scenarios, paths.observations_for(net), paths.events_for(net));
    return out;
}

std::vector<std::string> finding_lines(const Validation& v, bool strict) {
    std::vector<std::string> lines;
    for (const auto& note : v.notes) lines.push_back("note: " + note);
    const char* level = strict ? "error" : "warning";
    for (std::size_t i = 0; i < v.issues.size() && i < kMaxFindingLines; ++i)
        lines.push_back(fmt::format("{}: {}", level, v.issues[i].line()));
    if (v.issues.size() > kMaxFindingLines)
        lines.push_back(fmt::format("{}: ... and {} more (run corridor validate for all)", level,
                                    v.issues.size() - kMaxFindingLines));
    return lines;
}

}  // namespace corridor
