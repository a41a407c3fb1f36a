// Reference material generated from the command table itself, so it cannot drift from
// --help: a roff man page per command, and bash and zsh completion scripts.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace corridor::cli {

// The commands users run (not the hidden ones), in --help order.
std::vector<const CLI::App*> visible_commands(const CLI::App& app);

// The long option names of a command ("--geodata", …), in --help order, without --help.
std::vector<std::string> long_options(const CLI::App& command);

// corridor(1): the program, its commands and the options every command shares.
std::string man_page(const CLI::App& app);
// corridor-COMMAND(1): synopsis, description, every option (with its default), examples.
std::string man_page(const CLI::App& app, const CLI::App& command);

// `corridor completion bash|zsh`: commands, then each command's options.
std::string bash_completion(const CLI::App& app);
std::string zsh_completion(const CLI::App& app);

}  // namespace corridor::cli
