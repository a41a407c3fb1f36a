// Work split into contiguous parts, one thread each: the one way corridor uses several cores.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace corridor {

// Cores to use: std::thread::hardware_concurrency(), at least 1 and at most 16.
std::size_t hardware_threads();

// Parts for n items: 1 below `min_per_part` items a part, else up to `threads`
// (0 means hardware_threads()).
std::size_t parts_for(std::size_t n, std::size_t min_per_part, std::size_t threads = 0);

// Runs work(part) for part = 0 .. parts-1, part 0 on the calling thread and each other
// part on a thread of its own; returns when all are done, with the exception each part
// threw (null where it did not). Nothing escapes a thread.
std::vector<std::exception_ptr> run_parts_collect(std::size_t parts, const std::function<void(std::size_t)>& work);

// The same, rethrowing the exception of the lowest part that threw, so the error reported
// is the one a single thread working through the parts in order would have met first.
void run_parts(std::size_t parts, const std::function<void(std::size_t)>& work);

// The half-open range [begin, end) of part `part` of `parts` over n items.
inline std::size_t part_begin(std::size_t n, std::size_t part, std::size_t parts) { return n * part / parts; }

}  // namespace corridor
