#include "corridor/model/load.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <gdal_priv.h>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/io/read.hpp"
#include "corridor/model/capacity.hpp"
#include "problem_log.hpp"

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

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or
// std::nullopt when s is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = byte(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) lo = 0xA0;  // overlong below U+0800
            if (c == 0xED) hi = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) lo = 0x90;  // overlong below U+10000
            if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            return i;
        }
        if (i + n >= s.size()) return i;  // cut short
        if (byte(i + 1) < lo || byte(i + 1) > hi) return i;
        for (std::size_t k = 2; k <= n; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
        i += n + 1;
    }
    return std::nullopt;
}

bool is_slug(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// Every field name of the schema, sorted: a feature's fields are matched against them
// once, and each read is then an array index (a million routes read 17 fields each).
constexpr std::array<std::string_view, 39> kSchema = {
    "ann_high",  "ann_low",    "annual_t", "basis",      "cap_high",  "cap_low",   "capacity",   "commodity",
    "conv_from", "conv_to",    "country",  "from_id",    "gauge",     "id",        "kind",       "mode",
    "name",      "name_local", "note",     "obs_annual", "obs_quote", "obs_seed",  "obs_source", "observed",
    "open_from", "open_until", "pax_trip", "pay_high",   "pay_low",   "payload_t", "quote",      "seed",
    "source",    "to_id",      "transfer", "trips_high", "trips_low", "trips_mo",  "two_way"};
constexpr std::size_t kSchemaSize = kSchema.size();

consteval bool schema_sorted() {
    for (std::size_t i = 1; i < kSchemaSize; ++i)
        if (!(kSchema[i - 1] < kSchema[i])) return false;
    return true;
}
static_assert(schema_sorted(), "kSchema must be sorted for the merge in Fields");

// A schema field name checked at compile time, with its slot.
struct Name {
    consteval Name(const char* text) : text(text), slot(find(text)) {}
    const char* text;
    std::size_t slot;

private:
    static consteval std::size_t find(std::string_view s) {
        for (std::size_t i = 0; i < kSchemaSize; ++i)
            if (kSchema[i] == s) return i;
        throw "not a schema field name";  // a compile-time error
    }
};

// Reads the fields of one feature, each failure located by file, feature and field.
class Fields {
public:
    Fields(const std::string& file, const RawFeature& f) : file_(file), f_(f) {
        // Both lists are sorted: one merge finds every schema field the feature sets.
        std::size_t i = 0;
        for (const auto& [key, value] : f.fields) {
            while (i < kSchemaSize && before(kSchema[i], key)) ++i;
            if (i == kSchemaSize) break;
            if (kSchema[i] == key) slots_[i] = &value;
        }
    }

    // a < b as the map orders keys; most names differ in their first byte, decided inline.
    static bool before(std::string_view a, std::string_view b) {
        if (!a.empty() && !b.empty() && a[0] != b[0])
            return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
        return a < b;
    }

    [[noreturn]] void fail(std::string_view field, const std::string& message) const {
        throw input_error({file_, label(), std::string(field)}, message);
    }

    const FieldValue* find(Name name) const { return slots_[name.slot]; }

    // Empty when absent.
    std::string_view optional_string(Name name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) return {};
        if (const auto* s = std::get_if<std::string>(v)) return utf8(name, *s);
        fail(name.text, "expected a string, got " + describe(*v));
    }

    // Text goes on into every export and JSON answer: it must be UTF-8 (RFC 7946, RFC 8259).
    std::string_view utf8(Name name, std::string_view s) const {
        if (const auto at = first_invalid_utf8(s))
            fail(name.text, fmt::format("invalid UTF-8 at byte offset {} of the value", *at));
        return s;
    }

    std::string_view required_string(Name name) const {
        const std::string_view s = optional_string(name);
        if (trim(s).empty()) fail(name.text, "missing (required)");
        return s;
    }

    // A non-negative finite number; numeric strings are accepted as spreadsheets write them.
    std::optional<double> optional_number(Name name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) return std::nullopt;
        double x = 0;
        if (const auto* d = std::get_if<double>(v)) x = *d;
        else if (const auto* i = std::get_if<std::int64_t>(v)) x = static_cast<double>(*i);
        else if (const auto* s = std::get_if<std::string>(v)) {
            const std::string_view t = trim(*s);
            const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
            if (t.empty() || ec != std::errc{} || end != t.data() + t.size())
                fail(name.text, "expected a number, got " + describe(*v));
        } else fail(name.text, "expected a number, got " + describe(*v));
        if (!std::isfinite(x)) fail(name.text, "expected a finite number, got " + describe(*v));
        if (x < 0) fail(name.text, "must not be negative (got " + describe(*v) + ")");
        return x;
    }

    bool required_bool(Name name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) fail(name.text, "missing (required)");
        if (const auto* b = std::get_if<bool>(v)) return *b;
        if (const auto* i = std::get_if<std::int64_t>(v); i != nullptr && (*i == 0 || *i == 1)) return *i == 1;
        if (const auto* s = std::get_if<std::string>(v)) {
            if (*s == "true") return true;
            if (*s == "false") return false;
        }
        fail(name.text, "expected true or false, got " + describe(*v));
    }

    std::vector<std::string> required_list(Name name) const {
        const FieldValue* v = find(name);
        if (v == nullptr) fail(name.text, "missing (required)");
        std::vector<std::string> out;
        auto add = [&](std::string_view item) {
            const std::string_view t = trim(utf8(name, item));
            if (!is_slug(t)) fail(name.text, fmt::format("\"{}\" is not a lowercase name (a-z, 0-9, _ or -)", t));
            out.emplace_back(t);
        };
        if (const auto* s = std::get_if<std::string>(v)) {
            std::string_view rest = utf8(name, *s);  // offsets in the whole value
            while (true) {
                const auto comma = rest.find(',');
                add(rest.substr(0, comma));
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        } else if (const auto* l = std::get_if<std::vector<std::string>>(v)) {
            for (const auto& item : *l) add(item);
        } else {
            fail(name.text, "expected a comma-separated string, got " + describe(*v));
        }
        return out;
    }

    // The feature as messages name it: its id, or #N (1-based) when it has none.
    std::string label() const {
        if (const FieldValue* v = find("id"))
            if (const auto* s = std::get_if<std::string>(v); s != nullptr && !s->empty() && !first_invalid_utf8(*s))
                return *s;
        return fmt::format("#{}", f_.index + 1);
    }

private:
    const std::string& file_;
    const RawFeature& f_;
    std::array<const FieldValue*, kSchemaSize> slots_{};
};

