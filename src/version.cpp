#include "corridor/version.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
#include <boost/version.hpp>

#ifndef CORRIDOR_VERSION
#error "CMakeLists.txt defines CORRIDOR_VERSION from project(VERSION)"
#endif

namespace corridor {

const char* version() { return CORRIDOR_VERSION; }

std::vector<std::pair<std::string, std::string>> library_versions() {
    const std::string boost = std::to_string(BOOST_VERSION / 100000) + "." +
                              std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100);
    std::string geos = GEOSversion();  // "3.11.1-CAPI-1.17.1": the C API's version after the library's
    geos = geos.substr(0, geos.find("-CAPI"));
    const PJ_INFO proj = proj_info();
    return {{"GDAL", GDALVersionInfo("RELEASE_NAME")},
            {"GEOS", geos},
            {"PROJ", std::to_string(proj.major) + "." + std::to_string(proj.minor) + "." + std::to_string(proj.patch)},
            {"Boost", boost}};
}

std::string version_text() {
    std::string s = std::string("corridor ") + version();
    for (const auto& [name, v] : library_versions()) s += "\n" + name + " " + v;
    return s;
}

}  // namespace corridor
