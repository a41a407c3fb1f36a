#include "corridor/report/answers.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "corridor/analysis/json.hpp"
#include "corridor/report/columns.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

namespace corridor {
namespace {

std::string route_chain(const Network& net, const std::vector<std::size_t>& routes) {
    std::string s;
    for (std::size_t r : routes) s += (s.empty() ? "" : " → ") + net.routes[r].id;
    return s;
}

const char* unit_name(bool passengers) { return passengers ? "passengers/month" : "t/month"; }

void print_cut(std::ostream& out, const Network& net, const FlowResult& r, const std::string& unit) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.min_cut) {
        if (c.is_place) {
            const Place& p = net.places[c.index];
            rows.push_back({"place " + p.id, thousands(c.capacity), "", p.note});
            continue;
        }
        const Route& rt = net.routes[c.index];
        const std::string why =
            rt.basis == Basis::text ? fmt::format("{}: {}", rt.seed.str(), rt.quote.str()) : rt.note.str();
        rows.push_back({rt.id, thousands(c.capacity), std::string(basis_name(rt.basis)), why});
    }
    out << columns_text({"limit", "capacity " + unit, "basis", "source and quote / note"}, rows);
}

void print_cut_probabilities(std::ostream& out, const Network& net, const UncertaintyResult& u) {
    std::vector<std::size_t> order;
    for (std::size_t r = 0; r < net.routes.size(); ++r)
        if (u.cut_probability[r] > 0) order.push_back(r);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return u.cut_probability[a] > u.cut_probability[b]; });
    std::vector<std::vector<std::string>> rows;
    for (std::size_t r : order) rows.push_back({net.routes[r].id, fmt::format("{:.3f}", u.cut_probability[r])});
    for (std::size_t p = 0; p < net.places.size(); ++p)
        if (u.place_cut_probability[p] > 0)
            rows.push_back({"place " + net.places[p].id, fmt::format("{:.3f}", u.place_cut_probability[p])});
    out << "\nProbability of being on the minimum cut:\n";
    out << columns_text({"limit", "probability"}, rows);
}

void print_uncertainty(std::ostream& out, const Network& net, const Analysis& a, const std::string& unit) {
    const UncertaintyResult& u = *a.uncertainty;
    out << fmt::format("\nUncertainty: {} draws (seed {}) of {} ranged figures, each triangular (low, value, high)\n",
                       u.draws, a.seed, u.figures.size());
    out << fmt::format("P10 {}  P50 {}  P90 {} {} (deterministic {}; mean {}, min {}, max {})\n", thousands(u.p10),
                       thousands(u.p50), thousands(u.p90), unit, thousands(u.deterministic),
                       thousands(static_cast<Flow>(std::llround(u.mean))), thousands(u.min), thousands(u.max));
    if (u.infeasible > 0) out << fmt::format("{} draws had no possible flow (counted as 0)\n", u.infeasible);
    print_cut_probabilities(out, net, u);
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : u.sensitivity)
        rows.push_back({figure_label(net, s.ref),
                        fmt::format("{} / {} / {}", s.ref.range.low, s.ref.range.value, s.ref.range.high),
                        thousands(s.low), thousands(s.high), thousands(s.swing())});
    out << "\nSensitivity (throughput with one figure at its low and at its high bound, the others at their values):\n";
    out << columns_text({"figure", "low / value / high", "at low " + unit, "at high " + unit, "swing"}, rows);
}

void print_joint(std::ostream& out, const Network& net, const JointFlowResult& j, const std::string& unit) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [c, t] : j.by_commodity) rows.push_back({c, whole_thousands(t)});
    out << "\nBy commodity (joint flow: each commodity only on routes that carry it, sharing their capacity):\n";
    out << columns_text({"commodity", "flow " + unit}, rows);
    rows.clear();
    for (const auto& b : j.binding) {
        const std::string id = b.is_place ? "place " + net.places[b.index].id : net.routes[b.index].id;
        const std::string basis = b.is_place ? "" : std::string(basis_name(net.routes[b.index].basis));
        rows.push_back({id, whole_thousands(b.capacity), fmt::format("{:.3f}", b.dual), basis});
    }
    out << "\nBinding (full, and the total gains per extra t/month of their capacity: the shadow price):\n";
    out << columns_text({"limit", "capacity " + unit, "shadow price", "basis"}, rows);
}

void print_capacity(std::ostream& out, const Network& net, const Analysis& a) {
    const FlowResult& r = a.result;
    const std::string unit = unit_name(r.passengers);
    out << fmt::format("{} → {} ({}{}{}): {} {}\n", a.from, a.to, a.commodity.empty() ? "all commodities" : a.commodity,
                       a.scenario.empty() ? "" : ", scenario " + a.scenario, a.month ? ", " + a.month->text() : "",
                       thousands(r.throughput), unit);
    if (a.joint) {
        print_joint(out, net, *a.joint, unit);
    } else {
        out << "\nMinimum cut: " << bottleneck_sentence(a) << "\n";
        print_cut(out, net, r, unit);
    }
    out << "\nPaths:\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : r.paths) rows.push_back({thousands(p.flow), route_chain(net, p.routes)});
    out << columns_text({"flow " + unit, "routes"}, rows);
    if (a.uncertainty) print_uncertainty(out, net, a, unit);
}

