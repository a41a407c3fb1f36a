#include "corridor/importer/import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>

#include "corridor/error.hpp"
#include "corridor/importer/summary.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/io/json_values.hpp"
#include "corridor/io/output_set.hpp"

namespace corridor::importer {
namespace fs = std::filesystem;
namespace {

using io::Cell;
using io::FieldType;

// The files an import writes into its folder; their presence marks a geodata folder.
const std::vector<std::string> kWritten{"places.geojson", "routes.geojson", kReportName};

// Route fields corridor writes or reads: a kept field may not take one of these names.
const std::set<std::string> kRouteSchema{
    "id",       "name",      "mode",     "from_id",    "to_id",      "two_way",    "commodity",
    "capacity", "payload_t", "trips_mo", "annual_t",   "pax_trip",   "basis",      "source",
    "quote",    "note",      "observed", "obs_annual", "obs_quote",  "obs_source", "seed",
    "obs_seed", "cap_low",   "cap_high", "pay_low",    "pay_high",   "trips_low",  "trips_high",
    "ann_low",  "ann_high",  "gauge",    "open_from",  "open_until", "speed_kmh"};

constexpr const char* kUnknownCountry = "ZZ";  // ISO 3166 user-assigned: no country known

Cell text_cell(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
Cell number_cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

// "1435" and "1520" as written; "1435;1520" (track with two gauges) as dual; "" otherwise.
std::string gauge_of(const std::string& raw, bool& not_read) {
    not_read = false;
    if (raw.empty()) return {};
    if (raw.find(';') != std::string::npos) {
        std::size_t start = 0;
        while (start <= raw.size()) {
            const std::size_t end = std::min(raw.find(';', start), raw.size());
            const auto g = parse_gauge(raw.substr(start, end - start));
            if (!g || *g == kNoGauge || *g == kDualGauge) {
                not_read = true;
                return {};
            }
            start = end + 1;
        }
        return "dual";
    }
    const auto g = parse_gauge(raw);
    if (!g) {
        not_read = true;
        return {};
    }
    return gauge_name(*g);
}

bool carries_gauge(Mode m) { return m == Mode::rail || m == Mode::bridge; }

std::string commodity_list(const std::vector<std::string>& c) {
    std::string s;
    for (const auto& x : c) s += (s.empty() ? "" : ",") + x;
    return s;
}

}  // namespace

bool is_geodata_folder(const fs::path& dir) {
    std::error_code ec;
    for (const auto& name : kWritten)
        if (fs::exists(dir / name, ec)) return true;
    return false;
}

void check_options(const ImportOptions& o) {
    if (o.sources.empty()) throw request_error("give one or more sources (files or PG: connection strings)");
    // No default: the rules are the import's assumptions, chosen by the user (the shipped OSM
    // files would import every road of an extract meant for its railways).
    if (o.rules.empty())
        throw request_error(
            "--rules: give one or more rules files (JSON or YAML); for OpenStreetMap data, the shipped ones: "
            "--rules geodata/rules/osm-railways.json --rules geodata/rules/osm-roads.json --rules "
            "geodata/rules/osm-ferries.json");
    if (!(o.snap_m > 0) || !(o.snap_m <= kMaxSnapMetres))
        throw request_error(
            fmt::format("--snap: give a distance over 0 and at most {:g} metres, got {:g}", kMaxSnapMetres, o.snap_m));
    std::set<std::string> seen;
    for (const auto& k : o.keep_fields) {
        if (k.empty()) throw request_error("--keep-fields: an empty field name");
        if (kRouteSchema.contains(k))
            throw request_error(fmt::format("--keep-fields: \"{}\" is a field corridor writes itself", k));
        if (!seen.insert(k).second) throw request_error(fmt::format("--keep-fields: \"{}\" twice", k));
    }
    if (o.out.empty()) throw request_error("--out: give the geodata folder to write");
    std::error_code ec;
    const auto st = fs::status(o.out, ec);
    if (ec || !fs::exists(st)) return;
    if (!fs::is_directory(st)) throw request_error(fmt::format("--out {}: exists and is not a folder", o.out.string()));
    if (is_geodata_folder(o.out)) {
        if (!o.overwrite)
            throw request_error(
                fmt::format("--out {}: holds a network already; give --overwrite to replace it", o.out.string()));
        return;
    }
    for (const auto& entry : fs::directory_iterator(o.out, ec)) {
        if (io::is_temporary_name(entry.path().filename().string())) continue;
        throw request_error(fmt::format(
            "--out {}: exists and is not a corridor geodata folder (no places.geojson, routes.geojson or {}); "
            "choose a new or empty folder",
            o.out.string(), kReportName));
    }
}

Imported import_network(const ImportOptions& o) {
    check_options(o);
    Imported im;
    im.rules = load_rules(o.rules);
    im.read = read_sources(o.sources, im.rules, {o.layer, o.where, o.keep_fields, o.progress});
    std::vector<NamedPoint> named;
    if (!o.places.empty()) named = read_named_points(o.places);
    TopologyOptions t;
    t.snap_m = o.snap_m;
    t.node_intersections = o.node_intersections;
    t.named = &named;
    im.topology = build_topology(im.read.lines, im.read.sources, im.rules, t);
    for (const auto& r : im.topology.routes) {
        const Line& l = im.read.lines[r.line];
        bool not_read = false;
        if (carries_gauge(im.rules[l.rule].mode)) gauge_of(l.gauge, not_read);
        if (not_read) ++im.gauges_not_read;
    }
    return im;
}

io::Table places_table(const Imported& im) {
    io::Table t;
    t.name = "places";
    t.geom = io::GeomType::point;
    t.fields = {{"id"}, {"name"}, {"country"}, {"kind"}};
    const auto& places = im.topology.places;
    t.count = places.size();
    t.make_row = [&places](std::size_t i, std::vector<Cell>& row) {
        const TopoPlace& p = places[i];
        row = {p.id, text_cell(p.name), p.country.empty() ? std::string(kUnknownCountry) : p.country, p.kind};
    };
    t.shape = [&places](std::size_t i) { return std::span<const LonLat>(&places[i].pos, 1); };
    return t;
}

namespace {

// Which optional columns the imported routes need: only those some rule fills.
struct RouteColumns {
    bool annual = false, monthly = false, ranged = false, speed = false, gauge = false;
};

RouteColumns columns_in_use(const Imported& im) {
    RouteColumns c;
    for (const auto& r : im.topology.routes) {
        const Line& l = im.read.lines[r.line];
        const Rule& rule = im.rules[l.rule];
        (rule.form == CapacityForm::annual_t ? c.annual : c.monthly) = true;
        c.ranged = c.ranged || rule.low.has_value();
        c.speed = c.speed || rule.speed_kmh.has_value();
        c.gauge = c.gauge || (carries_gauge(rule.mode) && !l.gauge.empty());
    }
    return c;
}

std::vector<io::FieldDef> route_fields(const RouteColumns& c, const std::vector<std::string>& keep_fields) {
    std::vector<io::FieldDef> f = {
        {"id"}, {"name"}, {"mode"}, {"from_id"}, {"to_id"}, {"two_way", FieldType::boolean}, {"commodity"}};
    if (c.annual) f.push_back({"annual_t", FieldType::real});
    if (c.annual && c.ranged) {
        f.push_back({"ann_low", FieldType::real});
        f.push_back({"ann_high", FieldType::real});
    }
    if (c.monthly) f.push_back({"capacity", FieldType::real});
    if (c.monthly && c.ranged) {
        f.push_back({"cap_low", FieldType::real});
        f.push_back({"cap_high", FieldType::real});
    }
    f.push_back({"basis"});
    f.push_back({"note"});
    if (c.gauge) f.push_back({"gauge"});
    if (c.speed) f.push_back({"speed_kmh", FieldType::real});
    for (const auto& k : keep_fields) f.push_back({k});
    return f;
}

// The cells every route of a rule shares, made once.
struct RuleCells {
    Cell mode, commodity, note;
};

// Route i's row, in route_fields' order.
void fill_route_row(const Imported& im, const RouteColumns& c, const RuleCells& cells, std::size_t i,
                    std::vector<Cell>& row) {
    const TopoRoute& r = im.topology.routes[i];
    const auto& places = im.topology.places;
    const Line& l = im.read.lines[r.line];
    const Rule& rule = im.rules[l.rule];
    row = {r.id, text_cell(l.name), cells.mode, places[r.from].id, places[r.to].id, rule.two_way, cells.commodity};
    const bool is_annual = rule.form == CapacityForm::annual_t;
    for (const bool form : {true, false}) {
        if (form ? !c.annual : !c.monthly) continue;
        const bool mine = form == is_annual;
        row.push_back(mine ? Cell{rule.value} : Cell{});
        if (c.ranged) {
            row.push_back(mine ? number_cell(rule.low) : Cell{});
            row.push_back(mine ? number_cell(rule.high) : Cell{});
        }
    }
    row.push_back(std::string("assumed"));
    row.push_back(cells.note);
    if (c.gauge) {
        bool not_read = false;
        row.push_back(carries_gauge(rule.mode) ? text_cell(gauge_of(l.gauge, not_read)) : Cell{});
    }
    if (c.speed) row.push_back(number_cell(rule.speed_kmh));
    for (const auto& k : l.kept) row.push_back(text_cell(k));
}

}  // namespace

io::Table routes_table(const Imported& im, const std::vector<std::string>& keep_fields) {
    const RouteColumns columns = columns_in_use(im);
    io::Table t;
    t.name = "routes";
    t.geom = io::GeomType::line;
    t.fields = route_fields(columns, keep_fields);
    auto shared = std::make_shared<std::vector<RuleCells>>();
    for (const auto& rule : im.rules)
        shared->push_back({std::string(mode_name(rule.mode)), commodity_list(rule.commodities), rule.provenance()});
    const auto& routes = im.topology.routes;
    t.count = routes.size();
    t.shape = [&routes](std::size_t i) { return std::span<const LonLat>(routes[i].coords); };
    t.make_row = [&im, shared, columns](std::size_t i, std::vector<Cell>& row) {
        fill_route_row(im, columns, (*shared)[im.read.lines[im.topology.routes[i].line].rule], i, row);
    };
    return t;
}

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json sources_json(const Imported& im) {
    ordered_json all = ordered_json::array();
    for (const auto& s : im.read.sources) {
        ordered_json not_applied = ordered_json::array();
        for (const auto& [rule, field] : s.rules_not_applied) not_applied.push_back({{"rule", rule}, {"field", field}});
        all.push_back({{"source", s.source},
                       {"layer", s.layer},
                       {"driver", s.driver},
                       {"crs", s.crs},
                       {"id_prefix", s.id_prefix},
                       {"osm", s.osm},
                       {"features", s.features},
                       {"lines", s.lines},
                       {"rules_not_applied", not_applied}});
    }
    return all;
}

ordered_json rules_json(const Imported& im) {
    ordered_json all = ordered_json::array();
    for (std::size_t i = 0; i < im.rules.size(); ++i) {
        const Rule& r = im.rules[i];
        ordered_json unread = nullptr;
        for (const auto& [rule, field] : im.read.rules_unread)
            if (rule == i) unread = field;
        all.push_back({{"file", r.file.string()},
                       {"rule", r.number},
                       {"where", r.where},
                       {"skip", r.skip},
                       {"note", r.note},
                       {"matched", im.read.rule_matches[i]},
                       {"field_in_no_source", unread}});
    }
    return all;
}

ordered_json options_json(const ImportOptions& o) {
    ordered_json keep = ordered_json::array();
    for (const auto& k : o.keep_fields) keep.push_back(k);
    return {{"layer", or_null(o.layer)},   {"where", or_null(o.where)},
            {"snap_m", o.snap_m},          {"node_intersections", o.node_intersections},
            {"places", or_null(o.places)}, {"name_within_m", kNameWithinMetres},
            {"keep_fields", keep}};
}

}  // namespace

ordered_json report_json(const Imported& im, const ImportOptions& o, const ordered_json& files) {
    ordered_json j;
    j["version"] = "1";
    j["command"] = "import";
    j["sources"] = sources_json(im);
    j["rules"] = rules_json(im);
    j["options"] = options_json(o);
    const TopologyStats& s = im.topology.stats;
    j["counts"] = {{"features", import_counts(im).features},
                   {"lines", s.lines},
                   {"pieces", s.pieces},
                   {"places", im.topology.places.size()},
                   {"routes", im.topology.routes.size()},
                   {"named_places", s.named_places}};
    j["topology"] = {{"split_at_shared_nodes", s.split_at_shared_nodes},
                     {"split_at_crossings", s.split_at_crossings},
                     {"snapped_ends", s.snapped_ends},
                     {"places_before_merge", s.places_before_merge},
                     {"merged_places", s.merged_places},
                     {"merged_routes", s.merged_routes}};
    j["skipped"] = ordered_json::array();
    for (const auto& [why, n] : im.read.skipped)
        j["skipped"].push_back({{"what", "feature"}, {"reason", why}, {"count", n}});
    for (const auto& [why, n] : s.dropped) j["skipped"].push_back({{"what", "line"}, {"reason", why}, {"count", n}});
    j["gauges_not_read"] = im.gauges_not_read;
    j["files"] = files;
    return j;
}

std::vector<fs::path> write_import(const Imported& im, const ImportOptions& o) {
    check_options(o);  // again: the folder may have changed while the sources were read
    const io::Table places = places_table(im);
    const io::Table routes = routes_table(im, o.keep_fields);
    io::OutputSet set(o.out, kReportName, false);  // the report lists names and sizes, no checksums
    const std::vector<fs::path> staged = set.stage([&](const fs::path& dir) {
        io::write_geojson_fast(places, dir / "places.geojson");
        io::write_geojson_fast(routes, dir / "routes.geojson");
        return std::vector<fs::path>{dir / "places.geojson", dir / "routes.geojson"};
    });
    auto written = set.commit(staged, [&](const std::vector<io::SetFile>& files) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& f : files) list.push_back({{"name", f.name}, {"bytes", f.bytes}});
        return io::ManifestPlan{report_json(im, o, list).dump(2) + "\n", {}};
    });
    written.push_back(o.out / kReportName);
    return written;
}

namespace import_flags {
const OptionText kSources{"sources",
                          "Line layers: Shapefile, GeoPackage, GeoJSON, FlatGeobuf, OSM (.osm, .osm.pbf), PG:..."};
const OptionText kOut{"out", "The geodata folder to write (places.geojson, routes.geojson, import-report.json)"};
const OptionText kRules{
    "rules",
    "Capacity rules, required (JSON, or YAML: .yaml/.yml; repeat for several files, read in order; first match wins)"};
const OptionText kLayer{"layer", "The layer to read (default: lines of an OSM file, else the one line layer)"};
const OptionText kWhere{"where", "OGR SQL attribute filter on the source features"};
const OptionText kSnap{"snap", "Join line ends within this many metres (geodesic) into one place", true};
const OptionText kNodeIntersections{
    "node-intersections", "Split lines where they cross or touch (GEOS noding), unless bridge, tunnel or layer differ"};
const OptionText kPlaces{"places", "Named points (stations, ports, ...) that name the places within 2 km"};
const OptionText kKeepFields{"keep-fields", "Comma list of source fields copied onto the routes"};
const OptionText kOverwrite{"overwrite", "Replace the network of an existing geodata folder"};
}  // namespace import_flags

}  // namespace corridor::importer
