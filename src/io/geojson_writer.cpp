// The streaming GeoJSON writer: the bytes GDAL 3.6's GeoJSON driver writes through write_layer
// (RFC7946=YES, WRITE_BBOX=YES, COORDINATE_PRECISION=7, the layer's name written), without building OGR
// features or json-c objects. Every rule below mirrors a step of that path (the numbers are in
// detail/number_format, the strings in detail/json_escape, the bboxes in detail/geojson_bbox):
//  - the collection: "type", then "name" (the table's name as json_object_to_json_string
//    prints it: '/' escaped too), then the space for the bbox; without the name GDAL calls a
//    layer read from a nameless source (HTTP) "OGRGeoJSON";
//  - the layer: fields created in order, a name already present is skipped (so later cells land
//    on the following definitions by index, as OGRFeature::SetField(index) does);
//  - a cell of another type than its field is converted as OGRFeature::SetField converts it;
//  - properties as json-c prints them with JSON_C_TO_STRING_SPACED | NOSLASHESCAPE: reals with
//    %.17g and GDAL's 999999/000000 heuristic, non-finite reals left out, 32-bit integers
//    clamped, booleans as true/false, strings escaped like json_escape_str; a string that looks
//    like a JSON object or array ({...} or [...]) is parsed by the driver and written as JSON,
//    so that rare value is handed to the driver itself (a one-feature file in /vsimem/);
//  - coordinates as OGRFormatDouble(7) (%.7f, intelliround, trailing zeros trimmed);
//  - geometries pass through OGRGeometryFactory::transformWithOptions(WRAPDATELINE=YES) and the
//    [-180,180]x[-90,90] check; a geometry that step cannot change (finite, |lon| <= 170,
//    |lat| <= 90) is written directly, any other goes through GDAL's own functions;
//  - the collection bbox (%.7f) is written into the space reserved after the header, as the
//    driver does by seeking back.
//
// Features are formatted in chunks of kGeoJsonChunkFeatures, on the workers of an OrderedQueue
// (parallel.hpp) when asked, each chunk into its own buffer; the calling thread writes the
// chunks strictly in order and merges the feature extents in order, so the bytes do not depend
// on the number of threads. At most two chunks per thread are in flight, so memory stays small
// whatever the layer's size.
#include "corridor/io/geojson_writer.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/io/detail/byte_buffer.hpp"
#include "corridor/io/detail/geojson_bbox.hpp"
#include "corridor/io/detail/json_escape.hpp"
#include "corridor/io/detail/number_format.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/write_errors.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

// ogr_geojson.h: OGRGeoJSONDataSource::SPACE_FOR_BBOX.
constexpr std::size_t kSpaceForBBox = 130;
// The furthest longitude transformWithOptions(WRAPDATELINE=YES) leaves untouched whatever the
// rest of the geometry (its date line offset is 10 degrees).
constexpr double kSafeLon = 170.0;

using detail::Bytes;

// ---------------------------------------------------------------- values -----------------

// A coordinate or bbox value (detail/number_format.hpp).
void append_coord(Bytes& out, double v) { out.used(detail::format_coordinate(out.room(detail::kCoordinateRoom), v)); }

// "[ A, B, ... ]": a position, or a bounding box's numbers (unrolled: every vertex is one).
template <class... More>
void append_coords(Bytes& out, double first, More... more) {
    out.lit("[ ");
    append_coord(out, first);
    ((out.lit(", "), append_coord(out, more)), ...);
    out.lit(" ]");
}

// A finite real property.
void append_real(Bytes& out, double v) { out.used(detail::format_real(out.room(detail::kRealRoom), v)); }

void append_int(Bytes& out, std::int64_t v) {
    char* const p = out.room(24);
    out.used(std::to_chars(p, p + 24, v).ptr);
}

// s[0..n) escaped as json-c does (detail/json_escape.hpp), without quotes.
void append_escaped(Bytes& out, const char* s, std::size_t n) {
    out.used(detail::escape_json(out.room(detail::escaped_room(n)), s, n));
}

