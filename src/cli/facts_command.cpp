// facts: the quantity statements of the seed texts and what uses them.
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/model/load.hpp"
#include "corridor/report/answers.hpp"
#include "corridor/text/facts.hpp"

namespace corridor::cli {

int cmd_facts(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    const SeedLibrary seeds = load_seeds(paths.seeds_dir());
    const Network net = load_network(default_files(paths.geodata));
    const std::vector<Scenario> scenarios = paths.scenarios_for(net, true);
    std::vector<Fact> facts = extract_facts(seeds);
    mark_uses(facts, seeds, net, scenarios, paths.observations_for(net), paths.events_for(net));
    if (o.json) io.out << facts_json(facts).dump(2) << '\n';
    else io.out << facts_text(facts, seeds.texts.size());
    return 0;
}

}  // namespace corridor::cli
