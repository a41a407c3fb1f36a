// Cell helpers shared by the report tables (internal to src/report).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "corridor/io/write.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/network.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::report_detail {

// Empty text is a null cell.
inline io::Cell text(const std::string& s) { return s.empty() ? io::Cell{} : io::Cell{s}; }
inline io::Cell number(const std::optional<double>& v) { return v ? io::Cell{*v} : io::Cell{}; }

// open_from and open_until ("YYYY-MM-DD") as the loader reads them; null when the period is
// open that way.
inline io::Cell open_from(const Period& p) {
    return p.from == Period::kOpenStart ? io::Cell{} : io::Cell{date_text(p.from)};
}
inline io::Cell open_until(const Period& p) {
    return p.until == Period::kOpenEnd ? io::Cell{} : io::Cell{date_text(p.until)};
}

// "cargo,coal": a commodity list as one field.
inline std::string commodity_list(const std::vector<std::string>& items) { return corridor::joined(items, ","); }

// Setters for a row that is filled again for every feature (a writer keeps one row per
// thread): a string cell keeps its buffer, so a long layer allocates almost nothing per row.
inline void set(io::Cell& c, std::string_view s) {
    if (auto* p = std::get_if<std::string>(&c)) p->assign(s);
    else c.emplace<std::string>(s);
}
// As text(): empty text is a null cell.
inline void set_text(io::Cell& c, const std::string& s) {
    if (s.empty()) c = std::monostate{};
    else set(c, s);
}
// As commodity_list().
inline void set_joined(io::Cell& c, const std::vector<std::string>& items) {
    if (!std::holds_alternative<std::string>(c)) c.emplace<std::string>();
    std::string& out = std::get<std::string>(c);
    out.clear();
    for (const auto& s : items) {
        if (!out.empty()) out += ',';
        out += s;
    }
}

// A layer's column: its field definition and how one row's values fill its cell. A layer is a
// table of these, so a field is one line, and no column can shift another's cell. fill is a
// plain function (a lambda without captures): rows are made on writer threads.
template <class Row>
struct Column {
    io::FieldDef field;
    void (*fill)(const Row& row, io::Cell& cell);
};

// The field definitions of the columns, in their order.
template <class Row>
std::vector<io::FieldDef> fields_of(std::span<const Column<Row>> columns) {
    std::vector<io::FieldDef> fields;
    fields.reserve(columns.size());
    for (const auto& c : columns) fields.push_back(c.field);
    return fields;
}

// One cell per column, each filled from row (cells keep their buffers between rows).
template <class Row>
void fill_row(std::span<const Column<Row>> columns, const Row& row, std::vector<io::Cell>& cells) {
    cells.resize(columns.size());
    for (std::size_t k = 0; k < columns.size(); ++k) columns[k].fill(row, cells[k]);
}

// The columns, followed by the extra ones when `with_extra` (fields only some runs add).
template <class Row>
std::vector<Column<Row>> columns_with(std::span<const Column<Row>> columns, std::span<const Column<Row>> extra,
                                      bool with_extra) {
    std::vector<Column<Row>> out(columns.begin(), columns.end());
    if (with_extra) out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

// A layer whose rows are made when written (a big network is never held twice): count rows,
// row i filled through the columns from row_of(i), its geometry shape(i) (none for a layer
// without geometry). Writer threads call both at once: they read only, and what they read
// must outlive the table.
template <class Row, class RowOf>
io::Table column_layer(std::string name, io::GeomType geom, std::span<const Column<Row>> columns, std::size_t count,
                       RowOf row_of, std::function<std::span<const LonLat>(std::size_t)> shape = {}) {
    io::Table t;
    t.name = std::move(name);
    t.geom = geom;
    t.fields = fields_of<Row>(columns);
    t.count = count;
    t.make_row = [columns = std::vector<Column<Row>>(columns.begin(), columns.end()), row_of](
                     std::size_t i, std::vector<io::Cell>& cells) { fill_row<Row>(columns, row_of(i), cells); };
    t.shape = std::move(shape);
    return t;
}

// The geometries of a network's places (points, read in place) and routes (lines).
inline std::function<std::span<const LonLat>(std::size_t)> place_points(const Network& net) {
    return [&net](std::size_t i) { return std::span<const LonLat>(&net.places[i].pos, 1); };
}
inline std::function<std::span<const LonLat>(std::size_t)> route_lines(const Network& net) {
    return [&net](std::size_t i) { return std::span<const LonLat>(net.routes[i].line); };
}

}  // namespace corridor::report_detail
