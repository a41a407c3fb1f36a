#include "corridor/io/read.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <ogr_geometry.h>
#include <ogrsf_frmts.h>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_reader.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace {

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const noexcept { OGRCoordinateTransformation::DestroyCT(ct); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

OGRLayer* first_layer(GDALDataset& ds, const std::filesystem::path& path) {
    if (ds.GetLayerCount() < 1) throw input_error({path.string(), "", ""}, "cannot read: no vector layer");
    return ds.GetLayer(0);
}

// Open options for reading: GeoJSON dates stay the strings they are ("2015-01-02" would
// become "2015/01/02", "12:30" "12:30:00"), and each feature keeps its JSON (NATIVE_DATA),
// so values OGR unified across features can be read as written (json_properties). Other
// drivers ignore them.
const std::vector<std::string> kOpenOptions = {"DATE_AS_STRING=YES", "NATIVE_DATA=YES"};

// A GeoJSON "crs" that PROJ does not know leaves the layer in WGS84 (GDAL only prints an
// error), so it is checked here: refused, never read as lon/lat.
void check_declared_crs(OGRLayer& layer, const std::filesystem::path& path) {
    const char* native = layer.GetMetadataItem("NATIVE_DATA", "NATIVE_DATA");
    if (native == nullptr) return;
    const auto head = nlohmann::json::parse(native, nullptr, false);
    if (head.is_discarded() || !head.is_object() || !head.contains("crs")) return;
    const auto& crs = head["crs"];
    const Location where{path.string(), "", "crs"};
    if (!crs.is_object() || crs.value("type", "") != "name" || !crs.contains("properties") ||
        !crs["properties"].is_object() || !crs["properties"].contains("name") || !crs["properties"]["name"].is_string())
        throw input_error(where,
                          "unsupported crs member (expected {\"type\": \"name\", \"properties\": {\"name\": ...}})");
    const std::string name = crs["properties"]["name"].get<std::string>();
    OGRSpatialReference srs;
    gdal::QuietErrors quiet;
    if (srs.SetFromUserInput(name.c_str()) != OGRERR_NONE)
        throw input_error(where, fmt::format("unknown CRS \"{}\" ({}); give EPSG:4326 lon/lat or a CRS PROJ knows",
                                             name, gdal::last_error()));
}

// A transformation to EPSG:4326 when the layer declares another CRS; none otherwise.
TransformPtr to_wgs84(OGRLayer& layer, const std::filesystem::path& path) {
    check_declared_crs(layer, path);
    const OGRSpatialReference* src = layer.GetSpatialRef();
    if (src == nullptr) return nullptr;  // GeoJSON without crs is WGS84 by RFC 7946
    auto dst = gdal::wgs84();
    OGRSpatialReference src_gis(*src);
    src_gis.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src_gis.IsGeographic() && src_gis.IsSameGeogCS(dst.get())) return nullptr;
    gdal::QuietErrors quiet;
    TransformPtr ct(OGRCreateCoordinateTransformation(&src_gis, dst.get()));
    if (!ct) throw input_error({path.string(), "", ""}, "cannot reproject to EPSG:4326: " + gdal::last_error());
    return ct;
}

// A date, time or date-time field of a typed format (GeoPackage, Shapefile, FlatGeobuf) in
// ISO 8601, as such a file stores it, instead of OGR's "2015/01/02".
std::string iso_date(OGRFeature& f, int i, OGRFieldType type) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
    const std::string date = fmt::format("{:04d}-{:02d}-{:02d}", y, mo, d);
    const std::string time = sec == std::floor(sec) ? fmt::format("{:02d}:{:02d}:{:02d}", h, mi, static_cast<int>(sec))
                                                    : fmt::format("{:02d}:{:02d}:{:06.3f}", h, mi, sec);
    if (type == OFTDate) return date;
    if (type == OFTTime) return time;
    if (tz <= 1) return date + "T" + time;  // unknown or local time: no offset
    if (tz == 100) return date + "T" + time + "Z";
    const int minutes = std::abs(tz - 100) * 15;
    return date + "T" + time + fmt::format("{}{:02d}:{:02d}", tz > 100 ? '+' : '-', minutes / 60, minutes % 60);
}