// The bounds of one figure: each a non-negative number, given only beside the figure,
// with low <= value <= high.
Bounds read_bounds(const Fields& fields, Name low_name, Name high_name, Name figure, const OptionalNumber& value) {
    Bounds b;
    b.low = fields.optional_number(low_name);
    b.high = fields.optional_number(high_name);
    for (const auto& [name, bound] : {std::pair{low_name, b.low}, std::pair{high_name, b.high}})
        if (bound && !value)
            fields.fail(name.text, fmt::format("a bound without its figure: give {} too", figure.text));
    if (b.low && *b.low > *value)
        fields.fail(low_name.text, fmt::format("{} {} is above {} {}", low_name.text, *b.low, figure.text, *value));
    if (b.high && *b.high < *value)
        fields.fail(high_name.text, fmt::format("{} {} is below {} {}", high_name.text, *b.high, figure.text, *value));
    return b;
}

// open_from and open_until: ISO dates (YYYY-MM-DD), either may be absent, until not
// before from.
Period read_period(const Fields& fields) {
    Period p;
    auto read = [&](Name name, Day& day) {
        const std::string_view text = trim(fields.optional_string(name));
        if (text.empty()) return;
        const auto d = parse_date(text);
        if (!d)
            fields.fail(name.text, fmt::format("\"{}\" is not a date: expected YYYY-MM-DD, a real calendar day", text));
        day = *d;
    };
    constexpr Name from{"open_from"},
        until{"open_until"};  // named first: clang 14 crashes on a consteval temporary here
    read(from, p.from);
    read(until, p.until);
    if (p.until < p.from)
        fields.fail("open_until", fmt::format("{} is before open_from {}", date_text(p.until), date_text(p.from)));
    return p;
}

void check_coordinates(const Fields& fields, const RawFeature& f) {
    for (const auto& p : f.coords) {
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 || p.lat < -90 || p.lat > 90)
            fields.fail("geometry", "coordinates out of range for EPSG:4326 lon/lat");
    }
}

// A duplicate id is listed after the feature's other problems; a file that cannot be read on
// after the problems of the features read before.
constexpr std::size_t kDuplicateCheck = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kFileProblem = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kPlacesLayer = 0, kRoutesLayer = 1;

