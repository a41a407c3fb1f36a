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

Basemap Basemap::copy() const {
    Basemap b;
    b.geos_ = std::make_unique<geos::Context>();
    b.land_ = b.geos_->clone(land_.get());
    b.prepared_ = b.geos_->prepare(b.land_.get());
    return b;
}

Polyline interior(const Polyline& line, Metres margin) { return interior(line, margin, Geodesic()); }

Polyline interior(const Polyline& line, Metres margin, const Geodesic& geod) {
    // Most lines of a big network are shorter than both margins, which an upper bound of
    // their length shows without PROJ: the answer is empty then either way.
    double bound = 0;
    for (std::size_t i = 1; i < line.size(); ++i) bound += distance_bound(line[i - 1], line[i]).value;
    if (bound <= 2 * margin.value) return {};
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

GeographyChecker::GeographyChecker(const Network& net, const Basemap* basemap, const GeographyOptions& options)
    : net_(net), basemap_(basemap), options_(options), file_(net.routes_file.string()) {}

void GeographyChecker::check(const Route& r, std::vector<Issue>& out) const {
    const auto ends = {std::pair{"from_id", std::pair{r.line.front(), &net_.places[net_.from_index(r)]}},
                       std::pair{"to_id", std::pair{r.line.back(), &net_.places[net_.to_index(r)]}}};
    for (const auto& [field, end] : ends) {
        if (distance_bound(end.first, end.second->pos) <= options_.endpoint_tolerance) continue;  // close: no PROJ
        const Metres d = geod_.distance(end.first, end.second->pos);
        if (d > options_.endpoint_tolerance)
            out.push_back({{file_, r.id, field},
                           fmt::format("route {} {:.2f} km from place {} (more than {:.2f} km)",
                                       field == std::string("from_id") ? "starts" : "ends", d.value / 1000,
                                       end.second->id, options_.endpoint_tolerance.value / 1000)});
    }
    if (basemap_ == nullptr) return;
    const Polyline inner = interior(r.line, options_.port_margin, geod_);
    if (inner.empty()) return;
    const geos::Context& g = basemap_->geos();
    auto line = g.line(inner);
    if (is_sea(r.mode)) {
        if (g.intersects(basemap_->prepared(), line.get())) {
            auto cut = g.intersection(basemap_->land(), line.get());
            if (!g.is_empty(cut.get()))
                out.push_back(
                    {{file_, r.id, "geometry"},
                     fmt::format("{} route crosses land {}", mode_name(r.mode), where(g.point_on(cut.get())))});
        }
    } else if (!g.covers(basemap_->prepared(), line.get())) {
        // A line running exactly along the coast may fail covers() by rounding while
        // nothing of it lies off land: only a non-empty difference is a finding.
        auto off = g.difference(line.get(), basemap_->land());
        if (!g.is_empty(off.get()))
            out.push_back({{file_, r.id, "geometry"},
                           fmt::format("{} route leaves land {}", mode_name(r.mode), where(g.point_on(off.get())))});
    }
}

std::vector<Issue> check_geography(const Network& net, const Basemap* basemap, const GeographyOptions& options) {
    std::vector<Issue> issues;
    const GeographyChecker checker(net, basemap, options);
    for (const auto& r : net.routes) checker.check(r, issues);
    return issues;
}

}  // namespace corridor
