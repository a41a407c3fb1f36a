#include "corridor/model/observations.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"

namespace corridor {
namespace {

using nlohmann::json;

class Reader {
public:
    Reader(std::string file, std::string id) : file_(std::move(file)), id_(std::move(id)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw input_error({file_, id_, field}, message);
    }

    std::string text(const json& j, const char* key, bool required) const {
        if (!j.contains(key) || j[key].is_null()) {
            if (required) fail(key, "missing (required)");
            return {};
        }
        if (!j[key].is_string()) fail(key, "expected a string");
        std::string s = j[key].get<std::string>();
        if (required && s.empty()) fail(key, "missing (required)");
        return s;
    }

    Day date(const json& period, const char* key) const {
        const std::string field = std::string("period.") + key;
        if (!period.contains(key) || !period[key].is_string()) fail(field, "expected a date YYYY-MM-DD");
        const std::string s = period[key].get<std::string>();
        const auto d = parse_date(s);
        if (!d) fail(field, fmt::format("\"{}\" is not a date: expected YYYY-MM-DD, a real calendar day", s));
        return *d;
    }

private:
    std::string file_;
    std::string id_;
};

bool is_country(const Network& net, const std::string& code) {
    return std::any_of(net.places.begin(), net.places.end(), [&](const Place& p) { return p.country == code; });
}

void check_endpoint(const Reader& r, const Network& net, const char* field, const std::string& spec) {
    if (net.place_index(spec) || is_country(net, spec)) return;
    r.fail(field, fmt::format("\"{}\" is neither a place id nor the country code of any place", spec));
}

Observation read_one(const json& j, const Network& net, const std::string& file, std::size_t n) {
    Observation o;
    if (!j.is_object()) throw input_error({file, fmt::format("#{}", n), ""}, "each observation is an object");
    o.id = Reader(file, fmt::format("#{}", n)).text(j, "id", true);
    const Reader r(file, o.id);
    o.from = r.text(j, "from", true);
    o.to = r.text(j, "to", true);
    check_endpoint(r, net, "from", o.from);
    check_endpoint(r, net, "to", o.to);
    o.commodity = r.text(j, "commodity", false);
    if (!j.contains("period") || !j["period"].is_object())
        r.fail("period", "expected {\"from\": date, \"until\": date}");
    o.period = {r.date(j["period"], "from"), r.date(j["period"], "until")};
    if (o.period.until < o.period.from)
        r.fail("period.until", fmt::format("{} is before {}: a period with no days", date_text(o.period.until),
                                           date_text(o.period.from)));
    if (!j.contains("tonnes") || !j["tonnes"].is_number() || j["tonnes"].is_boolean())
        r.fail("tonnes", "expected a number of tonnes");
    o.tonnes = j["tonnes"].get<double>();
    if (!std::isfinite(o.tonnes) || o.tonnes < 0) r.fail("tonnes", "expected a non-negative number");
    o.quote = r.text(j, "quote", false);
    o.source = r.text(j, "source", !o.quote.empty());
    o.note = r.text(j, "note", o.quote.empty());
    return o;
}

}  // namespace

std::vector<Observation> load_observations(const std::filesystem::path& file, const Network& net) {
    const json j = io::read_json_file(file);
    const std::string path = file.string();
    if (!j.is_object() || !j.contains("observations") || !j["observations"].is_array())
        throw input_error({path, "", "observations"}, "expected {\"observations\": [...]}");
    std::vector<Observation> out;
    for (const auto& item : j["observations"]) {
        out.push_back(read_one(item, net, path, out.size() + 1));
        for (std::size_t k = 0; k + 1 < out.size(); ++k)
            if (out[k].id == out.back().id) throw input_error({path, out.back().id, "id"}, "duplicate id");
    }
    return out;
}

}  // namespace corridor
