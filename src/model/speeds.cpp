#include "corridor/model/speeds.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"

namespace corridor {

SpeedTable SpeedTable::defaults() {
    // Average speeds including stops, km/h. Rail: North Korean lines are slow
    // (single track, old electrification); ships: 10-16 knots; crude in a pipeline
    // moves at about 1 m/s; a border bridge is crossed with customs waits.
    return SpeedTable{{
        {Mode::rail, 30.0},
        {Mode::road, 40.0},
        {Mode::ferry, 30.0},    // about 16 knots
        {Mode::tanker, 22.0},   // about 12 knots
        {Mode::bulk, 20.0},     // about 11 knots
        {Mode::pipeline, 3.6},  // 1 m/s
        {Mode::bridge, 10.0},
    }};
}

Hours SpeedTable::hours(Mode mode, Km length) const {
    auto it = kmh.find(mode);
    if (it == kmh.end() || it->second <= 0) throw error("no speed for mode " + std::string(mode_name(mode)));
    return {length.value / it->second};
}

SpeedTable load_speeds(const std::filesystem::path& file, SpeedTable base) {
    const nlohmann::json j = io::read_json_file(file);
    if (!j.is_object()) throw input_error({file.string(), "", ""}, "expected an object of mode: km/h");
    for (const auto& [key, value] : j.items()) {
        auto mode = parse_mode(key);
        if (!mode) throw input_error({file.string(), "", key}, "unknown mode");
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0)
            throw input_error({file.string(), "", key}, "expected a positive speed in km/h");
        base.kmh[*mode] = value.get<double>();
    }
    return base;
}

}  // namespace corridor