using detail::c_string;

// A string the driver parses as JSON: {...} or [...] (as OGR sees it).
bool looks_like_json(const std::string& s) {
    if (s.empty() || (s.front() != '{' && s.front() != '[')) return false;
    const std::string_view v = c_string(s);
    return (v.front() == '{' && v.back() == '}') || (v.front() == '[' && v.back() == ']');
}

// What the driver writes for a string property that may parse as JSON: its own output for a
// one-feature layer in memory, cut out of the properties object.
std::string driver_string_value(const char* value, const fs::path& file) {
    static std::atomic<unsigned long> counter{0};
    gdal::init();
    std::string name = "/vsimem/corridor-geojson-fast-";
    name += std::to_string(counter++);
    name += ".geojson";
    {
        gdal::QuietErrors quiet;
        auto ds = gdal::create_vector("GeoJSON", name);
        const char* opts[] = {"WRITE_NAME=NO", nullptr};
        OGRLayer* layer = ds->CreateLayer("v", nullptr, wkbNone, const_cast<char**>(opts));
        OGRFieldDefn fd("v", OFTString);
        if (layer == nullptr || layer->CreateField(&fd) != OGRERR_NONE)
            throw output_error({file.string(), "", ""}, "cannot write a property: " + gdal::last_error());
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField(0, value);
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw output_error({file.string(), "", ""}, "cannot write a property: " + gdal::last_error());
    }
    vsi_l_offset len = 0;
    GByte* data = VSIGetMemFileBuffer(name.c_str(), &len, TRUE);
    const std::string text(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    CPLFree(data);
    const std::string head = "\"properties\": { \"v\": ";
    const std::string tail = " }, \"geometry\": null }";
    const std::size_t from = text.find(head);
    const std::size_t to = text.rfind(tail);
    if (from == std::string::npos || to == std::string::npos || to < from + head.size())
        throw output_error({file.string(), "", ""}, "internal: unexpected GeoJSON driver output for a property");
    return text.substr(from + head.size(), to - from - head.size());
}

// ---------------------------------------------------------------- cells ------------------

int clamp_int(std::int64_t v) { return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : static_cast<int>(v); }
int clamp_int(double v) {
    if (std::isnan(v)) return INT_MIN;
    return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : static_cast<int>(v);
}

// OGRFeature::SetField converting a cell into an integer field.
int as_int(const Cell& c) {
    if (const bool* b = std::get_if<bool>(&c)) return *b ? 1 : 0;
    if (const auto* i = std::get_if<std::int64_t>(&c)) return clamp_int(*i);
    if (const double* d = std::get_if<double>(&c)) return clamp_int(*d);
    const std::string& s = std::get<std::string>(c);
    const long long v = std::strtoll(s.c_str(), nullptr, 10);
    return clamp_int(static_cast<std::int64_t>(v));
}

// OGRFeature::SetField converting a cell into an Integer64 field: nothing clamped below int64.
std::int64_t as_int64(const Cell& c) {
    if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
    if (const double* d = std::get_if<double>(&c)) {
        if (std::isnan(*d)) return std::numeric_limits<std::int64_t>::min();
        if (*d >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
        return *d <= -9.2233720368547758e18 ? std::numeric_limits<std::int64_t>::min() : static_cast<std::int64_t>(*d);
    }
    if (const auto* s = std::get_if<std::string>(&c)) return std::strtoll(s->c_str(), nullptr, 10);
    return as_int(c);  // bool
}

double as_real(const Cell& c) {
    if (const bool* b = std::get_if<bool>(&c)) return *b ? 1.0 : 0.0;
    if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
    if (const double* d = std::get_if<double>(&c)) return *d;
    return CPLAtof(std::get<std::string>(c).c_str());
}

// ---------------------------------------------------------------- features ---------------

struct Column {
    FieldType type;
    std::string key;                // `"name": `
    std::array<char, 48> padded{};  // key, then zeros: copied whole when the key fits
};

// What every formatter shares, read-only: the table, the file (for messages) and the columns.
struct Layout {
    Layout(const Table& t, const fs::path& p) : table(t), path(p) {
        std::vector<std::string> seen;
        for (const auto& def : t.fields) {
            const std::string_view name = c_string(def.name);  // OGR sees the C string
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            seen.emplace_back(name);
            Bytes key;
            key.add('"');
            append_escaped(key, def.name.data(), def.name.size());
            key.lit("\": ");
            Column col{def.type, std::string(key.data(), key.size()), {}};
            std::memcpy(col.padded.data(), key.data(), std::min(key.size(), col.padded.size()));
            columns.push_back(std::move(col));
        }
    }

    [[noreturn]] void fail(const std::string& message, const std::string& feature = "") const {
        throw output_error({path.string(), feature, ""}, message);
    }

    const Table& table;
    const fs::path& path;
    std::vector<Column> columns;
};

// Features [begin, end) as text (each but the layer's first after ",\n"), and the extent of
// each feature that has one, in order.
struct Chunk {
    Bytes text;
    std::vector<OGREnvelope> extents;

    void clear() {
        text.clear();
        extents.clear();
    }
};

// Formats features; one per thread (its own row buffer and transformation cache). Reads the
// table through its const accessors only.
class Formatter {
public:
    explicit Formatter(const Layout& layout) : layout_(layout), table_(layout.table) {}

    void format(std::size_t begin, std::size_t end, Chunk& chunk) {
        Bytes& out = chunk.text;
        for (std::size_t r = begin; r < end; ++r) {
            table_.row_at(r, row_);
            if (row_.size() < table_.fields.size())
                layout_.fail("internal: fewer cells than fields", std::string("#").append(std::to_string(r + 1)));
            if (r > 0) out.lit(",\n");
            out.lit("{ \"type\": \"Feature\", \"properties\": {");
            properties(out);
            out.lit(" }, ");
            geometry(r, chunk);
            out.lit(" }");
        }
    }

private:
    void properties(Bytes& out) {
        bool first = true;
        const auto& columns = layout_.columns;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const Cell& cell = row_[k];
            const Column& col = columns[k];
            const bool null = std::holds_alternative<std::monostate>(cell);
            double real = 0;
            if (!null && col.type == FieldType::real) {
                real = as_real(cell);
                if (!std::isfinite(real)) continue;  // the driver skips NaN and infinity
            }
            if (first) out.add(' ');
            else out.lit(", ");
            first = false;
            if (col.key.size() <= col.padded.size()) {  // a copy of known size, then the size
                char* p = out.room(col.padded.size());
                std::memcpy(p, col.padded.data(), col.padded.size());
                out.used(p + col.key.size());
            } else {
                out.add(col.key);
            }
            if (null) {
                out.lit("null");
                continue;
            }
            switch (col.type) {
                case FieldType::real:
                    append_real(out, real);
                    break;
                case FieldType::integer:
                    append_int(out, as_int(cell));
                    break;
                case FieldType::integer64:
                    append_int(out, as_int64(cell));
                    break;
                case FieldType::boolean:
                    if (as_int(cell) != 0) out.lit("true");
                    else out.lit("false");
                    break;
                case FieldType::string:
                    string_value(out, cell);
                    break;
            }
        }
    }

    void string_value(Bytes& out, const Cell& cell) {
        if (const auto* s = std::get_if<std::string>(&cell)) {
            if (looks_like_json(*s)) {
                out.add(driver_string_value(s->c_str(), layout_.path));
                return;
            }
            out.add('"');
            append_escaped(out, s->data(), s->size());
            out.add('"');
            return;
        }
        // OGRFeature::SetField(int / GIntBig / double) into a string field.
        char tmp[64];
        if (const bool* b = std::get_if<bool>(&cell)) CPLsnprintf(tmp, sizeof tmp, "%d", *b ? 1 : 0);
        else if (const auto* i = std::get_if<std::int64_t>(&cell))
            CPLsnprintf(tmp, sizeof tmp, CPL_FRMT_GIB, static_cast<GIntBig>(*i));
        else CPLsnprintf(tmp, sizeof tmp, "%.16g", std::get<double>(cell));
        out.add('"');
        append_escaped(out, tmp, std::strlen(tmp));
        out.add('"');
    }

    static bool untouched(const LonLat& p) {
        return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -kSafeLon && p.lon <= kSafeLon &&
               p.lat >= -90.0 && p.lat <= 90.0;
    }

    static void point_json(Bytes& out, const LonLat& p) { append_coords(out, p.lon, p.lat); }

    static void bbox_json(Bytes& out, const OGREnvelope& e) {
        out.lit("\"bbox\": ");
        append_coords(out, e.MinX, e.MinY, e.MaxX, e.MaxY);
        out.lit(", ");
    }

    void geometry(std::size_t r, Chunk& chunk) {
        Bytes& out = chunk.text;
        if (table_.geom == GeomType::none) {
            out.lit("\"geometry\": null");
            return;
        }
        const std::span<const LonLat> coords = table_.geometry_at(r);
        if (table_.geom == GeomType::point) {
            if (coords.empty()) throw std::out_of_range("a point without a coordinate");
            const LonLat& p = coords[0];
            if (!untouched(p)) return through_gdal(r, coords, chunk);
            OGREnvelope e;
            e.MinX = e.MaxX = p.lon;
            e.MinY = e.MaxY = p.lat;
            bbox_json(out, e);
            out.lit("\"geometry\": { \"type\": \"Point\", \"coordinates\": ");
            point_json(out, p);
            out.lit(" }");
            chunk.extents.push_back(e);
            return;
        }
        if (!std::all_of(coords.begin(), coords.end(), untouched)) return through_gdal(r, coords, chunk);
        if (!coords.empty()) {
            OGREnvelope e;
            e.MinX = e.MaxX = coords[0].lon;
            e.MinY = e.MaxY = coords[0].lat;
            for (const auto& p : coords) {
                e.MinX = std::min(e.MinX, p.lon);
                e.MaxX = std::max(e.MaxX, p.lon);
                e.MinY = std::min(e.MinY, p.lat);
                e.MaxY = std::max(e.MaxY, p.lat);
            }
            bbox_json(out, e);
            chunk.extents.push_back(e);
        }
        out.lit("\"geometry\": { \"type\": \"LineString\", \"coordinates\": [");
        for (std::size_t k = 0; k < coords.size(); ++k) {
            if (k == 0) out.add(' ');
            else out.lit(", ");
            point_json(out, coords[k]);
        }
        out.lit(" ] }");
    }

    // A geometry the date line wrapping may change, or non-finite: GDAL's own steps.
    void through_gdal(std::size_t r, std::span<const LonLat> coords, Chunk& chunk) {
        std::unique_ptr<OGRGeometry> src;
        if (table_.geom == GeomType::point) {
            src = std::make_unique<OGRPoint>(coords[0].lon, coords[0].lat);  // geometry() checked it is there
        } else {
            auto line = std::make_unique<OGRLineString>();
            line->setNumPoints(static_cast<int>(coords.size()));
            for (std::size_t k = 0; k < coords.size(); ++k)
                line->setPoint(static_cast<int>(k), coords[k].lon, coords[k].lat);
            src = std::move(line);
        }
        std::string feature = "#";
        feature += std::to_string(r + 1);
        gdal::QuietErrors quiet;
        const char* wrap[] = {"WRAPDATELINE=YES", nullptr};
        std::unique_ptr<OGRGeometry> geom(
            OGRGeometryFactory::transformWithOptions(src.get(), nullptr, const_cast<char**>(wrap), cache_));
        if (geom == nullptr) layout_.fail("cannot write a feature: " + gdal::last_error(), feature);
        OGREnvelope e;
        geom->getEnvelope(&e);
        if (e.MinX < -180.0 || e.MaxX > 180.0 || e.MinY < -90.0 || e.MaxY > 90.0)
            layout_.fail("cannot write a feature: Geometry extent outside of [-180.0,180.0]x[-90.0,90.0] bounds",
                         feature);
        const bool empty = geom->IsEmpty();
        if (!empty) {
            e = detail::rfc7946_bbox(*geom);
            bbox_json(chunk.text, e);
        }
        const char* opts[] = {"COORDINATE_PRECISION=7", nullptr};
        char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geom.get()), const_cast<char**>(opts));
        chunk.text.lit("\"geometry\": ");
        if (json != nullptr) chunk.text.add(std::string_view(json));
        else chunk.text.lit("null");
        CPLFree(json);
        if (!empty) chunk.extents.push_back(e);
    }

    const Layout& layout_;
    const Table& table_;
    std::vector<Cell> row_;
    OGRGeometryFactory::TransformWithOptionsCache cache_;
};

