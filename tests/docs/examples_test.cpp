// The examples in the docs print what the program prints: every `$ corridor …` line in a
// fenced block of README.md and docs/**/*.md that asks a read-only question of the shipped
// network is run in the source folder, and its output (stdout, then stderr) must be the lines
// under it. The docs may shorten an output: a line that is only "…" ends the comparison, a
// line that starts with "…" stands for any lines up to the next line shown, and a line that
// ends with "…" is a line cut short. Examples on an edited copy of the network (they say so
// in the prose) carry `<!-- example not run: why -->` just before their fence.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;

struct Example {
    std::string file;  // relative to the source folder
    std::size_t line = 0;
    std::string command;  // after "$ "
    std::vector<std::string> shown;
    bool marked_not_run = false;
};

std::string rstrip(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\n')) s.pop_back();
    return s;
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

const std::string kEllipsis = "…";

std::vector<std::string> lines_of(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// The `$ corridor` examples of one Markdown file.
std::vector<Example> examples_in(const fs::path& file, const std::string& name) {
    const auto lines = lines_of(file);
    std::vector<Example> out;
    bool fenced = false, marked = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (starts_with(l, "```")) {
            if (!fenced) {
                marked = false;
                for (std::size_t back = i; back > 0 && back + 3 > i; --back)
                    marked = marked || starts_with(lines[back - 1], "<!-- example not run:");
            }
            fenced = !fenced;
            continue;
        }
        if (!fenced || !starts_with(l, "$ corridor ")) continue;
        Example e{name, i + 1, l.substr(2), {}, marked};
        while (i + 1 < lines.size() && !starts_with(lines[i + 1], "$ ") && !starts_with(lines[i + 1], "```"))
            e.shown.push_back(rstrip(lines[++i]));
        while (!e.shown.empty() && e.shown.back().empty()) e.shown.pop_back();
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<Example> all_examples() {
    const fs::path root = test::source_dir();
    std::vector<fs::path> files{root / "README.md"};
    for (const auto& entry : fs::recursive_directory_iterator(root / "docs"))
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<Example> all;
    for (const auto& f : files) {
        auto some = examples_in(f, fs::relative(f, root).string());
        all.insert(all.end(), some.begin(), some.end());
    }
    return all;
}

// Questions that read the shipped network and write nothing: the ones run here.
bool runnable(const Example& e) {
    static const std::vector<std::string> kReadOnly{"capacity", "scenarios", "observations", "facts", "places",
                                                    "routes",   "timeline",  "assign",       "route", "validate"};
    std::istringstream words(e.command);
    std::string corridor, command;
    words >> corridor >> command;
    if (std::find(kReadOnly.begin(), kReadOnly.end(), command) == kReadOnly.end()) return false;
    for (const char* shell : {">", "<", "|", "\\", "#", "--out", "--geodata"})
        if (e.command.find(shell) != std::string::npos) return false;
    return true;
}

// Whether got[g..] is what shown[s..] shows, by the rules of shortening above (a line
// starting with "…" tries every number of lines it may stand for); else the first
// difference, for the message.
bool shows_from(const std::vector<std::string>& shown, std::size_t s, const std::vector<std::string>& got,
                std::size_t g, std::string* why) {
    for (; s < shown.size(); ++s, ++g) {
        const std::string& want = shown[s];
        const std::string trimmed = want.substr(std::min(want.find_first_not_of(' '), want.size()));
        if (trimmed == kEllipsis) return true;
        if (starts_with(trimmed, kEllipsis)) {
            for (std::size_t skip = g; skip <= got.size(); ++skip)
                if (shows_from(shown, s + 1, got, skip, why)) return true;
            return false;
        }
        if (g >= got.size()) return *why = "ends before: " + want, false;
        const bool cut = ends_with(want, kEllipsis);
        const std::string head = cut ? want.substr(0, want.size() - kEllipsis.size()) : want;
        if (cut ? !starts_with(got[g], head) : got[g] != want)
            return *why = "shown:   " + want + "\nprinted: " + got[g], false;
    }
    if (g < got.size()) return *why = "printed more: " + got[g], false;
    return true;
}

bool shows(const std::vector<std::string>& shown, const std::vector<std::string>& got, std::string* why) {
    return shows_from(shown, 0, got, 0, why);
}

std::vector<std::string> printed_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(rstrip(line));
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

TEST(DocsExamples, TheParseFindsTheExamples) {
    const auto all = all_examples();
    std::size_t run = 0, marked = 0;
    for (const auto& e : all) {
        run += runnable(e) && !e.marked_not_run ? 1 : 0;
        marked += e.marked_not_run ? 1 : 0;
    }
    EXPECT_GE(all.size(), 50u);
    EXPECT_GE(run, 30u) << "examples run";
    EXPECT_LE(marked, 6u) << "examples marked not run: an edited network, each said in the prose";
    std::string why;
    EXPECT_TRUE(shows({"a", "  … (2 more)", "d", "e…"}, {"a", "b", "c", "d", "elephant"}, &why)) << why;
    EXPECT_TRUE(shows({"a", kEllipsis}, {"a", "b"}, &why)) << why;
    EXPECT_FALSE(shows({"a", "b"}, {"a", "c"}, &why));
    EXPECT_FALSE(shows({"a"}, {"a", "b"}, &why));
    EXPECT_FALSE(shows({"a", "b"}, {"a"}, &why));
    EXPECT_FALSE(shows({"e…"}, {"x"}, &why));
}

TEST(DocsExamples, EveryReadOnlyExamplePrintsWhatItShows) {
    for (const auto& e : all_examples()) {
        if (!runnable(e) || e.marked_not_run) continue;
        test::TempDir tmp;
        const std::string err = test::shell_quote((tmp / "stderr").string());
        const std::string script = "cd " + test::shell_quote(test::source_dir().string()) + " && " +
                                   test::shell_quote(test::corridor_bin()) + e.command.substr(e.command.find(' ')) +
                                   " 2>" + err + "; cat " + err;
        std::string why;
        EXPECT_TRUE(shows(e.shown, printed_lines(test::shell_output(script)), &why))
            << e.file << ":" << e.line << ": $ " << e.command << "\n"
            << why;
    }
}

}  // namespace
}  // namespace corridor
