#include "corridor/model/scenario.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"

namespace corridor {
namespace {

using nlohmann::json;

std::optional<ChangeAction> parse_action(const std::string& s) {
    if (s == "close") return ChangeAction::close;
    if (s == "scale") return ChangeAction::scale;
    if (s == "set") return ChangeAction::set;
    if (s == "cap") return ChangeAction::cap;
    if (s == "drop") return ChangeAction::drop;
    return std::nullopt;
}

bool settable(const std::string& field) {
    return field == "capacity" || field == "payload_t" || field == "trips_mo" || field == "annual_t" ||
           field == "pax_trip";
}

// Reads a string member; empty when absent; throws when of another type.
std::string str(const json& j, const char* key, const Location& where) {
    if (!j.contains(key) || j[key].is_null()) return {};
    if (!j[key].is_string()) throw input_error({where.file, where.feature, key}, "expected a string");
    return j[key].get<std::string>();
}

void set_figure(Figures& f, const std::string& field, double v, const std::string& route) {
    const Location where{"", route, field};
    // A new tonnage form replaces the old one; trips_mo stays while it still counts passengers.
    if (field == "capacity" || field == "annual_t") {
        f.payload_t.reset();
        if (!f.pax_trip) f.trips_mo.reset();
        f.capacity.reset();
        f.annual_t.reset();
        (field == "capacity" ? f.capacity : f.annual_t) = v;
    } else if (field == "payload_t" || field == "trips_mo") {
        if (!f.payload_t) throw input_error(where, "the route's capacity is not given as payload_t x trips_mo");
        (field == "payload_t" ? f.payload_t : f.trips_mo) = v;
    } else if (field == "pax_trip") {
        if (!f.trips_mo) throw input_error(where, "the route has no trips_mo");
        f.pax_trip = v;
    }
}

}  // namespace

const std::vector<std::string>& Adjusted::commodities_of(const Network& net, std::size_t route) const {
    auto it = commodities.find(route);
    return it == commodities.end() ? net.routes[route].commodities : it->second;
}

namespace {

// A change's "from" and "until" (ISO dates).
Period change_period(const json& c, const Location& where) {
    Period p;
    auto read = [&](const char* key, Day& day) {
        const std::string text = str(c, key, where);
        if (text.empty()) return;
        const auto d = parse_date(text);
        if (!d)
            throw input_error({where.file, where.feature, key},
                              fmt::format("\"{}\" is not a date: expected YYYY-MM-DD, a real calendar day", text));
        day = *d;
    };
    read("from", p.from);
    read("until", p.until);
    if (p.until < p.from)
        throw input_error({where.file, where.feature, "until"},
                          fmt::format("{} is before from {}", date_text(p.until), date_text(p.from)));
    return p;
}

// The route ids a change names ("route" or "routes"), each known.
std::vector<std::string> change_routes(const json& c, const Network& net, const Location& where) {
    std::vector<std::string> routes;
    if (c.contains("route")) routes.push_back(str(c, "route", where));
    if (c.contains("routes")) {
        if (!c["routes"].is_array())
            throw input_error({where.file, where.feature, "routes"}, "expected a list of route ids");
        for (const auto& r : c["routes"]) {
            if (!r.is_string()) throw input_error({where.file, where.feature, "routes"}, "expected route ids");
            routes.push_back(r.get<std::string>());
        }
    }
    if (routes.empty()) throw input_error({where.file, where.feature, "routes"}, "a change names no route");
    for (const auto& id : routes) {
        if (!net.route_index(id))
            throw input_error({where.file, where.feature, "routes"}, "unknown route id \"" + id + "\"");
    }
    return routes;
}

// A national cap names two countries of the network, a commodity and no route.
void check_national(const json& c, const Change& ch, const Network& net, const Location& where) {
    auto field = [&](const char* key) { return Location{where.file, where.feature, key}; };
    for (const auto& side : {std::pair{"exporter", &ch.exporter}, std::pair{"importer", &ch.importer}}) {
        const char* key = side.first;
        const std::string& country = *side.second;
        if (country.empty()) throw input_error(field(key), "missing: a national cap needs exporter and importer");
        const bool known =
            std::any_of(net.places.begin(), net.places.end(), [&](const Place& p) { return p.country == country; });
        if (!known) throw input_error(field(key), "no place of the network is in country \"" + country + "\"");
    }
    if (ch.exporter == ch.importer) throw input_error(field("importer"), "the same country as exporter");
    if (c.contains("route") || c.contains("routes"))
        throw input_error(field("routes"), "a national cap (exporter, importer) names no route");
    if (str(c, "action", where) != "cap")
        throw input_error(field("action"), "exporter and importer go with action cap only");
    if (str(c, "commodity", where).empty()) throw input_error(field("commodity"), "a national cap needs a commodity");
}

std::vector<Scenario> load_list(const std::filesystem::path& file, const Network& net, const char* member) {
    const std::string path = file.string();
    const json j = io::read_json_file(file);
    if (!j.is_object() || !j.contains(member) || !j[member].is_array())
        throw input_error({path, "", member}, fmt::format("expected {{\"{}\": [...]}}", member));
    std::vector<Scenario> out;
    for (const auto& s : j[member]) {
        Scenario sc;
        Location where{path, "", ""};
        if (!s.is_object()) throw input_error({path, "", member}, "each item is an object");
        sc.name = str(s, "name", where);
        if (sc.name.empty())
            throw input_error({path, "#" + std::to_string(out.size() + 1), "name"}, "missing (required)");
        where.feature = sc.name;
        if (std::any_of(out.begin(), out.end(), [&](const Scenario& o) { return o.name == sc.name; }))
            throw input_error({path, sc.name, "name"}, "duplicate scenario name");
        sc.description = str(s, "description", where);
        sc.source = str(s, "source", where);
        sc.quote = str(s, "quote", where);
        sc.note = str(s, "note", where);
        if (!s.contains("changes") || !s["changes"].is_array() || s["changes"].empty())
            throw input_error({path, sc.name, "changes"}, "expected a non-empty list of changes");
        for (const auto& c : s["changes"]) {
            Change ch;
            ch.exporter = str(c, "exporter", where);
            ch.importer = str(c, "importer", where);
            if (ch.national() || !ch.importer.empty()) check_national(c, ch, net, {path, sc.name, ""});
            else ch.routes = change_routes(c, net, {path, sc.name, ""});
            const std::string action = str(c, "action", where);
            auto a = parse_action(action);
            if (!a)
                throw input_error({path, sc.name, "action"},
                                  "unknown action \"" + action + "\" (close, scale, set, cap, drop)");
            ch.action = *a;
            ch.field = str(c, "field", where);
            ch.commodity = str(c, "commodity", where);
            if (ch.action == ChangeAction::scale || ch.action == ChangeAction::set || ch.action == ChangeAction::cap) {
                if (!c.contains("value") || !c["value"].is_number() || c["value"].get<double>() < 0)
                    throw input_error({path, sc.name, "value"}, "expected a non-negative number");
                ch.value = c["value"].get<double>();
            }
            if (ch.action == ChangeAction::set && !settable(ch.field))
                throw input_error(
                    {path, sc.name, "field"},
                    "cannot set \"" + ch.field + "\" (capacity, payload_t, trips_mo, annual_t, pax_trip)");
            if (ch.action == ChangeAction::drop && ch.commodity.empty())
                throw input_error({path, sc.name, "commodity"}, "drop needs a commodity");
            ch.when = change_period(c, where);
            sc.changes.push_back(std::move(ch));
        }
        out.push_back(std::move(sc));
    }
    return out;
}

}  // namespace

std::vector<Scenario> load_scenarios(const std::filesystem::path& file, const Network& net) {
    return load_list(file, net, "scenarios");
}

std::vector<Scenario> load_events(const std::filesystem::path& file, const Network& net) {
    auto events = load_list(file, net, "events");
    for (const auto& e : events)
        for (const auto& c : e.changes)
            if (c.when.always())
                throw input_error({file.string(), e.name, "from"}, "an event's changes are dated: give from or until");
    return events;
}

Change parse_set(const std::string& spec) {
    const auto dot = spec.find('.');
    const auto eq = spec.find('=');
    if (dot == std::string::npos || eq == std::string::npos || dot > eq || dot == 0 || eq == spec.size() - 1)
        throw error("--set " + spec + ": expected ROUTE.FIELD=VALUE");
    Change c;
    c.action = ChangeAction::set;
    c.routes = {spec.substr(0, dot)};
    c.field = spec.substr(dot + 1, eq - dot - 1);
    if (!settable(c.field))
        throw error("--set " + spec + ": cannot set \"" + c.field +
                    "\" (capacity, payload_t, trips_mo, annual_t, pax_trip)");
    const std::string v = spec.substr(eq + 1);
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), c.value);
    if (ec != std::errc{} || end != v.data() + v.size() || !std::isfinite(c.value) || c.value < 0)
        throw error("--set " + spec + ": the value must be a non-negative number");
    return c;
}

