// The exported layers: places and routes as attribute tables with units in their field names.
#pragma once

#include <vector>

#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Fields: id, name, name_local, country, kind, source, capacity (t/month, when limited), note.
io::Table places_table(const Network& net);

// Fields (README "Output fields"): id, name, mode, commodity, from_id, to_id,
// two_way, length_km, hours, payload_t, trips_mo, annual_t, capacity (t/month),
// cap_rule, pax_trip, pax_mo, observed (t/month), obs_ratio, basis, source,
// quote, note, obs_quote, obs_source.
io::Table routes_table(const Network& net, const std::vector<RouteMeasure>& measures);

}  // namespace corridor
