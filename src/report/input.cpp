#include "corridor/report/input.hpp"

#include "cells.hpp"
#include "corridor/importer/summary.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/report/export_files.hpp"

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

using report_detail::open_from;
using report_detail::open_until;

using PlaceColumn = report_detail::Column<Place>;
using RouteColumn = report_detail::Column<Route>;

// The input schema's place fields (docs/schema.md), as load_network reads them.
const PlaceColumn kPlaceColumns[] = {
    {{"id"}, [](const Place& p, Cell& c) { c = p.id; }},
    {{"name"}, [](const Place& p, Cell& c) { c = text(p.name); }},
    {{"name_local"}, [](const Place& p, Cell& c) { c = text(p.name_local); }},
    {{"country"}, [](const Place& p, Cell& c) { c = p.country; }},
    {{"kind"}, [](const Place& p, Cell& c) { c = p.kind; }},
    {{"source"}, [](const Place& p, Cell& c) { c = text(p.source); }},
    {{"capacity", FieldType::real}, [](const Place& p, Cell& c) { c = number(p.capacity); }},
    {{"note"}, [](const Place& p, Cell& c) { c = text(p.note); }},
    {{"cap_low", FieldType::real}, [](const Place& p, Cell& c) { c = number(p.cap_low); }},
    {{"cap_high", FieldType::real}, [](const Place& p, Cell& c) { c = number(p.cap_high); }},
    {{"transfer"}, [](const Place& p, Cell& c) { c = text(p.transfer); }},
    {{"conv_from"}, [](const Place& p, Cell& c) { c = text(p.converts_from); }},
    {{"conv_to"}, [](const Place& p, Cell& c) { c = text(p.converts_to); }},
    {{"open_from"}, [](const Place& p, Cell& c) { c = open_from(p.open); }},
    {{"open_until"}, [](const Place& p, Cell& c) { c = open_until(p.open); }},
};

const Bounds& bounds(const Route& r, RangedFigure which) { return bounds_of(r.figures.bounds.get(), which); }

// The input schema's route fields (docs/schema.md), as load_network reads them.
const RouteColumn kRouteColumns[] = {
    {{"id"}, [](const Route& r, Cell& c) { c = r.id; }},
    {{"name"}, [](const Route& r, Cell& c) { c = text(r.name); }},
    {{"mode"}, [](const Route& r, Cell& c) { c = std::string(mode_name(r.mode)); }},
    {{"from_id"}, [](const Route& r, Cell& c) { c = r.from_id; }},
    {{"to_id"}, [](const Route& r, Cell& c) { c = r.to_id; }},
    {{"two_way", FieldType::boolean}, [](const Route& r, Cell& c) { c = r.two_way; }},
    {{"commodity"}, [](const Route& r, Cell& c) { c = commodity_list(r.commodities); }},
    {{"capacity", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.capacity); }},
    {{"payload_t", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.payload_t); }},
    {{"trips_mo", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.trips_mo); }},
    {{"annual_t", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.annual_t); }},
    {{"pax_trip", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.pax_trip); }},
    {{"basis"},
     [](const Route& r, Cell& c) {
         c = r.basis == Basis::unsourced ? Cell{} : Cell{std::string(basis_name(r.basis))};
     }},
    {{"seed"}, [](const Route& r, Cell& c) { c = text(r.seed); }},
    {{"quote"}, [](const Route& r, Cell& c) { c = text(r.quote); }},
    {{"note"}, [](const Route& r, Cell& c) { c = text(r.note); }},
    {{"observed", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.observed); }},
    {{"obs_annual", FieldType::real}, [](const Route& r, Cell& c) { c = number(r.figures.obs_annual); }},
    {{"obs_quote"}, [](const Route& r, Cell& c) { c = text(r.obs_quote); }},
    {{"obs_seed"}, [](const Route& r, Cell& c) { c = r.obs_seed == r.seed ? Cell{} : text(r.obs_seed); }},
    {{"cap_low", FieldType::real}, [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::capacity).low); }},
    {{"cap_high", FieldType::real},
     [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::capacity).high); }},
    {{"pay_low", FieldType::real}, [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::payload_t).low); }},
    {{"pay_high", FieldType::real},
     [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::payload_t).high); }},
    {{"trips_low", FieldType::real},
     [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::trips_mo).low); }},
    {{"trips_high", FieldType::real},
     [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::trips_mo).high); }},
    {{"ann_low", FieldType::real}, [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::annual_t).low); }},
    {{"ann_high", FieldType::real},
     [](const Route& r, Cell& c) { c = number(bounds(r, RangedFigure::annual_t).high); }},
    {{"gauge"}, [](const Route& r, Cell& c) { c = r.gauge == kNoGauge ? Cell{} : Cell{gauge_name(r.gauge)}; }},
    {{"open_from"}, [](const Route& r, Cell& c) { c = open_from(r.open); }},
    {{"open_until"}, [](const Route& r, Cell& c) { c = open_until(r.open); }},
};

}  // namespace

