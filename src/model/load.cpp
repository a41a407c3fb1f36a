#include "corridor/model/load.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "corridor/check/geos.hpp"
#include "corridor/error.hpp"
#include "corridor/io/read.hpp"

namespace corridor {
namespace {

using io::FieldValue;
using io::RawFeature;

std::string describe(const FieldValue& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "null";
            else if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
            else if constexpr (std::is_same_v<T, double>) return std::to_string(x);
            else if constexpr (std::is_same_v<T, std::string>) return "\"" + x + "\"";
            else return "a list";
        },
        v);
}

bool is_slug(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

// Reads the fields of one feature, each failure located by file, feature and field.
class Fields {
public:
    Fields(const std::filesystem::path& file, const RawFeature& f) : file_(file.string()), f_(f) {
        label_ = fmt::format("#{}", f.index + 1);
        if (auto it = f.fields.find("id"); it != f.fields.end())
            if (const auto* s = std::get_if<std::string>(&it->second); s != nullptr && !s->empty()) label_ = *s;
    }

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw input_error({file_, label_, field}, message);
    }

    const FieldValue* find(const std::string& name) const {
        auto it = f_.fields.find(name);
        return it == f_.fields.end() ? nullptr : &it->second;
    }

    std::string optional_string(const std::string& name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) return {};
        if (const auto* s = std::get_if<std::string>(v)) return *s;
        fail(name, "expected a string, got " + describe(*v));
    }

    std::string required_string(const std::string& name) const {
        std::string s = optional_string(name);
        if (trim(s).empty()) fail(name, "missing (required)");
        return s;
    }

    // A non-negative finite number; numeric strings are accepted as spreadsheets write them.
    std::optional<double> optional_number(const std::string& name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) return std::nullopt;
        double x = 0;
        if (const auto* d = std::get_if<double>(v)) x = *d;
        else if (const auto* i = std::get_if<std::int64_t>(v)) x = static_cast<double>(*i);
        else if (const auto* s = std::get_if<std::string>(v)) {
            const std::string t = trim(*s);
            const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
            if (t.empty() || ec != std::errc{} || end != t.data() + t.size())
                fail(name, "expected a number, got " + describe(*v));
        } else fail(name, "expected a number, got " + describe(*v));
        if (!std::isfinite(x)) fail(name, "expected a finite number, got " + describe(*v));
        if (x < 0) fail(name, "must not be negative (got " + describe(*v) + ")");
        return x;
    }

    bool required_bool(const std::string& name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) fail(name, "missing (required)");
        if (const auto* b = std::get_if<bool>(v)) return *b;
        if (const auto* i = std::get_if<std::int64_t>(v); i != nullptr && (*i == 0 || *i == 1)) return *i == 1;
        if (const auto* s = std::get_if<std::string>(v)) {
            if (*s == "true") return true;
            if (*s == "false") return false;
        }
        fail(name, "expected true or false, got " + describe(*v));
    }

    std::vector<std::string> required_list(const std::string& name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) fail(name, "missing (required)");
        std::vector<std::string> raw;
        if (const auto* s = std::get_if<std::string>(v)) {
            std::size_t start = 0;
            while (start <= s->size()) {
                const auto comma = s->find(',', start);
                raw.push_back(s->substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else if (const auto* l = std::get_if<std::vector<std::string>>(v)) {
            raw = *l;
        } else {
            fail(name, "expected a comma-separated string, got " + describe(*v));
        }
        std::vector<std::string> out;
        for (const auto& r : raw) {
            std::string t = trim(r);
            if (!is_slug(t)) fail(name, "\"" + t + "\" is not a lowercase name (a-z, 0-9, _ or -)");
            out.push_back(std::move(t));
        }
        return out;
    }

    const std::string& label() const { return label_; }

private:
    std::string file_;
    const RawFeature& f_;
    std::string label_;
};

void check_coordinates(const Fields& fields, const RawFeature& f) {
    for (const auto& p : f.coords) {
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 || p.lat < -90 || p.lat > 90)
            fields.fail("geometry", "coordinates out of range for EPSG:4326 lon/lat");
    }
}

std::string checked_id(const Fields& fields, std::unordered_set<std::string>& seen) {
    std::string id = fields.required_string("id");
    if (!is_slug(id)) fields.fail("id", "\"" + id + "\" is not a slug (a-z, 0-9, _ or -)");
    if (!seen.insert(id).second) fields.fail("id", "duplicate id \"" + id + "\"");
    return id;
}

constexpr std::size_t kProgressEvery = 65536;  // features between progress calls

std::vector<Place> parse_places(const std::filesystem::path& file, const LoadOptions& options) {
    std::vector<Place> places;
    std::unordered_set<std::string> seen;
    io::read_features(file, [&](const RawFeature& f) {
        if (options.progress && f.index % kProgressEvery == 0) options.progress(f.index);
        if (f.index == 0 && f.total > 0) {
            places.reserve(f.total);
            seen.reserve(f.total);
        }
        Fields fields(file, f);
        Place p;
        p.id = checked_id(fields, seen);
        p.name = fields.required_string("name");
        p.country = fields.required_string("country");
        if (p.country.size() != 2 || !std::isupper(static_cast<unsigned char>(p.country[0])) ||
            !std::isupper(static_cast<unsigned char>(p.country[1])))
            fields.fail("country", "expected an ISO 3166-1 alpha-2 code such as RU, got \"" + p.country + "\"");
        p.kind = fields.required_string("kind");
        p.name_local = fields.optional_string("name_local");
        p.source = fields.optional_string("source");
        p.capacity = fields.optional_number("capacity");
        p.note = fields.optional_string("note");
        if (f.kind != io::GeomKind::point) fields.fail("geometry", "expected a Point, got " + f.geom_type);
        check_coordinates(fields, f);
        p.pos = f.coords.front();
        places.push_back(std::move(p));
    });
    return places;
}

