// The streaming GeoJSON writer: the bytes GDAL 3.6's GeoJSON driver writes through write_layer
// (RFC7946=YES, WRITE_BBOX=YES, COORDINATE_PRECISION=7, WRITE_NAME=NO), without building OGR
// features or json-c objects. Every rule below mirrors a step of that path:
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
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/geojson_fast.hpp"

namespace corridor::io {
namespace fs = std::filesystem;
namespace {

// ogr_geojson.h: OGRGeoJSONDataSource::SPACE_FOR_BBOX.
constexpr std::size_t kSpaceForBBox = 130;
// The furthest longitude transformWithOptions(WRAPDATELINE=YES) leaves untouched whatever the
// rest of the geometry (its date line offset is 10 degrees).
constexpr double kSafeLon = 170.0;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

// ---------------------------------------------------------------- numbers ----------------

void append_to_chars(std::string& out, double v, std::chars_format fmt, int precision) {
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, fmt, precision);
    out.append(buf, r.ptr);
}

// ogrutils.cpp roundup(): adds one to the last digit of the decimal s[0..n), carrying; a carry
// out of the first digit prepends a 1. Returns the new length (s has room for one more).
std::size_t round_up(char* s, std::size_t n) {
    const std::size_t first = s[0] == '-' ? 1 : 0;
    for (std::size_t pos = n; pos-- > first;) {
        if (s[pos] == '.') continue;
        if (s[pos] != '9') {
            ++s[pos];
            return n;
        }
        s[pos] = '0';
    }
    std::memmove(s + first + 1, s + first, n - first);
    s[first] = '1';
    return n + 1;
}

// ogrutils.cpp intelliround() on the fixed-notation s[0..n), then removeTrailingZeros().
// Returns the new length.
std::size_t intelliround_and_trim(char* s, std::size_t n) {
    const char* dot_at = static_cast<const char*>(std::memchr(s, '.', n));
    if (dot_at == nullptr) return n;
    const std::size_t dot = static_cast<std::size_t>(dot_at - s);
    const std::size_t i = n;
    if (i > 10) {
        std::size_t before = dot - 1;  // GDAL's nCountBeforeDot
        if (s[0] == '-') --before;
        auto all = [&](char c) {  // s[i-2] .. s[i-6]
            for (std::size_t k = 2; k <= 6; ++k)
                if (s[i - k] != c) return false;
            return true;
        };
        auto long_run = [&](char c) {
            return (before >= 4 || s[i - 3] == c) && (before >= 5 || s[i - 4] == c) && (before >= 6 || s[i - 5] == c) &&
                   (before >= 7 || s[i - 6] == c) && (before >= 8 || s[i - 7] == c) && s[i - 8] == c && s[i - 9] == c;
        };
        if (all('0')) n = i - 1;
        else if (dot < i - 8 && long_run('0')) n = i - 8;
        else if (all('9')) n = round_up(s, i - 6);
        else if (dot < i - 9 && long_run('9')) n = round_up(s, i - 9);
    }
    while (n > 0 && s[n - 1] == '0') --n;
    if (n > 0 && s[n - 1] == '.') s[n++] = '0';
    return n;
}

// A coordinate or bbox value: OGR_json_double_with_precision_to_string with precision 7.
void append_coord(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "nan";
        return;
    }
    if (std::isinf(v)) {
        out += v > 0 ? "inf" : "-inf";
        return;
    }
    if (std::fabs(v) > 1e50) {
        append_to_chars(out, v, std::chars_format::general, 18);
        return;
    }
    char buf[96];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 7);
    const std::size_t n = static_cast<std::size_t>(r.ptr - buf);
    // The common case needs neither rounding nor a string: at most ten characters, or
    // fraction digits 2..6 neither all 0 nor all 9.
    bool simple = n <= 10;
    if (!simple) {
        bool zeros = true, nines = true;
        for (std::size_t k = 2; k <= 6; ++k) {
            zeros = zeros && buf[n - k] == '0';
            nines = nines && buf[n - k] == '9';
        }
        simple = !zeros && !nines;
    }
    if (simple) {
        std::size_t end = n;
        while (buf[end - 1] == '0') --end;
        if (buf[end - 1] == '.') ++end;  // keep one zero after the point
        out.append(buf, end);
        return;
    }
    out.append(buf, intelliround_and_trim(buf, n));
}

