#include "corridor/io/write.hpp"

#include "corridor/enum_names.hpp"

#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>

#include "corridor/error.hpp"
#include "corridor/io/detail/ogr_layer.hpp"
#include "corridor/io/detail/shapefile_widths.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_writer.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/io/write_errors.hpp"
#include "corridor/parallel.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kShapefileStringBytes = 254;
// A fixed date for the DBF header and GeoPackage timestamps, so re-runs are byte-identical.
constexpr const char* kFixedDate = "2000-01-01";
// With milliseconds: GeoPackage requirement 15 (and GDAL's validate_gpkg.py) wants
// last_change as %Y-%m-%dT%H:%M:%fZ.
constexpr const char* kFixedTimestamp = "2000-01-01T00:00:00.000Z";

OGRFieldType ogr_type(FieldType t) {
    switch (t) {
        case FieldType::string:
            return OFTString;
        case FieldType::integer:
        case FieldType::boolean:
            return OFTInteger;
        case FieldType::integer64:
            return OFTInteger64;
        case FieldType::real:
            return OFTReal;
    }
    return OFTString;
}

using Progress = std::function<void(std::size_t)>;
constexpr std::size_t kProgressEvery = 65536;

void write_layer(GDALDataset& ds, const Table& table, Format format, bool spatial_index, const fs::path& file,
                 const Progress& progress, std::atomic<std::size_t>& done) {
    detail::LayerWrite how;
    how.shapefile = format == Format::shapefile;
    how.transaction = format == Format::geopackage;
    std::vector<std::string>& opts = how.options;
    switch (format) {
        case Format::geojson:
            opts = {"RFC7946=YES", "WRITE_BBOX=YES", "COORDINATE_PRECISION=7"};
            break;
        case Format::shapefile:
            // Each string column as wide as its widest value, measured first: no padding to
            // 254 bytes and no RESIZE=YES rewriting the whole .dbf at the end.
            // DBF_EOF_CHAR=NO: with the 0x1A end-of-file byte written after every record, GDAL
            // seeks back over it for the next one, a flush and three system calls a feature;
            // write_file appends it once at the end instead.
            opts = {"ENCODING=UTF-8", std::string("DBF_DATE_LAST_UPDATE=") + kFixedDate, "DBF_EOF_CHAR=NO"};
            break;
        case Format::geopackage:
            opts = {"SPATIAL_INDEX=YES"};
            break;
        case Format::csv:
            opts = {"LINEFORMAT=LF", "STRING_QUOTING=IF_NEEDED"};
            break;
        case Format::flatgeobuf:
            opts = {spatial_index ? "SPATIAL_INDEX=YES" : "SPATIAL_INDEX=NO"};
            break;
    }
    detail::write_ogr_layer(ds, table, how, file.string(), progress, done);
}

// The layer with its fields (Shapefile: widths and decimals, strings as wide as their
// widest value).
OGRLayer* create_layer(GDALDataset& ds, const Table& table, const detail::LayerWrite& how, const std::string& where) {
    std::vector<std::string> opts = how.options;
    std::vector<char*> copts;
    for (auto& o : opts) copts.push_back(o.data());
    copts.push_back(nullptr);
    auto srs = gdal::wgs84();
    const OGRwkbGeometryType gtype = table.geom == GeomType::point  ? wkbPoint
                                     : table.geom == GeomType::line ? wkbLineString
                                                                    : wkbNone;
    OGRLayer* layer = ds.CreateLayer(table.name.c_str(), gtype == wkbNone ? nullptr : srs.get(), gtype, copts.data());
    if (layer == nullptr)
        throw output_error({where, "", ""}, "cannot create layer " + table.name + ": " + gdal::last_error());
    const std::vector<int> string_widths =
        how.shapefile ? detail::shapefile_string_widths(table) : std::vector<int>(table.fields.size(), 0);
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
        const FieldDef& def = table.fields[c];
        OGRFieldDefn fd(def.name.c_str(), ogr_type(def.type));
        if (def.type == FieldType::boolean) fd.SetSubType(OFSTBoolean);
        if (how.shapefile) {
            fd.SetWidth(def.type == FieldType::string ? string_widths[c] : def.width);
            fd.SetPrecision(def.precision);
        }
        if (layer->CreateField(&fd) != OGRERR_NONE)
            throw output_error({where, "", def.name}, "cannot create field: " + gdal::last_error());
    }
    return layer;
}

