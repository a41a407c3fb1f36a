// corridor assign: parses, calls assign_demands, prints (and writes the layers with --out).
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/assign_text.hpp"

namespace corridor::cli {
int cmd_assign(const Options& o, const Streams& io) {
    AssignRequest request{analysis_request(o), o.demand, parse_cost_by(o.cost), o.tariff,
                          parse_assign_solver(o.solver)};
    Phases phases(o.timings, io.err);
    auto net = load_checked(o, io, &phases);
    if (!net) return 1;
    const InputPaths paths = input_paths(o);
    const auto measures = measure_routes(*net, paths.speed_table());
    phases.done("measure");
    const Assignment a = assign_demands(*net, measures, paths, request);
    phases.done("assign");
    if (o.json) io.out << assignment_json(*net, a).dump(2) << '\n';
    else io.out << assignment_text(*net, a);
    if (!o.assign_out.empty()) {
        check_output_folder(o.assign_out, paths, o.overwrite);
        const auto set = open_output_set(o.assign_out);
        const auto staged = stage_assignment(*set, *net, a);
        for (const auto& f : commit_outputs(*set, staged, {"assign", o.geodata, nullptr, nullptr, false}))
            io.err << "corridor: wrote " << f.string() << '\n';
        phases.done("write");
    }
    return 0;
}

}  // namespace corridor::cli