// The solver holds at most kMaxMonthlyCapacity per route: a change that gives more is
// refused (as load_network refuses such a figure), never held there without a word.
void check_adjusted_limits(const Network& net, const Adjusted& adjusted) {
    for (std::size_t i = 0; i < adjusted.capacities.size(); ++i) {
        const MonthlyCapacity& c = adjusted.capacities[i];
        for (const auto& [value, unit] :
             {std::pair{c.tonnes.value, "t/month"}, std::pair{c.passengers.value, "passengers/month"}})
            if (value > kMaxMonthlyCapacity)
                throw input_error(
                    {"", net.routes[i].id, "capacity"},
                    fmt::format("the changes give {:.0f} {}, above the largest capacity corridor holds ({:.0f})", value,
                                unit, kMaxMonthlyCapacity));
    }
}

double open_share(const Network& net, std::size_t route, Month month) {
    const Route& r = net.routes[route];
    return std::min({r.open.share_of(month), net.places[net.from_index(r)].open.share_of(month),
                     net.places[net.to_index(r)].open.share_of(month)});
}

namespace {

void scale_capacity(MonthlyCapacity& c, double share) {
    c.tonnes.value *= share;
    c.passengers.value *= share;
}

// before + share × (after − before), for tonnes and passengers.
void blend(MonthlyCapacity& after, const MonthlyCapacity& before, double share) {
    after.tonnes.value = before.tonnes.value + share * (after.tonnes.value - before.tonnes.value);
    after.passengers.value = before.passengers.value + share * (after.passengers.value - before.passengers.value);
}

// One change's action on route i's capacity (figures: the routes whose figures were set,
// commodities: the routes whose commodity lists were changed).
void apply_to_route(const Network& net, const Change& ch, std::size_t i, const std::string& id, MonthlyCapacity& c,
                    std::map<std::size_t, Figures>& figures,
                    std::map<std::size_t, std::vector<std::string>>& commodities) {
    switch (ch.action) {
        case ChangeAction::close:
            c.tonnes.value = 0;
            c.passengers.value = 0;
            break;
        case ChangeAction::scale:
            c.tonnes.value *= ch.value;
            c.passengers.value *= ch.value;
            break;
        case ChangeAction::cap:
            c.tonnes.value = std::min(c.tonnes.value, ch.value);
            break;
        case ChangeAction::set: {
            auto [f, inserted] = figures.try_emplace(i, net.routes[i].figures);
            set_figure(f->second, ch.field, ch.value, id);
            // Only what the figure feeds changes: an earlier close or cap of the
            // other dimension stays.
            const MonthlyCapacity fresh = monthly_capacity(f->second);
            if (ch.field != "pax_trip") {
                c.tonnes = fresh.tonnes;
                c.rule = fresh.rule;
            }
            if (ch.field == "pax_trip" || ch.field == "trips_mo") c.passengers = fresh.passengers;
            break;
        }
        case ChangeAction::drop: {
            auto [list, inserted] = commodities.try_emplace(i, net.routes[i].commodities);
            std::erase(list->second, ch.commodity);
            break;
        }
    }
}

// The routes' capacities in the month: each route's own, scaled by the share of the month
// it is open.
std::vector<MonthlyCapacity> month_capacities(const Network& net, std::optional<Month> month) {
    std::vector<MonthlyCapacity> capacities;
    capacities.reserve(net.routes.size());
    for (const auto& r : net.routes) capacities.push_back(monthly_capacity(r.figures));
    if (month)
        for (std::size_t i = 0; i < net.routes.size(); ++i) {
            const double share = open_share(net, i, *month);
            if (share < 1) scale_capacity(capacities[i], share);
        }
    return capacities;
}

}  // namespace

