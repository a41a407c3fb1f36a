#include "corridor/analysis/assign.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corridor/enum_names.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/model/transit.hpp"

namespace corridor {
namespace fs = std::filesystem;
namespace {

// One row of a demand or tariff file: its label ("#3", or its id) and its fields as text
// (absent: not given or empty).
struct RawRow {
    std::string label;
    std::map<std::string, std::string> fields;
    const std::string* get(const std::string& name) const {
        auto it = fields.find(name);
        return it == fields.end() ? nullptr : &it->second;
    }
};

std::vector<RawRow> read_csv(const fs::path& file) {
    const auto ds = gdal::open_vector(file, {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES"});
    if (ds->GetLayerCount() < 1) throw input_error(Location{file.string(), "", ""}, "no table in the file");
    OGRLayer* layer = ds->GetLayer(0);
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<RawRow> rows;
    layer->ResetReading();
    std::size_t n = 0;
    for (auto& feature : *layer) {
        RawRow row{fmt::format("#{}", ++n), {}};
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (feature->IsFieldSetAndNotNull(i))
                row.fields[defn->GetFieldDefn(i)->GetNameRef()] = feature->GetFieldAsString(i);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<RawRow> read_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error(Location{file.string(), "", ""}, "cannot open");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw input_error(Location{file.string(), "", ""}, std::string("not JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("demands") || !j["demands"].is_array())
        throw input_error(Location{file.string(), "", "demands"}, "expected {\"demands\": [{...}, ...]}");
    std::vector<RawRow> rows;
    std::size_t n = 0;
    for (const auto& item : j["demands"]) {
        RawRow row{fmt::format("#{}", ++n), {}};
        if (!item.is_object()) throw input_error(Location{file.string(), row.label, ""}, "expected an object");
        for (const auto& [key, value] : item.items()) {
            if (value.is_null()) continue;
            if (value.is_string()) {
                if (!value.get<std::string>().empty()) row.fields[key] = value.get<std::string>();
            } else if (value.is_number()) {
                row.fields[key] = value.dump();
            } else {
                throw input_error(Location{file.string(), row.label, key}, "expected a string or a number");
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool is_json(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".json";
}

std::vector<RawRow> read_rows(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw input_error(Location{file.string(), "", ""}, "no such file");
    auto rows = is_json(file) ? read_json(file) : read_csv(file);
    for (auto& row : rows)  // a row's own id names it in messages
        if (const auto* id = row.get("id")) row.label = *id;
    return rows;
}

double number(const fs::path& file, const RawRow& row, const std::string& field, const std::string& text) {
    double v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v))
        throw input_error(Location{file.string(), row.label, field}, fmt::format("\"{}\" is not a number", text));
    if (v < 0) throw input_error(Location{file.string(), row.label, field}, fmt::format("{} is negative", text));
    return v;
}

const std::string& required(const fs::path& file, const RawRow& row, const std::string& field) {
    const auto* v = row.get(field);
    if (!v) throw input_error(Location{file.string(), row.label, field}, "missing");
    return *v;
}

void check_fields(const fs::path& file, const RawRow& row, const std::vector<std::string>& known) {
    for (const auto& [name, value] : row.fields)
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw input_error(Location{file.string(), row.label, name}, "unknown field (known: " + list + ")");
        }
}

std::set<std::string> network_commodities(const Network& net) {
    std::set<std::string> out;
    for (const auto& r : net.routes) out.insert(r.commodities.begin(), r.commodities.end());
    return out;
}

void check_endpoint(const Network& net, const fs::path& file, const RawRow& row, const std::string& field,
                    const std::string& spec) {
    try {
        resolve_endpoint(net, spec);
    } catch (const infeasible_error&) {
        throw input_error(
            Location{file.string(), row.label, field},
            fmt::format(
                "unknown place or country \"{}\" (a place id of places.geojson, or a country code of its places)",
                spec));
    }
}

DemandRow demand_row(const Network& net, const std::set<std::string>& commodities, const fs::path& file,
                     const RawRow& row, std::size_t index) {
    check_fields(file, row, {"from", "to", "commodity", "t_mo", "t_yr", "priority", "id", "quote", "source", "note"});
    DemandRow d;
    d.demand.id = row.get("id") ? *row.get("id") : std::to_string(index + 1);
    d.demand.from = required(file, row, "from");
    d.demand.to = required(file, row, "to");
    check_endpoint(net, file, row, "from", d.demand.from);
    check_endpoint(net, file, row, "to", d.demand.to);
    for (std::size_t v : resolve_endpoint(net, d.demand.from)) {
        const auto to = resolve_endpoint(net, d.demand.to);
        if (std::find(to.begin(), to.end(), v) != to.end())
            throw input_error(Location{file.string(), row.label, "to"},
                              fmt::format("place {} is both an origin and a destination", net.places[v].id));
    }
    d.demand.commodity = required(file, row, "commodity");
    if (!commodities.count(d.demand.commodity)) {
        std::string list;
        for (const auto& k : commodities) list += (list.empty() ? "" : ", ") + k;
        throw input_error(Location{file.string(), row.label, "commodity"},
                          fmt::format("unknown commodity \"{}\" (no route carries it; the routes carry {})",
                                      d.demand.commodity, list));
    }
    const auto* mo = row.get("t_mo");
    const auto* yr = row.get("t_yr");
    if (mo && yr) throw input_error(Location{file.string(), row.label, "t_yr"}, "give t_mo or t_yr, not both");
    if (!mo && !yr)
        throw input_error(Location{file.string(), row.label, "t_mo"},
                          "missing (give t_mo, tonnes a month, or t_yr, a year)");
    d.per_year = yr != nullptr;
    d.demand.t_mo = mo ? number(file, row, "t_mo", *mo) : number(file, row, "t_yr", *yr) / 12.0;
    if (const auto* p = row.get("priority")) {
        const double v = number(file, row, "priority", *p);
        if (v < 1 || v != std::floor(v) || v > 1000)
            throw input_error(Location{file.string(), row.label, "priority"},
                              fmt::format("\"{}\" is not a whole number from 1 to 1000", *p));
        d.demand.priority = static_cast<int>(v);
    }
    if (const auto* q = row.get("quote")) d.quote = *q;
    if (const auto* s = row.get("source")) d.source = *s;
    if (const auto* n = row.get("note")) d.note = *n;
    return d;
}

// Modes of the routes that may carry a demand's commodity, or what a refinery turns into it.
std::map<Mode, std::size_t> modes_in_use(const Network& net, const std::vector<Demand>& demands) {
    std::set<std::string> goods;
    for (const auto& d : demands) goods.insert(d.commodity);
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& p : net.places)
            if (!p.converts_from.empty() && goods.count(p.converts_to.str()) && !goods.count(p.converts_from.str()))
                grew = goods.insert(p.converts_from.str()).second;
    }
    std::map<Mode, std::size_t> out;  // mode -> a route of it
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        for (const auto& k : goods)
            if (carries(net.routes[r], monthly_capacity(net.routes[r].figures), k)) out.emplace(net.routes[r].mode, r);
    return out;
}

}  // namespace

namespace {

constexpr Named<CostBy> kCostNames[] = {
    {CostBy::distance, "distance"}, {CostBy::time, "time"}, {CostBy::tariff, "tariff"}};
constexpr Named<CostBy> kCostUnits[] = {{CostBy::distance, "km"}, {CostBy::time, "hours"}, {CostBy::tariff, "tariff"}};
constexpr Named<AssignSolver> kSolverNames[] = {
    {AssignSolver::automatic, "auto"}, {AssignSolver::lp, "lp"}, {AssignSolver::network_simplex, "network_simplex"}};

}  // namespace

CostBy parse_cost_by(const std::string& name) {
    if (const auto c = value_named(kCostNames, name)) return *c;
    throw request_error("--cost: expected distance, time or tariff, got \"" + name + "\"");
}

AssignSolver parse_assign_solver(const std::string& name) {
    if (const auto s = value_named(kSolverNames, name)) return *s;
    throw request_error("--solver: expected auto, lp or network_simplex, got \"" + name + "\"");
}

const char* cost_by_name(CostBy c) { return name_of(kCostNames, c, ""); }

const char* cost_unit(CostBy c) { return name_of(kCostUnits, c, ""); }

std::vector<DemandRow> load_demands(const fs::path& file, const Network& net) {
    const auto rows = read_rows(file);
    if (rows.empty()) throw input_error(Location{file.string(), "", ""}, "no demands in the file");
    const auto commodities = network_commodities(net);
    std::vector<DemandRow> out;
    std::map<std::tuple<std::string, std::string, std::string, int>, std::string> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        DemandRow d = demand_row(net, commodities, file, rows[i], i);
        const auto key = std::make_tuple(d.demand.from, d.demand.to, d.demand.commodity, d.demand.priority);
        if (auto it = seen.find(key); it != seen.end())
            throw input_error(
                Location{file.string(), rows[i].label, ""},
                fmt::format("duplicate of {} (same from, to, commodity and priority): give one row with the sum",
                            it->second));
        seen.emplace(key, rows[i].label);
        out.push_back(std::move(d));
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!ids.insert(out[i].demand.id).second)
            throw input_error(Location{file.string(), rows[i].label, "id"},
                              fmt::format("duplicate id \"{}\"", out[i].demand.id));
    return out;
}

Tariff load_tariff(const fs::path& file) {
    const auto rows = read_rows(file);
    Tariff t{file, std::vector<std::optional<double>>(all_modes().size()),
             std::vector<double>(all_modes().size(), 0.0)};
    for (const auto& row0 : rows) {
        RawRow row = row0;
        if (const auto* m = row.get("mode")) row.label = *m;
        check_fields(file, row, {"mode", "per_tkm", "change_per_t", "note"});
        const std::string& name = required(file, row, "mode");
        const auto mode = parse_mode(name);
        if (!mode)
            throw input_error(Location{file.string(), row.label, "mode"},
                              fmt::format("unknown mode \"{}\" ({})", name, mode_names()));
        const auto i = static_cast<std::size_t>(*mode);
        if (t.per_tkm[i]) throw input_error(Location{file.string(), row.label, "mode"}, "a second row for this mode");
        t.per_tkm[i] = number(file, row, "per_tkm", required(file, row, "per_tkm"));
        if (const auto* c = row.get("change_per_t")) t.change_per_t[i] = number(file, row, "change_per_t", *c);
    }
    return t;
}

std::vector<double> route_costs(const Network& net, const std::vector<RouteMeasure>& measures, CostBy cost,
                                const Tariff* tariff, const std::vector<Demand>& demands) {
    std::vector<double> out(net.routes.size(), 0);
    if (cost == CostBy::tariff) {
        if (!tariff) throw request_error("--cost tariff needs --tariff FILE");
        for (const auto& [mode, r] : modes_in_use(net, demands))
            if (!tariff->per_tkm[static_cast<std::size_t>(mode)])
                throw input_error(Location{tariff->file.string(), "", "mode"},
                                  fmt::format("no row for mode {}, which route {} uses for the demands' commodities",
                                              mode_name(mode), net.routes[r].id));
    }
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const double km = measures[r].length.value;
        if (cost == CostBy::distance) out[r] = km;
        else if (cost == CostBy::time) out[r] = measures[r].hours.value;
        else out[r] = tariff->per_tkm[static_cast<std::size_t>(net.routes[r].mode)].value_or(0.0) * km;
    }
    return out;
}

namespace {

// The transit limits of each demand's two countries (none where its ends span several
// countries), computed once per pair of countries, into q. An unknown endpoint is left to
// assign(), which names the demand.
void add_transit_limits(const Network& net, AssignmentQuery& q) {
    if (net.transits.empty()) return;
    std::map<std::pair<std::string, std::string>, std::optional<std::size_t>> by_countries;
    q.demand_transit.assign(q.demands.size(), std::nullopt);
    for (std::size_t i = 0; i < q.demands.size(); ++i) {
        std::optional<std::pair<std::string, std::string>> countries;
        try {
            countries = question_countries(net, {q.demands[i].from, q.demands[i].to});
        } catch (const infeasible_error&) {
            continue;
        }
        if (!countries) continue;
        auto [it, added] = by_countries.try_emplace(*countries);
        if (added) {
            TransitLimits limits;
            const auto allowed = transit_commodities(net, net.transits, countries->first, countries->second);
            for (std::size_t r = 0; r < allowed.size(); ++r)
                if (allowed[r]) limits.emplace(r, *allowed[r]);
            if (!limits.empty()) {
                it->second = q.transit_limits.size();
                q.transit_limits.push_back(std::move(limits));
            }
        }
        q.demand_transit[i] = it->second;
    }
}

}  // namespace

Assignment assign_demands(const Network& net, const std::vector<RouteMeasure>& measures, const InputPaths& paths,
                          const AssignRequest& request) {
    Assignment a;
    a.demand_file = request.demand_file;
    a.cost = request.cost;
    a.scenario = request.analysis.scenario;
    a.month = month_of(paths, request.analysis);
    if (request.cost == CostBy::tariff && request.tariff_file.empty())
        throw request_error("--cost tariff needs --tariff FILE");
    a.demands = load_demands(request.demand_file, net);
    std::optional<Tariff> tariff;
    if (request.cost == CostBy::tariff) tariff = load_tariff(request.tariff_file);
    AssignmentQuery q;
    for (const auto& d : a.demands) q.demands.push_back(d.demand);
    a.route_cost = route_costs(net, measures, request.cost, tariff ? &*tariff : nullptr, q.demands);
    q.route_cost = a.route_cost;
    if (tariff) q.change_cost = tariff->change_per_t;
    Adjusted adjusted = adjust(net, requested_changes(net, paths, request.analysis), a.month);
    q.capacities = std::move(adjusted.capacities);
    q.commodities = std::move(adjusted.commodities);
    for (const auto& cap : adjusted.national_caps) {
        AssignLimit l{fmt::format("national cap {} -> {} {}", cap.exporter, cap.importer, cap.commodity), {}, cap.t_mo};
        double asked = 0;
        for (std::size_t d = 0; d < q.demands.size(); ++d)
            if (q.demands[d].commodity == cap.commodity &&
                national_cap_applies(net, cap, {q.demands[d].from, q.demands[d].to})) {
                l.demands.push_back(d);
                asked += q.demands[d].t_mo;
            }
        if (l.demands.empty()) continue;
        if (cap.share < 1) l.t_mo = cap.share * std::min(cap.t_mo, asked) + (1 - cap.share) * asked;
        q.limits.push_back(std::move(l));
    }
    if (transit_listed(request.analysis)) add_transit_limits(net, q);
    q.solver = request.solver;
    a.limits = q.limits;
    a.result = assign(net, q);
    return a;
}

Analysis assignment_analysis(const Network& net, const Assignment& a) {
    Analysis out;
    out.from = a.demand_file.filename().string();
    out.month = a.month;
    out.scenario = a.scenario;
    FlowResult& f = out.result;
    f.throughput = static_cast<Flow>(std::llround(a.result.met_t_mo));
    f.route_flow.assign(net.routes.size(), 0);
    f.route_backward.assign(net.routes.size(), false);
    f.place_in.assign(net.places.size(), 0);
    f.place_out.assign(net.places.size(), 0);
    // A route's flow is what it carries, both ways (assign's assigned_t_mo: one commodity may go
    // one way and another back, sharing the capacity), drawn in the direction most of it goes.
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        f.route_flow[r] = whole_tonnes(a.result.route_load[r]);
        f.route_backward[r] = a.result.route_net[r] < 0;
    }
    std::set<std::pair<bool, std::size_t>> seen;
    for (const auto& d : a.result.demands)
        for (const auto& b : d.binding)
            if (seen.insert({b.is_place, b.index}).second)
                f.min_cut.push_back({b.is_place, b.index, whole_tonnes(b.capacity)});
    return out;
}

AnalysedNetwork assigned_network(const Network& net, std::vector<RouteMeasure> measures, const Assignment& assignment) {
    for (std::size_t i = 0; i < measures.size(); ++i)
        measures[i].capacity.tonnes.value = assignment.result.route_capacity[i];
    return {std::move(measures), assignment_analysis(net, assignment), ""};
}

namespace assign_flags {
const OptionText kDemand{"demand",
                         "Demands: CSV or JSON of from, to, commodity, t_mo or t_yr, priority, id, quote, source"};
const OptionText kCost{"cost", "Cost per tonne: distance (km), time (hours at the mode speeds) or tariff", true};
const OptionText kTariff{"tariff", "Tariff CSV for --cost tariff: mode, per_tkm, change_per_t"};
const OptionText kSolver{"solver", "auto, lp (CLP column generation) or network_simplex (LEMON: one plain demand only)",
                         true};
const OptionText kDraw{
    "assign", "Draw the least-cost assignment of these demands (as corridor assign, by distance) instead of a flow"};
}  // namespace assign_flags

}  // namespace corridor