// Row r's cells and geometry into the feature; it takes the geometry it is given instead
// of copying a local one.
void fill_feature(OGRFeature& feature, const Table& table, std::size_t r, std::vector<Cell>& row, bool shapefile) {
    table.row_at(r, row);
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
        const int i = static_cast<int>(c);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) feature.SetFieldNull(i);
                else if constexpr (std::is_same_v<T, bool>) feature.SetField(i, v ? 1 : 0);
                else if constexpr (std::is_same_v<T, std::int64_t>) feature.SetField(i, static_cast<GIntBig>(v));
                else if constexpr (std::is_same_v<T, double>) feature.SetField(i, v);
                else if (shapefile) feature.SetField(i, fit_shapefile_string(v).c_str());
                else feature.SetField(i, v.c_str());  // the feature keeps its own copy
            },
            row[c]);
    }
    if (table.geom == GeomType::point) {
        const std::span<const LonLat> coords = table.geometry_at(r);
        if (coords.empty()) throw std::out_of_range("a point without a coordinate");
        feature.SetGeometryDirectly(new OGRPoint(coords[0].lon, coords[0].lat));
    } else if (table.geom == GeomType::line) {
        const std::span<const LonLat> coords = table.geometry_at(r);
        auto l = std::make_unique<OGRLineString>();
        l->setNumPoints(static_cast<int>(coords.size()), FALSE);
        for (std::size_t k = 0; k < coords.size(); ++k) l->setPoint(static_cast<int>(k), coords[k].lon, coords[k].lat);
        feature.SetGeometryDirectly(l.release());
    }
}

}  // namespace

namespace detail {

void write_ogr_layer(GDALDataset& ds, const Table& table, const LayerWrite& how, const std::string& where,
                     const std::function<void(std::size_t)>& progress, std::atomic<std::size_t>& done) {
    OGRLayer* layer = create_layer(ds, table, how, where);
    const bool use_transaction = how.transaction;
    if (use_transaction && layer->StartTransaction() != OGRERR_NONE)
        throw output_error({where, "", ""}, "cannot start a transaction: " + gdal::last_error());
    std::vector<Cell> row;
    // One feature, reset for every row (OGRFeature::Reset: its state after construction),
    // so the field array is allocated once per layer.
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t r = 0; r < table.size(); ++r) {
        const std::size_t d = ++done;
        if (progress && d % kProgressEvery == 0) progress(d);
        feature.Reset();
        if (how.row_fids) feature.SetFID(static_cast<GIntBig>(r + 1));
        fill_feature(feature, table, r, row, how.shapefile);
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw output_error({where, "", ""}, "cannot write a feature: " + gdal::last_error());
    }
    if (use_transaction && layer->CommitTransaction() != OGRERR_NONE)
        throw output_error({where, "", ""}, "cannot commit: " + gdal::last_error());
}

}  // namespace detail

namespace {

// ---- CSV: written here, not by GDAL's CSV driver, which prints the real 1200.0 as "1200".

// A real as the shortest text that reads back as the same double, always with a decimal
// point or an exponent ("1200.0", "0.482", "3000000000.0", "1e+20"), whatever the locale.
void append_csv_real(std::string& out, double v) {
    if (!std::isfinite(v)) return;  // no CSV spelling: left empty (null)
    char buf[64];
    const double a = std::fabs(v);
    const bool fixed = a == 0 || (a >= 1e-5 && a < 1e16);  // 3000000000.0, not 3e+09
    const auto end = fixed ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr
                           : std::to_chars(buf, buf + sizeof buf, v).ptr;
    const std::string_view s(buf, static_cast<std::size_t>(end - buf));
    out += s;
    if (s.find_first_of(".e") == std::string_view::npos) out += ".0";
}

// RFC 4180: quoted when it holds a comma, a quote or a line break (or would lose spaces).
void append_csv_string(std::string& out, std::string_view s) {
    const bool quote =
        s.find_first_of(",\"\r\n") != std::string_view::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) {
        out += s;
        return;
    }
    out += '"';
    for (const char c : s) out += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
    out += '"';
}