// ---------------------------------------------------------------- chunks in order --------

// Formats the layer's chunks on `threads` workers of an OrderedQueue (each worker with its
// own Formatter, each chunk in a slot of its own, two per worker) and hands them to write()
// in order; a failing chunk's exception reaches the caller when that chunk's turn comes.
template <class Write>
void format_in_order(const Layout& layout, std::size_t rows, std::size_t threads, Write&& write) {
    const std::size_t chunks = (rows + kGeoJsonChunkFeatures - 1) / kGeoJsonChunkFeatures;
    // What the tasks use outlives the queue, whose destructor waits for the running ones.
    std::vector<std::unique_ptr<Formatter>> formatters;  // one per worker
    for (std::size_t w = 0; w < threads; ++w) formatters.push_back(std::make_unique<Formatter>(layout));
    std::vector<Chunk> slots(2 * threads);
    OrderedQueue queue(threads, slots.size());
    auto write_oldest = [&] {
        Chunk& chunk = slots[queue.pop() % slots.size()];
        write(chunk);
        chunk.clear();
    };
    for (std::size_t c = 0; c < chunks; ++c) {
        if (queue.full()) write_oldest();
        queue.push([&, c](std::size_t worker) {
            const std::size_t begin = c * kGeoJsonChunkFeatures;
            formatters[worker]->format(begin, std::min(rows, begin + kGeoJsonChunkFeatures), slots[c % slots.size()]);
        });
    }
    while (!queue.empty()) write_oldest();
}

