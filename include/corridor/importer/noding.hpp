// Where lines must be cut so that they meet: at the crossings and touches GEOS noding finds
// (GEOSNode, reentrant C API), and at vertices shared by several lines (OSM nodes).
#pragma once

#include <cstddef>
#include <vector>

#include "corridor/geo/types.hpp"

namespace corridor::importer {

// A cut of a line: at `at`, on segment `segment` (from vertex segment to segment + 1) at
// fraction t in [0, 1) of it; t == 0 is the vertex `segment` itself.
struct Cut {
    std::size_t segment = 0;
    double t = 0;
    LonLat at;
};

// For each line, the cuts GEOS noding of all the lines together puts inside it (never at
// its own ends), in order along the line. The lines are of one level: they all meet.
std::vector<std::vector<Cut>> crossing_cuts(const std::vector<const Polyline*>& lines);

// For each line, its interior vertices that some line (it included, a second time) also
// has: the nodes where OSM ways join.
std::vector<std::vector<Cut>> shared_vertex_cuts(const std::vector<const Polyline*>& lines);

// The line cut into pieces at the cuts (in order along it); each piece has two or more
// distinct points. No cuts: the line whole.
std::vector<Polyline> cut_line(const Polyline& line, const std::vector<Cut>& cuts);

}  // namespace corridor::importer
