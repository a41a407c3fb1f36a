#!/usr/bin/env python3
"""Writes a synthetic OpenStreetMap XML extract for benchmarking `corridor import`.

No real extract is available offline, so this stands in for one: a grid of nodes over lon
120-135, lat 37-46, with horizontal and vertical ways of WAY_NODES nodes each that share their
nodes where they cross (as OSM ways do at junctions), tagged as railways (main or branch, some
bridges) and roads (trunk, primary, secondary, residential). Deterministic: the same arguments
give the same file.

    bench/synthetic_osm.py WAYS OUT.osm [WAY_NODES]
"""
import math
import random
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    ways = int(sys.argv[1])
    out = sys.argv[2]
    way_nodes = int(sys.argv[3]) if len(sys.argv) == 4 else 10
    rng = random.Random(1)
    # ways = 2 * side * (side / (way_nodes - 1)) on a side x side grid
    side = max(way_nodes, int(math.sqrt(ways * (way_nodes - 1) / 2)) + 1)
    dx, dy = 15.0 / side, 9.0 / side
    tags = [
        ("railway", "rail", "usage", "main"),
        ("railway", "rail", "usage", "branch"),
        ("highway", "trunk", None, None),
        ("highway", "primary", None, None),
        ("highway", "secondary", None, None),
        ("highway", "residential", None, None),
    ]
    with open(out, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="corridor bench">\n')
        for r in range(side):
            for c in range(side):
                f.write(f' <node id="{r * side + c + 1}" lat="{46 - r * dy:.7f}" lon="{120 + c * dx:.7f}"/>\n')
        way_id = 1
        step = way_nodes - 1
        for horizontal in (True, False):
            for a in range(side):
                for start in range(0, side - 1, step):
                    if way_id > ways:
                        break
                    span = range(start, min(start + way_nodes, side))
                    refs = [(a * side + b + 1) if horizontal else (b * side + a + 1) for b in span]
                    k, v, k2, v2 = tags[rng.randrange(len(tags))]
                    f.write(f' <way id="{way_id}">')
                    f.write("".join(f'<nd ref="{n}"/>' for n in refs))
                    f.write(f'<tag k="{k}" v="{v}"/>')
                    if k2:
                        f.write(f'<tag k="{k2}" v="{v2}"/>')
                    if k == "railway" and rng.random() < 0.05:
                        f.write('<tag k="bridge" v="yes"/>')
                    f.write("</way>\n")
                    way_id += 1
        f.write("</osm>\n")


if __name__ == "__main__":
    main()