// ---------------------------------------------------------------- the file ---------------

class Writer {
public:
    Writer(const Table& table, const fs::path& path) : layout_(table, path) {}
    // Writes into *text instead of a file; path only names the layer in errors.
    Writer(const Table& table, const fs::path& path, std::string* text) : layout_(table, path), text_(text) {}
    ~Writer() {
        if (fp_ != nullptr) {
            std::fclose(fp_);
            std::error_code ec;
            fs::remove(layout_.path, ec);
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void run(unsigned threads) {
        open();
        const long bbox_at = header();
        const std::size_t rows = layout_.table.size();
        const std::size_t chunks = (rows + kGeoJsonChunkFeatures - 1) / kGeoJsonChunkFeatures;
        OGREnvelope extent;
        auto write = [&](const Chunk& chunk) {
            put(chunk.text.data(), chunk.text.size());
            for (const OGREnvelope& e : chunk.extents) detail::merge_bbox(extent, e);
        };
        if (threads <= 1 || chunks <= 1) {
            Formatter f(layout_);
            Chunk chunk;
            for (std::size_t begin = 0; begin < rows; begin += kGeoJsonChunkFeatures) {
                chunk.clear();
                f.format(begin, std::min(rows, begin + kGeoJsonChunkFeatures), chunk);
                write(chunk);
            }
        } else {
            format_in_order(layout_, rows, std::min<std::size_t>(threads, chunks), write);
        }
        footer(extent, bbox_at);
        close();
    }

private:
    [[noreturn]] void fail_errno() const { layout_.fail(fmt::format("cannot write: {}", errno_text(errno))); }

    void open() {
        if (text_ != nullptr) {
            text_->clear();
            return;
        }
        fp_ = std::fopen(layout_.path.c_str(), "wb");
        if (fp_ == nullptr) fail_errno();
    }

    // The head of the collection, with the space for its bbox; returns where that space is.
    long header() {
        std::string head = "{\n\"type\": \"FeatureCollection\",\n\"name\": ";
        head += detail::json_c_string(c_string(layout_.table.name));
        head += ",\n";
        const long bbox_at = static_cast<long>(head.size());
        head.append(kSpaceForBBox + 1, ' ');
        head += "\n\"features\": [\n";
        put(head.data(), head.size());
        return bbox_at;
    }

    // The end of the collection, and its bbox in the space reserved (or at the end when it
    // does not fit, as the driver does).
    void footer(const OGREnvelope& extent, long bbox_at) {
        std::string tail = "\n]";
        if (extent.IsInit()) {
            // CPLSPrintf: the driver's own %.7f
            const std::string bbox =
                fmt::format("[ {}, {}, {}, {} ]", CPLSPrintf("%.7f", extent.MinX), CPLSPrintf("%.7f", extent.MinY),
                            CPLSPrintf("%.7f", extent.MaxX), CPLSPrintf("%.7f", extent.MaxY));
            if (bbox.size() + 9 < kSpaceForBBox) {
                put(tail.data(), tail.size());
                tail.clear();
                overwrite(bbox_at, fmt::format("\"bbox\": {},", bbox));
            } else {
                tail += fmt::format(",\n\"bbox\": {}", bbox);
            }
        }
        tail += "\n}\n";
        put(tail.data(), tail.size());
    }

    void overwrite(long at, const std::string& text) {
        if (text_ != nullptr) {
            text_->replace(static_cast<std::size_t>(at), text.size(), text);
            return;
        }
        if (std::fseek(fp_, at, SEEK_SET) != 0) fail_errno();
        put(text.data(), text.size());
        if (std::fseek(fp_, 0, SEEK_END) != 0) fail_errno();
    }

    void close() {
        if (text_ != nullptr) return;
        FILE* fp = fp_;
        fp_ = nullptr;
        // A buffered write that failed (a full disk) may only show in the stream's error flag.
        const bool stream_failed = std::ferror(fp) != 0;
        const bool closed = std::fclose(fp) == 0;
        if (!closed || stream_failed) {
            const int err = closed ? EIO : errno;
            std::error_code ec;
            fs::remove(layout_.path, ec);
            errno = err;
            fail_errno();
        }
    }

    void put(const char* data, std::size_t n) {
        if (text_ != nullptr) text_->append(data, n);
        else if (n > 0 && std::fwrite(data, 1, n, fp_) != n) fail_errno();
    }

    Layout layout_;
    std::FILE* fp_ = nullptr;
    std::string* text_ = nullptr;  // in-memory output when set (then fp_ stays null)
};

}  // namespace

void write_geojson_fast(const Table& table, const fs::path& path, unsigned threads) {
    if (!table.make_row && table.geom != GeomType::none && table.rows.size() != table.geometries.size())
        throw output_error({path.string(), "", ""}, "internal: rows and geometries differ in number");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    Writer(table, path).run(threads);
}

std::string geojson_text(const Table& table, unsigned threads) {
    const fs::path name = table.name + ".geojson";
    if (!table.make_row && table.geom != GeomType::none && table.rows.size() != table.geometries.size())
        throw output_error({name.string(), "", ""}, "internal: rows and geometries differ in number");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    std::string text;
    Writer(table, name, &text).run(threads);
    return text;
}

}  // namespace corridor::io