// The parameters of an analysis, described once: the question (AnalysisRequest), the input
// files (InputPaths) and how findings and outputs are treated. The command line registers
// its options from these texts; the server takes the question's endpoints, commodity,
// scenario and month as query parameters and describes them in its OpenAPI definition with
// the same texts.
#pragma once

#include <span>
#include <string>

#include "corridor/analysis/request.hpp"
#include "corridor/option_text.hpp"

namespace corridor::parameters {

// The question (AnalysisRequest): endpoints, commodity, what-ifs, month, draws.
extern const OptionText kFrom, kTo, kCommodity, kModes, kWithout, kSet, kScenario, kMonth, kTransit, kUncertainty,
    kSeed;
// route's criterion (parse_path_criterion).
extern const OptionText kBy;
// The input files (InputPaths).
extern const OptionText kGeodata, kSeeds, kLand, kSpeeds, kScenarios, kSideFiles;
// Findings (refused, validate_network) and outputs (check_output_folder, check_output_file).
extern const OptionText kStrict, kValidateStrict, kOverwrite;
// --json: the answer as JSON (defined beside analysis/json's shapes), validate's problems
// (validation_json), the files written (files_json): one file, or several (analysis/outputs).
extern const OptionText kJson, kJsonProblems, kJsonFile, kJsonFiles;

// A parameter of the question that the server takes in its query (from=, to=, ...), and
// the request's field it sets.
struct QueryParameter {
    const OptionText* text;
    std::string AnalysisRequest::*field;
};

// from, to, commodity, scenario, month: the server's query parameters, in this order.
std::span<const QueryParameter> query_parameters();

}  // namespace corridor::parameters
