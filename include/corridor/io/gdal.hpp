// Small owners for GDAL/OGR handles (after libosmium's gdalcpp): datasets close, errors are captured.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

class GDALDataset;
class OGRSpatialReference;

namespace corridor::gdal {

// Registers the drivers once; safe to call from anywhere.
void init();

struct DatasetCloser {
    void operator()(GDALDataset* ds) const noexcept;
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct SrsReleaser {
    void operator()(OGRSpatialReference* srs) const noexcept;
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsReleaser>;

// Opens a vector dataset read-only, with open options ("KEY=VALUE") a driver that does
// not know them ignores; throws input_error naming the file (only regular files are opened).
DatasetPtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& open_options = {});

// Creates a vector dataset with a named driver; throws output_error naming the file.
DatasetPtr create_vector(const std::string& driver, const std::filesystem::path& path,
                         const std::vector<std::string>& options = {});

// EPSG:4326 with longitude first (GIS axis order).
SrsPtr wgs84();

// Silences GDAL's own printing for a scope; failures are read with last_error().
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
};

// GDAL's last error message on this thread, or "unknown GDAL error".
std::string last_error();

// Sets a GDAL configuration option for a scope and restores the previous value.
class ScopedConfig {
public:
    ScopedConfig(std::string key, const std::string& value);
    ~ScopedConfig();
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    std::string key_;
    std::string old_;
    bool had_old_ = false;
};

}  // namespace corridor::gdal
