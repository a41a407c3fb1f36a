#include "corridor/geo/proj.hpp"

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor::proj {

Context make_context() {
    Context ctx(proj_context_create());
    if (!ctx) throw error("PROJ: cannot create a context");
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    return ctx;
}

Object make_object(PJ_CONTEXT* ctx, const std::string& definition, const std::string& what) {
    Object obj(proj_create(ctx, definition.c_str()));
    if (!obj) throw error(fmt::format("PROJ: cannot create {}", what));
    return obj;
}

Object make_transformation(PJ_CONTEXT* ctx, const std::string& from, const std::string& to) {
    Object raw(proj_create_crs_to_crs(ctx, from.c_str(), to.c_str(), nullptr));
    if (!raw) throw error(fmt::format("PROJ: cannot create the transformation {} -> {}", from, to));
    Object normalised(proj_normalize_for_visualization(ctx, raw.get()));
    if (!normalised) throw error(fmt::format("PROJ: cannot normalise {} -> {} to longitude, latitude", from, to));
    return normalised;
}

Object copy_to(PJ_CONTEXT* ctx, const PJ* obj) {
    Object copy(proj_clone(ctx, obj));
    if (!copy) throw error("PROJ: cannot copy a transformation for another thread");
    return copy;
}

}  // namespace corridor::proj
