#include "support/fixtures.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "corridor/cli/app.hpp"

namespace corridor::test {
namespace fs = std::filesystem;

fs::path source_dir() {
    const char* dir = std::getenv("CORRIDOR_SOURCE_DIR");
    if (dir == nullptr) throw std::runtime_error("CORRIDOR_SOURCE_DIR is not set (run the tests through ctest)");
    return dir;
}
fs::path geodata_dir() { return source_dir() / "geodata"; }
fs::path network_v1_dir() { return source_dir() / "tests" / "data" / "network-v1"; }
fs::path seeds_dir() { return source_dir() / "seeds"; }

TempDir::TempDir() {
    std::string templ = (fs::temp_directory_path() / "corridor-test-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
}
TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

nlohmann::json read_json(const fs::path& p) { return nlohmann::json::parse(read_file(p)); }
void write_json(const fs::path& p, const nlohmann::json& j) { write_file(p, j.dump(1)); }

MiniNetwork mini_network() {
    MiniNetwork m;
    auto point = [](const char* id, double lon, double lat) {
        return nlohmann::json{
            {"type", "Feature"},
            {"properties", {{"id", id}, {"name", std::string("Place ") + id}, {"country", "KP"}, {"kind", "city"}}},
            {"geometry", {{"type", "Point"}, {"coordinates", {lon, lat}}}}};
    };
    m.places = {{"type", "FeatureCollection"}, {"features", {point("a", 126.0, 40.0), point("b", 126.1, 40.0)}}};
    nlohmann::json route = {
        {"type", "Feature"},
        {"properties",
         {{"id", "ab_rail"},
          {"name", "A-B rail"},
          {"mode", "rail"},
          {"from_id", "a"},
          {"to_id", "b"},
          {"two_way", true},
          {"commodity", "cargo,coal"},
          {"payload_t", 500},
          {"trips_mo", 6},
          {"basis", "text"},
          {"seed", "seed.txt"},
          {"quote", "carries 500 tons six times a month"}}},
        {"geometry", {{"type", "LineString"}, {"coordinates", {{126.0, 40.0}, {126.05, 40.0}, {126.1, 40.0}}}}}};
    m.routes = {{"type", "FeatureCollection"}, {"features", {route}}};
    return m;
}

void MiniNetwork::write(const fs::path& dir) const {
    fs::create_directories(dir / "geodata");
    fs::create_directories(dir / "seeds");
    write_json(dir / "geodata" / "places.geojson", places);
    write_json(dir / "geodata" / "routes.geojson", routes);
    write_file(dir / "seeds" / "seed.txt", seed);
    const nlohmann::json land = {
        {"type", "FeatureCollection"},
        {"features",
         {{{"type", "Feature"},
           {"properties", {{"name", "land"}}},
           {"geometry",
            {{"type", "Polygon"},
             {"coordinates", {{{125.0, 39.0}, {127.0, 39.0}, {127.0, 41.0}, {125.0, 41.0}, {125.0, 39.0}}}}}}}}}};
    write_json(dir / "geodata" / "land.geojson", land);
}

CliResult run_cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    CliResult r;
    r.code = cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace corridor::test
