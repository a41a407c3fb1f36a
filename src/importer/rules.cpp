#include "corridor/importer/rules.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <fmt/format.h>
#include <ogr_feature.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/io/yaml_file.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::importer {
namespace {

using nlohmann::json;

const std::set<std::string> kRuleFields{"where",    "skip",     "mode",  "commodity", "two_way",
                                        "annual_t", "capacity", "range", "speed_kmh", "note"};

class RuleReader {
public:
    // line: the rule's line in a YAML file (0: not known, a JSON file).
    RuleReader(const std::filesystem::path& file, std::size_t number, std::size_t line, const json& j)
        : file_(file), number_(number), line_(line), j_(j) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        const std::string where =
            line_ > 0 ? fmt::format("line {}: rule {}", line_, number_) : fmt::format("rule {}", number_);
        throw input_error({file_.string(), "", ""}, field.empty()
                                                        ? fmt::format("{}: {}", where, message)
                                                        : fmt::format("{}: field {}: {}", where, field, message));
    }

    const json* find(const char* field) const {
        const auto it = j_.find(field);
        return it == j_.end() || it->is_null() ? nullptr : &*it;
    }

    std::string string(const char* field, bool required) const {
        const json* v = find(field);
        if (v == nullptr) {
            if (required) fail(field, "missing (required)");
            return {};
        }
        if (!v->is_string()) fail(field, "expected a string");
        return v->get<std::string>();
    }

    std::optional<double> number(const char* field) const {
        const json* v = find(field);
        if (v == nullptr) return std::nullopt;
        if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < 0)
            fail(field, "expected a non-negative number");
        return v->get<double>();
    }

    std::optional<bool> boolean(const char* field) const {
        const json* v = find(field);
        if (v == nullptr) return std::nullopt;
        if (!v->is_boolean()) fail(field, "expected true or false");
        return v->get<bool>();
    }

    void check_fields() const {
        for (const auto& [key, value] : j_.items())
            if (!kRuleFields.contains(key))
                fail(key, fmt::format("unknown field (a rule has where, skip, mode, commodity, two_way, annual_t or "
                                      "capacity, range, speed_kmh, note)"));
    }

    Rule read() const {
        check_fields();
        Rule r;
        r.file = file_;
        r.number = number_;
        r.where = string("where", true);
        if (r.where.find_first_not_of(" \t\r\n") == std::string::npos) fail("where", "empty expression");
        r.note = string("note", false);
        r.skip = boolean("skip").value_or(false);
        if (r.skip) {
            for (const char* f : {"mode", "commodity", "two_way", "annual_t", "capacity", "range", "speed_kmh"})
                if (find(f) != nullptr) fail(f, "a rule that skips lines sets nothing else (only where and note)");
            return r;
        }
        const std::string mode = string("mode", true);
        const auto m = parse_mode(mode);
        if (!m) fail("mode", fmt::format("unknown mode \"{}\" ({})", mode, mode_names()));
        r.mode = *m;
        r.commodities = commodities();
        r.two_way = boolean("two_way").value_or(true);
        const auto annual = number("annual_t");
        const auto monthly = number("capacity");
        if (annual && monthly) fail("capacity", "give one of annual_t (t/year) and capacity (t/month), not both");
        if (!annual && !monthly) fail("annual_t", "missing: give annual_t (t/year) or capacity (t/month)");
        r.form = annual ? CapacityForm::annual_t : CapacityForm::capacity;
        r.value = annual ? *annual : *monthly;
        read_range(r);
        r.speed_kmh = number("speed_kmh");
        if (r.speed_kmh && *r.speed_kmh <= 0) fail("speed_kmh", "expected a positive speed in km/h");
        return r;
    }

private:
    static bool is_slug(const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
    }

    std::vector<std::string> commodities() const {
        const json* v = find("commodity");
        if (v == nullptr) return {"cargo"};
        std::vector<std::string> out;
        if (v->is_string()) {
            out = comma_items(v->get<std::string>());
        } else if (v->is_array()) {
            for (const auto& item : *v) {
                if (!item.is_string()) fail("commodity", "expected a string or a list of strings");
                out.push_back(item.get<std::string>());
            }
        } else {
            fail("commodity", "expected a string or a list of strings");
        }
        for (const auto& c : out)
            if (!is_slug(c)) fail("commodity", fmt::format("\"{}\" is not a slug (a-z, 0-9, _, -)", c));
        if (out.empty()) fail("commodity", "empty list");
        return out;
    }

    void read_range(Rule& r) const {
        const json* v = find("range");
        if (v == nullptr) return;
        if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number())
            fail("range", "expected [low, high] in the unit of the figure");
        const double lo = (*v)[0].get<double>(), hi = (*v)[1].get<double>();
        if (!std::isfinite(lo) || !std::isfinite(hi) || lo < 0 || hi < 0)
            fail("range", "expected non-negative numbers");
        if (lo > r.value || hi < r.value)
            fail("range", fmt::format("[{}, {}] does not hold the value {}", lo, hi, r.value));
        r.low = lo;
        r.high = hi;
    }

    const std::filesystem::path& file_;
    std::size_t number_;
    std::size_t line_;
    const json& j_;
};

