// Points in degrees for the importer's R*-trees (Boost.Geometry; internal to src/importer):
// topology snaps line ends with them, noding finds the ends that lie on other lines.
#pragma once

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cstdint>
#include <utility>

namespace corridor::importer {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Indexed = std::pair<BPoint, std::uint32_t>;  // a point and its number
using Tree = bgi::rtree<Indexed, bgi::rstar<16>>;

}  // namespace corridor::importer
