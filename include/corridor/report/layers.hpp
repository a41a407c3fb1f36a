// The exported layers: places, routes (with an analysis' flows), flows.csv rows and bottlenecks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/analyse.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Fields: id, name, name_local, country, kind, source, capacity (t/month, when limited),
// note, in_t_mo, out_t_mo (flow entering / leaving on routes, t/month; null without analysis),
// transfer, conv_from, conv_to, open_from, open_until (YYYY-MM-DD, null when open that way);
// with an uncertainty run also cut_prob (share of draws with the place on the minimum cut,
// null for places without a capacity).
io::Table places_table(const Network& net, const Analysis* analysis = nullptr);

// Fields (README "Output fields"): id, name, mode, commodity, from_id, to_id, two_way,
// length_km, hours, payload_t, trips_mo, annual_t, capacity (t/month), cap_rule, pax_trip,
// pax_mo, observed (t/month), obs_ratio, basis, seed, quote, note, obs_quote, obs_seed,
// flow (t/month), util (flow / capacity), bottleneck (1 on the minimum cut), flow_dir, gauge,
// open_from, open_until (YYYY-MM-DD, null when open that way); with an uncertainty run also cap_low, cap_high (t/month,
// query_capacity_range) and cut_prob (0..1). measures[i].capacity is the capacity the analysis used (a scenario's, if
// any).
io::Table routes_table(const Network& net, const std::vector<RouteMeasure>& measures,
                       const Analysis* analysis = nullptr);

// flows.csv: one row per route with flow, in the direction of travel: route_id, origin,
// destination, origin_lon, origin_lat, dest_lon, dest_lat, flow_t_mo, capacity, util.
io::Table flows_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis& analysis);

// flows_by_commodity.csv, for a joint multi-commodity flow: one row per route and commodity
// with flow, in that commodity's direction of travel: route_id, commodity, origin,
// destination, flow_t_mo (whole tonnes, rounded down). The layers keep `flow` as the total.
io::Table flows_by_commodity_table(const Network& net, const Analysis& analysis);

// bottlenecks.geojson: the routes on the minimum cut with a plain sentence; with an
// uncertainty run also cut_prob and the throughput's p10, p50, p90 (the same on every row).
io::Table bottlenecks_table(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis& analysis);

// The tables an analysis adds beside the places and routes layers, each with its file name:
// flows.csv, flows_by_commodity.csv (a joint multi-commodity flow only), bottlenecks.geojson.
struct NamedTable {
    std::string file;
    io::Format format;
    io::Table table;
};
std::vector<NamedTable> analysis_tables(const Network& net, const std::vector<RouteMeasure>& measures,
                                        const Analysis& analysis);

// The layers vector tiles carry, in their order: places, routes and, with an analysis,
// bottlenecks. export --format mvt|mbtiles, map's tile page and serve's /tiles all cut these.
std::vector<io::Table> tile_layers(const Network& net, const std::vector<RouteMeasure>& measures,
                                   const Analysis* analysis);

// "these 2 routes cap RU to pyongyang at 12,345 t/month"
std::string bottleneck_sentence(const Analysis& analysis);

// "over 1000 draws (seed 1) of 12 ranged figures: P10 1,000, P50 2,000, P90 3,000 t/month" (an
// analysis with an uncertainty run; "" without one).
std::string uncertainty_sentence(const Analysis& analysis);

// 1234567 -> "1,234,567"
std::string thousands(Flow v);

// A capacity or flow a month as every text corridor prints shows it (map labels, tables,
// sentences): whole tonnes (or passengers) rounded down, as the solver holds capacities
// (whole_tonnes: a tolerance of 10^-6 keeps 4,999.9999999 at 5,000), with thousands
// separators. 2,709.68 -> "2,709": a label never shows more than the solver can carry.
std::string whole_thousands(double per_month);

}  // namespace corridor
