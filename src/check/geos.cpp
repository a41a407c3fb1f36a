#include "corridor/check/geos.hpp"

#include <geos_c.h>

#include "corridor/error.hpp"

namespace corridor::geos {
namespace {

void on_message(const char* message, void* userdata) {
    auto* sink = static_cast<std::string*>(userdata);
    if (sink != nullptr && message != nullptr) *sink = message;
}

}  // namespace

void GeomDeleter::operator()(GEOSGeometry* g) const noexcept { GEOSGeom_destroy_r(ctx, g); }
void PreparedDeleter::operator()(const GEOSPreparedGeometry* g) const noexcept { GEOSPreparedGeom_destroy_r(ctx, g); }

Context::Context() : ctx_(GEOS_init_r()) {
    if (ctx_ == nullptr) throw error("GEOS: cannot create a context");
    GEOSContext_setErrorMessageHandler_r(ctx_, on_message, &message_);
    GEOSContext_setNoticeMessageHandler_r(ctx_, nullptr, nullptr);
}

Context::~Context() { GEOS_finish_r(ctx_); }

GeomPtr Context::own(GEOSGeometry* g, const char* what) const {
    if (g == nullptr) throw error(std::string("GEOS: ") + what + " failed: " + message_);
    return GeomPtr(g, GeomDeleter{ctx_});
}

GeomPtr Context::point(LonLat p) const { return own(GEOSGeom_createPointFromXY_r(ctx_, p.lon, p.lat), "point"); }

GeomPtr Context::line(const Polyline& coords) const {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, static_cast<unsigned>(coords.size()), 2);
    if (seq == nullptr) throw error("GEOS: coordinate sequence failed: " + message_);
    for (unsigned i = 0; i < coords.size(); ++i) GEOSCoordSeq_setXY_r(ctx_, seq, i, coords[i].lon, coords[i].lat);
    return own(GEOSGeom_createLineString_r(ctx_, seq), "line");
}

GeomPtr Context::multi_line(const std::vector<const Polyline*>& lines) const {
    std::vector<GeomPtr> parts;
    parts.reserve(lines.size());
    for (const Polyline* l : lines) parts.push_back(line(*l));
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.get());
    GEOSGeometry* coll =
        GEOSGeom_createCollection_r(ctx_, GEOS_MULTILINESTRING, raw.data(), static_cast<unsigned>(raw.size()));
    if (coll != nullptr)
        for (auto& p : parts) (void)p.release();  // the collection owns them now
    return own(coll, "collection");
}

GeomPtr Context::node(const GEOSGeometry* g) const { return own(GEOSNode_r(ctx_, g), "noding"); }

GeomPtr Context::from_wkb(std::span<const unsigned char> wkb) const {
    return own(GEOSGeomFromWKB_buf_r(ctx_, wkb.data(), wkb.size()), "WKB reading");
}

GeomPtr Context::clone(const GEOSGeometry* g) const { return own(GEOSGeom_clone_r(ctx_, g), "clone"); }

GeomPtr Context::union_all(std::vector<GeomPtr> parts) const {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    GEOSGeometry* coll =
        GEOSGeom_createCollection_r(ctx_, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size()));
    GeomPtr collection = own(coll, "collection");
    return own(GEOSUnaryUnion_r(ctx_, collection.get()), "union");
}

GeomPtr Context::make_valid(const GEOSGeometry* g) const { return own(GEOSMakeValid_r(ctx_, g), "make valid"); }

GeomPtr Context::intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSIntersection_r(ctx_, a, b), "intersection");
}

GeomPtr Context::difference(const GEOSGeometry* a, const GEOSGeometry* b) const {
    return own(GEOSDifference_r(ctx_, a, b), "difference");
}

PreparedPtr Context::prepare(const GEOSGeometry* g) const {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx_, g);
    if (p == nullptr) throw error("GEOS: prepare failed: " + message_);
    return PreparedPtr(p, PreparedDeleter{ctx_});
}

std::optional<std::string> Context::invalid_reason(const GEOSGeometry* g) const {
    const char valid = GEOSisValid_r(ctx_, g);
    if (valid == 1) return std::nullopt;
    if (valid == 2) throw error("GEOS: validity check failed: " + message_);
    char* reason = GEOSisValidReason_r(ctx_, g);
    std::string out = reason != nullptr ? reason : "invalid geometry";
    GEOSFree_r(ctx_, reason);
    return out;
}

bool Context::is_empty(const GEOSGeometry* g) const {
    const char r = GEOSisEmpty_r(ctx_, g);
    if (r == 2) throw error("GEOS: isEmpty failed: " + message_);
    return r == 1;
}

bool Context::intersects(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const {
    const char r = GEOSPreparedIntersects_r(ctx_, a, b);
    if (r == 2) throw error("GEOS: intersects failed: " + message_);
    return r == 1;
}

bool Context::covers(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const {
    const char r = GEOSPreparedCovers_r(ctx_, a, b);
    if (r == 2) throw error("GEOS: covers failed: " + message_);
    return r == 1;
}

LonLat Context::point_on(const GEOSGeometry* g) const {
    GeomPtr p = own(GEOSPointOnSurface_r(ctx_, g), "point on surface");
    double x = 0, y = 0;
    if (GEOSGeomGetX_r(ctx_, p.get(), &x) != 1 || GEOSGeomGetY_r(ctx_, p.get(), &y) != 1)
        throw error("GEOS: reading a point failed: " + message_);
    return {x, y};
}

}  // namespace corridor::geos
