// The command-line application as a testable function: parse, call the library, print.
#pragma once

#include <ostream>
#include <span>
#include <string>

namespace corridor::cli {

// Runs one command line (without the program name). Results go to out, messages
// to err. Returns 0 on success, 1 for bad input or findings, 2 for usage errors.
int run(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace corridor::cli
