#!/usr/bin/env python3
"""NetworkX's network simplex on the network `corridor assign` just solved, for bench/README.md.

Reads the routes layer `corridor assign --out DIR` wrote (DIR/assigned_routes.geojson: from_id,
to_id, cap_t_mo, cost_per_t, assigned_t_mo; two-way routes are not written by `generate`) and the
demand (FROM, TO, the tonnes corridor met), solves the same min-cost flow with
networkx.network_simplex, and prints its solve time (the graph build and the file read are left out)
and its cost beside corridor's; its CPU time too, the fair measure on a loaded machine. Usage: networkx_min_cost.py DIR FROM TO"""
import json, math, sys, time
import networkx as nx

out, origin, dest = sys.argv[1], sys.argv[2], sys.argv[3]
routes = json.load(open(f'{out}/assigned_routes.geojson', encoding='utf-8'))['features']
met = sum(f['properties']['assigned_t_mo'] for f in routes if f['properties']['from_id'] == origin)
ours = sum(f['properties']['assigned_t_mo'] * f['properties']['cost_per_t'] for f in routes)
g = nx.DiGraph()
for f in routes:
    p = f['properties']
    if p['cap_t_mo'] <= 0:
        continue
    u, v = p['from_id'], p['to_id']
    if g.has_edge(u, v):  # parallel routes: NetworkX's DiGraph holds one edge per pair
        raise SystemExit('parallel routes: not supported by this script')
    # Integers throughout (network_simplex is exact on integers): capacities in kilograms,
    # rounded down, weights in metres. The layer's capacities are rounded, so with them as
    # written the cut could fall a fraction of a tonne short of the demand (NetworkXUnfeasible).
    g.add_edge(u, v, capacity=math.floor(p['cap_t_mo'] * 1000), weight=round(p['cost_per_t'] * 1000))
# The whole tonnes corridor met, in kilograms: within the cut's rounded-down capacities.
demand_kg = math.floor(met) * 1000
g.add_node(origin, demand=-demand_kg)
g.add_node(dest, demand=demand_kg)
start, cpu = time.perf_counter(), time.process_time()
cost, flow = nx.network_simplex(g)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f'networkx {nx.__version__} network_simplex: {seconds:.2f} s ({cpu:.2f} s CPU) for {g.number_of_edges()} arcs, '
      f'{math.floor(met)} t/month, cost {cost / 1e6:.1f} t·km (corridor: {ours:.1f} for {met:.3f} t/month)')
