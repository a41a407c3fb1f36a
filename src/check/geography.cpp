#include "corridor/check/geography.hpp"

#include <fmt/format.h>

#include "corridor/geo/geodesic.hpp"
#include "corridor/io/read.hpp"

namespace corridor {
namespace {

LonLat lerp(LonLat a, LonLat b, double t) { return {a.lon + (b.lon - a.lon) * t, a.lat + (b.lat - a.lat) * t}; }

std::string where(LonLat p) { return fmt::format("near lon {:.4f} lat {:.4f}", p.lon, p.lat); }

}  // namespace

Basemap Basemap::load(const std::filesystem::path& land_file) {
    Basemap b;
    b.geos_ = std::make_unique<geos::Context>();
    std::vector<geos::GeomPtr> parts;
    for (const auto& wkb : io::read_polygons_wkb(land_file)) {
        auto g = b.geos_->from_wkb(wkb);
        if (b.geos_->invalid_reason(g.get())) g = b.geos_->make_valid(g.get());
        parts.push_back(std::move(g));
    }
    if (parts.empty()) throw input_error({land_file.string(), "", "geometry"}, "no land polygons");
    b.land_ = b.geos_->union_all(std::move(parts));
    b.prepared_ = b.geos_->prepare(b.land_.get());
    return b;
}

Polyline interior(const Polyline& line, Metres margin) { return interior(line, margin, Geodesic()); }

Polyline interior(const Polyline& line, Metres margin, const Geodesic& geod) {
    std::vector<double> at(line.size(), 0.0);  // distance along the line to each vertex, metres
    for (std::size_t i = 1; i < line.size(); ++i) at[i] = at[i - 1] + geod.distance(line[i - 1], line[i]).value;
    const double total = at.back();
    const double lo = margin.value;
    const double hi = total - margin.value;
    Polyline out;
    if (hi <= lo) return out;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double a = at[i - 1], b = at[i];
        if (b <= lo || a >= hi || b == a) continue;
        if (out.empty()) out.push_back(lerp(line[i - 1], line[i], std::max(0.0, (lo - a) / (b - a))));
        if (b < hi) out.push_back(line[i]);
        else out.push_back(lerp(line[i - 1], line[i], (hi - a) / (b - a)));
    }
    if (out.size() < 2 || out.front() == out.back()) return {};
    return out;
}

std::vector<Issue> check_geography(const Network& net, const Basemap* basemap, const GeographyOptions& options) {
    std::vector<Issue> issues;
    const Geodesic geod;
    const std::string file = net.routes_file.string();
    for (const auto& r : net.routes) {
        const auto ends = {std::pair{"from_id", std::pair{r.line.front(), &net.place(r.from_id)}},
                           std::pair{"to_id", std::pair{r.line.back(), &net.place(r.to_id)}}};
        for (const auto& [field, end] : ends) {
            const Metres d = geod.distance(end.first, end.second->pos);
            if (d > options.endpoint_tolerance)
                issues.push_back({{file, r.id, field},
                                  fmt::format("route {} {:.2f} km from place {} (more than {:.2f} km)",
                                              field == std::string("from_id") ? "starts" : "ends", d.value / 1000,
                                              end.second->id, options.endpoint_tolerance.value / 1000)});
        }
        if (basemap == nullptr) continue;
        const Polyline inner = interior(r.line, options.port_margin, geod);
        if (inner.empty()) continue;
        const geos::Context& g = basemap->geos();
        auto line = g.line(inner);
        if (is_sea(r.mode)) {
            if (g.intersects(basemap->prepared(), line.get())) {
                auto cut = g.intersection(basemap->land(), line.get());
                if (!g.is_empty(cut.get()))
                    issues.push_back({{file, r.id, "geometry"},
                                      fmt::format("{} route crosses land {}", mode_name(r.mode), where(g.point_on(cut.get())))});
            }
        } else if (!g.covers(basemap->prepared(), line.get())) {
            // A line running exactly along the coast may fail covers() by rounding while
            // nothing of it lies off land: only a non-empty difference is a finding.
            auto off = g.difference(line.get(), basemap->land());
            if (!g.is_empty(off.get()))
                issues.push_back({{file, r.id, "geometry"},
                                  fmt::format("{} route leaves land {}", mode_name(r.mode), where(g.point_on(off.get())))});
        }
    }
    return issues;
}

}  // namespace corridor
