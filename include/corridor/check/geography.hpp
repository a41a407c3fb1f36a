// Geographic checks with GEOS: routes meet their places, ships stay at sea, land modes stay on land.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "corridor/check/geos.hpp"
#include "corridor/error.hpp"
#include "corridor/geo/geodesic.hpp"
#include "corridor/geo/types.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Land polygons (e.g. Natural Earth 10m), unioned and prepared for fast predicates.
class Basemap {
public:
    // Reads polygons from any OGR file; throws input_error naming the file.
    static Basemap load(const std::filesystem::path& land_file);
    // The same land in a GEOS context of its own, for another thread: a context and a
    // prepared geometry (which builds its indexes on first use) belong to one thread.
    // Only reads this basemap, which no thread may be using meanwhile.
    Basemap copy() const;
    const geos::Context& geos() const { return *geos_; }
    const GEOSGeometry* land() const { return land_.get(); }
    const GEOSPreparedGeometry* prepared() const { return prepared_.get(); }

private:
    std::unique_ptr<geos::Context> geos_;
    geos::GeomPtr land_;
    geos::PreparedPtr prepared_;
};

struct GeographyOptions {
    Metres endpoint_tolerance{1000};  // a route starts/ends this close to its places
    Metres port_margin{5000};         // the first and last stretch that may cross the coast
};

// The part of a line that lies more than margin (along the line, geodesic) from both ends;
// empty when the line is shorter than twice the margin.
Polyline interior(const Polyline& line, Metres margin);
Polyline interior(const Polyline& line, Metres margin, const Geodesic& geod);

// Endpoint distances for every route; with a basemap also sea/land checks.
std::vector<Issue> check_geography(const Network& net, const Basemap* basemap, const GeographyOptions& options = {});

// check_geography one route at a time, for one thread: it owns a PROJ context, and its
// basemap (none: endpoints only) must not be used by another thread meanwhile.
class GeographyChecker {
public:
    GeographyChecker(const Network& net, const Basemap* basemap, const GeographyOptions& options);
    // Appends the route's findings to out, in check_geography's order.
    void check(const Route& r, std::vector<Issue>& out) const;

private:
    const Network& net_;
    const Basemap* basemap_;
    GeographyOptions options_;
    Geodesic geod_;
    std::string file_;
};

}  // namespace corridor
