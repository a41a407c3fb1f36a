// The reference pages over a small hand-made description: groff renders the man page back
// to the text it was given, bash completes from the script, zsh parses its script.
#include "corridor/report/usage.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

Usage two_commands() {
    UsageCommand scan{"scan",
                      "Read the files. Then count them",
                      {{{"in-dir"}, "TEXT", "Folder to read \\ back-slashed", "data", false, false},
                       {{"tag"}, "TEXT", "A tag: [x], 'quoted'", "", true, true},
                       {{"dry-run"}, "", ".starts with a dot", "", false, false}},
                      {"corridor scan --in-dir x", "corridor scan --dry-run"}};
    UsageCommand list{"list", "Print the list", {{{"json"}, "", "Print JSON", "", false, false}}, {}};
    return {"corridor: a test", {scan, list}};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string shell(const std::string& script) { return test::shell_output(script); }

bool has(const char* tool) { return std::system(("command -v " + std::string(tool) + " > /dev/null").c_str()) == 0; }

// The page as groff prints it in plain ASCII, lines joined by spaces (groff fills them).
std::string rendered(const std::string& page) {
    test::TempDir tmp;
    test::write_file(tmp / "page.1", page);
    std::string text = shell("groff -man -Tascii -P-cbou -ww " + test::shell_quote((tmp / "page.1").string()) +
                             " 2>&1 | tr -s ' \\n' '  '");
    return text;
}

}  // namespace

TEST(Usage, LongOptionsInOrder) {
    const auto names = long_options(two_commands().commands[0]);
    EXPECT_EQ(names, (std::vector<std::string>{"--in-dir", "--tag", "--dry-run"}));
}

TEST(Usage, CommandPageEscapesRoffAndShowsValuesDefaultsAndExamples) {
    const std::string page = man_page(two_commands().commands[0]);
    EXPECT_EQ(page.rfind(".TH CORRIDOR-SCAN 1 ", 0), 0u) << page;
    EXPECT_TRUE(contains(page, "\\fB\\-\\-in\\-dir\\fR \\fITEXT\\fR\n")) << page;
    EXPECT_TRUE(contains(page, "Folder to read \\e back\\-slashed (default: data)\n")) << page;
    EXPECT_TRUE(contains(page, "\\&.starts with a dot\n")) << page;  // not a roff request
    EXPECT_TRUE(contains(page, ".SH EXAMPLES\n.nf\ncorridor scan \\-\\-in\\-dir x\n")) << page;
    if (!has("groff")) GTEST_SKIP() << "no groff";
    const std::string text = rendered(page);
    EXPECT_FALSE(contains(text, "warning")) << text;
    for (const char* shown : {"--in-dir TEXT", "Folder to read \\ back-slashed (default: data)", "--tag TEXT",
                              "(required)", ".starts with a dot", "corridor scan --dry-run", "--help"})
        EXPECT_TRUE(contains(text, shown)) << shown << " not in: " << text;
}

TEST(Usage, ProgramPageListsEveryCommand) {
    const std::string page = man_page(two_commands());
    EXPECT_EQ(page.rfind(".TH CORRIDOR 1 ", 0), 0u);
    EXPECT_TRUE(contains(page, "\\fBcorridor\\-scan\\fR(1),\n\\fBcorridor\\-list\\fR(1)\n")) << page;
    if (!has("groff")) GTEST_SKIP() << "no groff";
    const std::string text = rendered(page);
    EXPECT_TRUE(contains(text, "scan Read the files. Then count them")) << text;
    EXPECT_TRUE(contains(text, "list Print the list")) << text;
}

TEST(Usage, BashCompletesCommandsOptionsAndFilesAfterAValue) {
    if (!has("bash")) GTEST_SKIP() << "no bash";
    test::TempDir tmp;
    test::write_file(tmp / "c.bash", bash_completion(two_commands()));
    auto complete = [&](const std::string& words) {
        test::write_file(tmp / "drive.sh", "source " + test::shell_quote((tmp / "c.bash").string()) + "\nCOMP_WORDS=(" +
                                               words +
                                               ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_corridor\n"
                                               "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        return shell("bash " + test::shell_quote((tmp / "drive.sh").string()));
    };
    EXPECT_EQ(complete("corridor s"), "scan\n");
    EXPECT_EQ(complete("corridor scan --"), "--in-dir\n--tag\n--dry-run\n--help\n");
    EXPECT_EQ(complete("corridor list --"), "--json\n--help\n");
    EXPECT_EQ(complete("corridor scan --tag \"\""), "\n");              // a value: file names (complete -o default)
    EXPECT_EQ(complete("corridor scan --dry-run --d"), "--dry-run\n");  // a flag takes no value
}

TEST(Usage, ZshScriptParsesAndMarksRepeatsAndValues) {
    const std::string script = zsh_completion(two_commands());
    EXPECT_TRUE(contains(script, "'*--tag[A tag  (x),  quoted ]:TEXT:_files' \\\n")) << script;
    EXPECT_TRUE(contains(script, "'--dry-run[.starts with a dot]' \\\n")) << script;
    EXPECT_TRUE(contains(script, "    'scan:Read the files. Then count them'\n")) << script;
    if (!has("zsh")) GTEST_SKIP() << "no zsh";
    test::TempDir tmp;
    test::write_file(tmp / "_corridor", script);
    EXPECT_EQ(std::system(("zsh -n " + test::shell_quote((tmp / "_corridor").string())).c_str()), 0);
}

}  // namespace corridor