void print_route(std::ostream& out, const Network& net, const std::vector<RouteMeasure>& measures,
                 const RouteAnswer& a) {
    const PathResult& p = a.path;
    out << fmt::format("{} → {} by {}: {:.1f} km, {:.1f} hours, bottleneck {} t/month\n", a.from, a.to,
                       path_criterion_name(a.by), p.length.value, p.hours.value, thousands(p.bottleneck));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < p.routes.size(); ++k) {
        const Route& r = net.routes[p.routes[k]];
        const auto& m = measures[p.routes[k]];
        rows.push_back({std::to_string(k + 1), r.id, std::string(mode_name(r.mode)),
                        p.backward[k] ? r.to_id + " → " + r.from_id : r.from_id + " → " + r.to_id,
                        fmt::format("{:.1f}", m.length.value), fmt::format("{:.1f}", m.hours.value),
                        whole_thousands(a.capacities[p.routes[k]].tonnes.value)});
    }
    out << columns_text({"#", "route", "mode", "from → to", "km", "hours", "capacity t/month"}, rows);
    for (std::size_t place : p.gauge_changes) {
        const Place& at = net.places[place];
        out << fmt::format("Changes gauge at {}{}\n", at.id,
                           at.capacity ? fmt::format(" (transfer capacity {} t/month)", whole_thousands(*at.capacity))
                                       : std::string());
    }
}

void print_scenarios(std::ostream& out, const Network& net, const ScenarioComparison& c) {
    out << fmt::format("{} → {} ({}{}), t/month\n", c.from, c.to, c.commodity.empty() ? "all commodities" : c.commodity,
                       c.month ? ", " + c.month->text() : "");
    std::vector<std::vector<std::string>> table;
    for (const auto& o : c.outcomes) {
        const Flow d = o.throughput() - c.baseline();
        const std::string change =
            o.name == "baseline" ? std::string() : fmt::format("{}{}", d > 0 ? "+" : "", thousands(d));
        const std::string cut = o.result ? joined(limit_ids(net, *o.result, o.joint)) : o.why;
        table.push_back({o.name, thousands(o.throughput()), change, cut});
    }
    out << columns_text({"scenario", "throughput", "change", "minimum cut (or binding routes of a joint flow)"}, table);
}

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

std::string capacity_text(const Network& net, const Analysis& analysis) {
    std::ostringstream out;
    print_capacity(out, net, analysis);
    return out.str();
}

std::string route_text(const Network& net, const std::vector<RouteMeasure>& measures, const RouteAnswer& answer) {
    std::ostringstream out;
    print_route(out, net, measures, answer);
    return out.str();
}

std::string scenarios_text(const Network& net, const ScenarioComparison& comparison) {
    std::ostringstream out;
    print_scenarios(out, net, comparison);
    return out.str();
}

std::string observations_text(const std::vector<ObservationCheck>& checks,
                              const std::filesystem::path& observations_file) {
    std::ostringstream out;
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : checks) {
        const Observation& ob = c.observation;
        rows.push_back({ob.id, fmt::format("{} → {}", ob.from, ob.to), ob.commodity.empty() ? "all" : ob.commodity,
                        fmt::format("{}..{}", date_text(ob.period.from), date_text(ob.period.until)),
                        whole_thousands(c.observed_t_mo), whole_thousands(c.capacity_t_mo),
                        c.ratio ? fmt::format("{:.2f}", *c.ratio) : "-", verdict_name(c.verdict), joined(c.binding)});
    }
    out << "Observed against capacity (t/month, averaged over each period):\n";
    out << columns_text(
        {"observation", "between", "commodity", "period", "observed", "capacity", "ratio", "verdict", "limited by"},
        rows);
    if (checks.empty()) out << "no observations (" << observations_file.string() << ")\n";
    return out.str();
}

std::string facts_text(const std::vector<Fact>& facts, std::size_t seed_files) {
    std::ostringstream out;
    std::vector<std::vector<std::string>> rows;
    std::size_t used = 0;
    for (const auto& f : facts) {
        std::string by;
        for (const auto& u : f.uses) by += by.empty() ? use_name(u) : fmt::format(", {}", use_name(u));
        if (f.used()) ++used;
        rows.push_back({fmt::format("{}:{}", f.file, f.line), std::string(fact_kind_name(f.kind)), quantity(f), f.text,
                        by.empty() ? std::string("not used") : by, shorten(f.sentence, 60)});
    }
    out << columns_text({"where", "kind", "value", "as written", "used by", "sentence"}, rows);
    out << fmt::format("{} quantity statements in {} seed files: {} used, {} not used\n", facts.size(), seed_files,
                       used, facts.size() - used);
    return out.str();
}

std::string validation_text(const Network& net, const Validation& v) {
    std::string out;
    for (const auto& issue : v.issues) out += issue.line() + '\n';
    if (v.issues.empty())
        return fmt::format("ok: {} places, {} routes, no problems\n", net.places.size(), net.routes.size());
    return out + fmt::format("{} problem{} in {} routes and {} places\n", v.issues.size(),
                             v.issues.size() == 1 ? "" : "s", net.routes.size(), net.places.size());
}

std::string places_text(const Network& net) { return table_text(places_table(net), {"id", "name", "country", "kind"}); }

std::string routes_text(const Network& net, const std::vector<RouteMeasure>& measures) {
    return table_text(routes_table(net, measures),
                      {"id", "mode", "from_id", "to_id", "length_km", "capacity", "pax_mo", "observed", "basis"});
}

}  // namespace corridor
