// Compact field types for networks of millions of routes: an optional figure in one
// double, and a string that costs one pointer when empty.
#pragma once

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace corridor {

// std::optional<double>'s interface in 8 bytes instead of 16: NaN stands for "absent",
// so a NaN assigned to it makes it absent (figures are finite by the schema).
class OptionalNumber {
public:
    constexpr OptionalNumber() = default;
    constexpr OptionalNumber(std::nullopt_t) {}
    constexpr OptionalNumber(double v) : v_(v) {}
    constexpr OptionalNumber(const std::optional<double>& v) : v_(v ? *v : kAbsent) {}

    bool has_value() const { return !std::isnan(v_); }
    explicit operator bool() const { return has_value(); }
    double operator*() const { return v_; }
    double value() const {
        if (!has_value()) throw std::bad_optional_access();
        return v_;
    }
    double value_or(double fallback) const { return has_value() ? v_ : fallback; }
    void reset() { v_ = kAbsent; }
    operator std::optional<double>() const { return has_value() ? std::optional<double>(v_) : std::nullopt; }

    friend bool operator==(const OptionalNumber& a, const OptionalNumber& b) {
        return a.has_value() == b.has_value() && (!a.has_value() || a.v_ == b.v_);
    }
    friend bool operator==(const OptionalNumber& a, double b) { return a.has_value() && a.v_ == b; }
    friend std::ostream& operator<<(std::ostream& os, const OptionalNumber& n) {
        return n.has_value() ? os << n.v_ : os << "(absent)";
    }

private:
    static constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();
    double v_ = kAbsent;
};

// An immutable-by-assignment string, one pointer wide, null when empty: provenance
// fields are long where given and empty in most of a big network.
class Text {
public:
    Text() = default;
    Text(std::string s) { assign(std::move(s)); }
    Text(std::string_view s) { assign(std::string(s)); }
    Text(const char* s) { assign(std::string(s)); }
    Text(const Text& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
    Text(Text&&) noexcept = default;
    Text& operator=(const Text& o) {
        if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
        return *this;
    }
    Text& operator=(Text&&) noexcept = default;
    Text& operator=(std::string s) {
        assign(std::move(s));
        return *this;
    }
    Text& operator=(const char* s) { return *this = std::string(s); }
    ~Text() = default;

    const std::string& str() const { return p_ ? *p_ : empty_string(); }
    operator const std::string&() const { return str(); }
    bool empty() const { return !p_; }
    void clear() { p_.reset(); }
    std::size_t size() const { return str().size(); }
    const char* c_str() const { return str().c_str(); }

    friend bool operator==(const Text& a, const Text& b) { return a.str() == b.str(); }
    friend bool operator==(const Text& a, std::string_view b) { return std::string_view(a.str()) == b; }
    friend bool operator==(const Text& a, const char* b) { return std::string_view(a.str()) == b; }
    friend std::ostream& operator<<(std::ostream& os, const Text& t) { return os << t.str(); }

private:
    std::unique_ptr<std::string> p_;

    static const std::string& empty_string() {
        static const std::string empty;
        return empty;
    }
    void assign(std::string s) { p_ = s.empty() ? nullptr : std::make_unique<std::string>(std::move(s)); }
};

// A value held behind one pointer, null when it equals T{} (absent): for records most
// features of a big network leave empty, such as the bounds of a figure. Copies deep.
template <class T>
class Boxed {
public:
    Boxed() = default;
    Boxed(const T& v) { assign(v); }
    Boxed(const Boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& o) {
        if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    Boxed& operator=(const T& v) {
        assign(v);
        return *this;
    }
    ~Boxed() = default;

    // The value, or T{} when none is held.
    const T& get() const { return p_ ? *p_ : none(); }
    const T* operator->() const { return &get(); }
    bool empty() const { return !p_; }

    friend bool operator==(const Boxed& a, const Boxed& b) { return a.get() == b.get(); }

private:
    std::unique_ptr<T> p_;

    static const T& none() {
        static const T absent{};
        return absent;
    }
    void assign(const T& v) { p_ = v == T{} ? nullptr : std::make_unique<T>(v); }
};

}  // namespace corridor
