// The reference pages of the command line, over a plain description of its commands: a
// roff man page for the program and one per command, and bash and zsh completion scripts.
// The CLI describes its own parser (cli/app.cpp) and prints what these return, so the
// pages cannot drift from --help.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/option_text.hpp"

namespace corridor {

// One option of a command, as --help shows it.
struct UsageOption {
    std::vector<std::string> names;  // long names without "--" ("geodata")
    std::string value;               // the value's name ("TEXT", "UINT"); empty: a flag
    std::string help;
    std::string default_value;  // shown as "(default: ...)"; empty: none shown
    bool required = false;
    bool repeats = false;  // may be given more than once (zsh's "*")
};

struct UsageCommand {
    std::string name;                   // "capacity"
    std::string summary;                // one line
    std::vector<UsageOption> options;   // in --help order, without --help
    std::vector<std::string> examples;  // whole command lines: "corridor capacity --from RU ..."
};

// The program: its summary and the commands users run (not help, completion, man), in
// --help order.
struct Usage {
    std::string summary;
    std::vector<UsageCommand> commands;
};

// The long option names of a command ("--geodata", ...), in order, without --help.
std::vector<std::string> long_options(const UsageCommand& command);

// corridor(1): the program, its commands and where each is described.
std::string man_page(const Usage& usage);
// corridor-COMMAND(1): synopsis, description, every option (with its value, default and
// whether it is required), --help, examples.
std::string man_page(const UsageCommand& command);

// `corridor man --dir DIR`: corridor.1 and corridor-COMMAND.1 for every command, written into
// dir (created when missing). Returns the files in that order; throws output_error naming a
// file that cannot be written.
std::vector<std::filesystem::path> write_man_pages(const Usage& usage, const std::filesystem::path& dir);

// `corridor completion bash|zsh`: the commands, then each command's options; after an
// option that takes a value, file names.
std::string bash_completion(const Usage& usage);
std::string zsh_completion(const Usage& usage);

// help's and man's COMMAND, completion's SHELL, man's --dir.
namespace usage_flags {
extern const OptionText kCommand, kShell, kDir;
}  // namespace usage_flags

}  // namespace corridor