io::Table input_places_table(const Network& net, bool every_column) {
    io::Table t = report_detail::column_layer<Place>(
        "places", io::GeomType::point, kPlaceColumns, net.places.size(),
        [&net](std::size_t i) -> const Place& { return net.places[i]; }, report_detail::place_points(net));
    return every_column ? t : without_empty_columns(std::move(t));
}

io::Table input_routes_table(const Network& net, bool every_column) {
    io::Table t = report_detail::column_layer<Route>(
        "routes", io::GeomType::line, kRouteColumns, net.routes.size(),
        [&net](std::size_t i) -> const Route& { return net.routes[i]; }, report_detail::route_lines(net));
    return every_column ? t : without_empty_columns(std::move(t));
}

std::vector<io::Table> input_layers(const Network& net) {
    std::vector<io::Table> out{input_places_table(net), input_routes_table(net)};
    out[0].name = kInputPlacesLayer;
    out[1].name = kInputRoutesLayer;
    return out;
}

std::vector<io::Table> generated_layers(const Network& net, bool raw) {
    if (raw) return {raw_stations_table(net), raw_lines_table(net)};
    return {input_places_table(net), input_routes_table(net)};
}

Written generate_files(const GenerateRequest& request, const Feedback& feedback) {
    const Network net = generate_network(request.network);
    io::WriteOptions w;
    w.formats = {parse_generate_format(request.format)};
    w.fgb_spatial_index = request.fgb_index;
    const std::vector<io::Table> layers = generated_layers(net, request.raw);
    const auto set = open_output_set(request.out);
    std::vector<std::filesystem::path> staged;
    {
        Progress progress = feedback.progress("corridor: writing", layers[0].size() + layers[1].size());
        staged = set->stage([&](const std::filesystem::path& dir) {
            return io::stage_files(io::layer_files(layers, w), dir, progress.callback());
        });
    }
    Written written{commit_outputs(*set, staged, {"generate", {}, nullptr, nullptr, true}), {}};
    feedback.say(generated_summary(net, request.raw));
    return written;
}

Written import_files(importer::ImportOptions options, const Feedback& feedback) {
    std::optional<importer::Imported> read;
    {
        Progress progress = feedback.reading();
        options.progress = progress.read_callback();
        read.emplace(importer::import_network(options));
        options.progress = nullptr;  // the display ends here
    }
    Written written{importer::write_import(*read, options), {}};
    feedback.say(importer::summary_sentence(*read, options));
    for (const auto& text : importer::import_notes(*read)) feedback.note(text);
    return written;
}

std::string generated_summary(const Network& net, bool raw) {
    if (raw)
        return fmt::format("{} lines (no topology fields) and {} named stations", net.routes.size(), net.places.size());
    const auto [first, last] = generated_corners(net);
    return fmt::format("{} places, {} routes; corners {} (CN) and {} (RU)", net.places.size(), net.routes.size(), first,
                       last);
}

namespace generate_flags {
const OptionText kOut{"out", "Output folder (places.geojson, routes.geojson)"};
const OptionText kFormat{"format", "geojson, fgb or shp", true};
const OptionText kRaw{"raw",
                      "Write loose lines for corridor import instead (lines.*: railway, usage, gauge, highway, bridge, "
                      "name; no id, from_id, to_id) and the named places (stations.*)"};
}  // namespace generate_flags

}  // namespace corridor
