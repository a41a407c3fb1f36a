// Calendar dates and months for networks with dates: when a route, place or change is in
// force, and what share of a month's days that is (a partial month counts pro rata).
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace corridor {

// A calendar day as days since 1970-01-01 (std::chrono::sys_days).
using Day = std::int32_t;

// "YYYY-MM-DD", a real calendar date (2017-02-30 is not), years 1..9999; else std::nullopt.
std::optional<Day> parse_date(std::string_view text);
std::string date_text(Day day);  // "YYYY-MM-DD"

struct Month {
    int year = 1970;
    unsigned month = 1;  // 1..12

    Day first() const;
    Day last() const;
    int days() const;
    Month next() const;
    std::string text() const;  // "YYYY-MM"
    friend auto operator<=>(const Month&, const Month&) = default;
};

// "YYYY-MM" with a month 01..12, years 1..9999; else std::nullopt.
std::optional<Month> parse_month(std::string_view text);
// The month of a day.
Month month_of(Day day);
// Months from a to b inclusive (0 when b is before a).
int months_between(Month a, Month b);

// The days something is in force, both ends included; either may be open.
struct Period {
    static constexpr Day kOpenStart = std::numeric_limits<Day>::min();
    static constexpr Day kOpenEnd = std::numeric_limits<Day>::max();
    Day from = kOpenStart;
    Day until = kOpenEnd;

    bool always() const { return from == kOpenStart && until == kOpenEnd; }
    // The share of the month's days in the period: 0 (none) .. 1 (every day).
    double share_of(Month m) const;
    friend bool operator==(const Period&, const Period&) = default;
};

}  // namespace corridor
