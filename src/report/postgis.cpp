#include "corridor/report/postgis.hpp"

#include <algorithm>

#include "corridor/graph/multicommodity.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/io/read.hpp"
#include "corridor/report/input.hpp"

namespace corridor {
namespace {

using io::Cell;
using io::FieldType;

// The route's edge columns, in the order of io::kPgRoutingColumns, then length_km.
void edge_cells(const Network& net, const Route& r, const RouteMeasure& m, bool passengers, std::vector<Cell>& row) {
    const std::int64_t source = static_cast<std::int64_t>(net.from_index(r)) + 1;
    const std::int64_t target = static_cast<std::int64_t>(net.to_index(r)) + 1;
    const std::int64_t capacity = whole_tonnes(passengers ? m.capacity.passengers.value : m.capacity.tonnes.value);
    const double km = m.length.value;
    const bool open = m.capacity.tonnes.value > 0;  // corridor route skips a route without capacity
    row.emplace_back(source);
    row.emplace_back(target);
    row.emplace_back(capacity);
    row.emplace_back(r.two_way ? capacity : std::int64_t{-1});
    row.emplace_back(open ? km : -1.0);
    row.emplace_back(open && r.two_way ? km : -1.0);
    row.emplace_back(km);
}

}  // namespace

std::vector<io::Table> postgis_tables(const Network& net, const std::vector<RouteMeasure>& measures, bool passengers) {
    io::Table routes = input_routes_table(net, true);
    for (io::FieldDef& f : routes.fields)
        if (f.name == "capacity") f.name = std::string(io::kGivenCapacity);
    routes.fields.insert(routes.fields.end(), {{"source", FieldType::integer64},
                                               {"target", FieldType::integer64},
                                               {"capacity", FieldType::integer64},
                                               {"reverse_capacity", FieldType::integer64},
                                               {"cost", FieldType::real},
                                               {"reverse_cost", FieldType::real},
                                               {"length_km", FieldType::real}});
    auto input_row = std::move(routes.make_row);
    // Reads only: writer threads may call it at once, each with its own row.
    routes.make_row = [input_row, &net, &measures, passengers](std::size_t i, std::vector<Cell>& row) {
        input_row(i, row);
        edge_cells(net, net.routes[i], measures.at(i), passengers, row);
    };
    std::vector<io::Table> out;
    out.push_back(input_places_table(net, true));
    out.push_back(std::move(routes));
    return out;
}

std::vector<std::string> write_postgis_export(const std::string& pg, bool overwrite, const Network& net,
                                              const Shown& shown, const Feedback& feedback) {
    const Analysis* an = shown.analysis();
    const auto tables = postgis_tables(net, shown.measures(), an && an->result.passengers);
    {
        Progress progress = feedback.progress("corridor: writing", tables[0].size() + tables[1].size());
        io::write_postgres(pg, {&tables[0], &tables[1]}, overwrite, progress.callback());
    }
    feedback.done("write");
    std::vector<std::string> written;
    for (const auto& t : tables) written.push_back(io::LayerSource{pg, t.name}.label());
    return written;
}

}  // namespace corridor