Adjusted adjust(const Network& net, const std::vector<Change>& changes, std::optional<Month> month) {
    Adjusted out;
    out.capacities = month_capacities(net, month);
    std::map<std::string, std::size_t> index;
    if (!changes.empty())
        for (std::size_t i = 0; i < net.routes.size(); ++i) index.emplace(net.routes[i].id, i);
    std::map<std::size_t, Figures> figures;  // routes whose figures were set
    for (const auto& ch : changes) {
        const double share = month ? ch.when.share_of(*month) : 1.0;
        if (share == 0 || (ch.action == ChangeAction::drop && share < 0.5)) continue;
        if (ch.national()) {
            out.national_caps.push_back({ch.exporter, ch.importer, ch.commodity, ch.value, share});
            continue;
        }
        for (const auto& id : ch.routes) {
            auto it = index.find(id);
            if (it == index.end()) throw input_error({"", id, "route"}, "unknown route id \"" + id + "\"");
            const std::size_t i = it->second;
            MonthlyCapacity& c = out.capacities[i];
            const MonthlyCapacity before = c;
            apply_to_route(net, ch, i, id, c, figures, out.commodities);
            if (share < 1 && ch.action != ChangeAction::drop) blend(c, before, share);
        }
    }
    if (!changes.empty()) check_adjusted_limits(net, out);
    return out;
}

const Scenario& find_scenario(const std::vector<Scenario>& scenarios, const std::string& name) {
    for (const auto& s : scenarios)
        if (s.name == name) return s;
    std::string names;
    for (const auto& s : scenarios) names += (names.empty() ? "" : ", ") + s.name;
    throw error("unknown scenario \"" + name + "\" (known: " + names + ")");
}

}  // namespace corridor
