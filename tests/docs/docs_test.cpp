// Keeps the documentation honest against the real executable: every subcommand that
// `corridor --help` lists has a page docs/commands/<command>.md, every option that
// `corridor <command> --help` lists is on that page, and every relative link (and #anchor)
// in README.md, bench/README.md and docs/**/*.md leads somewhere that exists.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

// The lines of a CLI11 help section ("Subcommands:", "Options:") up to the next blank line.
std::vector<std::string> help_section(const std::string& help, const std::string& title) {
    std::istringstream in(help);
    std::vector<std::string> lines;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line == title) {
            inside = true;
        } else if (inside) {
            if (line.empty()) break;
            lines.push_back(line);
        }
    }
    return lines;
}

std::string help(const std::vector<std::string>& args) {
    const auto r = test::run_binary(args, test::source_dir());
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
}

// `corridor --help`: the subcommand names, in the order listed.
std::vector<std::string> subcommands() {
    static const std::regex entry(R"(^  ([a-z][a-z0-9-]*) )");
    std::vector<std::string> names;
    std::smatch m;
    for (const auto& line : help_section(help({"--help"}), "Subcommands:"))
        if (std::regex_search(line, m, entry)) names.push_back(m[1]);
    return names;
}

// `corridor COMMAND --help`: its long options, without --help. A description that wraps
// onto its own line starts with more spaces and no dash, so it is not taken for an option.
std::vector<std::string> options(const std::string& command) {
    static const std::regex entry(R"(^  (?:-[A-Za-z],)?(--[a-z][a-z0-9-]*))");
    std::vector<std::string> names;
    std::smatch m;
    for (const auto& line : help_section(help({command, "--help"}), "Options:"))
        if (std::regex_search(line, m, entry) && m[1] != "--help") names.push_back(m[1]);
    return names;
}

fs::path page(const std::string& command) { return test::source_dir() / "docs" / "commands" / (command + ".md"); }

// The parse itself is checked, so that an empty list cannot make the tests below pass.
TEST(Docs, HelpListsTheSubcommandsAndTheirOptions) {
    const auto names = subcommands();
    EXPECT_GE(names.size(), 10u) << help({"--help"});
    EXPECT_NE(std::find(names.begin(), names.end(), "capacity"), names.end());
    const auto capacity = options("capacity");
    EXPECT_NE(std::find(capacity.begin(), capacity.end(), "--from"), capacity.end());
    EXPECT_NE(std::find(capacity.begin(), capacity.end(), "--uncertainty"), capacity.end());
}

TEST(Docs, EverySubcommandHasAPage) {
    for (const auto& name : subcommands())
        EXPECT_TRUE(fs::exists(page(name))) << "corridor " << name << " has no page docs/commands/" << name << ".md";
}

TEST(Docs, EveryPageIsASubcommand) {
    const auto names = subcommands();
    for (const auto& entry : fs::directory_iterator(test::source_dir() / "docs" / "commands")) {
        const auto file = entry.path().filename();
        if (file == "README.md" || file.extension() != ".md") continue;
        EXPECT_NE(std::find(names.begin(), names.end(), file.stem().string()), names.end())
            << "docs/commands/" << file.string() << " documents no subcommand of corridor --help";
    }
}

TEST(Docs, EveryOptionIsOnItsCommandsPage) {
    for (const auto& name : subcommands()) {
        if (!fs::exists(page(name))) continue;  // reported by EverySubcommandHasAPage
        const std::string text = test::read_file(page(name));
        const auto opts = options(name);
        EXPECT_FALSE(opts.empty()) << "corridor " << name << " --help lists no options";
        for (const auto& opt : opts) {
            // "--seed" must not be found inside "--seeds"
            const std::regex mention(opt + "(?![a-z0-9-])");
            EXPECT_TRUE(std::regex_search(text, mention))
                << "docs/commands/" << name << ".md does not mention " << opt << " (corridor " << name << " --help)";
        }
    }
}

// --- links ----------------------------------------------------------------------------

