// JSON values that may be missing: null for empty text or an empty optional, as every JSON
// shape of corridor writes them (--json answers, manifests, the map page's data, reports).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace corridor {

inline nlohmann::ordered_json or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace corridor
