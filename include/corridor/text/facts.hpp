// Quantity statements of the seed texts ("1,000 tons", "six times a month", "34-40
// percent", "Feb. 19"), and which network figures and scenarios use them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/check/provenance.hpp"
#include "corridor/model/network.hpp"
#include "corridor/model/observations.hpp"
#include "corridor/model/scenario.hpp"

namespace corridor {

enum class FactKind {
    mass,        // unit "t": tons and tonnes, both read as metric tonnes
    passengers,  // unit "passengers"
    frequency,   // unit "times/month" (or /week, /year, /day): "six times a month"
    percent,     // unit "%"
    money,       // unit "USD" or "RUB", in currency units: "US$115 million" is 115000000
    distance,    // unit "km" or "mi", as written (not converted)
    count,       // unit "ships" or "people": "five ... oil tankers", "600,000 people"
    duration,    // unit "years": "11 years", "two years ago"
    date,        // unit "": value is the year (none for "Feb. 19"), Fact::date the ISO 8601 form
    multiple,    // unit "x": "tenfold"
};
std::string_view fact_kind_name(FactKind k);

// Where a network item or scenario uses a statement.
struct FactUse {
    std::string layer;  // "route", "place" or "scenario"
    std::string id;     // route or place id, scenario name
    // The figure the number became ("pax_trip", "obs_annual", "capacity"; "changes" for a
    // scenario change value), or the quote field that only cites it ("quote", "obs_quote",
    // "note").
    std::string field;
    bool operator==(const FactUse&) const = default;
};

struct Fact {
    std::string file;        // seed file name
    std::size_t line = 0;    // 1-based line of the file
    std::size_t offset = 0;  // byte offset of `text` in the file
    std::string sentence;    // the sentence holding it, verbatim
    std::string text;        // the quantity as written, verbatim ("1,000 tons", "US$1 billion")
    FactKind kind = FactKind::count;
    std::optional<double> value;  // in `unit`; a range's midpoint; a date's year
    std::optional<double> low;    // ranges only ("34-40": 34 and 40)
    std::optional<double> high;
    std::string unit;
    std::string date;  // dates only: "2015", "2012-09", "--02-19" (no year given)
    // "about", "up to", "at least", "nearly", "almost", "more than" or "": written just before,
    // or carried over a list from the statement before ("up to 200 passengers and 1,000 tons",
    // "about 500 tons of oil or 300 tons", "about 300 or 400 tons"), never past a verb, a
    // semicolon or a sentence end.
    std::string hedge;
    std::vector<FactUse> uses;
    bool used() const { return !uses.empty(); }
};

// Every quantity statement of one text, in order of position.
std::vector<Fact> extract_facts(const std::string& file, std::string_view text);
// Of every seed, ordered by file, line and position.
std::vector<Fact> extract_facts(const SeedLibrary& seeds);

// Marks what uses each statement. A route, place or scenario uses a statement when one
// of its quotes occurs verbatim in the statement's seed file and that occurrence
// overlaps the statement's text: a route's `quote` (in `source`) and `obs_quote` (in
// `obs_seed`, else `seed`), a place's `note` (in any seed), a scenario's `quote`
// (in `source`). The use names the figure the statement's value (or low or high)
// equals among those the quote backs (quote: capacity, payload_t, trips_mo, annual_t,
// pax_trip; obs_quote: observed, obs_annual; place note: capacity; scenario: a change
// value; observation: its tonnes), else the quote field. An observation uses a statement
// through its `quote` (in `source`), an event (events.json) through its `quote`.
void mark_uses(std::vector<Fact>& facts, const SeedLibrary& seeds, const Network& net,
               const std::vector<Scenario>& scenarios, const std::vector<Observation>& observations = {},
               const std::vector<Scenario>& events = {});

}  // namespace corridor