std::string checked_id(const Fields& fields) {
    const std::string_view id = fields.required_string("id");
    if (!is_slug(id)) fields.fail("id", fmt::format("\"{}\" is not a slug (a-z, 0-9, _ or -)", id));
    return std::string(id);  // duplicates are found once all are read (first_duplicate)
}

// Runs a feature's checks one after another: a check that fails is noted in the log and the
// checks after it still run, so one run reports every problem of the feature. Returns
// whether the check passed (a check that needs an earlier one's value runs only if it did).
class FeatureChecks {
public:
    FeatureChecks(ProblemLog& log, std::size_t layer, std::size_t feature)
        : log_(log), layer_(layer), feature_(feature) {}

    template <class Check>
    bool operator()(Check&& check) {
        try {
            check();
            return true;
        } catch (const input_error& e) {
            log_.add({layer_, feature_, failed_++}, {e.where(), e.detail()});
            return false;
        }
    }

private:
    ProblemLog& log_;
    std::size_t layer_;
    std::size_t feature_;
    std::size_t failed_ = 0;
};

// Notes every item whose id an earlier item (in file order) already has; items whose id
// could not be read have none and are passed over.
template <class Item>
void note_duplicates(const std::vector<Item>& items, const std::string& file, std::size_t layer, ProblemLog& log) {
    // Sorting hashes finds them without a set of a million strings.
    std::vector<std::pair<std::size_t, std::uint32_t>> keys;
    keys.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        if (!items[i].id.empty())
            keys.emplace_back(std::hash<std::string_view>{}(items[i].id), static_cast<std::uint32_t>(i));
    std::sort(keys.begin(), keys.end());
    const std::size_t n = keys.size();
    for (std::size_t a = 0; a < n;) {
        std::size_t b = a + 1;
        while (b < n && keys[b].first == keys[a].first) ++b;
        if (b - a > 1) {  // equal hashes: compare the ids, in file order within each id
            std::sort(keys.begin() + static_cast<std::ptrdiff_t>(a), keys.begin() + static_cast<std::ptrdiff_t>(b),
                      [&](const auto& x, const auto& y) {
                          const int c = items[x.second].id.compare(items[y.second].id);
                          return c != 0 ? c < 0 : x.second < y.second;
                      });
            for (std::size_t k = a + 1; k < b; ++k) {
                const std::string& id = items[keys[k].second].id;
                if (id == items[keys[k - 1].second].id)  // the later one: a single pass meets it second
                    log.add({layer, keys[k].second, kDuplicateCheck},
                            {{file, id, "id"}, "duplicate id \"" + id + "\""});
            }
        }
        a = b;
    }
}

constexpr std::size_t kProgressEvery = 65536;  // features between progress calls

// A layer's progress, from whichever part is reading: the features visited so far, every
// kProgressEvery of them, in increasing order (calls are serialised, and one a later count
// overtook is dropped), then once with the whole layer read.
class LayerProgress {
public:
    LayerProgress(const LoadOptions& options, std::filesystem::path file)
        : progress_(options.progress), file_(std::move(file)) {}
    void visited(std::size_t total) {
        if (!progress_) return;
        const std::size_t n = count_.fetch_add(1, std::memory_order_relaxed);  // visited before this one
        if (n % kProgressEvery != 0) return;
        std::lock_guard lock(mutex_);
        if (n < last_) return;
        last_ = n;
        progress_({file_, total > 0 ? std::min(n, total) : n, total});
    }
    void read(std::size_t features) {
        if (progress_) progress_({file_, features, features});
    }

private:
    const std::function<void(const ReadProgress&)>& progress_;
    const std::filesystem::path file_;
    std::atomic<std::size_t> count_{0};
    std::mutex mutex_;
    std::size_t last_ = 0;
};

// Reads every feature of a layer into an Item with parse(fields, feature, checks), in parts
// on several threads for big GeoJSON files. Every problem goes into the log (a feature with
// problems still gives an item, with what could be read); a file that cannot be read is one
// problem, and the items read before it are returned.
template <class Item, class Parse>
std::vector<Item> read_items(const io::LayerSource& file, std::size_t layer, const LoadOptions& options,
                             ProblemLog& log, Parse&& parse) {
    const std::string file_name = file.label();
    std::vector<Item> items;
    std::vector<ProblemLog> logs(1);  // by part
    std::size_t parts = 1;
    LayerProgress progress(options, file.datasource);
    io::PartVisitor visitor;
    visitor.start = [&](std::size_t n, std::size_t total) {
        parts = n;
        if (parts > 1) items.resize(total);  // each part fills its own slots
        logs.resize(parts);
    };
    visitor.visit = [&](std::size_t part, const RawFeature& f) {
        progress.visited(f.total);
        if (parts == 1 && f.index == 0 && f.total > 0) items.reserve(f.total);
        FeatureChecks checks(logs[part], layer, f.index);
        Item item = parse(Fields(file_name, f), f, checks);
        if (parts == 1) items.push_back(std::move(item));
        else items[f.index] = std::move(item);
    };
    try {
        io::read_features_parallel(file, visitor);
    } catch (const input_error& e) {  // the file, not a feature
        log.add({layer, kFileProblem, 0}, {e.where(), e.detail()});
    }
    for (ProblemLog& part : logs) log.merge(std::move(part));
    note_duplicates(items, file_name, layer, log);
    progress.read(items.size());
    return items;
}

