// Reading the side files' JSON items (observations.json, transits.json): a field reader
// whose errors name the file, the item and the field, and the list-of-items frame with its
// duplicate-id check (internal to model/).
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/network.hpp"

namespace corridor::json_fields {

class Fields {
public:
    Fields(std::string file, std::string id) : file_(std::move(file)), id_(std::move(id)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw input_error({file_, id_, field}, message);
    }

    // A string member; "" when absent and not required.
    std::string text(const nlohmann::json& j, const char* key, bool required) const {
        if (!j.contains(key) || j[key].is_null()) {
            if (required) fail(key, "missing (required)");
            return {};
        }
        if (!j[key].is_string()) fail(key, "expected a string");
        std::string s = j[key].get<std::string>();
        if (required && s.empty()) fail(key, "missing (required)");
        return s;
    }

    // A list of non-empty strings; empty when absent and not required.
    std::vector<std::string> strings(const nlohmann::json& j, const char* key, bool required) const {
        if (!j.contains(key)) {
            if (required) fail(key, "missing (required)");
            return {};
        }
        if (!j[key].is_array()) fail(key, "expected a list of strings");
        std::vector<std::string> out;
        for (const auto& v : j[key]) {
            if (!v.is_string() || v.get<std::string>().empty()) fail(key, "expected a list of strings");
            out.push_back(v.get<std::string>());
        }
        if (required && out.empty()) fail(key, "missing (required): an empty list");
        return out;
    }

    // A date "YYYY-MM-DD" at period[key], named "period.<key>" in errors.
    Day date(const nlohmann::json& period, const char* key) const {
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

inline bool is_country(const Network& net, const std::string& code) {
    return std::any_of(net.places.begin(), net.places.end(), [&](const Place& p) { return p.country == code; });
}

// The items of {"<key>": [...]} in file, each read by read_one(item, path, n) (n from 1),
// which returns a value with an `id`; throws input_error for another shape or a duplicate id.
template <class ReadOne>
auto read_items(const std::filesystem::path& file, const char* key, ReadOne read_one) {
    const nlohmann::json j = io::read_json_file(file);
    const std::string path = file.string();
    if (!j.is_object() || !j.contains(key) || !j[key].is_array())
        throw input_error({path, "", key}, fmt::format("expected {{\"{}\": [...]}}", key));
    std::vector<decltype(read_one(j, path, std::size_t{1}))> out;
    for (const auto& item : j[key]) {
        out.push_back(read_one(item, path, out.size() + 1));
        for (std::size_t k = 0; k + 1 < out.size(); ++k)
            if (out[k].id == out.back().id) throw input_error({path, out.back().id, "id"}, "duplicate id");
    }
    return out;
}

// The id of item n (from 1) as errors name it before its own id is read.
inline std::string item_number(std::size_t n) { return fmt::format("#{}", n); }

}  // namespace corridor::json_fields
