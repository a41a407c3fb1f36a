// The command table: each command's name, one-line help, options, function and examples. A
// new command is one entry; its options are a list of the library's option texts, each bound
// once to its field of Options.
#pragma once

#include <CLI/CLI.hpp>
#include <vector>

#include "options.hpp"

namespace corridor::cli {

// One option of a command: the library's text for it and how it is bound to its field.
struct Opt {
    const OptionText* text;
    CLI::Option* (*bind)(CLI::App&, const OptionText&, Options&);
    bool required = false;
};
using Opts = std::vector<Opt>;

struct Command {
    const char* name;
    const char* help;
    Opts options;  // in --help order
    int (*run)(const Options&, const Streams&);
    const char* examples;  // the end of --help and of the man page: "  corridor ..." lines
};

const std::vector<Command>& commands();

// Adds the command's options to its subcommand, bound to options.
void add_options(CLI::App& app, const Command& command, Options& options);

}  // namespace corridor::cli
