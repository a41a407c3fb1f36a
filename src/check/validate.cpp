#include "corridor/check/validate.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>
#include <vector>

#include "corridor/check/provenance.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/parallel.hpp"

namespace corridor {
namespace {

constexpr std::size_t kParallelFrom = 50000;  // routes; below this a thread costs more than it saves

std::size_t thread_count(std::size_t routes, std::size_t asked) {
    const std::size_t most = std::max<std::size_t>(routes, 1);  // no empty ranges
    if (asked > 0) return std::min(asked, most);
    if (routes < kParallelFrom) return 1;
    return std::min(hardware_threads(), most);
}

// The findings for one contiguous range of routes, kept apart by check so that ranges
// concatenate into the single-threaded order.
struct RangeIssues {
    std::vector<Issue> geography;
    std::vector<Issue> provenance;
};

void check_range(const Network& net, const Basemap* basemap, const GeographyOptions& geography,
                 const SeedLibrary& seeds, std::size_t begin, std::size_t end, RangeIssues& out) {
    const GeographyChecker checker(net, basemap, geography);  // this thread's PROJ context
    for (std::size_t i = begin; i < end; ++i) {
        const Route& r = net.routes[i];
        checker.check(r, out.geography);
        check_provenance(net, seeds, r, out.provenance);
    }
}

// Geography and provenance of every route, split in contiguous ranges over threads.
std::vector<Issue> check_routes(const Network& net, const Basemap* basemap, const GeographyOptions& geography,
                                const SeedLibrary& seeds, std::size_t threads) {
    const std::size_t n = net.routes.size();
    std::vector<RangeIssues> ranges(threads);
    // GEOS contexts and prepared geometries are not shared: part 0 takes the basemap,
    // every other part a copy, all made here before any thread starts.
    std::vector<Basemap> copies;
    if (basemap != nullptr)
        for (std::size_t t = 1; t < threads; ++t) copies.push_back(basemap->copy());
    run_parts(threads, [&](std::size_t t) {
        const Basemap* land = basemap == nullptr ? nullptr : t == 0 ? basemap : &copies[t - 1];
        check_range(net, land, geography, seeds, part_begin(n, t, threads), part_begin(n, t + 1, threads), ranges[t]);
    });
    std::size_t total = 0;
    for (const auto& r : ranges) total += r.geography.size() + r.provenance.size();
    std::vector<Issue> issues;
    issues.reserve(total);
    for (auto& r : ranges) std::move(r.geography.begin(), r.geography.end(), std::back_inserter(issues));
    for (auto& r : ranges) std::move(r.provenance.begin(), r.provenance.end(), std::back_inserter(issues));
    return issues;
}

}  // namespace

Validation validate(const Network& net, const ValidateOptions& options) {
    Validation v;
    std::error_code ec;
    std::optional<Basemap> basemap;
    if (io::present(options.land_file)) basemap = Basemap::load(options.land_file);
    else if (options.land_file.empty()) v.notes.push_back("no basemap (give --land): land and sea checks skipped");
    else v.notes.push_back("no basemap at " + options.land_file.string() + ": land and sea checks skipped");

    SeedLibrary seeds{options.seeds_dir, {}};
    if (std::filesystem::exists(options.seeds_dir, ec)) seeds = load_seeds(options.seeds_dir);
    else if (options.seeds_dir.empty()) v.notes.push_back("no seed folder (give --seeds): quotes cannot be found");
    else v.notes.push_back("no seed folder at " + options.seeds_dir.string() + ": quotes cannot be found");

    v.issues = check_routes(net, basemap ? &*basemap : nullptr, options.geography, seeds,
                            thread_count(net.routes.size(), options.threads));
    if (!options.scenarios_file.empty() && io::present(options.scenarios_file)) {
        auto sc = check_scenarios(load_scenarios(options.scenarios_file, net), options.scenarios_file, seeds);
        v.issues.insert(v.issues.end(), sc.begin(), sc.end());
    }
    if (!options.events_file.empty() && io::present(options.events_file)) {
        auto ev = check_scenarios(load_events(options.events_file, net), options.events_file, seeds);
        v.issues.insert(v.issues.end(), ev.begin(), ev.end());
    }
    return v;
}

}  // namespace corridor
