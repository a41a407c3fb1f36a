// Fuzz target text: the number and fact parsers of seed texts, dates and --set specs.
#include <algorithm>
#include <cmath>
#include <string>

#include "corridor/error.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/text/facts.hpp"
#include "corridor/text/numbers.hpp"
#include "harness.hpp"

namespace corridor::fuzz {
namespace {

void check_tokens(std::string_view data) {
    std::size_t previous = 0;
    for (const NumberToken& t : number_tokens(data)) {
        if (t.begin >= t.end || t.end > data.size()) throw Finding("text: a number token outside the text");
        if (t.begin < previous) throw Finding("text: number tokens out of order");
        previous = t.begin;
        if (std::isnan(t.value) || std::isnan(t.scale) || t.scale <= 0)
            throw Finding("text: a number token without a value");
    }
    for (const double v : numbers_in(data))
        if (std::isnan(v)) throw Finding("text: numbers_in gives NaN");
}

void check_facts(std::string_view data) {
    std::size_t previous = 0;
    for (const Fact& f : extract_facts("seed.txt", data)) {
        const std::string at = "text: fact at " + std::to_string(f.offset) + ": ";
        if (f.offset + f.text.size() > data.size() || data.substr(f.offset, f.text.size()) != f.text)
            throw Finding(at + "its text is not the input's at its offset");
        if (f.text.empty()) throw Finding(at + "empty text");
        if (f.offset < previous) throw Finding(at + "facts out of order");
        previous = f.offset;
        const auto newlines = static_cast<std::size_t>(
            std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(f.offset), '\n'));
        if (f.line != newlines + 1)
            throw Finding(at + "line " + std::to_string(f.line) + ", expected " + std::to_string(newlines + 1));
        if (fact_kind_name(f.kind) == "?") throw Finding(at + "unknown kind");
        if (f.low && f.high && *f.low > *f.high) throw Finding(at + "a range whose low end is above its high end");
        if (f.value && std::isnan(*f.value)) throw Finding(at + "NaN value");
        if (!f.sentence.empty() && data.find(f.sentence) == std::string_view::npos)
            throw Finding(at + "its sentence is not in the input");
    }
}

void check_dates(std::string_view data) {
    if (const auto day = parse_date(data); day && date_text(*day) != data)
        throw Finding("text: the date \"" + std::string(data) + "\" reads back as " + date_text(*day));
    if (const auto month = parse_month(data)) {
        if (month->text() != data)
            throw Finding("text: the month \"" + std::string(data) + "\" reads back as " + month->text());
        if (month->days() < 28 || month->days() > 31 || month->last() - month->first() + 1 != month->days())
            throw Finding("text: the month " + month->text() + " has " + std::to_string(month->days()) + " days");
    }
}

void check_set(std::string_view data) {
    try {
        const Change c = parse_set(std::string(data));
        if (!std::isfinite(c.value) || c.value < 0)
            throw Finding("text: --set accepted a value that is not a non-negative number");
    } catch (const error&) {}
}

}  // namespace

void text(std::string_view data) {
    check_tokens(data);
    check_facts(data);
    check_dates(data);
    check_set(data);
}

}  // namespace corridor::fuzz
