// The parser described for the reference pages (report/usage): the CLI11 app's commands and
// options as a plain Usage, so the man pages and completion cannot drift from --help.
#pragma once

#include <CLI/CLI.hpp>
#include <vector>

#include "corridor/report/usage.hpp"

namespace corridor::cli {

// The commands users run (not the hidden ones), in --help order.
std::vector<const CLI::App*> visible_commands(const CLI::App& app);

// A command (hidden ones too): its options but --help, and its footer's "  corridor ..." lines
// as examples.
UsageCommand describe(const CLI::App& command);

// The program: its description and its visible commands.
Usage describe_program(const CLI::App& app);

}  // namespace corridor::cli
