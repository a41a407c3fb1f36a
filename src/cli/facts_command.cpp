// facts: the quantity statements of the seed texts and what uses them.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/model/load.hpp"
#include "corridor/text/facts.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

std::string number(double v) { return fmt::format("{:.15g}", v); }

std::string quantity(const Fact& f) {
    if (f.kind == FactKind::date) return f.date;
    std::string v = f.low ? fmt::format("{}-{}", number(*f.low), number(*f.high)) : number(*f.value);
    return f.unit.empty() ? v : fmt::format("{} {}", v, f.unit);
}

std::string use_name(const FactUse& u) { return fmt::format("{}.{}", u.id, u.field); }

// At most n code points, with an ellipsis when cut.
std::string shorten(const std::string& s, std::size_t n) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (points++ == n) return fmt::format("{}\xE2\x80\xA6", s.substr(0, i));
    }
    return s;
}

}  // namespace

int cmd_facts(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    const SeedLibrary seeds = load_seeds(paths.seeds_dir());
    const Network net = load_network(default_files(paths.geodata));
    const std::vector<Scenario> scenarios = paths.scenarios_for(net, true);
    std::vector<Fact> facts = extract_facts(seeds);
    mark_uses(facts, seeds, net, scenarios, paths.observations_for(net), paths.events_for(net));

    if (o.json) {
        io.out << facts_json(facts).dump(2) << '\n';
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    std::size_t used = 0;
    for (const auto& f : facts) {
        std::string by;
        for (const auto& u : f.uses) by += by.empty() ? use_name(u) : fmt::format(", {}", use_name(u));
        if (f.used()) ++used;
        rows.push_back({fmt::format("{}:{}", f.file, f.line), std::string(fact_kind_name(f.kind)), quantity(f), f.text,
                        by.empty() ? std::string("not used") : by, shorten(f.sentence, 60)});
    }
    print_columns(io.out, {"where", "kind", "value", "as written", "used by", "sentence"}, rows);
    io.out << fmt::format("{} quantity statements in {} seed files: {} used, {} not used\n", facts.size(),
                          seeds.texts.size(), used, facts.size() - used);
    return 0;
}

}  // namespace corridor::cli
