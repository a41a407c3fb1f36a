#include "corridor/report/input.hpp"

#include "cells.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/generate.hpp"

#include <span>

#include <fmt/format.h>

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;
using report_detail::commodity_list;
using report_detail::number;
using report_detail::text;

// Keeps only the columns some row fills: a generated network has no quotes or
// figures beyond capacity, and a million null columns are only bytes to read.
io::Table without_empty_columns(io::Table t) {
    std::vector<bool> used(t.fields.size(), false);
    std::vector<Cell> row;
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, row);
        for (std::size_t c = 0; c < row.size(); ++c)
            if (!std::holds_alternative<std::monostate>(row[c])) used[c] = true;
    }
    std::vector<std::size_t> keep;
    std::vector<io::FieldDef> fields;
    for (std::size_t c = 0; c < t.fields.size(); ++c)
        if (used[c]) {
            keep.push_back(c);
            fields.push_back(t.fields[c]);
        }
    if (keep.size() == t.fields.size()) return t;
    t.fields = std::move(fields);
    auto inner = std::move(t.make_row);
    // The full row is made in the caller's row and the kept cells moved to the front (keep
    // rises, keep[k] >= k): no state shared between calls, so writer threads may call it at once.
    t.make_row = [inner, keep](std::size_t i, std::vector<Cell>& out) {
        inner(i, out);
        for (std::size_t k = 0; k < keep.size(); ++k)
            if (keep[k] != k) out[k] = std::move(out[keep[k]]);
        out.resize(keep.size());
    };
    return t;
}

// open_from and open_until as the loader reads them; null when the period is open that way.
io::Cell open_from(const Period& p) { return p.from == Period::kOpenStart ? io::Cell{} : io::Cell{date_text(p.from)}; }
io::Cell open_until(const Period& p) { return p.until == Period::kOpenEnd ? io::Cell{} : io::Cell{date_text(p.until)}; }

}  // namespace

io::Table input_places_table(const Network& net, bool every_column) {
    io::Table t;
    t.name = "places";
    t.geom = io::GeomType::point;
    t.fields = {{"id"},
                {"name"},
                {"name_local"},
                {"country"},
                {"kind"},
                {"source"},
                {"capacity", FieldType::real},
                {"note"},
                {"cap_low", FieldType::real},
                {"cap_high", FieldType::real},
                {"transfer"},
                {"conv_from"},
                {"conv_to"},
                {"open_from"},
                {"open_until"}};
    t.count = net.places.size();
    t.make_row = [&net](std::size_t i, std::vector<Cell>& row) {
        const Place& p = net.places[i];
        row = {p.id,
               text(p.name),
               text(p.name_local),
               p.country,
               p.kind,
               text(p.source),
               number(p.capacity),
               text(p.note),
               number(p.cap_low),
               number(p.cap_high),
               text(p.transfer),
               text(p.converts_from),
               text(p.converts_to),
               open_from(p.open),
               open_until(p.open)};
    };
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(&net.places[i].pos, 1); };
    return every_column ? t : without_empty_columns(std::move(t));
}

io::Table input_routes_table(const Network& net, bool every_column) {
    io::Table t;
    t.name = "routes";
    t.geom = io::GeomType::line;
    t.fields = {{"id"},
                {"name"},
                {"mode"},
                {"from_id"},
                {"to_id"},
                {"two_way", FieldType::boolean},
                {"commodity"},
                {"capacity", FieldType::real},
                {"payload_t", FieldType::real},
                {"trips_mo", FieldType::real},
                {"annual_t", FieldType::real},
                {"pax_trip", FieldType::real},
                {"basis"},
                {"seed"},
                {"quote"},
                {"note"},
                {"observed", FieldType::real},
                {"obs_annual", FieldType::real},
                {"obs_quote"},
                {"obs_seed"},
                {"cap_low", FieldType::real},
                {"cap_high", FieldType::real},
                {"pay_low", FieldType::real},
                {"pay_high", FieldType::real},
                {"trips_low", FieldType::real},
                {"trips_high", FieldType::real},
                {"ann_low", FieldType::real},
                {"ann_high", FieldType::real},
                {"gauge"},
                {"open_from"},
                {"open_until"}};
    t.count = net.routes.size();
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(net.routes[i].line); };
    t.make_row = [&net](std::size_t i, std::vector<Cell>& row) {
        const Route& r = net.routes[i];
        const Figures& f = r.figures;
        row = {r.id,
               text(r.name),
               std::string(mode_name(r.mode)),
               r.from_id,
               r.to_id,
               r.two_way,
               commodity_list(r.commodities),
               number(f.capacity),
               number(f.payload_t),
               number(f.trips_mo),
               number(f.annual_t),
               number(f.pax_trip),
               r.basis == Basis::unsourced ? Cell{} : Cell{std::string(basis_name(r.basis))},
               text(r.seed),
               text(r.quote),
               text(r.note),
               number(f.observed),
               number(f.obs_annual),
               text(r.obs_quote),
               r.obs_seed == r.seed ? Cell{} : text(r.obs_seed)};
        const FigureBounds& b = f.bounds.get();
        for (const Bounds* x : {&b.capacity, &b.payload_t, &b.trips_mo, &b.annual_t}) {
            row.push_back(number(x->low));
            row.push_back(number(x->high));
        }
        row.push_back(r.gauge == kNoGauge ? Cell{} : Cell{gauge_name(r.gauge)});
        row.push_back(open_from(r.open));
        row.push_back(open_until(r.open));
    };
    return every_column ? t : without_empty_columns(std::move(t));
}

std::vector<io::Table> generated_layers(const Network& net, bool raw) {
    if (raw) return {raw_stations_table(net), raw_lines_table(net)};
    return {input_places_table(net), input_routes_table(net)};
}

std::string generated_summary(const Network& net, bool raw) {
    if (raw)
        return fmt::format("{} lines (no topology fields) and {} named stations", net.routes.size(), net.places.size());
    const auto [first, last] = generated_corners(net);
    return fmt::format("{} places, {} routes; corners {} (CN) and {} (RU)", net.places.size(), net.routes.size(), first,
                       last);
}

}  // namespace corridor
