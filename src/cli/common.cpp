#include "common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "corridor/graph/network_graph.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/model/load.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxWarnings = 20;  // then a count, so big networks do not flood the terminal

// The seeds sit beside the geodata folder: <geodata>/../seeds.
fs::path default_seeds(const fs::path& geodata) {
    fs::path p = fs::absolute(geodata).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    return p.parent_path() / "seeds";
}

std::string cell_text(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, bool>) return v ? "yes" : "no";
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{:.{}f}", v, v == std::floor(v) ? 0 : 1);
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else return v;
        },
        c);
}

nlohmann::ordered_json cell_json(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return nullptr;
            else return v;
        },
        c);
}

}  // namespace

ValidateOptions validate_options(const Options& o) {
    ValidateOptions v;
    v.seeds_dir = o.seeds.empty() ? default_seeds(o.geodata) : fs::path(o.seeds);
    v.land_file = o.land.empty() ? fs::path(o.geodata) / "land.geojson" : fs::path(o.land);
    v.scenarios_file = o.scenarios.empty() ? fs::path(o.geodata) / "scenarios.json" : fs::path(o.scenarios);
    return v;
}

SpeedTable speed_table(const Options& o) {
    if (!o.speeds.empty()) return load_speeds(o.speeds);
    const fs::path file = fs::path(o.geodata) / "speeds.json";
    return io::present(file) ? load_speeds(file) : SpeedTable::defaults();
}

namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Resident memory of this process from /proc/self/status, MiB: "VmRSS:" now, "VmHWM:" the
// peak so far; 0 where /proc is missing.
double rss_mib(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string_view k(key);
    while (std::getline(in, line))
        if (line.rfind(k, 0) == 0) return std::stod(line.substr(k.size())) / 1024.0;
    return 0;
}

}  // namespace

Progress::Progress(std::ostream& err, std::string label, std::size_t total)
    : err_(err), label_(std::move(label)), total_(total),
      enabled_(&err == &std::cerr && isatty(STDERR_FILENO) == 1), start_(now_seconds()) {}

Progress::~Progress() {
    if (shown_) err_ << "\r\033[K" << std::flush;  // clear the line
}

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    const double t = now_seconds();
    if (t - start_ < 1.0 || t - last_ < 0.1) return;  // only for work longer than a second
    last_ = t;
    shown_ = true;
    if (total_ > 0) {
        const double f = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
        const int width = 30, fill = static_cast<int>(f * width);
        err_ << fmt::format("\r{} [{}{}] {:3.0f}% {} of {}", label_, std::string(static_cast<std::size_t>(fill), '#'),
                            std::string(static_cast<std::size_t>(width - fill), '.'), f * 100, done, total_)
             << std::flush;
    } else {
        err_ << fmt::format("\r{} {} features", label_, done) << std::flush;
    }
}

Phases::Phases(bool enabled, std::ostream& err) : enabled_(enabled), err_(err), last_(now_seconds()) {}

void Phases::done(const char* phase) {
    if (!enabled_) return;
    const double t = now_seconds();
    err_ << fmt::format("timing: {:<9} {:8.3f} s  RSS {:7.1f} MiB  peak RSS {:7.1f} MiB\n", phase, t - last_,
                        rss_mib("VmRSS:"), rss_mib("VmHWM:"));
    last_ = t;
}

std::optional<Network> load_checked(const Options& o, const Io& io, Phases* phases) {
    LoadOptions files = default_files(o.geodata);
    Network net;
    {
        Progress progress(io.err, "corridor: reading");
        files.progress = progress.callback();
        net = load_network(files);
    }
    if (phases) phases->done("load");
    const Validation v = validate(net, validate_options(o));
    if (phases) phases->done("validate");
    for (const auto& note : v.notes) io.err << "corridor: note: " << note << '\n';  // checks skipped, and why
    const char* level = o.strict ? "error" : "warning";
    for (std::size_t i = 0; i < v.issues.size() && i < kMaxWarnings; ++i)
        io.err << "corridor: " << level << ": " << v.issues[i].line() << '\n';
    if (v.issues.size() > kMaxWarnings)
        io.err << fmt::format("corridor: {}: ... and {} more (run corridor validate for all)\n", level,
                              v.issues.size() - kMaxWarnings);
    if (o.strict && !v.issues.empty()) return std::nullopt;
    return net;
}