bool has_run(std::string_view s, std::size_t from) {
    if (from == std::string_view::npos) return false;
    const std::string_view tail = s.substr(from);
    return tail.find("999999") != std::string_view::npos || tail.find("000000") != std::string_view::npos;
}

// A finite real property: OGR_json_double_with_significant_figures_to_string (17 digits).
void append_real(std::string& out, double v) {
    char buf[64];
    auto print = [&](int digits) {
        const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits);
        return std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
    };
    std::string_view s = print(17);
    if (has_run(s, s.find('.'))) {
        bool ok = false;
        for (int digits = 16; digits >= 14 && !ok; --digits) {
            s = print(digits);
            const std::size_t dot = s.find('.');
            ok = dot != std::string_view::npos && !has_run(s, dot);
        }
        if (!ok) s = print(17);
    }
    out += s;
    if (s.find('.') == std::string_view::npos && s.find('e') == std::string_view::npos) out += ".0";
}

// ---------------------------------------------------------------- strings ----------------

// json-c's json_escape_str with JSON_C_TO_STRING_NOSLASHESCAPE, on a C string.
void append_escaped(std::string& out, const char* s) {
    static constexpr char hex[] = "0123456789abcdef";
    const char* run = s;
    for (const char* p = s;; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(run, p);
        if (c == 0) return;
        run = p + 1;
        switch (c) {
            case '\b': out += "\\b"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\f': out += "\\f"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default: {
                const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out.append(u, 6);
            }
        }
    }
}

bool looks_like_json(const char* s) {
    const std::size_t n = std::strlen(s);
    return n > 0 && ((s[0] == '{' && s[n - 1] == '}') || (s[0] == '[' && s[n - 1] == ']'));
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

int clamp_int(std::int64_t v) {
    return v < INT_MIN ? INT_MIN : v > INT_MAX ? INT_MAX : static_cast<int>(v);
}
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
    errno = 0;
    const long long v = std::strtoll(s.c_str(), nullptr, 10);
    return clamp_int(static_cast<std::int64_t>(v));
}

double as_real(const Cell& c) {
    if (const bool* b = std::get_if<bool>(&c)) return *b ? 1.0 : 0.0;
    if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
    if (const double* d = std::get_if<double>(&c)) return *d;
    return CPLAtof(std::get<std::string>(c).c_str());
}

struct Column {
    FieldType type;
    std::string key;  // `"name": `
};

