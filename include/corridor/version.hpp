// corridor's version (CMake's project version) and those of the libraries it runs on.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace corridor {

// "0.1.0": project(corridor VERSION ...) in CMakeLists.txt.
const char* version();

// {"GDAL", "3.6.2"}, {"GEOS", "3.11.1"}, {"PROJ", "9.1.1"}, {"Boost", "1.74.0"}: GDAL, GEOS and
// PROJ as linked at run time, Boost (headers only) as compiled.
std::vector<std::pair<std::string, std::string>> library_versions();

// "corridor 0.1.0" and one "NAME VERSION" line per library: `corridor --version`.
std::string version_text();

}  // namespace corridor
