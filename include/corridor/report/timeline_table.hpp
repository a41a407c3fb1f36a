// The timeline as a table: aligned text (`timeline`) and CSV for spreadsheets (`timeline --csv`).
#pragma once

#include <string>

#include "corridor/analysis/timeline.hpp"
#include "corridor/option_text.hpp"

namespace corridor {

// A headline (from → to, commodity, scenario, months: unit), one row per month (throughput,
// each commodity's share when split, the events taking effect), then every event's text.
std::string timeline_text(const Timeline& t);

// RFC 4180 CSV, one row per month: month, t_mo (pax_mo for passengers; whole units), one
// column per commodity of any month's split, named COMMODITY_t_mo (t/month to one decimal;
// empty where the month has no split), and events ("NAME KIND: WHAT", joined by " | ").
// Lines end in \n; fields with a comma, quote or line break are quoted.
std::string timeline_csv(const Timeline& t);

// timeline's table as CSV.
namespace timeline_flags {
extern const OptionText kCsv;
}  // namespace timeline_flags

}  // namespace corridor