FieldValue field_value(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return std::monostate{};
    const OGRFieldDefn* def = f.GetFieldDefnRef(i);
    switch (def->GetType()) {
        case OFTInteger:
            if (def->GetSubType() == OFSTBoolean) return f.GetFieldAsInteger(i) != 0;
            return static_cast<std::int64_t>(f.GetFieldAsInteger(i));
        case OFTInteger64:
            return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case OFTReal:
            return f.GetFieldAsDouble(i);
        case OFTDate:
        case OFTTime:
        case OFTDateTime:
            return iso_date(f, i, def->GetType());
        case OFTStringList: {
            std::vector<std::string> out;
            if (char** list = f.GetFieldAsStringList(i))
                for (; *list != nullptr; ++list) out.emplace_back(*list);
            return out;
        }
        default:
            return std::string(f.GetFieldAsString(i));
    }
}

void read_geometry(OGRGeometry* g, RawFeature& out) {
    out.kind = GeomKind::none;
    if (g == nullptr || g->IsEmpty()) {
        out.kind = GeomKind::none;
        out.geom_type = g == nullptr ? "no geometry" : "empty geometry";
        return;
    }
    out.geom_type = OGRGeometryTypeToName(g->getGeometryType());
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            out.kind = GeomKind::point;
            out.coords.push_back({p->getX(), p->getY()});
            break;
        }
        case wkbLineString: {
            const auto* l = g->toLineString();
            out.kind = GeomKind::line;
            out.coords.reserve(static_cast<std::size_t>(l->getNumPoints()));
            for (int i = 0; i < l->getNumPoints(); ++i) out.coords.push_back({l->getX(i), l->getY(i)});
            break;
        }
        default:
            out.kind = GeomKind::other;
    }
}

// A JSON property as the model reads it: std::nullopt when OGR's own value says as much
// (null, objects, mixed arrays, integers beyond int64).
std::optional<FieldValue> json_value(const nlohmann::json& v) {
    using T = nlohmann::json::value_t;
    switch (v.type()) {
        case T::boolean:
            return FieldValue{v.get<bool>()};
        case T::number_integer:
            return FieldValue{v.get<std::int64_t>()};
        case T::number_unsigned:
            if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return {};
            return FieldValue{static_cast<std::int64_t>(v.get<std::uint64_t>())};
        case T::number_float:
            return FieldValue{v.get<double>()};
        case T::string:
            return FieldValue{v.get<std::string>()};
        case T::array: {
            std::vector<std::string> items;
            for (const auto& item : v) {
                if (!item.is_string()) return {};
                items.push_back(item.get<std::string>());
            }
            return FieldValue{std::move(items)};
        }
        default:
            return {};
    }
}

// OGR gives a GeoJSON field one type over all features, so a value can come back in
// another form than it was written: `true` as 1 in an Integer field, `1` as "1" in a
// String field, "a,b" as a list of one in a StringList field. Where the feature's own JSON
// (NATIVE_DATA) says another kind of value, that value is taken; an integer read as a real
// stays OGR's (the same number, as the fast reader gives it). Unparsable JSON (invalid
// UTF-8, which the loader reports) leaves OGR's values.
void json_properties(const char* native, RawFeature& rf) {
    const auto feature = nlohmann::json::parse(native, nullptr, false);
    if (feature.is_discarded() || !feature.is_object()) return;
    const auto props = feature.find("properties");
    if (props == feature.end() || !props->is_object()) return;
    for (const auto& [key, value] : props->items()) {
        const auto it = rf.fields.find(std::string_view(key));
        if (it == rf.fields.end()) continue;  // OGR read no value (null), or made it no field
        std::optional<FieldValue> raw = json_value(value);
        if (!raw) continue;
        const bool same_kind = raw->index() == it->second.index() || (std::holds_alternative<std::int64_t>(*raw) &&
                                                                      std::holds_alternative<double>(it->second));
        if (!same_kind) it->second = std::move(*raw);
    }
}

bool is_geojson_name(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".geojson" || ext == ".json";
}

// The result of a dataset's ExecuteSQL, handed back to it.
struct ResultRelease {
    GDALDataset* ds = nullptr;
    void operator()(OGRLayer* layer) const noexcept { ds->ReleaseResultSet(layer); }
};
using ResultSet = std::unique_ptr<OGRLayer, ResultRelease>;