// The field a "\"NAME\" not recognised as an available field" message names, if it is one.
std::optional<std::string> missing_field(const std::string& message) {
    const std::string tail = "\" not recognised as an available field";
    const auto at = message.find(tail);
    if (at == std::string::npos || message.empty() || message[0] != '"') return std::nullopt;
    return message.substr(1, at - 1);
}

}  // namespace

std::string ogr_message(std::string s) {
    for (const char* tail : {"\n", " Occurred around"}) {
        const auto at = s.find(tail);
        if (at != std::string::npos) s.erase(at);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '.' || s.back() == '\r')) s.pop_back();
    return s;
}

std::string Rule::label() const { return fmt::format("{}: rule {}", file.filename().string(), number); }

std::string Rule::provenance() const {
    std::string s = fmt::format("import rule {} of {}", number, file.filename().string());
    if (!note.empty()) s += ": " + note;
    return s;
}

std::vector<Rule> load_rules(const std::vector<std::filesystem::path>& files) {
    std::vector<Rule> rules;
    for (const auto& file : files) {
        // A YAML file becomes the same JSON, checked by the same reader; its rules' lines
        // go into the messages.
        const bool yaml = io::is_yaml_name(file);
        std::vector<std::size_t> lines;
        const json j = yaml ? io::read_yaml_file(file, &lines) : io::read_json_file(file);
        if (!j.is_array())
            throw input_error({file.string(), "", ""},
                              yaml ? "expected a YAML sequence of rules" : "expected a JSON array of rules");
        if (j.empty()) throw input_error({file.string(), "", ""}, "no rules");
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::size_t line = i < lines.size() ? lines[i] : 0;
            if (!j[i].is_object()) RuleReader(file, i + 1, line, j[i]).fail("", "expected an object");
            rules.push_back(RuleReader(file, i + 1, line, j[i]).read());
        }
    }
    return rules;
}

struct LayerRules::Impl {
    std::vector<std::unique_ptr<OGRFeatureQuery>> queries;  // null: the rule does not apply
    std::vector<int> key_fields;                            // the fields the expressions read
    bool cacheable = true;
    std::unordered_map<std::string, std::int64_t> cache;  // key -> rule index, -1 for none
    std::string key;
};

LayerRules::LayerRules(const std::vector<Rule>& rules, OGRFeatureDefn* defn) : impl_(std::make_unique<Impl>()) {
    std::set<int> used;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        auto q = std::make_unique<OGRFeatureQuery>();
        gdal::QuietErrors quiet;
        if (q->Compile(defn, rules[i].where.c_str()) != OGRERR_NONE) {
            const std::string message = ogr_message(gdal::last_error());
            if (const auto field = missing_field(message)) {
                missing_.push_back({i, *field});
            } else if (!invalid_) {
                invalid_ = std::pair{i, message};
            }
            impl_->queries.push_back(nullptr);
            continue;
        }
        char** fields = q->GetUsedFields();
        for (char** f = fields; f != nullptr && *f != nullptr; ++f) {
            const int index = defn->GetFieldIndex(*f);
            if (index < 0) impl_->cacheable = false;  // FID, OGR_GEOMETRY, ...: not a plain field
            else used.insert(index);
        }
        CSLDestroy(fields);
        impl_->queries.push_back(std::move(q));
    }
    impl_->key_fields.assign(used.begin(), used.end());
}

LayerRules::~LayerRules() = default;

std::optional<std::size_t> LayerRules::match(OGRFeature& f) {
    Impl& m = *impl_;
    auto evaluate = [&]() -> std::int64_t {
        for (std::size_t i = 0; i < m.queries.size(); ++i)
            if (m.queries[i] && m.queries[i]->Evaluate(&f)) return static_cast<std::int64_t>(i);
        return -1;
    };
    if (!m.cacheable) {
        const auto r = evaluate();
        return r < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(r));
    }
    m.key.clear();
    for (const int i : m.key_fields) {
        if (!f.IsFieldSetAndNotNull(i)) {
            m.key += '\x01';  // null, unlike any string
        } else {
            m.key += f.GetFieldAsString(i);
            m.key += '\0';
        }
    }
    auto it = m.cache.find(m.key);
    if (it == m.cache.end()) {
        if (m.cache.size() > 1'000'000) m.cache.clear();  // many distinct values: keep memory bounded
        it = m.cache.emplace(m.key, evaluate()).first;
    }
    return it->second < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(it->second));
}

}  // namespace corridor::importer
