// Test fixtures: the source tree (through CTest's environment) and temporary folders.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace corridor::test {

// The repository root, from CORRIDOR_SOURCE_DIR (set by CTest).
std::filesystem::path source_dir();
std::filesystem::path geodata_dir();
// The first shipped network, frozen (tests/data/network-v1/README.md): for tests of mechanics.
std::filesystem::path network_v1_dir();
std::filesystem::path seeds_dir();

// A fresh folder removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);
nlohmann::json read_json(const std::filesystem::path& p);
void write_json(const std::filesystem::path& p, const nlohmann::json& j);

// A tiny valid network in a folder (places.geojson, routes.geojson, seeds/, land.geojson):
// two places "a" and "b" 0.1 degrees apart on land, one rail route between them.
struct MiniNetwork {
    nlohmann::json places;
    nlohmann::json routes;
    std::string seed = "The line carries 500 tons six times a month.";
    void write(const std::filesystem::path& dir) const;
};
MiniNetwork mini_network();

// Runs the CLI in-process; returns the exit code and captures both streams.
struct CliResult {
    int code = -1;
    std::string out;
    std::string err;
};
CliResult run_cli(const std::vector<std::string>& args);

}  // namespace corridor::test
