// The network as PostGIS tables for pgRouting (export --format postgis, docs/postgis.md).
#pragma once

#include <string>
#include <vector>

#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/progress.hpp"
#include "corridor/report/shown.hpp"

namespace corridor {

// places and routes in the input schema (what load_network reads, so --geodata PG:… loads
// the same network back), the routes with pgRouting's edge columns (io::kPgRoutingColumns):
//   source, target      the row numbers (1-based: the places' fid) of from_id and to_id;
//   capacity            whole t/month (passengers/month when passengers) as the solver holds
//                       the measured capacity, rounded down;
//   reverse_capacity    the same for a two-way route, -1 (no reverse edge) for a one-way route;
//   cost, reverse_cost  the route's length in km, reverse_cost -1 for a one-way route, both
//                       -1 for a route without capacity (closed that month): corridor route
//                       skips it;
// and length_km. The given capacity figure (input field capacity) is the column cap_t_mo.
// net and measures must outlive the tables.
std::vector<io::Table> postgis_tables(const Network& net, const std::vector<RouteMeasure>& measures, bool passengers);

// export --format postgis --out PG:...: the postgis_tables of what is shown, written in one
// transaction (io::write_postgres; progress "corridor: writing", phase "write"); the flows,
// tiles and picture stay with the file formats. Returns each table's label, "DATASOURCE
// (TABLE)" without a password.
std::vector<std::string> write_postgis_export(const std::string& pg, bool overwrite, const Network& net,
                                              const Shown& shown, const Feedback& feedback);

}  // namespace corridor
