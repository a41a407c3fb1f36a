#include "corridor/model/observations.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"
#include "json_fields.hpp"

namespace corridor {
namespace {

using json_fields::Fields;
using json_fields::is_country;
using nlohmann::json;

void check_endpoint(const Fields& r, const Network& net, const char* field, const std::string& spec) {
    if (net.place_index(spec) || is_country(net, spec)) return;
    r.fail(field, fmt::format("\"{}\" is neither a place id nor the country code of any place", spec));
}

Observation read_one(const json& j, const Network& net, const std::string& file, std::size_t n) {
    Observation o;
    if (!j.is_object()) throw input_error({file, json_fields::item_number(n), ""}, "each observation is an object");
    o.id = Fields(file, json_fields::item_number(n)).text(j, "id", true);
    const Fields r(file, o.id);
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
    return json_fields::read_items(file, "observations", [&](const json& item, const std::string& path, std::size_t n) {
        return read_one(item, net, path, n);
    });
}

}  // namespace corridor
