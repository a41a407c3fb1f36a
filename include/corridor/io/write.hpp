// Writes attribute tables with geometry through GDAL (GeoJSON, Shapefile, GeoPackage), atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "corridor/geo/types.hpp"

namespace corridor::io {

// integer is 32-bit (OFTInteger); integer64 (OFTInteger64) for flows and capacities, which
// pass 2,147,483,647 t/month; boolean is OFTInteger with the OFSTBoolean subtype (Integer(1)
// in a shapefile: GDAL 3.6 writes no DBF logical field).
enum class FieldType { string, integer, integer64, boolean, real };

struct FieldDef {
    std::string name;  // at most 10 characters, so a shapefile keeps it whole
    FieldType type = FieldType::string;
    int width = 0;      // shapefile column width (0: driver default)
    int precision = 0;  // decimals for reals
};

using Cell = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

enum class GeomType { point, line, none };

// One layer: field definitions, one row of cells per feature, one geometry per row.
// Either materialised (rows and geometries filled) or generated on demand (count,
// make_row and shape set), so a million-route layer is written without holding
// every cell in memory; shape returns a view, so a point can be one coordinate held elsewhere
// instead of a vector of its own. Writers read through size(), row_at() and geometry_at(), and the
// GeoJSON writer calls them from several threads at once: make_row and shape must only
// read shared state (each call fills the row it is given).
struct Table {
    std::string name;
    GeomType geom = GeomType::point;
    std::vector<FieldDef> fields;
    std::vector<std::vector<Cell>> rows;
    std::vector<Polyline> geometries;

    std::size_t count = 0;
    std::function<void(std::size_t, std::vector<Cell>&)> make_row;
    std::function<std::span<const LonLat>(std::size_t)> shape;

    std::size_t size() const { return make_row ? count : rows.size(); }
    void row_at(std::size_t i, std::vector<Cell>& out) const {
        if (make_row) make_row(i, out);
        else out = rows[i];
    }
    // Row i without a copy when the rows are held: a reference into them, or the row made
    // into `scratch` (valid until scratch changes).
    const std::vector<Cell>& row_view(std::size_t i, std::vector<Cell>& scratch) const {
        if (!make_row) return rows[i];
        make_row(i, scratch);
        return scratch;
    }
    std::span<const LonLat> geometry_at(std::size_t i) const {
        return shape ? shape(i) : std::span<const LonLat>(geometries[i]);
    }
};

// A generated table with its rows and geometries filled in (for tests and small layers).
Table materialised(const Table& t);

enum class Format { geojson, shapefile, geopackage, csv, flatgeobuf };

// "geojson", "shp", "gpkg", "csv", "fgb" (case-insensitive); throws error for anything else.
Format parse_format(const std::string& name);
std::string format_name(Format f);

enum class WriteEngine {
    automatic,  // GeoJSON through the streaming writer (byte-identical to GDAL's), the rest through GDAL
    ogr,        // every format through GDAL's drivers
};

struct WriteOptions {
    std::filesystem::path out_dir;
    std::vector<Format> formats{Format::geojson, Format::shapefile, Format::geopackage};
    std::string gpkg_name = "corridor.gpkg";
    WriteEngine engine = WriteEngine::automatic;
    // FlatGeobuf files with GDAL's packed Hilbert R-tree (SPATIAL_INDEX=YES): fast
    // windowed reads, at the cost of GDAL sorting every feature before writing.
    bool fgb_spatial_index = false;
    // More tables for the GeoPackage only (the network in the input schema, so that an
    // export's corridor.gpkg reads back with --geodata); they must outlive the write.
    std::vector<const Table*> gpkg_also;
};

// Shapefile strings hold 254 bytes: a longer text is cut at a UTF-8 character
// boundary and ends with "…", within the 254 bytes.
std::string fit_shapefile_string(const std::string& s);

// One output file in one format: one layer, or several for a GeoPackage.
struct OutputFile {
    std::string name;  // file name, e.g. "routes.geojson"
    Format format = Format::geojson;
    std::vector<const Table*> tables;
    bool spatial_index = false;  // FlatGeobuf only (a GeoPackage always has its R-tree)
};

// The files for every table in every format: NAME.geojson, NAME.shp (+ parts), NAME.csv,
// and one GeoPackage (options.gpkg_name) holding all tables.
std::vector<OutputFile> layer_files(const std::vector<Table>& tables, const WriteOptions& options);

// Writes the files into `folder` (an OutputSet's staging folder), concurrently, one file per
// core; returns the files created there (a shapefile's parts, a CSV's .csvt). progress, if
// set, is called now and then with the rows written so far.
std::vector<std::filesystem::path> stage_files(const std::vector<OutputFile>& files,
                                               const std::filesystem::path& folder,
                                               const std::function<void(std::size_t rows)>& progress = {},
                                               WriteEngine engine = WriteEngine::automatic);

// stage_files into a temporary folder inside out_dir, then renames each into place
// (an OutputSet without a manifest), so a failed run leaves the previous files whole.
// Returns the files written.
std::vector<std::filesystem::path> write_files(const std::vector<OutputFile>& files,
                                               const std::filesystem::path& out_dir,
                                               const std::function<void(std::size_t rows)>& progress = {},
                                               WriteEngine engine = WriteEngine::automatic);

// Writes every table in every format into a temporary folder inside out_dir,
// then renames each file into place, so a failed run leaves the previous files
// whole. Output is byte-identical for identical tables. Returns the files written.
std::vector<std::filesystem::path> write_tables(const std::vector<Table>& tables, const WriteOptions& options);

// Writes bytes to `file` atomically: into a temporary file in the same folder (created if
// missing), then renamed into place, so a failed run leaves the previous file whole.
// Throws output_error naming the file.
void write_file_atomic(const std::filesystem::path& file, std::string_view bytes);

// Writes all of bytes to the open descriptor fd (short writes and EINTR retried); throws
// output_error naming `file`, the final name the bytes are for ("cannot write: no space
// left on device" when the disk is full).
void write_descriptor(int fd, std::string_view bytes, const std::filesystem::path& file);

}  // namespace corridor::io
