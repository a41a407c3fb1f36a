#include "corridor/parallel.hpp"

#include <algorithm>
#include <thread>

namespace corridor {

std::size_t hardware_threads() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
}

std::size_t parts_for(std::size_t n, std::size_t min_per_part, std::size_t threads) {
    if (threads == 0) threads = hardware_threads();
    if (min_per_part == 0) min_per_part = 1;
    return std::clamp<std::size_t>(n / min_per_part, 1, threads);
}

std::vector<std::exception_ptr> run_parts_collect(std::size_t parts, const std::function<void(std::size_t)>& work) {
    std::vector<std::exception_ptr> errors(parts);
    auto guarded = [&](std::size_t part) {
        try {
            work(part);
        } catch (...) {
            errors[part] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(parts > 0 ? parts - 1 : 0);
    try {
        for (std::size_t p = 1; p < parts; ++p) pool.emplace_back(guarded, p);
    } catch (...) {  // no thread to be had: do the rest here
        for (std::size_t p = pool.size() + 1; p < parts; ++p) guarded(p);
    }
    if (parts > 0) guarded(0);
    for (auto& t : pool) t.join();
    return errors;
}

void run_parts(std::size_t parts, const std::function<void(std::size_t)>& work) {
    for (const auto& e : run_parts_collect(parts, work))
        if (e) std::rethrow_exception(e);
}

}  // namespace corridor
