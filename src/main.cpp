// corridor: the command-line entry point; everything happens in cli::run.
#include <iostream>
#include <string>
#include <vector>

#include "corridor/cli/app.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return corridor::cli::run(args, std::cout, std::cerr);
}
