// RAII wrappers over the GEOS reentrant C API (geos_c.h, *_r): geometries, prepared geometries, predicates.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "corridor/geo/types.hpp"

typedef struct GEOSContextHandle_HS* GEOSContextHandle_t;
typedef struct GEOSGeom_t GEOSGeometry;
typedef struct GEOSPrepGeom_t GEOSPreparedGeometry;

namespace corridor::geos {

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept;
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept;
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

// One GEOS context; geometries made by it must not outlive it. Not thread-safe:
// one context per thread. Every GEOS failure becomes a corridor::error.
class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    GEOSContextHandle_t handle() const { return ctx_; }

    GeomPtr point(LonLat p) const;
    GeomPtr line(const Polyline& coords) const;
    // The lines as one MultiLineString.
    GeomPtr multi_line(const std::vector<const Polyline*>& lines) const;
    // The linework noded: split at every crossing and shared vertex (GEOSNode).
    GeomPtr node(const GEOSGeometry* g) const;
    GeomPtr from_wkb(std::span<const unsigned char> wkb) const;
    // A deep copy owned by this context (g may come from another context: it is only read).
    GeomPtr clone(const GEOSGeometry* g) const;
    // Union of many geometries (consumes them).
    GeomPtr union_all(std::vector<GeomPtr> parts) const;
    GeomPtr make_valid(const GEOSGeometry* g) const;
    GeomPtr intersection(const GEOSGeometry* a, const GEOSGeometry* b) const;
    GeomPtr difference(const GEOSGeometry* a, const GEOSGeometry* b) const;
    PreparedPtr prepare(const GEOSGeometry* g) const;

    // Valid per OGC; the reason ("Self-intersection[...]") when not.
    std::optional<std::string> invalid_reason(const GEOSGeometry* g) const;
    bool is_empty(const GEOSGeometry* g) const;
    bool intersects(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const;
    bool covers(const GEOSPreparedGeometry* a, const GEOSGeometry* b) const;
    // A point that lies on the geometry (for messages that say where).
    LonLat point_on(const GEOSGeometry* g) const;

    const std::string& last_message() const { return message_; }

private:
    GeomPtr own(GEOSGeometry* g, const char* what) const;
    GEOSContextHandle_t ctx_;
    std::string message_;
};

}  // namespace corridor::geos