void append_csv_cell(std::string& out, const Cell& cell, FieldType type) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) out += v ? '1' : '0';
            else if constexpr (std::is_same_v<T, std::int64_t>) {
                if (type == FieldType::real) append_csv_real(out, static_cast<double>(v));
                else out += std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) append_csv_real(out, v);
            else if constexpr (std::is_same_v<T, std::string>) append_csv_string(out, v);
        },
        cell);
}

// The .csvt sidecar GDAL reads column types from (one line, a type per column).
std::string csvt_line(const Table& table) {
    static constexpr Named<FieldType> kCsvTypes[] = {{FieldType::string, "String"},
                                                     {FieldType::integer, "Integer"},
                                                     {FieldType::integer64, "Integer64"},
                                                     {FieldType::boolean, "Integer(Boolean)"},
                                                     {FieldType::real, "Real"}};
    std::string out;
    for (const auto& def : table.fields) {
        if (!out.empty()) out += ',';
        out += name_of(kCsvTypes, def.type, "");
    }
    return out + '\n';
}

// NAME.csv (a header, then a row per feature; no geometry) and NAME.csvt.
std::vector<fs::path> write_csv(const Table& table, const fs::path& file, const Progress& progress,
                                std::atomic<std::size_t>& done) {
    std::string text;
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
        if (c > 0) text += ',';
        append_csv_string(text, table.fields[c].name);
    }
    text += '\n';
    std::vector<Cell> row;
    for (std::size_t r = 0; r < table.size(); ++r) {
        table.row_at(r, row);
        for (std::size_t c = 0; c < table.fields.size(); ++c) {
            if (c > 0) text += ',';
            if (c < row.size()) append_csv_cell(text, row[c], table.fields[c].type);
        }
        text += '\n';
        const std::size_t d = ++done;
        if (progress && d % kProgressEvery == 0) progress(d);
    }
    fs::path types = file;
    types.replace_extension(".csvt");
    write_file_atomic(file, text);
    write_file_atomic(types, csvt_line(table));
    return {file, types};
}

// Closes the dataset and turns a failure while flushing into an output_error.
void close_checked(gdal::DatasetPtr ds, const fs::path& file) {
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw output_error({file.string(), "", ""}, "cannot write: " + gdal::last_error());
}

// The .dbf's 0x1A end-of-file byte, which the shapefile was written without (DBF_EOF_CHAR=NO).
void append_dbf_end_of_file(const fs::path& shp) {
    fs::path dbf = shp;
    dbf.replace_extension(".dbf");
    std::FILE* fp = std::fopen(dbf.c_str(), "ab");
    const bool ok = fp != nullptr && std::fputc(0x1A, fp) != EOF;
    const int err = errno;
    if (fp != nullptr && std::fclose(fp) != 0 && ok)
        throw output_error({dbf.string(), "", ""}, "cannot write: " + std::string(std::strerror(errno)));
    if (!ok) throw output_error({dbf.string(), "", ""}, "cannot write: " + std::string(std::strerror(err)));
}

const char* driver_name(Format f) {
    static constexpr Named<Format> kDrivers[] = {{Format::geojson, "GeoJSON"},
                                                 {Format::shapefile, "ESRI Shapefile"},
                                                 {Format::geopackage, "GPKG"},
                                                 {Format::csv, "CSV"},
                                                 {Format::flatgeobuf, "FlatGeobuf"}};
    return name_of(kDrivers, f, "");
}

