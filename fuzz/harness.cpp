#include "harness.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <system_error>

namespace corridor::fuzz {
namespace fs = std::filesystem;

namespace {

// This process's scratch folder, removed when the process ends normally.
class Scratch {
public:
    Scratch() {
        const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        path_ = base / ("corridor-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

}  // namespace

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"geojson_reader", geojson_reader},
        {"load", load},
        {"json_inputs", json_inputs},
        {"text", text},
        {"serve", serve},
    };
    return all;
}

fs::path source_dir() {
    if (const char* dir = std::getenv("CORRIDOR_SOURCE_DIR"); dir != nullptr && *dir != '\0') return dir;
    return CORRIDOR_FUZZ_SOURCE_DIR;
}

fs::path scratch_file(const std::string& name, std::string_view data) {
    static const Scratch scratch;
    const fs::path p = scratch.path() / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) throw std::runtime_error("fuzz: cannot write " + p.string());
    return p;
}

}  // namespace corridor::fuzz
