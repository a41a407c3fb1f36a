#!/usr/bin/env python3
"""NetworkX's network simplex on the network `corridor assign` just solved, for bench/README.md.

Reads the network's routes (ROUTES: the GeoJSON `corridor generate` wrote, for `two_way`), the
routes layer `corridor assign --out DIR` wrote (DIR/assigned_routes.geojson: cap_t_mo, cost_per_t,
assigned_t_mo) and the tonnes corridor met (DIR/assigned_demands.csv, one demand FROM to TO), solves
the same min-cost flow with networkx.network_simplex, and prints its solve time (the graph build and
the file read are left out) and its cost beside corridor's; its CPU time too, the fair measure on a
loaded machine. Usage: networkx_min_cost.py DIR ROUTES FROM TO"""
import csv, json, math, sys, time
import networkx as nx

out, network_routes, origin, dest = sys.argv[1:5]
two_way = {f['properties']['id']: bool(f['properties'].get('two_way'))
           for f in json.load(open(network_routes, encoding='utf-8'))['features']}
routes = json.load(open(f'{out}/assigned_routes.geojson', encoding='utf-8'))['features']
demand = next(d for d in csv.DictReader(open(f'{out}/assigned_demands.csv', encoding='utf-8'))
              if d['from'] == origin and d['to'] == dest)
met = float(demand['met_t_mo'])
ours = float(demand['cost'])
g = nx.DiGraph()


def add(u, v, capacity_kg, weight):
    if g.has_edge(u, v):  # parallel routes: NetworkX's DiGraph holds one edge per pair
        raise SystemExit(f'parallel routes {u} - {v}: not supported by this script')
    g.add_edge(u, v, capacity=capacity_kg, weight=weight)


for f in routes:
    p = f['properties']
    if p['cap_t_mo'] <= 0:
        continue
    # Integers throughout (network_simplex is exact on integers): capacities in kilograms
    # (the layer's whole tonnes), weights in metres. A two-way route carries either way, as
    # corridor's graph has it (at the least cost it never carries both ways at once).
    capacity_kg, weight = int(p['cap_t_mo']) * 1000, round(p['cost_per_t'] * 1000)
    add(p['from_id'], p['to_id'], capacity_kg, weight)
    if two_way[p['id']]:
        add(p['to_id'], p['from_id'], capacity_kg, weight)
# The whole tonnes corridor met, in kilograms: within the cut's whole-tonne capacities.
demand_kg = math.floor(met) * 1000
g.add_node(origin, demand=-demand_kg)
g.add_node(dest, demand=demand_kg)
start, cpu = time.perf_counter(), time.process_time()
cost, flow = nx.network_simplex(g)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f'networkx {nx.__version__} network_simplex: {seconds:.2f} s ({cpu:.2f} s CPU) for {g.number_of_edges()} arcs, '
      f'{math.floor(met)} t/month, cost {cost / 1e6:.1f} t·km (corridor: {ours:.1f} for {met:.3f} t/month)')
