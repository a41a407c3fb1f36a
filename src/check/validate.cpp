#include "corridor/check/validate.hpp"

#include "corridor/check/provenance.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor {

Validation validate(const Network& net, const ValidateOptions& options) {
    Validation v;
    std::error_code ec;
    std::optional<Basemap> basemap;
    if (std::filesystem::exists(options.land_file, ec)) basemap = Basemap::load(options.land_file);
    else v.notes.push_back("no basemap at " + options.land_file.string() + ": land and sea checks skipped");
    v.issues = check_geography(net, basemap ? &*basemap : nullptr, options.geography);

    SeedLibrary seeds{options.seeds_dir, {}};
    if (std::filesystem::exists(options.seeds_dir, ec)) seeds = load_seeds(options.seeds_dir);
    else v.notes.push_back("no seed folder at " + options.seeds_dir.string() + ": quotes cannot be found");
    auto prov = check_provenance(net, seeds);
    v.issues.insert(v.issues.end(), prov.begin(), prov.end());
    if (!options.scenarios_file.empty() && std::filesystem::exists(options.scenarios_file, ec)) {
        auto sc = check_scenarios(load_scenarios(options.scenarios_file, net), options.scenarios_file, seeds);
        v.issues.insert(v.issues.end(), sc.begin(), sc.end());
    }
    return v;
}

}  // namespace corridor
