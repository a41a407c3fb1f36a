// facts: the quantity statements of the seed texts and what uses them.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/io/input_file.hpp"
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

nlohmann::ordered_json fact_json(const Fact& f) {
    nlohmann::ordered_json j;
    j["file"] = f.file;
    j["line"] = f.line;
    j["sentence"] = f.sentence;
    j["text"] = f.text;
    j["kind"] = std::string(fact_kind_name(f.kind));
    j["value"] = f.value ? nlohmann::ordered_json(*f.value) : nlohmann::ordered_json(nullptr);
    if (f.low) {
        j["low"] = *f.low;
        j["high"] = *f.high;
    }
    j["unit"] = f.unit;
    if (!f.date.empty()) j["date"] = f.date;
    j["hedge"] = f.hedge;
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    nlohmann::ordered_json uses = nlohmann::ordered_json::array();
    for (const auto& u : f.uses) {
        if (std::find(ids.begin(), ids.end(), u.id) == ids.end()) ids.push_back(u.id);
        uses.push_back({{"layer", u.layer}, {"id", u.id}, {"field", u.field}});
    }
    j["used_by"] = std::move(ids);
    j["uses"] = std::move(uses);
    return j;
}

}  // namespace

int cmd_facts(const Options& o, const Io& io) {
    const ValidateOptions paths = validate_options(o);
    const SeedLibrary seeds = load_seeds(paths.seeds_dir);
    const Network net = load_network(default_files(o.geodata));
    std::vector<Scenario> scenarios;
    if (!o.scenarios.empty() || io::present(paths.scenarios_file)) scenarios = load_scenarios(paths.scenarios_file, net);
    std::vector<Fact> facts = extract_facts(seeds);
    mark_uses(facts, seeds, net, scenarios);

    if (o.json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& f : facts) arr.push_back(fact_json(f));
        io.out << arr.dump(2) << '\n';
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
