// The layers of an assignment (`assign --out`): every route with the tonnes assigned to it,
// its spare capacity and utilisation; the tonnes per route and commodity; every demand with
// what was met, what was not, and why.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "corridor/analysis/assign.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/shown.hpp"

namespace corridor {

// assigned_routes.geojson: id, name, mode, from_id, to_id, cap_t_mo, assigned_t_mo,
// spare_t_mo, util, cost_per_t (a line per route; tonnes rounded down to whole tonnes, so no
// route shows more than its capacity); assigned_by_commodity.csv: route_id, commodity,
// assigned_t_mo (routes that carry some); assigned_demands.csv: id, from, to, commodity,
// priority, t_mo, met_t_mo, unmet_t_mo, cost, cannot_serve, binding (ids, ";"), quote, source.
std::vector<NamedTable> assignment_tables(const Network& net, const Assignment& assignment);

// The assignment_tables staged into an output set, each as its file. Returns the staged files.
std::vector<std::filesystem::path> stage_assignment(io::OutputSet& set, const Network& net,
                                                    const Assignment& assignment);

// corridor assign: the network read (load_said) and measured (phase "measure"), and the
// demands assigned (assign_demands with the request's question; phase "assign").
// std::nullopt when strict refuses the network.
struct Assigned {
    Network net;
    Assignment assignment;
};
std::optional<Assigned> assign_said(const NetworkRequest& request, AssignRequest assign, const Feedback& feedback);

// assign --out: the folder checked (check_output_folder, with the request's input and
// overwrite), the assignment_tables staged and committed with the manifest; says "wrote
// FILE" for each file, then phase "write".
void write_assignment(const std::filesystem::path& dir, const NetworkRequest& request, const Network& net,
                      const Assignment& assignment, const Feedback& feedback);

// "4 demands: 67,167 of 2,067,167 t/month met (least distance, 2017-05)": render --assign's title.
std::string assignment_title(const Assignment& assignment);

// "every demand met in full", or "1,900,000 t/month unmet; full: 3 routes, 1 place, 1 national
// cap": render --assign's line under the title.
std::string assignment_subtitle(const Assignment& assignment);

// assign's --out: the folder of its layers.
namespace assign_flags {
extern const OptionText kOut;
}  // namespace assign_flags

}  // namespace corridor