// The features of an OGR layer one at a time, into one RawFeature whose storage is reused.
class OgrFeatures {
public:
    explicit OgrFeatures(const LayerSource& source)
        : path_(source.label()), ds_(open_source(source)), layer_(pick_layer(*ds_, source)),
          ct_(to_wgs84(*layer_, path_)) {
        layer_->ResetReading();
        const GIntBig count = layer_->GetFeatureCount(FALSE);  // -1 when the driver would have to scan
        total_ = count > 0 ? static_cast<std::size_t>(count) : 0;
        // The layer's fields in the order of their names, as the feature's map keeps them.
        const OGRFeatureDefn* defn = layer_->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) names_.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        without_pgrouting_columns(names_);
        for (std::size_t i = 0; i < names_.size(); ++i)
            if (!names_[i].empty()) order_.push_back(static_cast<int>(i));
        std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) { return names_[a] < names_[b]; });
        for (std::size_t k = 1; k < order_.size(); ++k)
            if (names_[order_[k]] == names_[order_[k - 1]]) unique_names_ = false;
    }

    std::size_t total() const { return total_; }  // 0 when not known up front

    // The next feature into rf; false at the end. Throws input_error naming the feature.
    bool next(RawFeature& rf) {
        OGRFeatureUniquePtr feature(layer_->GetNextFeature());
        if (!feature) {
            if (CPLGetLastErrorType() >= CE_Failure)
                throw input_error({path_, "", ""}, "cannot read: " + without_password(gdal::last_error()));
            return false;
        }
        rf.index = index_++;
        rf.total = total_;
        rf.coords.clear();
        if (unique_names_ && feature->GetFieldCount() == static_cast<int>(names_.size())) fields(*feature, rf);
        else fields_by_name(*feature, rf, names_);
        if (const char* native = feature->GetNativeData()) json_properties(native, rf);
        OGRGeometry* g = feature->GetGeometryRef();
        if (g != nullptr && ct_ && g->transform(ct_.get()) != OGRERR_NONE)
            throw input_error({path_, "#" + std::to_string(rf.index + 1), "geometry"},
                              "cannot reproject to EPSG:4326: " + gdal::last_error());
        read_geometry(g, rf);
        return true;
    }

    std::size_t read() const { return index_; }

