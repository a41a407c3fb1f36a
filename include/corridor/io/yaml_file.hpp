// YAML input files read into the same nlohmann::json the JSON readers take (yaml-cpp), so one
// validator checks both forms.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace corridor::io {

// Whether a file is YAML by its name: .yaml or .yml, any case.
bool is_yaml_name(const std::filesystem::path& path);

// A YAML file as JSON: mappings become objects (keys as text, a key given twice refused),
// sequences arrays; a quoted scalar is a string, a plain one null (~, null, Null, NULL,
// empty), a boolean (true, True, TRUE, false, ...), a decimal integer, a real (.inf, .nan
// too), else a string, as YAML 1.2's core schema resolves them (yes and no are strings). Anchors and aliases are
// followed; tags other than the standard ones are refused. item_lines, when set, receives the 1-based line of each item
// of a top-level sequence, for messages. Throws input_error "FILE: line N: REASON" for a file that is not a regular
// file, cannot be read or is not YAML.
nlohmann::json read_yaml_file(const std::filesystem::path& path, std::vector<std::size_t>* item_lines = nullptr);

}  // namespace corridor::io
