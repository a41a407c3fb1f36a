// Golden outputs: what the real executable prints on the shipped network, byte for byte.
// The expected files sit in tests/cli/expected/; when an answer changes on purpose, rewrite
// them with CORRIDOR_UPDATE_GOLDEN=1 (docs/developing.md) and review the diff.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

struct Golden {
    const char* file;               // in tests/cli/expected/
    std::vector<std::string> args;  // run from the repository root, default --geodata
};

const std::vector<Golden>& cases() {
    static const std::vector<Golden> all{
        {"validate.txt", {"validate"}},
        {"places.txt", {"places"}},
        {"routes.txt", {"routes"}},
        {"capacity_RU_pyongyang.txt", {"capacity", "--from", "RU", "--to", "pyongyang"}},
        {"capacity_RU_pyongyang.json", {"capacity", "--from", "RU", "--to", "pyongyang", "--json"}},
        {"scenarios_RU_pyongyang.txt", {"scenarios", "--from", "RU", "--to", "pyongyang"}},
        {"route_vladivostok_pyongyang.txt", {"route", "--from", "vladivostok", "--to", "pyongyang"}},
        {"facts.txt", {"facts"}},
    };
    return all;
}

bool updating() {
    const char* v = std::getenv("CORRIDOR_UPDATE_GOLDEN");
    return v != nullptr && std::string(v) == "1";
}

std::string command_line(const Golden& g) {
    std::string s = "corridor";
    for (const auto& a : g.args) s += " " + a;
    return s;
}

// The first line where the two texts differ, 1-based, with both versions of it.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) return "the texts differ only in their last newline";
        if (!more_e || !more_a || le != la) {
            return "line " + std::to_string(line) + "\n  expected: " + (more_e ? le : "(end of file)") +
                   "\n  actual:   " + (more_a ? la : "(end of output)");
        }
    }
}

// Names a case by its command line in test output (instead of its bytes).
void PrintTo(const Golden& g, std::ostream* os) { *os << command_line(g); }

class GoldenOutput : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenOutput, MatchesTheExpectedFile) {
    const Golden& g = GetParam();
    const fs::path expected_file = test::source_dir() / "tests" / "cli" / "expected" / g.file;
    const auto r = test::run_binary(g.args, test::source_dir());
    ASSERT_EQ(r.code, 0) << command_line(g) << "\n" << r.err;
    if (updating()) {
        test::write_file(expected_file, r.out);
        std::cout << "rewrote " << expected_file.string() << '\n';
        return;
    }
    ASSERT_TRUE(fs::exists(expected_file))
        << expected_file << " is missing: run the tests once with CORRIDOR_UPDATE_GOLDEN=1 to write it";
    const std::string expected = test::read_file(expected_file);
    EXPECT_TRUE(expected == r.out) << command_line(g) << " no longer prints " << expected_file.string() << ": "
                                   << first_difference(expected, r.out)
                                   << "\nIf the change is on purpose, rewrite the expected files with "
                                      "CORRIDOR_UPDATE_GOLDEN=1 ctest --preset release -R Golden and review the diff.";
}

std::string case_name(const ::testing::TestParamInfo<Golden>& info) {
    std::string name;
    for (char c : std::string(info.param.file)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Cli, GoldenOutput, ::testing::ValuesIn(cases()), case_name);

// Every file in expected/ belongs to a case, so a renamed case leaves no stale file behind.
TEST(GoldenFiles, EachFileHasACase) {
    for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests" / "cli" / "expected")) {
        const std::string name = entry.path().filename().string();
        bool known = false;
        for (const auto& g : cases()) known = known || name == g.file;
        EXPECT_TRUE(known) << "tests/cli/expected/" << name << " is compared by no case in golden_test.cpp";
    }
}

}  // namespace
}  // namespace corridor