// The solver holds monthly capacities as integers up to kMaxMonthlyCapacity; a figure
// beyond it is refused here rather than held there without a word.
void check_limit(const Fields& fields, const char* field, double monthly, const char* unit, const char* at = "") {
    if (monthly > kMaxMonthlyCapacity)
        fields.fail(field, fmt::format("gives {:.0f} {}{}, above the largest capacity corridor holds ({:.0f} {})",
                                       monthly, unit, at, kMaxMonthlyCapacity, unit));
}

void check_capacity_limits(const Fields& fields, const Figures& fig) {
    const char* form = fig.capacity ? "capacity" : fig.payload_t ? "payload_t" : "annual_t";
    const char* high = fig.capacity ? "cap_high" : fig.payload_t ? "pay_high" : "ann_high";
    const MonthlyCapacity value = monthly_capacity(fig);
    check_limit(fields, form, value.tonnes.value, "t/month");
    check_limit(fields, "pax_trip", value.passengers.value, "passengers/month");
    const MonthlyCapacity highest = capacity_range(fig).high;
    check_limit(fields, high, highest.tonnes.value, "t/month", " at the high bounds");
    check_limit(fields, "pax_trip", highest.passengers.value, "passengers/month", " at the high bounds");
}

// transfer ("gauge" or absent) and converts_from/converts_to (both or neither, two different
// commodities) of a place.
void read_handling(const Fields& fields, Place& p) {
    p.transfer = fields.optional_string("transfer");
    if (!p.transfer.empty() && p.transfer.str() != "gauge")
        fields.fail("transfer", fmt::format("unknown transfer \"{}\" (gauge, or leave it out)", p.transfer.str()));
    p.converts_from = fields.optional_string("conv_from");
    p.converts_to = fields.optional_string("conv_to");
    if (p.converts_from.empty() != p.converts_to.empty())
        fields.fail(p.converts_from.empty() ? "conv_from" : "conv_to",
                    "missing: a conversion needs both conv_from and conv_to");
    if (!p.converts_from.empty() && p.converts_from.str() == p.converts_to.str())
        fields.fail("conv_to", "converts a commodity into itself");
}

// A route's gauge: a width in millimetres or "dual", on rail and bridge routes only.
Gauge read_gauge(const Fields& fields, Mode mode) {
    const std::string_view text = fields.optional_string("gauge");
    const auto g = parse_gauge(text);
    if (!g)
        fields.fail("gauge",
                    fmt::format("expected a track gauge in millimetres (such as 1435) or \"dual\", got \"{}\"", text));
    if (*g != kNoGauge && mode != Mode::rail && mode != Mode::bridge)
        fields.fail("gauge",
                    fmt::format("a {} route has no track gauge (only rail and bridge routes)", mode_name(mode)));
    return *g;
}

std::string checked_country(const Fields& fields) {
    const std::string_view c = fields.required_string("country");
    if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) ||
        !std::isupper(static_cast<unsigned char>(c[1])))
        fields.fail("country", fmt::format("expected an ISO 3166-1 alpha-2 code such as RU, got \"{}\"", c));
    return std::string(c);
}

void read_place_capacity(const Fields& fields, Place& p) {
    p.capacity = fields.optional_number("capacity");
    const Bounds bounds = read_bounds(fields, "cap_low", "cap_high", "capacity", p.capacity);
    p.cap_low = bounds.low;
    p.cap_high = bounds.high;
    check_limit(fields, "capacity", p.capacity.value_or(0), "t/month");
    check_limit(fields, "cap_high", p.cap_high.value_or(0), "t/month");
}

LonLat checked_point(const Fields& fields, const RawFeature& f) {
    if (f.kind != io::GeomKind::point) fields.fail("geometry", "expected a Point, got " + f.geom_type);
    check_coordinates(fields, f);
    return f.coords.front();
}

