#include "corridor/model/measure.hpp"

#include "corridor/geo/geodesic.hpp"
#include "corridor/parallel.hpp"

namespace corridor {
namespace {

constexpr std::size_t kParallelFrom = 50000;  // routes; below this a thread costs more than it saves

void measure_range(const Network& net, const SpeedTable& speeds, std::vector<RouteMeasure>& out, std::size_t begin,
                   std::size_t end) {
    const Geodesic geod;  // PROJ contexts are per thread
    for (std::size_t i = begin; i < end; ++i) {
        const Route& r = net.routes[i];
        RouteMeasure& m = out[i];
        m.length = to_km(geod.length(r.line));
        m.hours = speeds.hours(r.mode, m.length);
        m.capacity = monthly_capacity(r.figures);
    }
}

}  // namespace

std::vector<RouteMeasure> measure_routes(const Network& net, const SpeedTable& speeds) {
    const std::size_t n = net.routes.size();
    std::vector<RouteMeasure> out(n);
    // Routes are independent: contiguous ranges, one per core (one PROJ context each).
    const std::size_t parts = n < kParallelFrom ? 1 : parts_for(n, 1);
    run_parts(parts, [&](std::size_t p) {
        measure_range(net, speeds, out, part_begin(n, p, parts), part_begin(n, p + 1, parts));
    });
    return out;
}

}  // namespace corridor
