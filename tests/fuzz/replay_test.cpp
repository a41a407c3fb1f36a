// Every committed fuzz input through its target's checks (fuzz/harness.hpp) in the normal
// build: the seed corpora (fuzz/corpus/NAME) and the inputs that once found a problem
// (tests/fuzz/NAME, one file each), so a fixed finding stays fixed without libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace fuzz {
// The target's name in gtest's messages, not its bytes.
void PrintTo(const Target& target, std::ostream* os) { *os << target.name; }
}  // namespace fuzz

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class FuzzReplay : public ::testing::TestWithParam<fuzz::Target> {};

TEST_P(FuzzReplay, SeedsPassTheChecks) {
    const fuzz::Target& target = GetParam();
    const auto seeds = files_in(test::source_dir() / "fuzz" / "corpus" / target.name);
    EXPECT_FALSE(seeds.empty()) << "no seed corpus for " << target.name;
    for (const auto& f : seeds) {
        SCOPED_TRACE(f.string());
        try {
            target.run(test::read_file(f));
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
        }
    }
}

TEST_P(FuzzReplay, FindingsStayFixed) {
    const fuzz::Target& target = GetParam();
    for (const auto& f : files_in(test::source_dir() / "tests" / "fuzz" / target.name)) {
        SCOPED_TRACE(f.string());
        try {
            target.run(test::read_file(f));
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(fuzz::targets()),
                         [](const ::testing::TestParamInfo<fuzz::Target>& info) {
                             return std::string(info.param.name);
                         });

// A folder of findings or seeds for a target that does not exist would never be replayed.
TEST(FuzzReplayFolders, EachFolderNamesATarget) {
    const auto& all = fuzz::targets();
    for (const fs::path& dir : {test::source_dir() / "tests" / "fuzz", test::source_dir() / "fuzz" / "corpus"}) {
        for (const auto& e : fs::directory_iterator(dir)) {
            if (!e.is_directory()) continue;
            const std::string name = e.path().filename().string();
            EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const fuzz::Target& t) { return name == t.name; }))
                << e.path() << " names no fuzz target";
        }
    }
}

}  // namespace
}  // namespace corridor
