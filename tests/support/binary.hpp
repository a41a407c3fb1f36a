// Runs the corridor executable CMake built (CORRIDOR_BIN) as a user would, in a given folder,
// for the tests that check what the real program prints: golden outputs and the docs.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/fixtures.hpp"

namespace corridor::test {

// The executable beside the tests (tests/CMakeLists.txt defines CORRIDOR_BIN for each test).
inline std::string corridor_bin() { return CORRIDOR_BIN; }

// Single-quotes a word for /bin/sh.
inline std::string shell_quote(const std::string& word) {
    std::string q = "'";
    for (char c : word) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    q += '\'';
    return q;
}

// The standard output of a /bin/sh script ("" when it cannot run).
inline std::string shell_output(const std::string& script) {
    FILE* p = popen(script.c_str(), "r");
    if (p == nullptr) return "";
    std::string out;
    std::array<char, 512> buf{};
    while (fgets(buf.data(), static_cast<int>(buf.size()), p)) out += buf.data();
    pclose(p);
    return out;
}

// `corridor ARGS` run from `cwd`: exit code, stdout and stderr kept apart.
inline CliResult run_binary(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    TempDir tmp;
    const auto err_file = tmp / "stderr";
    // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    std::string cmd = "cd ";
    cmd += shell_quote(cwd.string());
    cmd += " && ";
    cmd += shell_quote(corridor_bin());
    for (const auto& a : args) {
        cmd += ' ';
        cmd += shell_quote(a);
    }
    cmd += " 2>";
    cmd += shell_quote(err_file.string());
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
    CliResult r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = std::filesystem::exists(err_file) ? read_file(err_file) : "";
    return r;
}

}  // namespace corridor::test
