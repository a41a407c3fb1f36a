// Fuzz target json_inputs: the readers of scenarios.json, events.json, speeds.json and
// observations.json on the same bytes, over the shipped network.
#include <cmath>
#include <string>

#include "corridor/analysis/inputs.hpp"
#include "corridor/error.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/observations.hpp"
#include "corridor/model/scenario.hpp"
#include "corridor/model/speeds.hpp"
#include "harness.hpp"

namespace corridor::fuzz {
namespace {

struct Shipped {
    InputPaths paths;
    Network net;
    Month month;
};

const Shipped& shipped() {
    static const Shipped s = [] {
        Shipped out;
        out.paths.geodata = source_dir() / "geodata";
        out.net = load_network(default_files(out.paths.geodata));
        out.month = out.paths.default_month().value_or(Month{2017, 5});
        return out;
    }();
    return s;
}

void check_adjusted(const std::vector<Scenario>& scenarios, const char* what) {
    const Shipped& s = shipped();
    for (const Scenario& sc : scenarios) {
        for (const std::optional<Month> month : {std::optional<Month>{}, std::optional<Month>{s.month}}) {
            const Adjusted a = adjust(s.net, sc.changes, month);
            if (a.capacities.size() != s.net.routes.size())
                throw Finding(std::string("json_inputs: ") + what + " " + sc.name +
                              ": one capacity per route expected");
            for (std::size_t i = 0; i < a.capacities.size(); ++i) {
                const double t = a.capacities[i].tonnes.value;
                if (!std::isfinite(t) || t < 0)
                    throw Finding(std::string("json_inputs: ") + what + " " + sc.name + ": route " +
                                  s.net.routes[i].id + " gets " + std::to_string(t) + " t/month");
            }
        }
    }
}

}  // namespace

void json_inputs(std::string_view data) {
    const Shipped& s = shipped();
    const auto file = scratch_file("inputs.json", data);
    try {
        check_adjusted(load_scenarios(file, s.net), "scenario");
    } catch (const error&) {}
    try {
        check_adjusted(load_events(file, s.net), "event");
    } catch (const error&) {}
    try {
        const SpeedTable speeds = load_speeds(file);
        for (const auto& [mode, kmh] : speeds.kmh)
            if (!std::isfinite(kmh) || kmh <= 0)
                throw Finding("json_inputs: speed of " + std::string(mode_name(mode)) + " is " + std::to_string(kmh));
        for (const RouteMeasure& m : measure_routes(s.net, speeds))
            if (!std::isfinite(m.hours.value) || m.hours.value < 0) throw Finding("json_inputs: hours not finite");
    } catch (const error&) {}
    try {
        for (const Observation& o : load_observations(file, s.net)) {
            if (!std::isfinite(o.tonnes) || o.tonnes < 0)
                throw Finding("json_inputs: observation " + o.id + ": " + std::to_string(o.tonnes) + " t");
            if (o.period.until < o.period.from)
                throw Finding("json_inputs: observation " + o.id + ": period ends before it starts");
        }
    } catch (const error&) {}
}

}  // namespace corridor::fuzz
