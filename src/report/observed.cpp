#include "corridor/report/observed.hpp"

#include <cmath>

#include <fmt/format.h>

#include "corridor/io/json_values.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/text/strings.hpp"

#include "cells.hpp"

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;
using report_detail::Column;
using report_detail::text;

double tenths(double v) { return std::round(v * 10) / 10; }

const Column<ObservationCheck> kObservationColumns[] = {
    {{"id"}, [](const ObservationCheck& x, Cell& c) { c = x.observation.id; }},
    {{"from"}, [](const ObservationCheck& x, Cell& c) { c = x.observation.from; }},
    {{"to"}, [](const ObservationCheck& x, Cell& c) { c = x.observation.to; }},
    {{"commodity"}, [](const ObservationCheck& x, Cell& c) { c = text(x.observation.commodity); }},
    {{"period_from"}, [](const ObservationCheck& x, Cell& c) { c = date_text(x.observation.period.from); }},
    {{"period_until"}, [](const ObservationCheck& x, Cell& c) { c = date_text(x.observation.period.until); }},
    {{"tonnes", FieldType::real}, [](const ObservationCheck& x, Cell& c) { c = x.observation.tonnes; }},
    {{"months", FieldType::real}, [](const ObservationCheck& x, Cell& c) { c = std::round(x.months * 1000) / 1000; }},
    {{"observed_t_mo", FieldType::real}, [](const ObservationCheck& x, Cell& c) { c = tenths(x.observed_t_mo); }},
    {{"capacity_t_mo", FieldType::real}, [](const ObservationCheck& x, Cell& c) { c = tenths(x.capacity_t_mo); }},
    {{"capacity_t", FieldType::real}, [](const ObservationCheck& x, Cell& c) { c = tenths(x.capacity_t); }},
    {{"ratio", FieldType::real},
     [](const ObservationCheck& x, Cell& c) { c = x.ratio ? Cell{std::round(*x.ratio * 1000) / 1000} : Cell{}; }},
    {{"verdict"}, [](const ObservationCheck& x, Cell& c) { c = std::string(verdict_name(x.verdict)); }},
    {{"binding"}, [](const ObservationCheck& x, Cell& c) { c = text(joined(x.binding, ";")); }},
    {{"closed_months"}, [](const ObservationCheck& x, Cell& c) { c = text(joined(x.closed, ";")); }},
    {{"quote"}, [](const ObservationCheck& x, Cell& c) { c = text(x.observation.quote); }},
    {{"source"}, [](const ObservationCheck& x, Cell& c) { c = text(x.observation.source); }},
    {{"note"}, [](const ObservationCheck& x, Cell& c) { c = text(x.observation.note); }},
};

}  // namespace

std::string observation_line(const ObservationCheck& c) {
    const std::string ratio = c.ratio ? fmt::format("{:.2f}", *c.ratio) : std::string("no capacity");
    return fmt::format("{} {} of {} t/month ({}, {})", c.observation.id, whole_thousands(c.observed_t_mo),
                       whole_thousands(c.capacity_t_mo), ratio, verdict_name(c.verdict));
}

std::vector<std::string> observation_block(const std::vector<ObservationCheck>& checks) {
    if (checks.empty()) return {};
    if (checks.size() == 1) return {fmt::format("{}: {}", kObservedHeading, observation_line(checks.front()))};
    std::vector<std::string> lines{fmt::format("{}:", kObservedHeading)};
    for (const auto& c : checks) lines.push_back(observation_line(c));
    return lines;
}

nlohmann::ordered_json observation_panel_json(const std::vector<ObservationCheck>& checks) {
    using nlohmann::ordered_json;
    ordered_json arr = ordered_json::array();
    for (const auto& c : checks) {
        const Observation& o = c.observation;
        arr.push_back({{"id", o.id},
                       {"commodity", or_null(o.commodity)},
                       {"period", {{"from", date_text(o.period.from)}, {"until", date_text(o.period.until)}}},
                       {"observed_t_mo", tenths(c.observed_t_mo)},
                       {"capacity_t_mo", tenths(c.capacity_t_mo)},
                       {"ratio", c.ratio ? ordered_json(std::round(*c.ratio * 1000) / 1000) : ordered_json(nullptr)},
                       {"verdict", verdict_name(c.verdict)},
                       {"text", observation_line(c)}});
    }
    return arr;
}

io::Table observations_table(const std::vector<ObservationCheck>& checks) {
    io::Table t;
    t.name = "observations";
    t.geom = io::GeomType::none;
    t.fields = report_detail::fields_of<ObservationCheck>(kObservationColumns);
    for (const ObservationCheck& c : checks) {
        report_detail::fill_row<ObservationCheck>(kObservationColumns, c, t.rows.emplace_back());
        t.geometries.push_back({});
    }
    return t;
}

}  // namespace corridor
