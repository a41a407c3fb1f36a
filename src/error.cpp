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

error::error(Location where, std::string message, const std::string& text)
    : std::runtime_error(text), where_(std::move(where)), detail_(std::move(message)) {}

namespace {

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
    return text;
}

}  // namespace

input_errors::input_errors(std::vector<Issue> listed, const std::vector<std::string>& lines)
    : input_error(listed.empty() ? Location{} : listed.front().where,
                  listed.empty() ? joined(lines) : listed.front().message, joined(lines)),
      listed_(std::move(listed)) {}

}  // namespace corridor