std::vector<std::string> split_list(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) out.push_back(std::move(item));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::vector<Mode> parse_modes(const std::string& list) {
    std::vector<Mode> out;
    for (const auto& name : split_list(list)) {
        auto m = parse_mode(name);
        if (!m) throw UsageError("--modes: unknown mode \"" + name + "\" (rail, road, ferry, tanker, bulk, pipeline, bridge)");
        out.push_back(*m);
    }
    return out;
}

FlowQuery flow_query(const std::string& from, const std::string& to, const Options& o, Adjusted&& adjusted) {
    FlowQuery q{from, to, std::nullopt, parse_modes(o.modes), std::move(adjusted.capacities),
                std::move(adjusted.commodities)};
    if (!o.commodity.empty()) q.commodity = o.commodity;
    return q;
}

std::vector<Scenario> scenarios_of(const Options& o, const Network& net) {
    return load_scenarios(validate_options(o).scenarios_file, net);
}

std::vector<Change> requested_changes(const Options& o, const Network& net) {
    std::vector<Change> changes;
    if (!o.scenario.empty()) {
        const auto all = scenarios_of(o, net);
        try {
            const Scenario& s = find_scenario(all, o.scenario);
            changes = s.changes;
        } catch (const error& e) {
            throw UsageError(std::string("--scenario: ") + e.what());
        }
    }
    for (const auto& id : split_list(o.without)) {
        const bool known = std::any_of(net.routes.begin(), net.routes.end(), [&](const Route& r) { return r.id == id; });
        if (!known) throw UsageError("--without: unknown route id \"" + id + "\"");
        changes.push_back({{id}, ChangeAction::close, "", 0, ""});
    }
    for (const auto& spec : o.sets) {
        try {
            Change c = parse_set(spec);
            const bool known = std::any_of(net.routes.begin(), net.routes.end(), [&](const Route& r) { return r.id == c.routes[0]; });
            if (!known) throw error("--set " + spec + ": unknown route id \"" + c.routes[0] + "\"");
            changes.push_back(std::move(c));
        } catch (const error& e) {
            throw UsageError(e.what());
        }
    }
    return changes;
}

void print_columns(std::ostream& out, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    // display width: count UTF-8 code points, not bytes
    auto cols = [](const std::string& s) {
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    for (std::size_t k = 0; k < header.size(); ++k) width[k] = cols(header[k]);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size() && k < width.size(); ++k) width[k] = std::max(width[k], cols(row[k]));
    auto line = [&](const std::vector<std::string>& row) {
        std::string s;
        for (std::size_t k = 0; k < row.size(); ++k) {
            s += row[k];
            if (k + 1 < row.size()) s += std::string(width[k] - cols(row[k]) + 2, ' ');
        }
        out << s << '\n';
    };
    line(header);
    for (const auto& row : rows) line(row);
}

void print_table(const io::Table& t, const std::vector<std::string>& columns, bool json, std::ostream& out) {
    if (json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        std::vector<io::Cell> row;
        for (std::size_t i = 0; i < t.size(); ++i) {
            t.row_at(i, row);
            nlohmann::ordered_json obj;
            for (std::size_t c = 0; c < t.fields.size(); ++c) obj[t.fields[c].name] = cell_json(row[c]);
            arr.push_back(std::move(obj));
        }
        out << arr.dump(2) << '\n';
        return;
    }
    std::vector<std::size_t> idx;
    for (const auto& name : columns)
        for (std::size_t c = 0; c < t.fields.size(); ++c)
            if (t.fields[c].name == name) idx.push_back(c);
    std::vector<std::vector<std::string>> rows;
    std::vector<io::Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, row);
        std::vector<std::string> line;
        for (std::size_t c : idx) line.push_back(cell_text(row[c]));
        rows.push_back(std::move(line));
    }
    print_columns(out, columns, rows);
}

std::filesystem::path land_file(const Options& o) { return validate_options(o).land_file; }

