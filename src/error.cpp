#include "corridor/error.hpp"

namespace corridor {

std::string format_location(const Location& where, const std::string& message) {
    std::string s;
    if (!where.file.empty()) s += where.file + ": ";
    if (!where.feature.empty()) s += "feature " + where.feature + ": ";
    if (!where.field.empty()) s += "field " + where.field + ": ";
    s += message;
    return s;
}

error::error(Location where, const std::string& message)
    : std::runtime_error(format_location(where, message)), where_(std::move(where)), detail_(message) {}

}  // namespace corridor
