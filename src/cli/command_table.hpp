// The command table: each command's name, one-line help, options, function and examples. A
// new command is one entry; its option texts come from the library (OptionText), the table
// only binds each to its field of Options.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "common.hpp"

namespace corridor::cli {

struct Command {
    const char* name;
    const char* help;
    std::function<void(CLI::App&, Options&)> options;
    int (*run)(const Options&, const Streams&);
    const char* examples;  // the end of --help and of the man page: "  corridor ...  # why" lines
};

const std::vector<Command>& commands();

}  // namespace corridor::cli
