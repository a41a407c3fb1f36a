// The one owner of PROJ handles: a context and the objects made in it, each freed by RAII.
// Every PROJ user (geo/geodesic, geo/web_mercator) makes its handles here.
#pragma once

#include <proj.h>

#include <memory>
#include <string>

namespace corridor::proj {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct ObjectDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using Context = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using Object = std::unique_ptr<PJ, ObjectDeleter>;

// A new context with PROJ's own logging off (corridor reports its errors itself); throws
// error when PROJ cannot make one.
Context make_context();

// An object from a PROJ string or a CRS name in ctx; throws error naming `what` when PROJ refuses it.
Object make_object(PJ_CONTEXT* ctx, const std::string& definition, const std::string& what);

// A transformation from one CRS to another, axes in longitude, latitude (east, north) order
// whatever the CRS definitions say; throws error naming the two CRS.
Object make_transformation(PJ_CONTEXT* ctx, const std::string& from, const std::string& to);

// A copy of obj for another thread's context (a PJ is not to be shared between threads).
Object copy_to(PJ_CONTEXT* ctx, const PJ* obj);

}  // namespace corridor::proj
