#include "corridor/model/dates.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace corridor {
namespace {

namespace chr = std::chrono;

// Digits only, exactly n of them.
std::optional<int> digits(std::string_view s, std::size_t n) {
    if (s.size() != n || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

Day to_day(const chr::year_month_day& ymd) { return static_cast<Day>(chr::sys_days(ymd).time_since_epoch().count()); }

chr::year_month_day to_ymd(Day d) { return chr::year_month_day{chr::sys_days{chr::days{d}}}; }

}  // namespace

std::optional<Day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text.substr(0, 4), 4), m = digits(text.substr(5, 2), 2), d = digits(text.substr(8, 2), 2);
    if (!y || !m || !d || *y < 1) return std::nullopt;
    const chr::year_month_day ymd{chr::year{*y}, chr::month{static_cast<unsigned>(*m)},
                                  chr::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return to_day(ymd);
}

std::string date_text(Day day) {
    const auto ymd = to_ymd(day);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

Day Month::first() const { return to_day(chr::year{year} / chr::month{month} / 1); }

Day Month::last() const { return to_day(chr::year{year} / chr::month{month} / chr::last); }

int Month::days() const { return last() - first() + 1; }

Month Month::next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }

std::string Month::text() const { return fmt::format("{:04}-{:02}", year, month); }

std::optional<Month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    const auto y = digits(text.substr(0, 4), 4), m = digits(text.substr(5, 2), 2);
    if (!y || !m || *y < 1 || *m < 1 || *m > 12) return std::nullopt;
    return Month{*y, static_cast<unsigned>(*m)};
}

Month month_of(Day day) {
    const auto ymd = to_ymd(day);
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

int months_between(Month a, Month b) {
    const int n = (b.year - a.year) * 12 + static_cast<int>(b.month) - static_cast<int>(a.month) + 1;
    return std::max(n, 0);
}

double Period::share_of(Month m) const {
    const Day first = std::max(from, m.first());
    const Day last = std::min(until, m.last());
    if (last < first) return 0;
    return static_cast<double>(last - first + 1) / m.days();
}

}  // namespace corridor
