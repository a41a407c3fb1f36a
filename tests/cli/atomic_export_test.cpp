// export's whole-set guarantee, end to end: the real executable killed at several points
// (SIGKILL, SIGTERM, SIGINT) leaves the folder holding one whole analysis (its manifest matches
// every file by size and SHA-256), and no temporary stays after the next run; a failure part-way
// (a folder named map.png) or a full disk leaves the previous set.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <set>
#include <thread>

#include "corridor/analysis/outputs.hpp"
#include "corridor/io/output_set.hpp"
#include "support/binary.hpp"
#include "support/fixtures.hpp"

extern char** environ;

namespace corridor {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

std::vector<std::string> temporaries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& name : names_in(dir))
        if (io::is_temporary_name(name)) out.push_back(name);
    return out;
}

// The folder holds one whole set: a manifest whose every file is there with its size and
// SHA-256, and no other output. Returns why not (empty when whole).
std::string why_not_whole(const fs::path& dir) {
    if (!fs::exists(dir / kManifestName)) return "no manifest";
    const auto manifest = test::read_json(dir / kManifestName);
    std::set<std::string> listed{kManifestName};
    for (const auto& f : manifest["files"]) {
        const std::string name = f["name"];
        listed.insert(name);
        if (!fs::exists(dir / name)) return name + " is missing";
        const io::SetFile d = io::describe_file(dir / name);
        if (d.bytes != f["bytes"].get<std::uint64_t>() || d.sha256 != f["sha256"]) return name + " differs";
    }
    for (const auto& name : names_in(dir))
        if (!listed.count(name) && !io::is_temporary_name(name)) return name + " is not in the manifest";
    return "";
}

// Killed between removing the old manifest and renaming the new one in: a staging folder
// holds the new set's manifest, which the next run finishes.
bool commit_under_way(const fs::path& dir) {
    if (fs::exists(dir / kManifestName)) return false;
    for (const auto& name : temporaries(dir))
        if (fs::exists(dir / name / kManifestName)) return true;
    return false;
}

struct Child {
    pid_t pid = -1;
    fs::path err;
};

// Starts the real executable with stdout and stderr into files.
Child spawn_corridor(const std::vector<std::string>& args, const fs::path& logs) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string out = (logs / "stdout").string(), err = (logs / "stderr").string();
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> words{test::corridor_bin()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    Child c;
    c.err = err;
    if (posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) c.pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return c;
}

int wait_for(const Child& c) {
    int status = 0;
    ::waitpid(c.pid, &status, 0);
    return status;
}

// Waits until the child has a staging folder in dir (it is writing), or it has ended.
bool wait_until_staging(const Child& c, const fs::path& dir) {
    const std::string mark = fmt::format(".corridor-tmp-{}-", c.pid);
    for (auto until = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < until;) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec))
            if (e.path().filename().string().starts_with(mark)) return true;
        if (::waitpid(c.pid, nullptr, WNOHANG) != 0) return false;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

class KilledExport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        root_ = new test::TempDir;
        const auto r = test::run_binary({"generate", "--routes", "10000", "--out", net().string()}, root_->path());
        ASSERT_EQ(r.code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete root_;
        root_ = nullptr;
    }
    static fs::path net() { return root_->path() / "net"; }
    static fs::path out() { return root_->path() / "out"; }
    static fs::path logs() { return root_->path(); }

    // The first set (GeoJSON and shapefiles); killed runs write another (GeoJSON, GeoPackage,
    // FlatGeobuf and the picture), so a mix of the two would show.
    static std::vector<std::string> first_set() {
        return {"export",   "--geodata",   net().string(), "--out",  out().string(),
                "--format", "geojson,shp", "--no-map",     "--quiet"};
    }
    static std::vector<std::string> second_set() {
        return {"export",       "--geodata", net().string(),     "--out",
                out().string(), "--format",  "geojson,gpkg,fgb", "--quiet"};
    }

    static test::TempDir* root_;
};
test::TempDir* KilledExport::root_ = nullptr;

TEST_F(KilledExport, SigkillAtAnyPointLeavesOneWholeSetAndTheNextRunRemovesTheTemporaries) {
    ASSERT_EQ(test::run_binary(first_set(), logs()).code, 0);
    ASSERT_EQ(why_not_whole(out()), "");
    for (const auto delay : {10ms, 50ms, 200ms, 400ms, 800ms, 1200ms}) {
        const Child c = spawn_corridor(second_set(), logs());
        ASSERT_GT(c.pid, 0);
        std::this_thread::sleep_for(delay);
        ::kill(c.pid, SIGKILL);
        wait_for(c);
        const std::string why = why_not_whole(out());
        EXPECT_TRUE(why.empty() || commit_under_way(out())) << "after " << delay.count() << " ms: " << why;
        io::clean_stale_temporaries(out(), kManifestName);  // what the next run does first
        EXPECT_EQ(why_not_whole(out()), "") << "after " << delay.count() << " ms";
        EXPECT_TRUE(temporaries(out()).empty()) << "after " << delay.count() << " ms";
    }
    // A killed run's temporaries, then a whole run: only its set remains.
    const Child c = spawn_corridor(second_set(), logs());
    ASSERT_TRUE(wait_until_staging(c, out()));
    ::kill(c.pid, SIGKILL);
    wait_for(c);
    EXPECT_FALSE(temporaries(out()).empty());
    const auto r = test::run_binary(first_set(), logs());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(why_not_whole(out()), "");
    EXPECT_TRUE(temporaries(out()).empty());
    EXPECT_FALSE(fs::exists(out() / "corridor.gpkg")) << "the second set's files went with it";
}