std::vector<Place> parse_places(const io::LayerSource& file, const LoadOptions& options, ProblemLog& log) {
    return read_items<Place>(file, kPlacesLayer, options, log,
                             [](const Fields& fields, const RawFeature& f, FeatureChecks& check) {
                                 Place p;
                                 check([&] { p.id = checked_id(fields); });
                                 check([&] { p.name = std::string(fields.optional_string("name")); });
                                 check([&] { p.country = checked_country(fields); });
                                 check([&] { p.kind = std::string(fields.required_string("kind")); });
                                 check([&] { p.name_local = fields.optional_string("name_local"); });
                                 check([&] { p.source = fields.optional_string("source"); });
                                 check([&] { read_place_capacity(fields, p); });
                                 check([&] { p.note = fields.optional_string("note"); });
                                 check([&] { p.open = read_period(fields); });
                                 check([&] { read_handling(fields, p); });
                                 check([&] { p.pos = checked_point(fields, f); });
                                 return p;
                             });
}

// A LineString is valid in GEOS's sense (IsValidOp) exactly when its coordinates are
// finite and it has two distinct points (tests/check/geos_test.cpp checks that this
// agrees with GEOS), so these checks stand for a GEOS validity test a route.
void check_line(const Fields& fields, const RawFeature& f) {
    if (f.kind != io::GeomKind::line) fields.fail("geometry", "expected a LineString, got " + f.geom_type);
    check_coordinates(fields, f);
    const bool degenerate = f.coords.size() < 2 || std::all_of(f.coords.begin(), f.coords.end(),
                                                               [&](const LonLat& p) { return p == f.coords.front(); });
    if (degenerate) fields.fail("geometry", "degenerate LineString (fewer than two distinct points)");
}

// A route's seed file was `source` (and `obs_source`) before pgRouting's integer `source`
// column had to fit beside it: the old names are refused with the new one.
void refuse_renamed(const Fields& fields) {
    constexpr Name source{"source"}, obs_source{"obs_source"};
    if (fields.find(source) != nullptr)
        fields.fail("source", "renamed to seed (the seed file of quote): rename the field");
    if (fields.find(obs_source) != nullptr)
        fields.fail("obs_source", "renamed to obs_seed (the seed file of obs_quote): rename the field");
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
    if (fig.observed && fig.obs_annual)
        fields.fail("observed", "give only one of observed (t/month) or obs_annual (t/year)");
    FigureBounds bounds;
    bounds.capacity = read_bounds(fields, "cap_low", "cap_high", "capacity", fig.capacity);
    bounds.payload_t = read_bounds(fields, "pay_low", "pay_high", "payload_t", fig.payload_t);
    bounds.trips_mo = read_bounds(fields, "trips_low", "trips_high", "trips_mo", fig.trips_mo);
    bounds.annual_t = read_bounds(fields, "ann_low", "ann_high", "annual_t", fig.annual_t);
    fig.bounds = bounds;
    return fig;
}

// The route's mode and, when it is known, its track gauge.
void read_mode_and_gauge(const Fields& fields, Route& r, FeatureChecks& check) {
    const bool known = check([&] {
        const std::string_view mode = fields.required_string("mode");
        const auto m = parse_mode(mode);
        if (!m) fields.fail("mode", fmt::format("unknown mode \"{}\" ({})", mode, mode_names()));
        r.mode = *m;
    });
    if (known) check([&] { r.gauge = read_gauge(fields, r.mode); });
}

// from_id and to_id, and, when the places were read without a problem (`places` not null),
// the places they name.
void read_ends(const Fields& fields, const Network* places, Route& r, FeatureChecks& check) {
    const bool from = check([&] { r.from_id = std::string(fields.required_string("from_id")); });
    const bool to = check([&] { r.to_id = std::string(fields.required_string("to_id")); });
    if (places == nullptr) return;
    std::optional<std::size_t> from_index, to_index;
    if (from)
        check([&] {
            from_index = places->place_index(r.from_id);
            if (!from_index) fields.fail("from_id", fmt::format("unknown place id \"{}\"", r.from_id));
        });
    if (to)
        check([&] {
            to_index = places->place_index(r.to_id);
            if (!to_index) fields.fail("to_id", fmt::format("unknown place id \"{}\"", r.to_id));
        });
    if (!from_index || !to_index) return;
    check([&] {
        if (*from_index == *to_index) fields.fail("to_id", "route starts and ends at the same place");
    });
    r.from = static_cast<std::uint32_t>(*from_index);  // fewer places than Route::kUnresolved: load_network
    r.to = static_cast<std::uint32_t>(*to_index);
}

