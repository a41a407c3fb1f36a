#include "corridor/io/gdal.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"

namespace corridor::gdal {

void init() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

namespace {

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

// GDAL's failure messages in a scope, in order, printed nowhere. A driver often says where
// first and sums up last: the GeoJSON driver's "At line 3, character 37: Unexpected state",
// then "Failed to read GeoJSON data".
class CollectedErrors {
public:
    CollectedErrors() {
        CPLPushErrorHandlerEx(&CollectedErrors::handle, this);
        CPLErrorReset();
    }
    ~CollectedErrors() { CPLPopErrorHandler(); }
    CollectedErrors(const CollectedErrors&) = delete;
    CollectedErrors& operator=(const CollectedErrors&) = delete;

    // The last message, then the ones before it in parentheses: "LAST (FIRST; SECOND)".
    std::string summary() const {
        if (messages_.empty()) return {};
        std::string s = messages_.back();
        std::string earlier;
        for (std::size_t i = 0; i + 1 < messages_.size(); ++i) {
            if (messages_[i] == messages_.back()) continue;
            if (!earlier.empty()) earlier += "; ";
            earlier += messages_[i];
        }
        if (!earlier.empty()) s += " (" + earlier + ")";
        return s;
    }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
        if (level < CE_Failure || message == nullptr || *message == '\0') return;
        auto* self = static_cast<CollectedErrors*>(CPLGetErrorHandlerUserData());
        if (self->messages_.size() < kKept) self->messages_.push_back(one_line(message));
        else self->messages_.back() = one_line(message);
    }

    static constexpr std::size_t kKept = 4;
    std::vector<std::string> messages_;
};

}  // namespace

void DatasetCloser::operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }

void SrsReleaser::operator()(OGRSpatialReference* srs) const noexcept { srs->Release(); }

std::string last_error() {
    const char* msg = CPLGetLastErrorMsg();
    if (msg == nullptr || *msg == '\0') return "unknown GDAL error";
    return one_line(msg);  // keep every message on one line
}

QuietErrors::QuietErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}
QuietErrors::~QuietErrors() { CPLPopErrorHandler(); }

ScopedConfig::ScopedConfig(std::string key, const std::string& value) : key_(std::move(key)) {
    if (const char* old = CPLGetThreadLocalConfigOption(key_.c_str(), nullptr)) {
        old_ = old;
        had_old_ = true;
    }
    CPLSetThreadLocalConfigOption(key_.c_str(), value.c_str());
}
ScopedConfig::~ScopedConfig() { CPLSetThreadLocalConfigOption(key_.c_str(), had_old_ ? old_.c_str() : nullptr); }

DatasetPtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& open_options) {
    init();
    io::require_regular_file(path);  // before GDAL opens it: a named pipe would block
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) == 0 && !ec)
        throw input_error({path.string(), "", ""}, "cannot read: empty file");
    CollectedErrors errors;  // where a driver found the file malformed, with its summary
    std::vector<const char*> opts;
    for (const auto& o : open_options) opts.push_back(o.c_str());
    opts.push_back(nullptr);
    // A .geojson or .json file goes to the JSON drivers only: probing every driver took a
    // GeoJSON file whose first kilobyte holds "<OGRVRTDataSource" (in a quote, say) for a
    // VRT file and refused it (found by the fuzz target geojson_reader).
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* const kJsonDrivers[] = {"GeoJSON", "GeoJSONSeq", "ESRIJSON", "TopoJSON", nullptr};
    const char* const* drivers = ext == ".geojson" || ext == ".json" ? kJsonDrivers : nullptr;
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, opts.data());
    if (ds == nullptr) {
        const std::string summary = errors.summary();
        throw input_error({path.string(), "", ""},
                          !summary.empty()
                              ? "cannot read: " + summary
                              : std::string("cannot read: not a vector format GDAL recognises (malformed?)"));
    }
    return DatasetPtr(ds);
}

DatasetPtr create_vector(const std::string& driver_name, const std::filesystem::path& path,
                         const std::vector<std::string>& options) {
    init();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (driver == nullptr) throw output_error({path.string(), "", ""}, "GDAL driver " + driver_name + " is missing");
    std::vector<const char*> opts;
    for (const auto& o : options) opts.push_back(o.c_str());
    opts.push_back(nullptr);
    QuietErrors quiet;
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(opts.data()));
    if (ds == nullptr) throw output_error({path.string(), "", ""}, "cannot write: " + last_error());
    return DatasetPtr(ds);
}

SrsPtr wgs84() {
    SrsPtr srs(new OGRSpatialReference());
    srs->importFromEPSG(4326);
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

}  // namespace corridor::gdal
