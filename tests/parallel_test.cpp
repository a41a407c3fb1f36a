// Work in parts and through the ordered queue: every task runs, results come in order, the lowest error wins.
#include "corridor/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace corridor {
namespace {

TEST(Parallel, EveryPartRunsOnce) {
    std::vector<std::atomic<int>> runs(5);
    run_parts(5, [&](std::size_t p) { ++runs[p]; });
    for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(Parallel, TheLowestFailingPartsErrorWins) {
    try {
        run_parts(4, [](std::size_t p) {
            if (p >= 1) throw std::runtime_error("part " + std::to_string(p));
        });
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "part 1");
    }
    const auto errors = run_parts_collect(3, [](std::size_t p) {
        if (p == 2) throw std::runtime_error("x");
    });
    EXPECT_FALSE(errors[0]);
    EXPECT_FALSE(errors[1]);
    EXPECT_TRUE(errors[2]);
}

TEST(Parallel, PartsCoverTheItemsInOrder) {
    EXPECT_EQ(parts_for(10, 100, 4), 1u);
    EXPECT_EQ(parts_for(1000, 100, 4), 4u);
    EXPECT_EQ(parts_for(250, 100, 4), 2u);
    EXPECT_GE(hardware_threads(), 1u);
    const std::size_t n = 1001, parts = 3;
    EXPECT_EQ(part_begin(n, 0, parts), 0u);
    EXPECT_EQ(part_begin(n, parts, parts), n);
    for (std::size_t p = 0; p < parts; ++p) EXPECT_LE(part_begin(n, p, parts), part_begin(n, p + 1, parts));
}

// Pushes tasks 0..n-1 on a queue of `threads` workers and `window`, popping the oldest
// whenever the window is full (then calling collected(task)); returns the task numbers in
// the order pop() gave them.
std::vector<std::size_t> run_all(
    std::size_t threads, std::size_t window, std::size_t n, const std::function<void(std::size_t)>& task,
    const std::function<void(std::size_t)>& collected = [](std::size_t) {}) {
    std::vector<std::size_t> order;
    OrderedQueue queue(threads, window);
    auto pop = [&] {
        order.push_back(queue.pop());
        collected(order.back());
    };
    for (std::size_t t = 0; t < n; ++t) {
        if (queue.full()) pop();
        queue.push([&task, t](std::size_t) { task(t); });
    }
    while (!queue.empty()) pop();
    return order;
}

TEST(OrderedQueue, ResultsComeInTheOrderPushed) {
    std::vector<std::size_t> done(200, 0);
    // Early tasks are the slowest, so workers finish out of order.
    const auto order = run_all(3, 6, done.size(), [&](std::size_t t) {
        std::this_thread::sleep_for(std::chrono::microseconds(t % 7 == 0 ? 300 : 0));
        done[t] = t + 1;
    });
    ASSERT_EQ(order.size(), done.size());
    for (std::size_t t = 0; t < order.size(); ++t) {
        EXPECT_EQ(order[t], t);
        EXPECT_EQ(done[t], t + 1);  // popped means finished: its result is there
    }
}

TEST(OrderedQueue, TheLowestFailingTasksErrorWins) {
    for (int round = 0; round < 20; ++round) {
        try {
            run_all(4, 8, 64, [](std::size_t t) {
                // Task 9 fails late, after tasks 10 and 11 have failed.
                if (t == 9) std::this_thread::sleep_for(std::chrono::milliseconds(2));
                if (t >= 9) throw std::runtime_error("task " + std::to_string(t));
            });
            FAIL() << "expected an error";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "task 9");
        }
    }
}

TEST(OrderedQueue, AtMostTheWindowIsInFlight) {
    constexpr std::size_t window = 5;
    // A task's result lives from the task until the caller pops it: never more than the window.
    std::atomic<std::size_t> alive{0}, most{0}, started{0};
    const auto order = run_all(
        4, window, 300,
        [&](std::size_t) {
            ++started;
            const std::size_t now = ++alive;
            std::size_t seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {}
        },
        [&](std::size_t) { --alive; });
    EXPECT_EQ(order.size(), 300u);
    EXPECT_EQ(started.load(), 300u);
    EXPECT_LE(most.load(), window);
}

TEST(OrderedQueue, PushOnAFullQueueAndPopOnAnEmptyOneAreErrors) {
    OrderedQueue queue(2, 2);
    queue.push([](std::size_t) {});
    queue.push([](std::size_t) {});
    EXPECT_TRUE(queue.full());
    EXPECT_THROW(queue.push([](std::size_t) {}), std::logic_error);
    EXPECT_EQ(queue.pop(), 0u);
    EXPECT_EQ(queue.pop(), 1u);
    EXPECT_THROW(queue.pop(), std::logic_error);
}

TEST(OrderedQueue, EachWorkerTakesItsTasksInOrder) {
    std::vector<std::vector<std::size_t>> by_worker(3);  // outlives the queue, which waits for its tasks
    OrderedQueue queue(3, 9);
    ASSERT_LE(queue.workers(), by_worker.size());
    std::vector<std::size_t> order;
    for (std::size_t t = 0; t < 500; ++t) {
        if (queue.full()) order.push_back(queue.pop());
        queue.push([&by_worker, t](std::size_t worker) { by_worker.at(worker).push_back(t); });
    }
    while (!queue.empty()) order.push_back(queue.pop());
    std::size_t total = 0;
    for (const auto& tasks : by_worker) {
        EXPECT_TRUE(std::is_sorted(tasks.begin(), tasks.end()));
        total += tasks.size();
    }
    EXPECT_EQ(total, 500u);
}

TEST(LowestFailure, KeepsTheLowestIndex) {
    LowestFailure failed;
    EXPECT_FALSE(failed.any());
    EXPECT_FALSE(failed.before(0));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < 8; ++i) threads.emplace_back([&failed, i] { failed.fail(100 - i * 10); });
    for (auto& t : threads) t.join();
    EXPECT_TRUE(failed.any());
    EXPECT_FALSE(failed.before(30));  // 30 is the lowest
    EXPECT_TRUE(failed.before(31));
}

}  // namespace
}  // namespace corridor