// The Markdown files that make up the documentation.
std::vector<fs::path> doc_files() {
    const fs::path root = test::source_dir();
    std::vector<fs::path> files{root / "README.md", root / "bench" / "README.md"};
    for (const auto& entry : fs::recursive_directory_iterator(root / "docs"))
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin() + 2, files.end());
    return files;
}

// Markdown without fenced code blocks and inline code, where brackets are not links.
std::string prose(const std::string& markdown) {
    std::istringstream in(markdown);
    std::string out, line;
    bool fenced = false;
    static const std::regex code_span("`[^`]*`");
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            fenced = !fenced;
            continue;
        }
        if (!fenced) out += std::regex_replace(line, code_span, "") + '\n';
    }
    return out;
}

// GitHub's anchor for a heading: link text kept, lower case, spaces to hyphens, other
// punctuation dropped. Non-ASCII characters are dropped too (GitHub keeps letters such as
// "é"; the docs link to no heading with one).
std::string anchor(std::string heading) {
    static const std::regex link(R"(\[([^\]]*)\]\([^)]*\))");
    heading = std::regex_replace(heading, link, "$1");
    std::string a;
    for (unsigned char c : heading) {
        if (std::isalnum(c)) a += static_cast<char>(std::tolower(c));
        else if (c == ' ' || c == '-') a += '-';
        else if (c == '_') a += '_';
    }
    return a;
}

// The anchors of a Markdown file's headings (duplicates get -1, -2, … as on GitHub).
std::set<std::string> anchors(const fs::path& file) {
    std::istringstream in(test::read_file(file));
    std::set<std::string> result;
    std::map<std::string, int> seen;
    std::string line;
    bool fenced = false;
    static const std::regex heading(R"(^#{1,6} +(.*?) *$)");
    std::smatch m;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) fenced = !fenced;
        if (fenced || !std::regex_match(line, m, heading)) continue;
        const std::string a = anchor(m[1]);
        const int n = seen[a]++;
        result.insert(n == 0 ? a : a + "-" + std::to_string(n));
    }
    return result;
}

TEST(Docs, RelativeLinksLeadToFilesAndHeadingsThatExist) {
    const fs::path root = test::source_dir();
    static const std::regex link(R"(\]\(([^)\s]+)(?:\s+"[^"]*")?\))");
    static const std::regex external("^[a-z][a-z0-9+.-]*:");
    std::size_t checked = 0;
    for (const auto& file : doc_files()) {
        ASSERT_TRUE(fs::exists(file)) << file;
        const std::string text = prose(test::read_file(file));
        const std::string where = fs::relative(file, root).string();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), link); it != std::sregex_iterator(); ++it) {
            const std::string target = (*it)[1];
            if (std::regex_search(target, external)) continue;  // http:, https:, mailto:
            const auto hash = target.find('#');
            const std::string path_part = target.substr(0, hash);
            const fs::path resolved = path_part.empty() ? file : (file.parent_path() / path_part).lexically_normal();
            ++checked;
            if (!fs::exists(resolved)) {
                ADD_FAILURE() << where << ": link " << target << ": no file " << fs::relative(resolved, root).string();
                continue;
            }
            if (hash != std::string::npos && resolved.extension() == ".md") {
                const std::string a = target.substr(hash + 1);
                EXPECT_TRUE(anchors(resolved).count(a)) << where << ": link " << target << ": no heading with anchor #"
                                                        << a << " in " << fs::relative(resolved, root).string();
            }
        }
    }
    EXPECT_GT(checked, 20u) << "too few links found: is the link pattern still right?";
}

TEST(Docs, AnchorsFollowGitHub) {
    EXPECT_EQ(anchor("Capacity model"), "capacity-model");
    EXPECT_EQ(anchor("`--uncertainty N [--seed S]`: throughput as a range"),
              "--uncertainty-n---seed-s-throughput-as-a-range");
    EXPECT_EQ(anchor("Ranges: low and high bounds"), "ranges-low-and-high-bounds");
    EXPECT_EQ(anchor("Errors and [exit codes](x.md)"), "errors-and-exit-codes");
}

}  // namespace
}  // namespace corridor
