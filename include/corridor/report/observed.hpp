// Observed against capacity beside an answer: the words render draws in its legend and the
// shape the web map's panel shows, for the observations about the analysed question
// (analysis/observations: question_observations).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corridor/analysis/observations.hpp"
#include "corridor/io/write.hpp"

namespace corridor {

inline constexpr const char* kObservedHeading = "Observed vs capacity";

// "kp_cn_coal_2016_12 2,000,000 of 2,633,333 t/month (0.76, fits)": the observation's id,
// observed and capacity t/month over its period (rounded to whole tonnes), the ratio to two
// decimals and the verdict; "(no capacity, contradicts)" when the capacity is 0.
std::string observation_line(const ObservationCheck& check);

// The block render draws: nothing for no observation; "Observed vs capacity: LINE" for one;
// "Observed vs capacity:" then one line each for more.
std::vector<std::string> observation_block(const std::vector<ObservationCheck>& checks);

// The web map panel's observations: per observation its id, commodity (null: every
// commodity), period (from, until), observed_t_mo, capacity_t_mo (to a tenth of a tonne),
// ratio (three decimals; null when the capacity is 0), verdict and text (observation_line).
nlohmann::ordered_json observation_panel_json(const std::vector<ObservationCheck>& checks);

// The observations as a layer without geometry (a national figure has no one line), as serve's
// observations collection gives it: id, from, to, commodity (null: every commodity),
// period_from, period_until (YYYY-MM-DD, both included), tonnes (in the period), months,
// observed_t_mo, capacity_t_mo, capacity_t (tenths of a tonne), ratio (three decimals; null
// when the capacity is 0), verdict, binding and closed_months (";" between them), quote, source
// and note: the fields of `corridor observations --json`, flattened.
io::Table observations_table(const std::vector<ObservationCheck>& checks);

}  // namespace corridor