class Writer {
public:
    Writer(const Table& table, const fs::path& path) : table_(table), path_(path) {
        std::vector<std::string> seen;
        for (const auto& def : table.fields) {
            const char* name = def.name.c_str();  // OGR sees the C string
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            seen.emplace_back(name);
            Column col{def.type, "\""};
            append_escaped(col.key, name);
            col.key += "\": ";
            columns_.push_back(std::move(col));
        }
        buf_.reserve(kFlushBytes + (kFlushBytes >> 2));
    }
    ~Writer() {
        if (fp_ != nullptr) {
            std::fclose(fp_);
            std::error_code ec;
            fs::remove(path_, ec);
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void run() {
        fp_ = std::fopen(path_.c_str(), "wb");
        if (fp_ == nullptr) fail("cannot write: " + std::string(std::strerror(errno)));
        std::setvbuf(fp_, nullptr, _IOFBF, 1 << 16);
        buf_ += "{\n\"type\": \"FeatureCollection\",\n";
        bbox_at_ = static_cast<long>(buf_.size());
        buf_.append(kSpaceForBBox + 1, ' ');
        buf_ += "\n\"features\": [\n";

        std::vector<Cell> row;
        const std::size_t n = table_.size();
        for (std::size_t r = 0; r < n; ++r) {
            table_.row_at(r, row);
            if (row.size() < table_.fields.size())
                fail("internal: fewer cells than fields", std::string("#").append(std::to_string(r + 1)));
            if (r > 0) buf_ += ",\n";
            buf_ += "{ \"type\": \"Feature\", \"properties\": {";
            properties(row);
            buf_ += " }, ";
            geometry(r);
            buf_ += " }";
            if (buf_.size() >= kFlushBytes) flush();
        }
        buf_ += "\n]";
        flush();
        if (layer_env_.IsInit()) {
            const std::string bbox = std::string("[ ") + CPLSPrintf("%.7f", layer_env_.MinX) + ", " +
                                     CPLSPrintf("%.7f", layer_env_.MinY) + ", " + CPLSPrintf("%.7f", layer_env_.MaxX) +
                                     ", " + CPLSPrintf("%.7f", layer_env_.MaxY) + " ]";
            if (bbox.size() + 9 < kSpaceForBBox) {
                const std::string member = "\"bbox\": " + bbox + ",";
                if (std::fseek(fp_, bbox_at_, SEEK_SET) != 0 || std::fwrite(member.data(), 1, member.size(), fp_) != member.size() ||
                    std::fseek(fp_, 0, SEEK_END) != 0)
                    fail("cannot write: " + std::string(std::strerror(errno)));
            } else {
                buf_ += ",\n\"bbox\": " + bbox;
            }
        }
        buf_ += "\n}\n";
        flush();
        FILE* fp = fp_;
        fp_ = nullptr;
        if (std::fclose(fp) != 0) {
            const std::string why = std::strerror(errno);
            std::error_code ec;
            fs::remove(path_, ec);
            fail("cannot write: " + why);
        }
    }

private:
    [[noreturn]] void fail(const std::string& message, const std::string& feature = "") const {
        throw output_error({path_.string(), feature, ""}, message);
    }

    void flush() {
        if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), fp_) != buf_.size())
            fail("cannot write: " + std::string(std::strerror(errno)));
        buf_.clear();
    }

    void properties(const std::vector<Cell>& row) {
        bool first = true;
        for (std::size_t k = 0; k < columns_.size(); ++k) {
            const Cell& cell = row[k];
            const Column& col = columns_[k];
            const bool null = std::holds_alternative<std::monostate>(cell);
            double real = 0;
            if (!null && col.type == FieldType::real) {
                real = as_real(cell);
                if (!std::isfinite(real)) continue;  // the driver skips NaN and infinity
            }
            buf_ += first ? " " : ", ";
            first = false;
            buf_ += col.key;
            if (null) {
                buf_ += "null";
                continue;
            }
            switch (col.type) {
                case FieldType::real: append_real(buf_, real); break;
                case FieldType::integer: {
                    char tmp[16];
                    const auto r = std::to_chars(tmp, tmp + sizeof tmp, as_int(cell));
                    buf_.append(tmp, r.ptr);
                    break;
                }
                case FieldType::boolean: buf_ += as_int(cell) != 0 ? "true" : "false"; break;
                case FieldType::string: string_value(cell); break;
            }
        }
    }

    void string_value(const Cell& cell) {
        char tmp[64];
        if (const auto* s = std::get_if<std::string>(&cell)) {
            if (looks_like_json(s->c_str())) {
                buf_ += driver_string_value(s->c_str(), path_);
                return;
            }
            buf_ += '"';
            append_escaped(buf_, s->c_str());
            buf_ += '"';
            return;
        }
        // OGRFeature::SetField(int / GIntBig / double) into a string field.
        if (const bool* b = std::get_if<bool>(&cell)) CPLsnprintf(tmp, sizeof tmp, "%d", *b ? 1 : 0);
        else if (const auto* i = std::get_if<std::int64_t>(&cell)) CPLsnprintf(tmp, sizeof tmp, CPL_FRMT_GIB, static_cast<GIntBig>(*i));
        else CPLsnprintf(tmp, sizeof tmp, "%.16g", std::get<double>(cell));
        buf_ += '"';
        append_escaped(buf_, tmp);
        buf_ += '"';
    }

    static bool untouched(const LonLat& p) {
        return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -kSafeLon && p.lon <= kSafeLon && p.lat >= -90.0 &&
               p.lat <= 90.0;
    }

    void point_json(const LonLat& p) {
        buf_ += "[ ";
        append_coord(buf_, p.lon);
        buf_ += ", ";
        append_coord(buf_, p.lat);
        buf_ += " ]";
    }

    void bbox_json(const OGREnvelope& e) {
        buf_ += "\"bbox\": [ ";
        append_coord(buf_, e.MinX);
        buf_ += ", ";
        append_coord(buf_, e.MinY);
        buf_ += ", ";
        append_coord(buf_, e.MaxX);
        buf_ += ", ";
        append_coord(buf_, e.MaxY);
        buf_ += " ], ";
    }

    void geometry(std::size_t r) {
        if (table_.geom == GeomType::none) {
            buf_ += "\"geometry\": null";
            return;
        }
        const Polyline& coords = table_.geometry_at(r);
        if (table_.geom == GeomType::point) {
            const LonLat& p = coords.at(0);
            if (!untouched(p)) return through_gdal(r, coords);
            OGREnvelope e;
            e.MinX = e.MaxX = p.lon;
            e.MinY = e.MaxY = p.lat;
            bbox_json(e);
            buf_ += "\"geometry\": { \"type\": \"Point\", \"coordinates\": ";
            point_json(p);
            buf_ += " }";
            merge(e);
            return;
        }
        if (!std::all_of(coords.begin(), coords.end(), untouched)) return through_gdal(r, coords);
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
            bbox_json(e);
            merge(e);
        }
        buf_ += "\"geometry\": { \"type\": \"LineString\", \"coordinates\": [";
        for (std::size_t k = 0; k < coords.size(); ++k) {
            buf_ += k == 0 ? " " : ", ";
            point_json(coords[k]);
        }
        buf_ += " ] }";
    }

    // A geometry the date line wrapping may change, or non-finite: GDAL's own steps.
    void through_gdal(std::size_t r, const Polyline& coords) {
        std::unique_ptr<OGRGeometry> src;
        if (table_.geom == GeomType::point) {
            src = std::make_unique<OGRPoint>(coords.at(0).lon, coords.at(0).lat);
        } else {
            auto line = std::make_unique<OGRLineString>();
            line->setNumPoints(static_cast<int>(coords.size()));
            for (std::size_t k = 0; k < coords.size(); ++k) line->setPoint(static_cast<int>(k), coords[k].lon, coords[k].lat);
            src = std::move(line);
        }
        std::string feature = "#";
        feature += std::to_string(r + 1);
        gdal::QuietErrors quiet;
        const char* wrap[] = {"WRAPDATELINE=YES", nullptr};
        std::unique_ptr<OGRGeometry> geom(
            OGRGeometryFactory::transformWithOptions(src.get(), nullptr, const_cast<char**>(wrap), cache_));
        if (geom == nullptr) fail("cannot write a feature: " + gdal::last_error(), feature);
        OGREnvelope e;
        geom->getEnvelope(&e);
        if (e.MinX < -180.0 || e.MaxX > 180.0 || e.MinY < -90.0 || e.MaxY > 90.0)
            fail("cannot write a feature: Geometry extent outside of [-180.0,180.0]x[-90.0,90.0] bounds", feature);
        const bool empty = geom->IsEmpty();
        if (!empty) {
            e = rfc7946_bbox(*geom);
            bbox_json(e);
        }
        const char* opts[] = {"COORDINATE_PRECISION=7", nullptr};
        char* json = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(geom.get()), const_cast<char**>(opts));
        buf_ += "\"geometry\": ";
        buf_ += json != nullptr ? json : "null";
        CPLFree(json);
        if (!empty) merge(e);
    }

    // ogrgeojsonwriter.cpp OGRGeoJSONGetBBox: a collection split at the date line gets a bbox
    // whose west edge is greater than its east edge.
    static OGREnvelope rfc7946_bbox(const OGRGeometry& geom) {
        OGREnvelope env;
        geom.getEnvelope(&env);
        constexpr double eps = 1e-7;
        if (!OGR_GT_IsSubClassOf(wkbFlatten(geom.getGeometryType()), wkbGeometryCollection)) return env;
        const OGRGeometryCollection* gc = geom.toGeometryCollection();
        if (gc->getNumGeometries() < 2 || std::fabs(env.MinX + 180.0) >= eps || std::fabs(env.MaxX - 180.0) >= eps)
            return env;
        double west = -180.0, east = 180.0;
        bool west_set = false, east_set = false;
        for (const OGRGeometry* part : *gc) {
            if (part->IsEmpty()) continue;
            OGREnvelope pe;
            part->getEnvelope(&pe);
            const bool minus180 = std::fabs(pe.MinX + 180.0) < eps;
            const bool plus180 = std::fabs(pe.MaxX - 180.0) < eps;
            if (minus180 && !plus180) {
                if (pe.MaxX > east || !east_set) {
                    east_set = true;
                    east = pe.MaxX;
                }
            } else if (plus180 && !minus180) {
                if (pe.MinX < west || !west_set) {
                    west_set = true;
                    west = pe.MinX;
                }
            } else if (!minus180 && !plus180) {
                if (pe.MinX > 0 && (pe.MinX < west || !west_set)) {
                    west_set = true;
                    west = pe.MinX;
                } else if (pe.MaxX < 0 && (pe.MaxX > east || !east_set)) {
                    east_set = true;
                    east = pe.MaxX;
                }
            }
        }
        env.MinX = west;
        env.MaxX = east;
        return env;
    }

    // OGRGeoJSONWriteLayer::ICreateFeature: the layer extent with RFC 7946 date line rules.
    void merge(const OGREnvelope& e) {
        OGREnvelope& l = layer_env_;
        if (!l.IsInit()) {
            l = e;
            return;
        }
        const bool e_cross = e.MinX > e.MaxX;
        const bool l_cross = l.MinX > l.MaxX;
        if (e_cross) {
            if (l_cross) {
                l.MinX = std::min(l.MinX, e.MinX);
                l.MaxX = std::max(l.MaxX, e.MaxX);
            } else if (l.MinX > 0) {
                l.MinX = std::min(l.MinX, e.MinX);
                l.MaxX = e.MaxX;
            } else if (l.MaxX < 0) {
                l.MaxX = std::max(l.MaxX, e.MaxX);
                l.MinX = e.MinX;
            } else {
                l.MinX = -180.0;
                l.MaxX = 180.0;
            }
        } else if (l_cross) {
            if (e.MinX > 0) {
                l.MinX = std::min(l.MinX, e.MinX);
            } else if (e.MaxX < 0) {
                l.MaxX = std::max(l.MaxX, e.MaxX);
            } else {
                l.MinX = -180.0;
                l.MaxX = 180.0;
            }
        } else {
            l.MinX = std::min(l.MinX, e.MinX);
            l.MaxX = std::max(l.MaxX, e.MaxX);
        }
        l.MinY = std::min(l.MinY, e.MinY);
        l.MaxY = std::max(l.MaxY, e.MaxY);
    }

    const Table& table_;
    fs::path path_;
    std::vector<Column> columns_;
    std::string buf_;
    std::FILE* fp_ = nullptr;
    long bbox_at_ = 0;
    OGREnvelope layer_env_;
    OGRGeometryFactory::TransformWithOptionsCache cache_;
};

}  // namespace

void write_geojson_fast(const Table& table, const fs::path& path) {
    if (!table.make_row && table.geom != GeomType::none && table.rows.size() != table.geometries.size())
        throw output_error({path.string(), "", ""}, "internal: rows and geometries differ in number");
    Writer(table, path).run();
}

}  // namespace corridor::io
