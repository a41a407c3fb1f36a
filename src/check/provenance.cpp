#include "corridor/check/provenance.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "corridor/text/numbers.hpp"

namespace corridor {
namespace {

// "no seed file "X" in FOLDER", or, without a seed folder (--geodata PG:… without --seeds),
// what to give.
std::string no_seed_file(const std::string& seed, const std::filesystem::path& dir) {
    if (dir.empty()) return fmt::format("no seed file \"{}\" (no seed folder: give --seeds)", seed);
    return fmt::format("no seed file \"{}\" in {}", seed, dir.string());
}

struct RouteChecker {
    const Network& net;
    const SeedLibrary& seeds;
    const Route& r;
    std::vector<Issue>& issues;

    void add(const std::string& field, const std::string& message) const {
        issues.push_back({{net.routes_file.string(), r.id, field}, message});
    }

    // The quote is in the named seed, word for word; false (with an issue) otherwise.
    bool verbatim(const std::string& seed, const std::string& seed_field, const std::string& quote,
                  const std::string& quote_field) const {
        if (quote.empty()) {
            add(quote_field, "missing: a figure from the text needs its verbatim quote");
            return false;
        }
        if (seed.empty()) {
            add(seed_field, "missing: name the seed file the quote comes from");
            return false;
        }
        auto it = seeds.texts.find(seed);
        if (it == seeds.texts.end()) {
            add(seed_field, no_seed_file(seed, seeds.dir));
            return false;
        }
        if (it->second.find(quote) == std::string::npos) {
            add(quote_field, "not found verbatim in " + seed);
            return false;
        }
        return true;
    }

    void states(const std::string& quote, const std::string& quote_field, const char* field,
                const std::optional<double>& value) const {
        if (value && !states_number(quote, *value))
            add(field, fmt::format("{} {} is not stated in {}", field, *value, quote_field));
    }

    void run() const {
        const Figures& f = r.figures;
        if (r.basis == Basis::text) {
            if (verbatim(r.seed, "seed", r.quote, "quote")) {
                states(r.quote, "quote", "capacity", f.capacity);
                states(r.quote, "quote", "payload_t", f.payload_t);
                states(r.quote, "quote", "trips_mo", f.trips_mo);
                states(r.quote, "quote", "annual_t", f.annual_t);
                states(r.quote, "quote", "pax_trip", f.pax_trip);
            }
        } else if (r.basis == Basis::assumed) {
            if (r.note.empty()) add("note", "missing: an assumed figure needs a note saying why");
            if (!r.quote.empty()) verbatim(r.seed, "seed", r.quote, "quote");
        }
        if (r.basis != Basis::unsourced && (f.observed || f.obs_annual)) {
            if (verbatim(r.obs_seed, "obs_seed", r.obs_quote, "obs_quote")) {
                states(r.obs_quote, "obs_quote", "observed", f.observed);
                states(r.obs_quote, "obs_quote", "obs_annual", f.obs_annual);
            }
        }
    }
};

}  // namespace

SeedLibrary load_seeds(const std::filesystem::path& dir) {
    SeedLibrary lib{dir, {}};
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw input_error({dir.string(), "", ""}, "cannot read seed folder");
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        if (!in) throw input_error({entry.path().string(), "", ""}, "cannot read");
        std::ostringstream ss;
        ss << in.rdbuf();
        lib.texts.emplace(entry.path().filename().string(), ss.str());
    }
    if (ec) throw input_error({dir.string(), "", ""}, "cannot read seed folder: " + ec.message());
    return lib;
}

void check_provenance(const Network& net, const SeedLibrary& seeds, const Route& r, std::vector<Issue>& out) {
    RouteChecker{net, seeds, r, out}.run();
}

std::vector<Issue> check_provenance(const Network& net, const SeedLibrary& seeds) {
    std::vector<Issue> issues;
    for (const auto& r : net.routes) check_provenance(net, seeds, r, issues);
    return issues;
}

std::vector<Issue> check_scenarios(const std::vector<Scenario>& scenarios, const std::filesystem::path& file,
                                   const SeedLibrary& seeds) {
    std::vector<Issue> issues;
    for (const auto& s : scenarios) {
        auto add = [&](const char* field, const std::string& message) {
            issues.push_back({{file.string(), s.name, field}, message});
        };
        if (s.quote.empty()) {
            if (s.note.empty()) add("note", "missing: a scenario without a quote needs a note saying why");
            continue;
        }
        auto it = seeds.texts.find(s.source);
        if (it == seeds.texts.end()) add("source", no_seed_file(s.source, seeds.dir));
        else if (it->second.find(s.quote) == std::string::npos) add("quote", "not found verbatim in " + s.source);
    }
    return issues;
}

}  // namespace corridor