private:
    // The feature's fields into rf.fields, walking the map and the layer's fields in
    // name order together: the entries of the feature before are reused (strings keep
    // their storage), and no field is searched for.
    void fields(OGRFeature& feature, RawFeature& rf) const {
        auto& map = rf.fields;
        auto it = map.begin();
        for (const int i : order_) {
            const std::string& name = names_[static_cast<std::size_t>(i)];
            while (it != map.end() && it->first < name) it = map.erase(it);  // not a field of this layer
            const bool here = it != map.end() && it->first == name;
            if (!feature.IsFieldSetAndNotNull(i)) {
                if (here) it = map.erase(it);
                continue;
            }
            const OGRFieldType type = feature.GetFieldDefnRef(i)->GetType();
            if (here && (type == OFTString) && std::holds_alternative<std::string>(it->second)) {
                std::get<std::string>(it->second).assign(feature.GetFieldAsString(i));
                ++it;
            } else if (here) {
                it->second = field_value(feature, i);
                ++it;
            } else {
                it = std::next(map.emplace_hint(it, name, field_value(feature, i)));
            }
        }
        map.erase(it, map.end());
    }

    // The same one field at a time (a layer whose fields share a name: the last one wins).
    static void fields_by_name(OGRFeature& feature, RawFeature& rf, const std::vector<std::string>& names) {
        for (int i = 0; i < feature.GetFieldCount(); ++i) {
            const std::string& name = names[static_cast<std::size_t>(i)];
            if (name.empty()) continue;  // left out (a pgRouting column)
            FieldValue v = field_value(feature, i);
            const auto it = rf.fields.find(std::string_view(name));
            if (std::holds_alternative<std::monostate>(v)) {
                if (it != rf.fields.end()) rf.fields.erase(it);
            } else if (it != rf.fields.end()) {
                it->second = std::move(v);
            } else {
                rf.fields.emplace(name, std::move(v));
            }
        }
    }

    // A PG: datasource through the PostgreSQL driver, anything else as a file.
    static gdal::DatasetPtr open_source(const LayerSource& source) {
        if (is_postgres(source.datasource.native())) return open_postgres(source.datasource.native(), false);
        return gdal::open_vector(source.datasource, kOpenOptions);
    }

    // The named layer, or the first; a database's table is read in the order of its key
    // (a table written once is in that order anyway; one updated since may not be).
    OGRLayer* pick_layer(GDALDataset& ds, const LayerSource& source) {
        if (source.layer.empty()) return first_layer(ds, path_);
        OGRLayer* layer = ds.GetLayerByName(source.layer.c_str());
        if (layer == nullptr) {
            std::string names;
            for (int i = 0; i < ds.GetLayerCount(); ++i)
                names += (names.empty() ? "" : ", ") + std::string(ds.GetLayer(i)->GetName());
            throw input_error(
                {without_password(source.datasource.native()), "", ""},
                fmt::format("cannot read: no layer {} (the layers: {})", source.layer, names.empty() ? "none" : names));
        }
        const char* fid = layer->GetFIDColumn();
        if (!is_postgres(source.datasource.native()) || fid == nullptr || *fid == '\0') return layer;
        std::string table = layer->GetName();  // "schema.table" outside the active schema
        std::string quoted;
        for (std::size_t start = 0; start <= table.size();) {
            const std::size_t dot = std::min(table.find('.', start), table.size());
            quoted += (quoted.empty() ? "" : ".") + quote_identifier(table.substr(start, dot - start));
            start = dot + 1;
        }
        const std::string sql = fmt::format("SELECT * FROM {} ORDER BY {}", quoted, quote_identifier(fid));
        result_ = ResultSet(ds.ExecuteSQL(sql.c_str(), nullptr, nullptr), ResultRelease{&ds});
        if (!result_) throw input_error({path_, "", ""}, "cannot read: " + without_password(gdal::last_error()));
        return result_.get();
    }

    static std::string quote_identifier(const std::string& name) {
        std::string out = "\"";
        for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        return out + "\"";
    }

    // pgRouting's columns of a routes table that export --format postgis wrote: left out
    // (an empty name), and cap_t_mo read as corridor's capacity.
    static void without_pgrouting_columns(std::vector<std::string>& names) {
        for (const std::string_view column : kPgRoutingColumns)
            if (std::find(names.begin(), names.end(), column) == names.end()) return;
        for (std::string& name : names) {
            if (std::find(kPgRoutingColumns.begin(), kPgRoutingColumns.end(), name) != kPgRoutingColumns.end())
                name.clear();
            else if (name == kGivenCapacity) name = "capacity";
        }
    }

    std::string path_;  // the label messages name
    gdal::DatasetPtr ds_;
    ResultSet result_;  // before layer_, which may point into it; released before ds_ closes
    OGRLayer* layer_;
    TransformPtr ct_;
    gdal::QuietErrors quiet_;
    std::size_t total_ = 0;
    std::size_t index_ = 0;
    std::vector<std::string> names_;  // by field index
    std::vector<int> order_;          // field indices by name
    bool unique_names_ = true;
};

// Every feature through OGR, in order, on the calling thread.
void read_ogr(const LayerSource& path, const std::function<void(const RawFeature&)>& visit) {
    OgrFeatures features(path);
    RawFeature rf;
    while (features.next(rf)) visit(rf);
}

constexpr std::size_t kOgrFeaturesPerPart = 20000;  // fewer than this: one thread
constexpr std::size_t kBatch = 1024;                // features handed over at once