void check_line(const Fields& fields, const RawFeature& f, const geos::Context& geos) {
    if (f.kind != io::GeomKind::line) fields.fail("geometry", "expected a LineString, got " + f.geom_type);
    check_coordinates(fields, f);
    const bool degenerate = f.coords.size() < 2 ||
                            std::all_of(f.coords.begin(), f.coords.end(), [&](const LonLat& p) { return p == f.coords.front(); });
    if (degenerate) fields.fail("geometry", "degenerate LineString (fewer than two distinct points)");
    auto g = geos.line(f.coords);
    if (auto reason = geos.invalid_reason(g.get())) fields.fail("geometry", "invalid geometry: " + *reason);
}

Figures parse_figures(const Fields& fields) {
    Figures fig;
    fig.capacity = fields.optional_number("capacity");
    fig.payload_t = fields.optional_number("payload_t");
    fig.trips_mo = fields.optional_number("trips_mo");
    fig.annual_t = fields.optional_number("annual_t");
    fig.pax_trip = fields.optional_number("pax_trip");
    fig.observed = fields.optional_number("observed");
    fig.obs_annual = fields.optional_number("obs_annual");

    if (fig.payload_t && !fig.trips_mo) fields.fail("trips_mo", "missing: payload_t needs trips_mo");
    if (fig.pax_trip && !fig.trips_mo) fields.fail("trips_mo", "missing: pax_trip needs trips_mo");
    const int forms = (fig.capacity ? 1 : 0) + (fig.payload_t ? 1 : 0) + (fig.annual_t ? 1 : 0);
    if (forms == 0) {
        if (fig.trips_mo) fields.fail("payload_t", "missing: trips_mo needs payload_t (or give capacity or annual_t)");
        fields.fail("capacity", "missing: give capacity (t/month), payload_t and trips_mo, or annual_t (t/year)");
    }
    if (forms > 1) fields.fail("capacity", "give only one of capacity, payload_t with trips_mo, or annual_t");
    if (fig.observed && fig.obs_annual) fields.fail("observed", "give only one of observed (t/month) or obs_annual (t/year)");
    return fig;
}

std::vector<Route> parse_routes(const std::filesystem::path& file, const Network& net, const LoadOptions& options) {
    std::vector<Route> routes;
    std::unordered_set<std::string> seen;
    const geos::Context geos;
    io::read_features(file, [&](const RawFeature& f) {
        if (options.progress && f.index % kProgressEvery == 0) options.progress(net.places.size() + f.index);
        if (f.index == 0 && f.total > 0) {  // no doubling of a million routes while they are read
            routes.reserve(f.total);
            seen.reserve(f.total);
        }
        Fields fields(file, f);
        Route r;
        r.id = checked_id(fields, seen);
        r.name = fields.required_string("name");
        const std::string mode = fields.required_string("mode");
        auto m = parse_mode(mode);
        if (!m) fields.fail("mode", "unknown mode \"" + mode + "\" (rail, road, ferry, tanker, bulk, pipeline, bridge)");
        r.mode = *m;
        r.from_id = fields.required_string("from_id");
        r.to_id = fields.required_string("to_id");
        for (const auto* end : {&r.from_id, &r.to_id})
            if (!net.place_index(*end))
                fields.fail(end == &r.from_id ? "from_id" : "to_id", "unknown place id \"" + *end + "\"");
        if (r.from_id == r.to_id) fields.fail("to_id", "route starts and ends at the same place");
        r.two_way = fields.required_bool("two_way");
        r.commodities = fields.required_list("commodity");
        r.figures = parse_figures(fields);
        const std::string basis = fields.optional_string("basis");
        if (basis.empty()) r.basis = Basis::unsourced;
        else if (auto b = parse_basis(basis)) r.basis = *b;
        else fields.fail("basis", "unknown basis \"" + basis + "\" (text, assumed or unsourced)");
        r.source = fields.optional_string("source");
        r.quote = fields.optional_string("quote");
        r.note = fields.optional_string("note");
        r.obs_quote = fields.optional_string("obs_quote");
        r.obs_source = fields.optional_string("obs_source");
        if (r.obs_source.empty()) r.obs_source = r.source;
        check_line(fields, f, geos);
        r.line = f.coords;
        routes.push_back(std::move(r));
    });
    return routes;
}

}  // namespace

LoadOptions default_files(const std::filesystem::path& geodata_dir) {
    // The first of NAME.geojson, NAME.fgb, NAME.shp that exists (GeoJSON when none does,
    // so the error names the file users expect).
    auto pick = [&](const std::string& name) {
        for (const char* ext : {".geojson", ".fgb", ".shp"}) {
            const auto p = geodata_dir / (name + ext);
            std::error_code ec;
            if (std::filesystem::exists(p, ec)) return p;
        }
        return geodata_dir / (name + ".geojson");
    };
    return {pick("places"), pick("routes"), {}};
}

Network load_network(const LoadOptions& options) {
    Network net;
    net.places_file = options.places_file;
    net.routes_file = options.routes_file;
    net.places = parse_places(options.places_file, options);
    net.build_index();
    net.routes = parse_routes(options.routes_file, net, options);
    return net;
}

}  // namespace corridor