Basis read_basis(const Fields& fields) {
    const std::string_view basis = fields.optional_string("basis");
    if (basis.empty()) return Basis::unsourced;
    if (auto b = parse_basis(basis)) return *b;
    fields.fail("basis", fmt::format("unknown basis \"{}\" (text, assumed or unsourced)", basis));
}

std::vector<Route> parse_routes(const io::LayerSource& file, const Network* places, const LoadOptions& options,
                                ProblemLog& log) {
    auto parse = [places](const Fields& fields, const RawFeature& f, FeatureChecks& check) {
        Route r;
        check([&] { r.id = checked_id(fields); });
        check([&] { r.name = std::string(fields.optional_string("name")); });
        read_mode_and_gauge(fields, r, check);
        read_ends(fields, places, r, check);
        check([&] { r.two_way = fields.required_bool("two_way"); });
        check([&] { r.commodities = fields.required_list("commodity"); });
        if (check([&] { r.figures = parse_figures(fields); })) check([&] { check_capacity_limits(fields, r.figures); });
        check([&] { r.basis = read_basis(fields); });
        check([&] { refuse_renamed(fields); });
        check([&] {
            r.seed = fields.optional_string("seed");
            r.obs_seed = fields.optional_string("obs_seed");
            if (r.obs_seed.empty()) r.obs_seed = r.seed;
        });
        check([&] { r.quote = fields.optional_string("quote"); });
        check([&] { r.note = fields.optional_string("note"); });
        check([&] { r.obs_quote = fields.optional_string("obs_quote"); });
        check([&] { r.open = read_period(fields); });
        check([&] {
            check_line(fields, f);
            r.line = f.coords;
        });
        return r;
    };
    return read_items<Route>(file, kRoutesLayer, options, log, parse);
}

}  // namespace

bool is_geodata_folder(const std::filesystem::path& geodata) {
    std::error_code ec;
    return !io::is_postgres(geodata.native()) && !std::filesystem::is_regular_file(geodata, ec);
}

namespace {
// Whether a file datasource holds the network's input layers (an export's corridor.gpkg).
// A file GDAL cannot open does not: the loader then says why it cannot read it.
bool has_input_layers(const std::filesystem::path& file) {
    try {
        gdal::QuietErrors quiet;
        const gdal::DatasetPtr ds = gdal::open_vector(file);
        return ds->GetLayerByName(kInputPlacesLayer) != nullptr && ds->GetLayerByName(kInputRoutesLayer) != nullptr;
    } catch (const error&) {
        return false;
    }
}
}  // namespace

LoadOptions default_files(const std::filesystem::path& geodata_dir) {
    if (!is_geodata_folder(geodata_dir)) {
        if (!io::is_postgres(geodata_dir.native()) && has_input_layers(geodata_dir))
            return {geodata_dir, geodata_dir, {}, kInputPlacesLayer, kInputRoutesLayer};
        return {geodata_dir, geodata_dir, {}, "places", "routes"};
    }
    // The first of NAME.geojson, NAME.fgb, NAME.shp that exists (GeoJSON when none does,
    // so the error names the file users expect).
    auto pick = [&](const std::string& name) {
        for (const char* ext : {".geojson", ".fgb", ".shp"}) {
            const auto p = geodata_dir / (name + ext);
            if (io::present(p)) return p;  // even unreadable: the error then says why
        }
        return geodata_dir / (name + ".geojson");
    };
    return {pick("places"), pick("routes"), {}, {}, {}};
}

Network load_network(const LoadOptions& options) {
    Network net;
    const io::LayerSource places{options.places_file, options.places_layer};
    const io::LayerSource routes{options.routes_file, options.routes_layer};
    net.places_file = places.label();  // what messages name: no password
    net.routes_file = routes.label();
    ProblemLog problems;
    net.places = parse_places(places, options, problems);
    if (net.places.size() >= Route::kUnresolved)
        throw input_error({places.label(), "", ""}, "too many places (at most 4,294,967,294)");
    // The routes are checked even when the places have problems (every problem in one run);
    // their ends are then not looked up, as the places they name may be the ones refused.
    const bool places_read = problems.empty();
    if (places_read) net.build_index();
    net.routes = parse_routes(routes, places_read ? &net : nullptr, options, problems);
    problems.raise();
    return net;
}

}  // namespace corridor
