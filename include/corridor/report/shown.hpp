// What a command shows of a network: the network loaded with its findings said, and the
// analysis export, map and render draw (the request's question, or the default one; or with
// --assign the assignment of demands drawn as flows).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/progress.hpp"

namespace corridor {

// The network a command reads and what it asks of it: the input files, the question,
// whether findings refuse the network (--strict) and whether its outputs may go into a
// folder that is not corridor's (--overwrite; never over the input files).
struct NetworkRequest {
    InputPaths input;
    AnalysisRequest question;
    bool strict = false;
    bool overwrite = false;
};

// Loads and checks the network (load_checked, the layers' progress on feedback), then says
// its findings (finding_lines; notes left out when quiet). std::nullopt when strict refuses
// the network.
std::optional<Network> load_said(const NetworkRequest& request, const Feedback& feedback);

// corridor validate: the network read (the layers' progress on feedback) and validated with
// its observations (validate_network); says the contradicted observations that are warnings.
struct Validated {
    Network net;
    NetworkFindings found;
};
Validated validate_said(const NetworkRequest& request, const Feedback& feedback);

// The measured network with an analysis to draw.
struct Shown {
    AnalysedNetwork analysed;
    std::vector<ObservationCheck> observations;  // about the analysed question (question_observations)
    std::string title{};                         // the picture's title; empty: the analysis' own
    std::string subtitle{};                      // the line under it; empty: the bottleneck sentence
    const Analysis* analysis() const { return analysed.analysis ? &*analysed.analysis : nullptr; }
    const std::vector<RouteMeasure>& measures() const { return analysed.measures; }
};

// The request's question on the measured network (analyse_network, the default question when
// it asks none), with the observations about it. Says the analysis' note; phases "measure",
// then "max-flow" (or "max-flow+uncertainty" with draws).
Shown show_question(const Network& net, const NetworkRequest& request, const Feedback& feedback);

// The demands of demand_file assigned as corridor assign does by default (least distance, the
// automatic solver) within the request's month, scenario and changes, drawn as the flows
// (assigned_network), titled by assignment_title and assignment_subtitle. Phase "assign".
Shown show_assignment(const Network& net, const NetworkRequest& request, const std::filesystem::path& demand_file,
                      const Feedback& feedback);

// show_assignment when a demand file is given (map and render --assign), else show_question.
Shown show(const Network& net, const NetworkRequest& request, const std::filesystem::path& demand_file,
           const Feedback& feedback);

// Says the line under a picture or map: "TITLE: SUBTITLE" for an assignment, the bottleneck
// sentence for an analysis, nothing without either.
void say_summary(const Shown& shown, const Feedback& feedback);

}  // namespace corridor