// OGR decodes on the calling thread; `parts` workers of an OrderedQueue visit batches of
// features as they come (a part is then not one run of features, but every batch its worker
// took, in order). Batches are collected in order, so the error rethrown is that of the
// lowest-indexed failing feature, and an OGR error only once every batch before it is done.
void read_ogr_parts(const LayerSource& path, const PartVisitor& visitor, std::size_t threads) {
    OgrFeatures source(path);
    const std::size_t total = source.total();
    const std::size_t parts = total == 0 ? 1 : parts_for(total, kOgrFeaturesPerPart, threads);
    if (parts == 1) {
        visitor.start(1, 0);
        RawFeature rf;
        while (source.next(rf)) visitor.visit(0, rf);
        return;
    }
    visitor.start(parts, total);
    std::vector<std::vector<RawFeature>> batches(2 * parts + 2);  // batch b in batches[b % size]
    LowestFailure failed;                                         // the lowest feature index whose visit threw
    auto visit_batch = [&](const std::vector<RawFeature>& batch, std::size_t part) {
        for (const RawFeature& f : batch) {
            if (failed.before(f.index)) return;  // an earlier error wins
            try {
                visitor.visit(part, f);
            } catch (...) {
                failed.fail(f.index);
                throw;
            }
        }
    };
    auto fill = [&](std::vector<RawFeature>& batch) {  // false at the end of the layer
        std::size_t n = 0;
        for (; n < kBatch; ++n) {
            if (batch.size() <= n) batch.emplace_back();
            if (!source.next(batch[n])) break;
        }
        batch.resize(n);
        return n == kBatch;
    };
    OrderedQueue queue(parts, batches.size());  // after what its tasks use: it waits for them as it goes
    for (bool more = true; more && !failed.any();) {
        if (queue.full()) queue.pop();  // rethrows a visit's error: the lowest, batches coming in order
        auto& batch = batches[queue.pushed() % batches.size()];
        try {
            more = fill(batch);
        } catch (...) {  // OGR failed at the feature after those read: an error of a visit before it wins
            const std::exception_ptr ogr = std::current_exception();
            while (!queue.empty()) queue.pop();
            std::rethrow_exception(ogr);
        }
        queue.push([&visit_batch, &batch](std::size_t worker) { visit_batch(batch, worker); });
    }
    while (!queue.empty()) queue.pop();
    if (source.read() > total || (!failed.any() && source.read() != total))
        throw input_error({path.label(), "", ""},
                          fmt::format("cannot read: the layer says {} features but has {}", total, source.read()));
}

}  // namespace

void read_features(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit,
                   ReadEngine engine) {
    // GeoJSON through simdjson when the file only uses what the fast path reads exactly
    // as OGR does; anything else (and every other format) through OGR.
    require_regular_file(path);  // a named pipe would block both readers
    if (engine == ReadEngine::automatic && is_geojson_name(path) && read_geojson_fast(path, visit)) return;
    read_ogr({path, {}}, visit);
}

void read_features_parallel(const std::filesystem::path& path, const PartVisitor& visitor, ReadEngine engine,
                            std::size_t threads) {
    require_regular_file(path);
    if (engine == ReadEngine::automatic && is_geojson_name(path) && read_geojson_fast(path, visitor, threads)) return;
    read_ogr_parts({path, {}}, visitor, threads);
}

void read_features_parallel(const LayerSource& source, const PartVisitor& visitor, ReadEngine engine,
                            std::size_t threads) {
    if (source.layer.empty() && !is_postgres(source.datasource.native())) {
        read_features_parallel(source.datasource, visitor, engine, threads);
        return;
    }
    if (!is_postgres(source.datasource.native())) require_regular_file(source.datasource);
    read_ogr_parts(source, visitor, threads);
}

std::string LayerSource::label() const {
    const std::string name = without_password(datasource.native());
    return layer.empty() ? name : fmt::format("{} ({})", name, layer);
}

RawLayer read_layer(const std::filesystem::path& path, ReadEngine engine) {
    RawLayer out{path, {}};
    read_features(
        path, [&](const RawFeature& f) { out.features.push_back(f); }, engine);
    return out;
}

std::vector<std::vector<unsigned char>> read_polygons_wkb(const std::filesystem::path& path) {
    auto ds = gdal::open_vector(path, kOpenOptions);
    OGRLayer* layer = first_layer(*ds, path);
    auto ct = to_wgs84(*layer, path);
    std::vector<std::vector<unsigned char>> out;
    gdal::QuietErrors quiet;
    for (auto& feature : *layer) {
        OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) continue;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            throw input_error(
                {path.string(), "#" + std::to_string(feature->GetFID()), "geometry"},
                std::string("expected Polygon or MultiPolygon, got ") + OGRGeometryTypeToName(g->getGeometryType()));
        if (ct && g->transform(ct.get()) != OGRERR_NONE)
            throw input_error({path.string(), "", "geometry"}, "cannot reproject: " + gdal::last_error());
        std::vector<unsigned char> wkb(g->WkbSize());
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        out.push_back(std::move(wkb));
    }
    return out;
}

}  // namespace corridor::io
