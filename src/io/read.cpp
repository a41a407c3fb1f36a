#include "corridor/io/read.hpp"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_fast.hpp"

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

// A transformation to EPSG:4326 when the layer declares another CRS; none otherwise.
TransformPtr to_wgs84(OGRLayer& layer, const std::filesystem::path& path) {
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

FieldValue field_value(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return std::monostate{};
    const OGRFieldDefn* def = f.GetFieldDefnRef(i);
    switch (def->GetType()) {
        case OFTInteger:
            if (def->GetSubType() == OFSTBoolean) return f.GetFieldAsInteger(i) != 0;
            return static_cast<std::int64_t>(f.GetFieldAsInteger(i));
        case OFTInteger64: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case OFTReal: return f.GetFieldAsDouble(i);
        case OFTStringList: {
            std::vector<std::string> out;
            if (char** list = f.GetFieldAsStringList(i))
                for (; *list != nullptr; ++list) out.emplace_back(*list);
            return out;
        }
        default: return std::string(f.GetFieldAsString(i));
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
        default: out.kind = GeomKind::other;
    }
}

bool is_geojson_name(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".geojson" || ext == ".json";
}

// Every feature through OGR, in order, on the calling thread.
void read_ogr(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit) {
    auto ds = gdal::open_vector(path);
    OGRLayer* layer = first_layer(*ds, path);
    auto ct = to_wgs84(*layer, path);
    gdal::QuietErrors quiet;
    layer->ResetReading();
    std::size_t index = 0;
    RawFeature rf;
    const GIntBig count = layer->GetFeatureCount(FALSE);  // -1 when the driver would have to scan
    rf.total = count > 0 ? static_cast<std::size_t>(count) : 0;
    for (auto& feature : *layer) {
        rf.index = index++;
        rf.fields.clear();
        rf.coords.clear();
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            FieldValue v = field_value(*feature, i);
            if (!std::holds_alternative<std::monostate>(v))
                rf.fields.emplace(feature->GetFieldDefnRef(i)->GetNameRef(), std::move(v));
        }
        OGRGeometry* g = feature->GetGeometryRef();
        if (g != nullptr && ct && g->transform(ct.get()) != OGRERR_NONE)
            throw input_error({path.string(), "#" + std::to_string(rf.index + 1), "geometry"},
                              "cannot reproject to EPSG:4326: " + gdal::last_error());
        read_geometry(g, rf);
        visit(rf);
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw input_error({path.string(), "", ""}, "cannot read: " + gdal::last_error());
}

}  // namespace

void read_features(const std::filesystem::path& path, const std::function<void(const RawFeature&)>& visit,
                   ReadEngine engine) {
    // GeoJSON through simdjson when the file only uses what the fast path reads exactly
    // as OGR does; anything else (and every other format) through OGR.
    if (engine == ReadEngine::automatic && is_geojson_name(path) && read_geojson_fast(path, visit)) return;
    read_ogr(path, visit);
}

void read_features_parallel(const std::filesystem::path& path, const PartVisitor& visitor, ReadEngine engine,
                            std::size_t threads) {
    if (engine == ReadEngine::automatic && is_geojson_name(path) && read_geojson_fast(path, visitor, threads)) return;
    visitor.start(1, 0);
    read_ogr(path, [&](const RawFeature& f) { visitor.visit(0, f); });
}

RawLayer read_layer(const std::filesystem::path& path, ReadEngine engine) {
    RawLayer out{path, {}};
    read_features(path, [&](const RawFeature& f) { out.features.push_back(f); }, engine);
    return out;
}

std::vector<std::vector<unsigned char>> read_polygons_wkb(const std::filesystem::path& path) {
    auto ds = gdal::open_vector(path);
    OGRLayer* layer = first_layer(*ds, path);
    auto ct = to_wgs84(*layer, path);
    std::vector<std::vector<unsigned char>> out;
    gdal::QuietErrors quiet;
    for (auto& feature : *layer) {
        OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) continue;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
            throw input_error({path.string(), "#" + std::to_string(feature->GetFID()), "geometry"},
                              std::string("expected Polygon or MultiPolygon, got ") +
                                  OGRGeometryTypeToName(g->getGeometryType()));
        if (ct && g->transform(ct.get()) != OGRERR_NONE)
            throw input_error({path.string(), "", "geometry"}, "cannot reproject: " + gdal::last_error());
        std::vector<unsigned char> wkb(g->WkbSize());
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        out.push_back(std::move(wkb));
    }
    return out;
}

}  // namespace corridor::io
