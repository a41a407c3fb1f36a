// Deterministic synthetic networks in the input schema, for scale tests and benchmarks.
#pragma once

#include <cstdint>

#include "corridor/io/write.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"

namespace corridor {

struct GenerateOptions {
    std::size_t routes = 10000;  // about this many routes
    std::uint64_t seed = 1;
};

// A jittered grid of places over the region (lon 120-135, lat 37-46) in three
// country bands (CN, KP, RU from west to east), joined by routes to their right and
// lower neighbours with integer capacities, plus one long link per 500 routes; routes
// across a band border exist only at a few low-capacity border crossings, so the
// bottleneck lies inside the network. Same options, same network.
Network generate_network(const GenerateOptions& options);  // request_error for 0 routes

// The routes as loose lines for `corridor import` (generate --raw): a layer "lines" without
// id, from_id or to_id, with OSM-like attributes: railway=rail with usage main (capacity
// of 50,000 t/month or more) or branch and gauge 1435 for rail, highway trunk or primary
// for roads, railway=rail with bridge=yes for border bridges, and a name for rail lines
// ("Line <from> <to>"). Each line runs from place to place, so the ends meet exactly.
io::Table raw_lines_table(const Network& net);

// The places as named points (layer "stations": name, country, kind), for --places.
io::Table raw_stations_table(const Network& net);

// The corner places: the first place (north-west, CN) and the last (south-east, RU).
std::pair<std::string, std::string> generated_corners(const Network& net);

// generate's size and seed (GenerateOptions).
namespace generate_flags {
extern const OptionText kRoutes, kSeed;
}  // namespace generate_flags

}  // namespace corridor
