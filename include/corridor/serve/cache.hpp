// Response bodies built once and shared: a body with its ETag and gzip form, and a
// least-recently-used cache of bounded bytes in which concurrent requests for the same key
// wait for one build instead of each building (and holding) their own copy.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace corridor {

// A response body, immutable once built; its gzip form is made on first demand.
class Body {
public:
    explicit Body(std::string text);
    const std::string& text() const { return text_; }
    // "\"<16 hex digits>\"": FNV-1a 64 of the text, quoted as HTTP wants an entity tag.
    const std::string& etag() const { return etag_; }
    // The text gzip-compressed (RFC 1952), computed once.
    const std::string& gzip() const;

private:
    std::string text_;
    std::string etag_;
    mutable std::once_flag gzip_once_;
    mutable std::string gzip_;
};

// gzip (RFC 1952) of text with zlib; throws error when zlib fails.
std::string gzip_compress(const std::string& text);

// Keeps the most recently used values up to max_bytes (as size_of counts them). A value
// larger than the bound is kept alone (everything older is dropped): a large network's one
// analysis is worth keeping even when it alone is over the budget, since dropping it would
// only rebuild it for the next request. Memory is bounded by the larger of max_bytes and
// the largest value (plus values being built).
// A build that throws is not kept: every waiter gets the exception, the next request
// builds again. Safe from several threads.
template <class T>
class LruCache {
public:
    using Value = std::shared_ptr<const T>;
    LruCache(std::size_t max_bytes, std::function<std::size_t(const T&)> size_of)
        : max_bytes_(max_bytes), size_of_(std::move(size_of)) {}

    Value get_or_build(const std::string& key, const std::function<Value()>& build);
    std::size_t bytes() const {
        std::lock_guard lock(mutex_);
        return bytes_;
    }
    std::size_t builds() const {
        std::lock_guard lock(mutex_);
        return builds_;
    }

private:
    struct Entry {
        std::shared_future<Value> value;
        std::size_t bytes = 0;  // 0 while building
        std::list<std::string>::iterator use;
    };
    void keep(const std::string& key, const Value& value);
    void evict(const std::string& kept);

    std::size_t max_bytes_;
    std::function<std::size_t(const T&)> size_of_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::list<std::string> uses_;  // most recent first
    std::size_t bytes_ = 0;
    std::size_t builds_ = 0;
};

template <class T>
typename LruCache<T>::Value LruCache<T>::get_or_build(const std::string& key, const std::function<Value()>& build) {
    std::promise<Value> promise;
    std::shared_future<Value> waiting;
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) {
            uses_.splice(uses_.begin(), uses_, it->second.use);
            waiting = it->second.value;
        } else {
            uses_.push_front(key);
            entries_[key] = Entry{promise.get_future().share(), 0, uses_.begin()};
            ++builds_;
        }
    }
    if (waiting.valid()) return waiting.get();  // built, or being built by another request
    try {
        Value v = build();
        promise.set_value(v);
        keep(key, v);
        return v;
    } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) {
            uses_.erase(it->second.use);
            entries_.erase(it);
        }
        throw;
    }
}

template <class T>
void LruCache<T>::keep(const std::string& key, const Value& value) {
    const std::size_t size = std::max<std::size_t>(1, size_of_(*value));
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    it->second.bytes = size;
    bytes_ += size;
    evict(key);
}

// Drops the least recently used built entries until the bytes fit, never the one just
// kept (entries still being built count 0 and stay: their waiters hold the future).
template <class T>
void LruCache<T>::evict(const std::string& kept) {
    for (auto use = uses_.end(); bytes_ > max_bytes_ && use != uses_.begin();) {
        --use;
        auto it = entries_.find(*use);
        if (it->second.bytes == 0 || *use == kept) continue;
        bytes_ -= it->second.bytes;
        entries_.erase(it);
        use = uses_.erase(use);
    }
}

}  // namespace corridor