// Writes one file (a GeoPackage may hold several layers); returns the files created in dir.
std::vector<fs::path> write_one(const OutputFile& out, const fs::path& dir, const Progress& progress,
                                std::atomic<std::size_t>& done, WriteEngine engine) {
    const fs::path file = dir / out.name;
    if (engine == WriteEngine::automatic && out.format == Format::geojson && out.tables.size() == 1) {
        write_geojson_fast(*out.tables.front(), file);
        const std::size_t now = done += out.tables.front()->size();
        if (progress) progress(now);
        return {file};
    }
    if (out.format == Format::csv && out.tables.size() == 1)
        return write_csv(*out.tables.front(), file, progress, done);
    gdal::QuietErrors quiet;
    gdal::ScopedConfig date("OGR_CURRENT_DATE", kFixedTimestamp);
    auto ds = gdal::create_vector(driver_name(out.format), file);
    for (const Table* t : out.tables) write_layer(*ds, *t, out.format, out.spatial_index, file, progress, done);
    close_checked(std::move(ds), file);
    if (out.format != Format::shapefile) return {file};
    append_dbf_end_of_file(file);
    std::vector<fs::path> parts;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        fs::path part = file;
        part.replace_extension(ext);
        if (fs::exists(part)) parts.push_back(part);
    }
    return parts;
}

// write_one, then a check that the disk did not fill: some of GDAL's drivers (FlatGeobuf)
// drop a failed write without a word, and the file would be cut short.
std::vector<fs::path> write_file(const OutputFile& out, const fs::path& dir, const Progress& progress,
                                 std::atomic<std::size_t>& done, WriteEngine engine) {
    auto files = write_one(out, dir, progress, done, engine);
    if (file_system_full(dir))
        throw output_error({(dir / out.name).string(), "", ""}, "cannot write: no space left on device");
    return files;
}

}  // namespace

Table materialised(const Table& t) {
    Table out;
    out.name = t.name;
    out.geom = t.geom;
    out.fields = t.fields;
    out.rows.resize(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        t.row_at(i, out.rows[i]);
        if (t.geom == GeomType::none) {
            out.geometries.emplace_back();
        } else {
            const std::span<const LonLat> g = t.geometry_at(i);
            out.geometries.emplace_back(g.begin(), g.end());
        }
    }
    return out;
}

namespace {
// The formats' names (format_name) and the other names parse_format takes.
constexpr Named<Format> kFormatNames[] = {{Format::geojson, "geojson"},
                                          {Format::shapefile, "shp"},
                                          {Format::geopackage, "gpkg"},
                                          {Format::csv, "csv"},
                                          {Format::flatgeobuf, "fgb"}};
constexpr Named<Format> kFormatAliases[] = {{Format::geojson, "json"},
                                            {Format::shapefile, "shapefile"},
                                            {Format::geopackage, "geopackage"},
                                            {Format::flatgeobuf, "flatgeobuf"}};
}  // namespace

Format parse_format(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (const auto f = value_named(kFormatNames, n)) return *f;
    if (const auto f = value_named(kFormatAliases, n)) return *f;
    throw error("unknown format \"" + name + "\" (expected geojson, shp, gpkg or fgb)");
}

std::string format_name(Format f) { return name_of(kFormatNames, f); }

std::string fit_shapefile_string(const std::string& s) {
    if (s.size() <= kShapefileStringBytes) return s;
    static const std::string ellipsis = "\xE2\x80\xA6";  // U+2026, 3 bytes
    std::size_t cut = kShapefileStringBytes - ellipsis.size();
    // Step back over UTF-8 continuation bytes (10xxxxxx) to a character start.
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + ellipsis;
}