TEST_F(KilledExport, SigintAndSigtermRemoveTheTemporariesAndExitWith130And143) {
    ASSERT_EQ(test::run_binary(first_set(), logs()).code, 0);
    const std::string before = test::read_file(out() / kManifestName);
    for (const auto& [signal, code, name] : {std::tuple{SIGINT, 130, "SIGINT"}, std::tuple{SIGTERM, 143, "SIGTERM"}}) {
        const Child c = spawn_corridor(second_set(), logs());
        ASSERT_TRUE(wait_until_staging(c, out())) << "the export ended before it wrote";
        std::this_thread::sleep_for(signal == SIGINT ? 20ms : 100ms);
        ::kill(c.pid, signal);
        const int status = wait_for(c);
        ASSERT_TRUE(WIFEXITED(status)) << name << " ended the process without clean-up";
        EXPECT_EQ(WEXITSTATUS(status), code) << name;
        const std::string err = test::read_file(c.err);
        const std::string line = std::string("corridor: interrupted by ") + name;
        EXPECT_NE(err.find(line), std::string::npos) << err;
        EXPECT_EQ(std::count(err.begin() + static_cast<long>(err.find(line)), err.end(), '\n'), 1) << "one line";
        EXPECT_TRUE(temporaries(out()).empty()) << name;
        EXPECT_EQ(why_not_whole(out()), "") << name;
        EXPECT_EQ(test::read_file(out() / kManifestName), before) << name << ": the first set stays";
    }
}

// --- failures part-way, in-process on the shipped network --------------------------------

std::vector<std::string> export_args(const fs::path& out, const std::string& formats) {
    return {"export", "--geodata", test::geodata_dir().string(), "--out", out.string(), "--format", formats, "--quiet"};
}

TEST(AtomicExport, AFolderNamedMapPngLeavesThePreviousSetWhole) {
    test::TempDir tmp;
    const fs::path out = tmp / "out";
    ASSERT_EQ(test::run_cli(export_args(out, "geojson")).code, 0);
    const std::string listed = test::read_file(out / kManifestName);
    fs::remove(out / "map.png");
    fs::create_directories(out / "map.png" / "mine");
    const auto r = test::run_cli(export_args(out, "geojson,gpkg"));
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "corridor: error: " + (out / "map.png").string() +
                         ": cannot write: a folder of that name is in the way\n");
    EXPECT_FALSE(fs::exists(out / "corridor.gpkg"));
    EXPECT_EQ(test::read_file(out / kManifestName), listed);
    EXPECT_TRUE(temporaries(out).empty());
    EXPECT_TRUE(fs::exists(out / "map.png" / "mine"));
}

TEST(AtomicExport, TheManifestNamesTheAnalysisAndEveryFileAndDropsTheOldSetsFiles) {
    test::TempDir tmp;
    const fs::path out = tmp / "out";
    ASSERT_EQ(test::run_cli(export_args(out, "geojson,shp")).code, 0);
    ASSERT_EQ(test::run_cli({"map", "--geodata", test::geodata_dir().string(), "--out", out.string(), "--quiet"}).code,
              0);
    ASSERT_EQ(test::run_cli(export_args(out, "gpkg")).code, 0);
    EXPECT_EQ(why_not_whole(out), "");
    const auto m = test::read_json(out / kManifestName);
    EXPECT_EQ(m["command"], "export");
    EXPECT_EQ(m["analysis"]["from"], "RU");
    EXPECT_EQ(m["analysis"]["to"], "pyongyang");
    EXPECT_EQ(m["analysis"]["unit"], "t/month");
    EXPECT_GT(m["analysis"]["throughput"].get<long long>(), 0);
    std::set<std::string> by_map;
    for (const auto& f : m["files"])
        if (f["command"] == "map") by_map.insert(f["name"].get<std::string>());
    EXPECT_EQ(by_map, std::set<std::string>{"map.html"}) << "another command's file stays";
    EXPECT_FALSE(fs::exists(out / "routes.shp")) << "the earlier export's files go with its set";
    EXPECT_FALSE(fs::exists(out / "routes.geojson"));
    EXPECT_TRUE(fs::exists(out / "corridor.gpkg"));
}

TEST(AtomicExport, ADiskFullSaysSoAndNamesTheFinalFile) {
    test::TempDir tmp;
    const fs::path small = tmp / "small";
    fs::create_directories(small);
    if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
    struct Unmount {
        fs::path dir;
        ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
    } unmount{small};
    const auto r = test::run_cli(export_args(small, "geojson,shp,gpkg"));
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.starts_with("corridor: error: " + small.string() + "/")) << r.err;
    EXPECT_TRUE(r.err.ends_with(": cannot write: no space left on device\n")) << r.err;
    EXPECT_EQ(r.err.find("corridor-tmp"), std::string::npos) << r.err;
    EXPECT_TRUE(names_in(small).empty());
}

}  // namespace
}  // namespace corridor
