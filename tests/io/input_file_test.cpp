// Input files: anything but a readable regular file is refused at once, with the real reason.
#include "corridor/io/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "corridor/error.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

// The message of the input_error that f throws; fails the test when it throws none.
template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const input_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected an input_error";
    return {};
}

TEST(InputFile, ARegularFileIsAccepted) {
    test::TempDir tmp;
    test::write_file(tmp / "a.json", "{\"x\": 1}");
    EXPECT_NO_THROW(io::require_regular_file(tmp / "a.json"));
    EXPECT_EQ(io::read_json_file(tmp / "a.json")["x"], 1);
}

TEST(InputFile, ANamedPipeIsRefusedWithoutBlocking) {
    test::TempDir tmp;
    const fs::path fifo = tmp / "routes.geojson";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string msg = refusal([&] { io::require_regular_file(fifo); });
    EXPECT_EQ(msg, fifo.string() + ": cannot read: a named pipe (FIFO), not a regular file");
    EXPECT_NE(refusal([&] { io::read_json_file(fifo); }).find("named pipe"), std::string::npos);
}

TEST(InputFile, ADirectoryIsRefused) {
    test::TempDir tmp;
    fs::create_directories(tmp / "scenarios.json");
    EXPECT_EQ(refusal([&] { io::read_json_file(tmp / "scenarios.json"); }),
              (tmp / "scenarios.json").string() + ": cannot read: a directory, not a regular file");
}

TEST(InputFile, ASymlinkLoopSaysSoNotNoSuchFile) {
    test::TempDir tmp;
    fs::create_symlink(tmp / "b", tmp / "a");
    fs::create_symlink(tmp / "a", tmp / "b");
    EXPECT_TRUE(io::present(tmp / "a"));  // an optional input that loops is not absent
    EXPECT_EQ(refusal([&] { io::require_regular_file(tmp / "a"); }),
              (tmp / "a").string() + ": cannot read: Too many levels of symbolic links");
}

TEST(InputFile, AMissingFileIsNoSuchFile) {
    test::TempDir tmp;
    EXPECT_FALSE(io::present(tmp / "none"));
    EXPECT_EQ(refusal([&] { io::require_regular_file(tmp / "none"); }),
              (tmp / "none").string() + ": cannot read: no such file");
    // Any other cause is named as the system names it, even where root reads everything.
    test::write_file(tmp / "file", "");
    EXPECT_EQ(refusal([&] { io::require_regular_file(tmp / "file" / "places.geojson"); }),
              (tmp / "file" / "places.geojson").string() + ": cannot read: Not a directory");
    fs::create_symlink(tmp / "none", tmp / "dangling");
    EXPECT_TRUE(io::present(tmp / "dangling"));
    EXPECT_EQ(refusal([&] { io::require_regular_file(tmp / "dangling"); }),
              (tmp / "dangling").string() + ": cannot read: no such file");
}

TEST(InputFile, PermissionDeniedSaysSo) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
    test::TempDir tmp;
    test::write_file(tmp / "places.geojson", "{}");
    fs::permissions(tmp / "places.geojson", fs::perms::none);
    EXPECT_EQ(refusal([&] { io::require_regular_file(tmp / "places.geojson"); }),
              (tmp / "places.geojson").string() + ": cannot read: Permission denied");
}

TEST(InputFile, ANumberBeyondDoubleIsAOneLineErrorNamingTheFile) {
    test::TempDir tmp;
    test::write_file(tmp / "scenarios.json", "{\"scenarios\": [{\"value\": 1e309}]}");
    const std::string msg = refusal([&] { io::read_json_file(tmp / "scenarios.json"); });
    EXPECT_EQ(msg.rfind((tmp / "scenarios.json").string() + ": malformed JSON: ", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace corridor