std::vector<OutputFile> layer_files(const std::vector<Table>& tables, const WriteOptions& options) {
    std::vector<OutputFile> files;
    for (Format f : options.formats) {
        if (f == Format::geopackage) {
            OutputFile gpkg{options.gpkg_name, f, {}};
            for (const auto& t : tables) gpkg.tables.push_back(&t);
            gpkg.tables.insert(gpkg.tables.end(), options.gpkg_also.begin(), options.gpkg_also.end());
            files.push_back(std::move(gpkg));
            continue;
        }
        const char* ext = f == Format::geojson      ? ".geojson"
                          : f == Format::shapefile  ? ".shp"
                          : f == Format::flatgeobuf ? ".fgb"
                                                    : ".csv";
        for (const auto& t : tables)
            files.push_back({t.name + ext, f, {&t}, f == Format::flatgeobuf && options.fgb_spatial_index});
    }
    return files;
}

namespace {

void check_tables(const std::vector<OutputFile>& files) {
    for (const auto& f : files)
        for (const Table* t : f.tables)
            if (!t->make_row && t->rows.size() != t->geometries.size() && t->geom != GeomType::none)
                throw output_error({t->name, "", ""}, "internal: rows and geometries differ in number");
}

}  // namespace

std::vector<fs::path> stage_files(const std::vector<OutputFile>& files, const fs::path& folder,
                                  const Progress& progress, WriteEngine engine) {
    check_tables(files);
    // Files are independent: written concurrently, one per core, each into its own
    // GDAL dataset. Progress calls are serialised; the first file's error wins.
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    Progress serial_progress;
    if (progress)
        serial_progress = [&](std::size_t n) {
            std::lock_guard lock(progress_mutex);
            progress(n);
        };
    std::vector<std::vector<fs::path>> per_file(files.size());
    std::vector<std::exception_ptr> errors(files.size());
    std::atomic<std::size_t> next{0};
    run_parts(std::min(files.size(), hardware_threads()), [&](std::size_t) {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            try {
                per_file[i] = write_file(files[i], folder, serial_progress, done, engine);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    });
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    std::vector<fs::path> staged;
    for (const auto& f : per_file) staged.insert(staged.end(), f.begin(), f.end());
    return staged;
}

std::vector<fs::path> write_files(const std::vector<OutputFile>& files, const fs::path& out_dir,
                                  const Progress& progress, WriteEngine engine) {
    check_tables(files);  // refused before the folder is touched
    OutputSet set(out_dir, "");
    const auto staged = set.stage([&](const fs::path& folder) { return stage_files(files, folder, progress, engine); });
    return set.commit(staged, {});
}

void write_descriptor(int fd, std::string_view bytes, const fs::path& file) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw output_error({file.string(), "", ""}, "cannot write: " + errno_text(n < 0 ? errno : ENOSPC));
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void write_file_atomic(const fs::path& file, std::string_view bytes) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    auto fail = [&](const std::string& why) {
        throw output_error({file.string(), "", ""}, fmt::format("cannot write: {}", why));
    };
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) fail(ec ? ec.message() : fmt::format("not a folder: {}", dir.string()));
    std::string templ =
        (dir / fmt::format(".{}.corridor-tmp-{}-XXXXXX", file.filename().string(), ::getpid())).string();
    const int fd = mkstemp(templ.data());
    if (fd < 0) fail(errno_text(errno));
    try {
        write_descriptor(fd, bytes, file);
    } catch (...) {
        ::close(fd);
        fs::remove(templ, ec);
        throw;
    }
    if (::close(fd) != 0) {
        const int err = errno;
        fs::remove(templ, ec);
        fail(errno_text(err));
    }
    // mkstemp makes the file 0600; give it the permissions an ordinary file gets.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    fs::permissions(templ, static_cast<fs::perms>(0666 & ~mask), ec);
    fs::rename(templ, file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(templ, ignored);
        fail(errno_text(ec.value()));
    }
}

std::vector<fs::path> write_tables(const std::vector<Table>& tables, const WriteOptions& options) {
    return write_files(layer_files(tables, options), options.out_dir, {}, options.engine);
}

}  // namespace corridor::io