std::filesystem::path countries_file(const Options& o) {
    return std::filesystem::path(o.geodata) / "countries.geojson";
}

Solved solve(const Network& net, std::vector<RouteMeasure> measures, const Options& o, const Io& io,
             Phases* phases) {
    Solved s{std::move(measures), std::nullopt};
    Adjusted adjusted = adjust(net, requested_changes(o, net));
    for (std::size_t i = 0; i < s.measures.size(); ++i) s.measures[i].capacity = adjusted.capacities[i];

    // The default analysis: every Russian place to Pyongyang, all commodities.
    const bool asked = !o.from.empty() || !o.to.empty() || !o.commodity.empty() || o.uncertainty > 0;
    Analysis an{o.from.empty() ? "RU" : o.from, o.to.empty() ? "pyongyang" : o.to, o.commodity, o.scenario, {}, {}};
    try {
        NetworkGraph graph = build_graph(net, query_terminals(net, an.from, an.to));
        if (phases) phases->done("graph");
        const FlowQuery q = flow_query(an.from, an.to, o, std::move(adjusted));
        an.result = max_flow(graph, net, q);
        if (phases) phases->done("max-flow");
        if (o.uncertainty > 0) {
            UncertaintyOptions uo;
            uo.draws = o.uncertainty;
            uo.seed = o.seed;
            uo.sensitivity = false;  // percentiles and cut probabilities only
            an.uncertainty = flow_uncertainty(net, q, uo);
            if (phases) phases->done("uncertainty");
        }
        s.analysis = std::move(an);
    } catch (const infeasible_error& e) {
        if (asked) throw;
        io.err << "corridor: note: no flow analysis (" << e.what() << ")\n";
    }
    return s;
}

std::optional<Analysed> analyse(const Options& o, const Io& io, Phases* phases) {
    auto net = load_checked(o, io, phases);
    if (!net) return std::nullopt;
    Analysed a{std::move(*net), {}, std::nullopt};
    auto measures = measure_routes(a.net, speed_table(o));
    if (phases) phases->done("measure");
    Solved s = solve(a.net, std::move(measures), o, io, phases);
    a.measures = std::move(s.measures);
    a.analysis = std::move(s.analysis);
    return a;
}

nlohmann::ordered_json capacity_json(const Network& net, const Options& o, const FlowResult& r) {
    const char* unit = r.passengers ? "pax_mo" : "t_mo";
    nlohmann::ordered_json j;
    j["from"] = o.from;
    j["to"] = o.to;
    j["commodity"] = o.commodity.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(o.commodity);
    j["scenario"] = o.scenario.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(o.scenario);
    j["unit"] = r.passengers ? "passengers/month" : "t/month";
    j[fmt::format("throughput_{}", unit)] = r.throughput;
    nlohmann::ordered_json cut = nlohmann::ordered_json::array(), detail = nlohmann::ordered_json::array();
    for (const auto& c : r.min_cut) {
        nlohmann::ordered_json d;
        if (c.is_place) {
            const Place& p = net.places[c.index];
            d = {{"place", p.id}, {fmt::format("capacity_{}", unit), c.capacity}, {"note", p.note}};
        } else {
            const Route& rt = net.routes[c.index];
            cut.push_back(rt.id);
            d = {{"route", rt.id}, {fmt::format("capacity_{}", unit), c.capacity}, {"basis", basis_name(rt.basis)},
                 {"source", rt.source}, {"quote", rt.quote}, {"note", rt.note}};
        }
        detail.push_back(std::move(d));
    }
    j["min_cut"] = cut;
    j["min_cut_detail"] = detail;
    nlohmann::ordered_json paths = nlohmann::ordered_json::array();
    for (const auto& p : r.paths) {
        nlohmann::ordered_json ids = nlohmann::ordered_json::array();
        for (std::size_t i : p.routes) ids.push_back(net.routes[i].id);
        paths.push_back({{"routes", ids}, {fmt::format("flow_{}", unit), p.flow}});
    }
    j["paths"] = paths;
    nlohmann::ordered_json flows = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        if (r.route_flow[i] > 0) flows[net.routes[i].id] = r.route_flow[i];
    j["flows"] = flows;
    return j;
}

}  // namespace corridor::cli
