#include "corridor/parallel.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace corridor {

std::size_t hardware_threads() { return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16); }

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
    if (parts <= 1) {
        if (parts == 1) guarded(0);
        return errors;
    }
    OrderedQueue queue(parts - 1, parts - 1);  // parts 1.. on workers (none to be had: here)
    for (std::size_t p = 1; p < parts; ++p) queue.push([&guarded, p](std::size_t) { guarded(p); });
    guarded(0);
    while (!queue.empty()) queue.pop();
    return errors;
}

void run_parts(std::size_t parts, const std::function<void(std::size_t)>& work) {
    for (const auto& e : run_parts_collect(parts, work))
        if (e) std::rethrow_exception(e);
}

OrderedQueue::OrderedQueue(std::size_t threads, std::size_t window) : window_(std::max<std::size_t>(window, 1)) {
    threads = std::max<std::size_t>(threads, 1);
    workers_.reserve(threads);  // so that emplace_back throws only when a thread cannot start
    for (std::size_t w = 0; w < threads; ++w) {
        try {
            workers_.emplace_back([this, w] { work(w); });
        } catch (const std::system_error&) {
            break;  // fewer workers; with none, push() runs the tasks itself
        }
    }
}

OrderedQueue::~OrderedQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        todo_.clear();  // never started: their futures report a broken promise nobody reads
    }
    changed_.notify_all();
    for (auto& t : workers_) t.join();
}

std::size_t OrderedQueue::push(Task task) {
    if (full()) throw std::logic_error("OrderedQueue::push on a full queue");
    std::packaged_task<void(std::size_t)> job(std::move(task));
    pending_.push_back(job.get_future());
    if (workers_.empty()) {
        job(0);  // the exception, if any, waits in the future
    } else {
        {
            std::lock_guard lock(mutex_);
            todo_.push_back(std::move(job));
        }
        changed_.notify_one();
    }
    return pushed_++;
}

std::size_t OrderedQueue::pop() {
    if (empty()) throw std::logic_error("OrderedQueue::pop on an empty queue");
    std::future<void> oldest = std::move(pending_.front());
    pending_.pop_front();
    const std::size_t number = popped_++;
    oldest.get();
    return number;
}

void OrderedQueue::work(std::size_t worker) {
    for (;;) {
        std::packaged_task<void(std::size_t)> job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
            if (stopping_) return;
            job = std::move(todo_.front());
            todo_.pop_front();
        }
        job(worker);  // a packaged task keeps its exception for the future
    }
}

}  // namespace corridor
