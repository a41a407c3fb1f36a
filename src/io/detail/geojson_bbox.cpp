// The RFC 7946 bounding boxes of GDAL's GeoJSON driver (ogrgeojsonwriter.cpp, GDAL 3.6).
#include "corridor/io/detail/geojson_bbox.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::io::detail {

OGREnvelope rfc7946_bbox(const OGRGeometry& geom) {
    OGREnvelope env;
    geom.getEnvelope(&env);
    constexpr double eps = 1e-7;
    if (!OGR_GT_IsSubClassOf(wkbFlatten(geom.getGeometryType()), wkbGeometryCollection)) return env;
    const OGRGeometryCollection* gc = geom.toGeometryCollection();
    if (gc->getNumGeometries() < 2 || std::fabs(env.MinX + 180.0) >= eps || std::fabs(env.MaxX - 180.0) >= eps)
        return env;
    double west = -180.0, east = 180.0;
    bool west_set = false, east_set = false;
    for (const OGRGeometry* part : *gc) {
        if (part->IsEmpty()) continue;
        OGREnvelope pe;
        part->getEnvelope(&pe);
        const bool minus180 = std::fabs(pe.MinX + 180.0) < eps;
        const bool plus180 = std::fabs(pe.MaxX - 180.0) < eps;
        if (minus180 && !plus180) {
            if (pe.MaxX > east || !east_set) {
                east_set = true;
                east = pe.MaxX;
            }
        } else if (plus180 && !minus180) {
            if (pe.MinX < west || !west_set) {
                west_set = true;
                west = pe.MinX;
            }
        } else if (!minus180 && !plus180) {
            if (pe.MinX > 0 && (pe.MinX < west || !west_set)) {
                west_set = true;
                west = pe.MinX;
            } else if (pe.MaxX < 0 && (pe.MaxX > east || !east_set)) {
                east_set = true;
                east = pe.MaxX;
            }
        }
    }
    env.MinX = west;
    env.MaxX = east;
    return env;
}

void merge_bbox(OGREnvelope& l, const OGREnvelope& e) {
    if (!l.IsInit()) {
        l = e;
        return;
    }
    const bool e_cross = e.MinX > e.MaxX;
    const bool l_cross = l.MinX > l.MaxX;
    if (e_cross) {
        if (l_cross) {
            l.MinX = std::min(l.MinX, e.MinX);
            l.MaxX = std::max(l.MaxX, e.MaxX);
        } else if (l.MinX > 0) {
            l.MinX = std::min(l.MinX, e.MinX);
            l.MaxX = e.MaxX;
        } else if (l.MaxX < 0) {
            l.MaxX = std::max(l.MaxX, e.MaxX);
            l.MinX = e.MinX;
        } else {
            l.MinX = -180.0;
            l.MaxX = 180.0;
        }
    } else if (l_cross) {
        if (e.MinX > 0) {
            l.MinX = std::min(l.MinX, e.MinX);
        } else if (e.MaxX < 0) {
            l.MaxX = std::max(l.MaxX, e.MaxX);
        } else {
            l.MinX = -180.0;
            l.MaxX = 180.0;
        }
    } else {
        l.MinX = std::min(l.MinX, e.MinX);
        l.MaxX = std::max(l.MaxX, e.MaxX);
    }
    l.MinY = std::min(l.MinY, e.MinY);
    l.MaxY = std::max(l.MaxY, e.MaxY);
}

}  // namespace corridor::io::detail
