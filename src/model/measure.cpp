#include "corridor/model/measure.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include "corridor/geo/geodesic.hpp"

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
    const std::size_t threads =
        n < kParallelFrom ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (threads == 1) {
        measure_range(net, speeds, out, 0, n);
        return out;
    }
    // Routes are independent: split them in contiguous ranges, one per core.
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (std::size_t t = 0; t < threads; ++t) {
        const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
        pool.emplace_back([&, t, begin, end] {
            try {
                measure_range(net, speeds, out, begin, end);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    }
    for (auto& th : pool) th.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    return out;
}

}  // namespace corridor
