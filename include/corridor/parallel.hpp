// Work on several cores: contiguous parts, and an ordered queue whose results and errors come back in order.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace corridor {

// Cores to use: std::thread::hardware_concurrency(), at least 1 and at most 16.
std::size_t hardware_threads();

// Parts for n items: 1 below `min_per_part` items a part, else up to `threads`
// (0 means hardware_threads()).
std::size_t parts_for(std::size_t n, std::size_t min_per_part, std::size_t threads = 0);

// Runs work(part) for part = 0 .. parts-1, part 0 on the calling thread and each other
// part on a worker of an OrderedQueue; returns when all are done, with the exception each part
// threw (null where it did not). Nothing escapes a thread.
std::vector<std::exception_ptr> run_parts_collect(std::size_t parts, const std::function<void(std::size_t)>& work);

// The same, rethrowing the exception of the lowest part that threw, so the error reported
// is the one a single thread working through the parts in order would have met first.
void run_parts(std::size_t parts, const std::function<void(std::size_t)>& work);

// The half-open range [begin, end) of part `part` of `parts` over n items.
inline std::size_t part_begin(std::size_t n, std::size_t part, std::size_t parts) { return n * part / parts; }

// The lowest index (of a feature, a part...) whose work failed so far, shared by threads
// working through one ordered sequence: work past it may stop, since the error reported
// is the one a single pass in order would have met first.
class LowestFailure {
public:
    void fail(std::size_t index) noexcept {
        std::size_t seen = lowest_.load();
        while (index < seen && !lowest_.compare_exchange_weak(seen, index)) {}
    }
    // Whether an index below `index` failed: the work on `index` is not needed.
    bool before(std::size_t index) const noexcept { return lowest_.load(std::memory_order_relaxed) < index; }
    bool any() const noexcept { return lowest_.load() != kNone; }

private:
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::atomic<std::size_t> lowest_{kNone};
};

// Tasks run on a fixed set of worker threads and are collected in the order they were
// pushed, at most `window` of them pushed and not yet popped, so memory stays bounded
// (libosmium's thread pool with io/detail/queue_util.hpp: order and exceptions travel
// through futures). A task gets the index of the worker running it, so it can use that
// worker's own state; one worker takes its tasks in the order they were pushed. pop()
// rethrows the exception of the task it collects, so the first error reported is that of
// the lowest-indexed failing task. The destructor drops the tasks not yet started and
// waits for the running ones, so what the tasks use must outlive the queue (declare it
// after). Used from one thread (the one that pushes and pops).
class OrderedQueue {
public:
    using Task = std::function<void(std::size_t worker)>;

    // Starts up to `threads` workers (at least one is asked for); with none to be had the
    // tasks run on the calling thread inside push().
    OrderedQueue(std::size_t threads, std::size_t window);
    ~OrderedQueue();
    OrderedQueue(const OrderedQueue&) = delete;
    OrderedQueue& operator=(const OrderedQueue&) = delete;

    std::size_t workers() const { return workers_.empty() ? 1 : workers_.size(); }
    std::size_t window() const { return window_; }
    bool full() const { return pending_.size() >= window_; }
    bool empty() const { return pending_.empty(); }

    // Queues task number pushed() (0, 1, ...). Precondition: !full() (else std::logic_error).
    std::size_t push(Task task);
    // Waits for the oldest pending task and returns its number, or rethrows its exception.
    // Precondition: !empty() (else std::logic_error).
    std::size_t pop();
    std::size_t pushed() const { return pushed_; }

private:
    void work(std::size_t worker);

    const std::size_t window_;
    std::size_t pushed_ = 0;
    std::size_t popped_ = 0;
    std::deque<std::future<void>> pending_;  // the caller's: one per task pushed and not popped
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::packaged_task<void(std::size_t)>> todo_;  // pushed, not started
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace corridor
