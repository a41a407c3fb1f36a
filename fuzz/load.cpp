// Fuzz target load: load_network's schema checks, then validation and measures.
#include <cmath>
#include <string>

#include "corridor/check/validate.hpp"
#include "corridor/error.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/speeds.hpp"
#include "harness.hpp"

namespace corridor::fuzz {
namespace {

constexpr std::string_view kSeparator = "\n#routes\n";

void check_network(const Network& net) {
    for (const Route& r : net.routes) {
        if (net.from_index(r) >= net.places.size() || net.to_index(r) >= net.places.size())
            throw Finding("load: route " + r.id + ": an end outside the places");
        if (net.places[net.from_index(r)].id != r.from_id || net.places[net.to_index(r)].id != r.to_id)
            throw Finding("load: route " + r.id + ": its ends resolve to other places");
    }
    const auto measures = measure_routes(net, SpeedTable::defaults());
    if (measures.size() != net.routes.size()) throw Finding("load: one measure per route expected");
    for (std::size_t i = 0; i < measures.size(); ++i) {
        const double t = measures[i].capacity.tonnes.value;
        if (!std::isfinite(t) || t < 0 || t > kMaxMonthlyCapacity)
            throw Finding("load: route " + net.routes[i].id + ": capacity " + std::to_string(t) + " t/month");
        const double km = measures[i].length.value;
        if (!std::isfinite(km) || km < 0) throw Finding("load: route " + net.routes[i].id + ": length not finite");
    }
}

}  // namespace

void load(std::string_view data) {
    LoadOptions options;
    if (const auto cut = data.find(kSeparator); cut != std::string_view::npos) {
        options.places_file = scratch_file("places.geojson", data.substr(0, cut));
        options.routes_file = scratch_file("routes.geojson", data.substr(cut + kSeparator.size()));
    } else {
        options.places_file = source_dir() / "geodata" / "places.geojson";
        options.routes_file = scratch_file("routes.geojson", data);
    }
    Network net;
    try {
        net = load_network(options);
    } catch (const error&) {
        return;  // refused with a message naming file, feature and field: fine
    }
    ValidateOptions checks;
    checks.seeds_dir = source_dir() / "seeds";
    checks.land_file = source_dir() / "geodata" / "no-land-file";  // GEOS validity only: the land is slow
    checks.threads = 1;
    (void)validate(net, checks);
    check_network(net);
}

}  // namespace corridor::fuzz
