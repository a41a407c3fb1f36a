// What a command shows of a network: the network loaded with its findings said, and the
// analysis export, map and render draw (the request's question, or the default one; or with
// --assign the assignment of demands drawn as flows), with the picture's options for it.
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
#include "corridor/report/render.hpp"

namespace corridor {

// Loads and checks the network (load_checked, the layers' progress on feedback), then says
// its findings (finding_lines; notes left out when quiet). std::nullopt when strict refuses
// the network.
std::optional<Network> load_said(const InputPaths& paths, bool strict, Feedback& feedback);

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
Shown show_question(const Network& net, const InputPaths& paths, const AnalysisRequest& request, Feedback& feedback);

// The demands of demand_file assigned as corridor assign does by default (least distance, the
// automatic solver) within the request's month, scenario and changes, drawn as the flows
// (assigned_network), titled by assignment_title and assignment_subtitle. Phase "assign".
Shown show_assignment(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                      const std::filesystem::path& demand_file, Feedback& feedback);

// show_assignment when a demand file is given (map and render --assign), else show_question.
Shown show(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
           const std::filesystem::path& demand_file, Feedback& feedback);

// The line said under a picture or map: "TITLE: SUBTITLE" for an assignment, the
// bottleneck sentence for an analysis, "" without either.
std::string shown_summary(const Shown& shown);

// The picture of what is shown: width_px, the basemap beside the geodata, the observations,
// the title and subtitle, and the throughput percentiles when `percentiles` (render's title
// shows them, export's map.png does not).
RenderOptions picture_options(const InputPaths& paths, int width_px, const Shown& shown, bool percentiles);

}  // namespace corridor
