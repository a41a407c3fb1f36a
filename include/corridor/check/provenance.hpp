// Provenance checks: every quote is verbatim in its seed text and states the figures it backs.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor {

// The seed texts by file name.
struct SeedLibrary {
    std::filesystem::path dir;
    std::map<std::string, std::string> texts;
};

// Reads every regular file of dir; throws input_error when dir cannot be read.
SeedLibrary load_seeds(const std::filesystem::path& dir);

// For each route: a "text" basis has a seed file and a quote found verbatim in
// it, and every capacity figure given (capacity, payload_t, trips_mo, annual_t,
// pax_trip) is stated in the quote; an "assumed" basis has a note; an observed
// volume has an obs_quote, verbatim in obs_seed, stating it. "unsourced"
// routes (users' own data) are not checked.
std::vector<Issue> check_provenance(const Network& net, const SeedLibrary& seeds);
// The same for one route, appended to out. Only reads net and seeds: threads may share them.
void check_provenance(const Network& net, const SeedLibrary& seeds, const Route& r, std::vector<Issue>& out);

// Each scenario's quote is verbatim in its source seed (a scenario without a quote needs a note).
std::vector<Issue> check_scenarios(const std::vector<Scenario>& scenarios, const std::filesystem::path& file,
                                   const SeedLibrary& seeds);

}  // namespace corridor
