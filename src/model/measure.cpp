#include "corridor/model/measure.hpp"

#include "corridor/geo/geodesic.hpp"

namespace corridor {

std::vector<RouteMeasure> measure_routes(const Network& net, const SpeedTable& speeds) {
    const Geodesic geod;
    std::vector<RouteMeasure> out;
    out.reserve(net.routes.size());
    for (const auto& r : net.routes) {
        RouteMeasure m;
        m.length = to_km(geod.length(r.line));
        m.hours = speeds.hours(r.mode, m.length);
        m.capacity = monthly_capacity(r.figures);
        out.push_back(m);
    }
    return out;
}

}  // namespace corridor
