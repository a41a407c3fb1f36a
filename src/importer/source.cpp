#include "corridor/importer/source.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/geo/proj.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::importer {
namespace fs = std::filesystem;
namespace {

struct FeatureDeleter {
    void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

// The OSM keys the lines layer reports as fields (GDAL's default osmconf.ini reports only a
// few and puts the rest into other_tags, where a rule's `where` cannot read them).
constexpr const char* kOsmLineKeys =
    "name,highway,railway,usage,service,gauge,electrified,voltage,tracks,maxspeed,bridge,tunnel,layer,route,ferry,"
    "motor_vehicle,hgv,ref,oneway,waterway,aerialway,barrier,man_made";

// GDAL's osmconf.ini with kOsmLineKeys as the lines layer's attributes, in a temporary file
// for the driver's CONFIG_FILE open option; removed when it goes out of scope.
class OsmConfig {
public:
    OsmConfig() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / fmt::format("corridor-osmconf-{}-{}.ini", ::getpid(), counter++);
        std::string text;
        if (const char* found = CPLFindFile("gdal", "osmconf.ini")) {
            std::ifstream in(found);
            std::stringstream ss;
            ss << in.rdbuf();
            text = ss.str();
        }
        std::string out;
        std::istringstream lines(text);
        std::string line, section;
        bool replaced = false;
        while (std::getline(lines, line)) {
            if (!line.empty() && line[0] == '[') section = line;
            if (section == "[lines]" && line.rfind("attributes=", 0) == 0) {
                line = std::string("attributes=") + kOsmLineKeys;
                replaced = true;
            }
            out += line + "\n";
        }
        if (!replaced) out += std::string("[lines]\nosm_id=yes\nattributes=") + kOsmLineKeys + "\n";
        std::ofstream f(path_);
        f << out;
        if (!f.flush()) throw error(fmt::format("{}: cannot write the OSM driver's configuration", path_.string()));
    }
    ~OsmConfig() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    OsmConfig(const OsmConfig&) = delete;
    OsmConfig& operator=(const OsmConfig&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

bool is_osm_file(const std::string& source) {
    const std::string s = ascii_lower(source);
    auto ends = [&](const std::string& e) {
        return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    };
    return ends(".osm") || ends(".osm.pbf") || ends(".pbf");
}

// A source as messages name it: a PG: string without its password.
std::string shown(const std::string& source) { return io::without_password(source); }

// A PG: string through io::open_postgres: no password prompt, a bounded wait, and a
// failure naming host and database.
gdal::DatasetPtr open_source(const std::string& source, const std::vector<std::string>& options) {
    if (!is_connection_string(source)) return gdal::open_vector(source, options);
    return io::open_postgres(source, false);
}

bool is_line_type(OGRwkbGeometryType t) {
    const auto f = wkbFlatten(t);
    return f == wkbLineString || f == wkbMultiLineString;
}

std::string layer_names(GDALDataset& ds) {
    std::string s;
    for (int i = 0; i < ds.GetLayerCount(); ++i) s += (i ? ", " : "") + std::string(ds.GetLayer(i)->GetName());
    return s;
}

OGRLayer& choose_layer(GDALDataset& ds, const std::string& source, const std::string& wanted, bool osm) {
    const Location where{shown(source), "", ""};
    const std::string name = !wanted.empty() ? wanted : osm ? "lines" : "";
    if (!name.empty()) {
        OGRLayer* l = ds.GetLayerByName(name.c_str());
        if (l == nullptr) throw input_error(where, fmt::format("no layer \"{}\" (layers: {})", name, layer_names(ds)));
        return *l;
    }
    std::vector<OGRLayer*> lines;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        if (is_line_type(ds.GetLayer(i)->GetGeomType())) lines.push_back(ds.GetLayer(i));
    if (lines.size() == 1) return *lines.front();
    if (lines.size() > 1)
        throw input_error(where, fmt::format("several line layers ({}): choose one with --layer", layer_names(ds)));
    if (ds.GetLayerCount() == 1) return *ds.GetLayer(0);
    throw input_error(where, fmt::format("no layer of lines (layers: {})", layer_names(ds)));
}

void require_lines(OGRLayer& layer, const std::string& source) {
    const auto t = wkbFlatten(layer.GetGeomType());
    if (is_line_type(t) || t == wkbUnknown || t == wkbGeometryCollection) return;
    throw input_error({shown(source), "", ""},
                      fmt::format("layer \"{}\" holds {} geometries, not lines", layer.GetName(),
                                  t == wkbNone ? "no" : OGRGeometryTypeToName(t)));
}

// Reprojects a layer's coordinates to EPSG:4326 (lon, lat) with PROJ; nothing to do when
// the layer is in WGS84 longitude/latitude already or declares no CRS (taken as EPSG:4326).
class ToWgs84 {
public:
    ToWgs84(OGRLayer& layer, const std::string& source) {
        const OGRSpatialReference* srs = layer.GetSpatialRef();
        if (srs == nullptr) {
            name_ = "EPSG:4326 (none declared)";
            return;
        }
        const char* auth = srs->GetAuthorityName(nullptr);
        const char* code = srs->GetAuthorityCode(nullptr);
        std::string definition;
        if (auth != nullptr && code != nullptr) {
            definition = fmt::format("{}:{}", auth, code);
            name_ = definition;
        } else {
            char* wkt = nullptr;
            const char* const opts[] = {"FORMAT=WKT2_2019", nullptr};
            srs->exportToWkt(&wkt, opts);
            definition = wkt != nullptr ? wkt : "";
            CPLFree(wkt);
            name_ = srs->GetName() != nullptr ? srs->GetName() : "unnamed CRS";
        }
        const auto wgs84 = gdal::wgs84();
        if (srs->IsGeographic() && srs->IsSameGeogCS(wgs84.get())) {
            // Same datum: only the axis order may differ, which OGR's mapping already fixes
            // for GIS order (longitude first) when the data are EPSG:4326.
            if (definition == "EPSG:4326") return;
        }
        ctx_ = proj::make_context();
        try {
            pj_ = proj::make_transformation(ctx_.get(), definition, "EPSG:4326");
        } catch (const error&) {
            throw input_error({shown(source), "", ""},
                              fmt::format("layer \"{}\": cannot reproject {} to EPSG:4326", layer.GetName(), name_));
        }
    }

    const std::string& name() const { return name_; }

    // The points transformed in place; one PROJ cannot transform becomes infinite (HUGE_VAL),
    // which the caller's longitude/latitude check refuses.
    void apply(Polyline& line) const {
        if (!pj_ || line.empty()) return;
        const std::size_t n = line.size();
        proj_trans_generic(pj_.get(), PJ_FWD, &line[0].lon, sizeof(LonLat), n, &line[0].lat, sizeof(LonLat), n, nullptr,
                           0, 0, nullptr, 0, 0);
    }

private:
    std::string name_;
    proj::Context ctx_;
    proj::Object pj_;
};

bool valid_lonlat(LonLat p) {
    return std::isfinite(p.lon) && std::isfinite(p.lat) && std::abs(p.lat) <= 90 && std::abs(p.lon) <= 180;
}

bool truthy(const char* v) {
    const std::string s = ascii_lower(v != nullptr ? v : "");
    return !(s.empty() || s == "no" || s == "false" || s == "0");
}

// A layer's name as the start of route ids: a-z, 0-9 and _ only.
std::string slug(const std::string& name) {
    std::string s;
    for (const char c : ascii_lower(name)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) s += c;
        else if (!s.empty() && s.back() != '_') s += '_';
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    return s.empty() ? "line" : s;
}

struct LayerFields {
    int name = -1, gauge = -1, bridge = -1, tunnel = -1, layer = -1;
    std::vector<int> kept;
};

// The fields the importer reads by name (OSM's tags as GDAL's OSM driver names them).
constexpr std::pair<int LayerFields::*, const char*> kReadFields[] = {{&LayerFields::name, "name"},
                                                                      {&LayerFields::gauge, "gauge"},
                                                                      {&LayerFields::bridge, "bridge"},
                                                                      {&LayerFields::tunnel, "tunnel"},
                                                                      {&LayerFields::layer, "layer"}};

LayerFields field_indexes(OGRFeatureDefn& defn, const std::vector<std::string>& keep) {
    LayerFields f;
    for (const auto& [field, name] : kReadFields) f.*field = defn.GetFieldIndex(name);
    for (const auto& k : keep) f.kept.push_back(defn.GetFieldIndex(k.c_str()));
    return f;
}

std::string field_text(OGRFeature& f, int index) {
    if (index < 0 || !f.IsFieldSetAndNotNull(index)) return {};
    return f.GetFieldAsString(index);
}

Level level_of(OGRFeature& f, const LayerFields& idx) {
    Level l;
    if (idx.bridge >= 0 && f.IsFieldSetAndNotNull(idx.bridge)) l.bridge = truthy(f.GetFieldAsString(idx.bridge));
    if (idx.tunnel >= 0 && f.IsFieldSetAndNotNull(idx.tunnel)) l.tunnel = truthy(f.GetFieldAsString(idx.tunnel));
    if (idx.layer >= 0 && f.IsFieldSetAndNotNull(idx.layer)) l.layer = std::atoi(f.GetFieldAsString(idx.layer));
    return l;
}

// The parts of a line or multi-line geometry as point lists in the layer's CRS.
bool line_parts(const OGRGeometry* g, std::vector<Polyline>& parts) {
    parts.clear();
    auto add = [&](const OGRLineString& ls) {
        Polyline p(static_cast<std::size_t>(ls.getNumPoints()));
        for (int i = 0; i < ls.getNumPoints(); ++i) p[static_cast<std::size_t>(i)] = {ls.getX(i), ls.getY(i)};
        parts.push_back(std::move(p));
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbLineString:
            add(*g->toLineString());
            return true;
        case wkbMultiLineString:
            for (const OGRLineString* ls : *g->toMultiLineString()) add(*ls);
            return true;
        default:
            return false;
    }
}

// The line without consecutive repeated points; false when its coordinates are not lon/lat.
bool clean(Polyline& line) {
    for (const LonLat& p : line)
        if (!valid_lonlat(p)) return false;
    line.erase(std::unique(line.begin(), line.end()), line.end());
    return true;
}

class SourceReader {
public:
    SourceReader(const std::vector<Rule>& rules, const ReadOptions& options, ReadResult& out)
        : rules_(rules), options_(options), out_(out) {}

    void read(const std::string& source, std::uint32_t index) {
        SourceInfo info;
        info.source = shown(source);
        info.osm = !is_connection_string(source) && is_osm_file(source);
        std::unique_ptr<OsmConfig> config = info.osm ? std::make_unique<OsmConfig>() : nullptr;
        std::vector<std::string> open_options;
        if (config) open_options.push_back("CONFIG_FILE=" + config->path().string());
        const gdal::DatasetPtr ds = open_source(source, open_options);
        OGRLayer& layer = choose_layer(*ds, source, options_.layer, info.osm);
        require_lines(layer, source);
        info.layer = layer.GetName();
        info.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
        filter_where(layer, info);
        OGRFeatureDefn& defn = *layer.GetLayerDefn();
        LayerRules layer_rules(rules_, &defn);
        check_rules(layer_rules, info);
        const ToWgs84 transform(layer, source);
        info.crs = transform.name();
        info.id_prefix = unique_prefix(slug(info.layer), index);
        const LayerFields idx = field_indexes(defn, options_.keep_fields);
        for (std::size_t k = 0; k < idx.kept.size(); ++k)
            if (idx.kept[k] >= 0) kept_found_[k] = true;
        read_features(layer, {layer_rules, transform, idx, index}, info);
        out_.sources.push_back(std::move(info));
    }

    // After every source: names no source had, and the rules no layer could read.
    void finish() {
        for (std::size_t k = 0; k < kept_found_.size(); ++k)
            if (!kept_found_[k])
                throw request_error(
                    fmt::format("--keep-fields: no source layer has a field \"{}\"", options_.keep_fields[k]));
        for (const auto& [rule, field] : missing_everywhere_) out_.rules_unread.emplace_back(rule, field);
    }

    void init() {
        kept_found_.assign(options_.keep_fields.size(), false);
        out_.rule_matches.assign(rules_.size(), 0);
    }

private:
    // What reading one layer's features needs: its rules, its transform to WGS 84, its field
    // indexes and the source's index.
    struct LayerReading {
        LayerRules& rules;
        const ToWgs84& transform;
        const LayerFields& idx;
        std::uint32_t index;
    };

    void filter_where(OGRLayer& layer, const SourceInfo& info) {
        if (options_.where.empty()) return;
        gdal::QuietErrors quiet;
        if (layer.SetAttributeFilter(options_.where.c_str()) != OGRERR_NONE)
            throw request_error(fmt::format("--where: {}: layer \"{}\": OGR refuses \"{}\": {}", info.source,
                                            info.layer, options_.where, ogr_message(gdal::last_error())));
    }

    // Every feature of the layer: its lines when a rule takes it, else why it is skipped.
    void read_features(OGRLayer& layer, const LayerReading& r, SourceInfo& info) {
        layer.ResetReading();
        const GIntBig count = options_.progress ? layer.GetFeatureCount(FALSE) : -1;
        ReadProgress progress{info.source, 0, count > 0 ? static_cast<std::size_t>(count) : 0};
        std::vector<Polyline> parts;
        for (FeaturePtr f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
            ++info.features;
            if (options_.progress && info.features % 4096 == 0) {
                progress.done = info.features;
                options_.progress(progress);
            }
            if (const auto rule = taken_by(*f, r.rules, parts)) add_lines(*f, *rule, parts, r, info);
        }
        if (options_.progress) {
            progress.done = progress.total = info.features;
            options_.progress(progress);
        }
    }

    // The rule that takes a feature, its line parts read into parts; none (counted as skipped,
    // with the reason) when it has no line geometry, no rule matches, or its rule skips it.
    std::optional<std::size_t> taken_by(OGRFeature& f, LayerRules& rules, std::vector<Polyline>& parts) {
        const OGRGeometry* g = f.GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) return skipped("no geometry");
        if (!line_parts(g, parts)) return skipped("not a line geometry");
        const auto rule = rules.match(f);
        if (!rule) return skipped("no rule matches");
        ++out_.rule_matches[*rule];
        if (rules_[*rule].skip) return skipped("skipped by " + rules_[*rule].label());
        return rule;
    }

    std::optional<std::size_t> skipped(const std::string& why) {
        skip(why);
        return std::nullopt;
    }

    // The feature's parts as lines in WGS 84, with its level, name, gauge and kept fields.
    void add_lines(OGRFeature& f, std::size_t rule, std::vector<Polyline>& parts, const LayerReading& r,
                   SourceInfo& info) {
        for (std::size_t p = 0; p < parts.size(); ++p) {
            Line line;
            line.coords = std::move(parts[p]);
            r.transform.apply(line.coords);
            if (!clean(line.coords)) {
                skip("coordinates not longitude/latitude after reprojection");
                continue;
            }
            if (line.coords.size() < 2) {
                skip("fewer than two distinct points");
                continue;
            }
            line.source = r.index;
            line.fid = f.GetFID();
            line.part = static_cast<std::uint32_t>(parts.size() > 1 ? p + 1 : 0);
            line.rule = static_cast<std::uint32_t>(rule);
            line.level = level_of(f, r.idx);
            line.name = field_text(f, r.idx.name);
            line.gauge = field_text(f, r.idx.gauge);
            line.kept.reserve(r.idx.kept.size());
            for (const int k : r.idx.kept) line.kept.push_back(field_text(f, k));
            out_.lines.push_back(std::move(line));
            ++info.lines;
        }
    }

    void skip(const std::string& why) { ++out_.skipped[why]; }

    void check_rules(const LayerRules& lr, SourceInfo& info) {
        if (const auto& bad = lr.invalid()) {
            const Rule& r = rules_[bad->first];
            throw input_error(
                {r.file.string(), "", ""},
                fmt::format("rule {}: field where: invalid expression \"{}\": {}", r.number, r.where, bad->second));
        }
        std::map<std::size_t, std::string> missing_here;
        for (const auto& m : lr.missing()) {
            info.rules_not_applied.emplace_back(rules_[m.rule].label(), m.field);
            missing_here[m.rule] = m.field;
        }
        // A rule missing a field in every layer so far: kept only while no layer reads it.
        if (first_layer_) {
            missing_everywhere_ = missing_here;
            first_layer_ = false;
        } else {
            for (auto it = missing_everywhere_.begin(); it != missing_everywhere_.end();)
                it = missing_here.contains(it->first) ? std::next(it) : missing_everywhere_.erase(it);
        }
    }

    std::string unique_prefix(const std::string& base, std::uint32_t index) {
        std::string p = base;
        if (prefixes_.contains(p)) p = fmt::format("{}_s{}", base, index + 1);
        prefixes_.insert(p);
        return p;
    }

    const std::vector<Rule>& rules_;
    const ReadOptions& options_;
    ReadResult& out_;
    std::vector<bool> kept_found_;
    std::map<std::size_t, std::string> missing_everywhere_;
    bool first_layer_ = true;
    std::set<std::string> prefixes_;
};

}  // namespace

bool is_connection_string(const std::string& source) { return io::is_postgres(source); }

ReadResult read_sources(const std::vector<std::string>& sources, const std::vector<Rule>& rules,
                        const ReadOptions& options) {
    ReadResult out;
    SourceReader reader(rules, options, out);
    reader.init();
    for (std::size_t i = 0; i < sources.size(); ++i) reader.read(sources[i], static_cast<std::uint32_t>(i));
    reader.finish();
    return out;
}

std::vector<NamedPoint> read_named_points(const std::string& source) {
    const bool osm = !is_connection_string(source) && is_osm_file(source);
    const gdal::DatasetPtr ds = open_source(source, {});
    OGRLayer* layer = osm ? ds->GetLayerByName("points") : nullptr;
    for (int i = 0; layer == nullptr && i < ds->GetLayerCount(); ++i)
        if (wkbFlatten(ds->GetLayer(i)->GetGeomType()) == wkbPoint) layer = ds->GetLayer(i);
    if (layer == nullptr)
        throw input_error({shown(source), "", ""},
                          fmt::format("--places: no layer of points (layers: {})", layer_names(*ds)));
    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const int name = defn.GetFieldIndex("name");
    if (name < 0)
        throw input_error({shown(source), "", "name"},
                          fmt::format("--places: layer \"{}\" has no name field", layer->GetName()));
    int country = defn.GetFieldIndex("country");
    if (country < 0) country = defn.GetFieldIndex("iso_a2");
    const int kind = defn.GetFieldIndex("kind");
    const ToWgs84 transform(*layer, source);
    std::vector<NamedPoint> out;
    layer->ResetReading();
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint || g->IsEmpty()) continue;
        NamedPoint p;
        p.name = field_text(*f, name);
        if (p.name.empty()) continue;
        Polyline at{{g->toPoint()->getX(), g->toPoint()->getY()}};
        transform.apply(at);
        if (!valid_lonlat(at[0])) continue;
        p.pos = at[0];
        p.country = field_text(*f, country);
        p.kind = field_text(*f, kind);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace corridor::importer
