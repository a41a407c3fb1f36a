// An option of corridor's front ends described once, in the library module whose setting it
// fills: the command line registers --NAME from it, and --help, the man pages, completion and
// (for the analysis parameters) the server's OpenAPI definition all show this text.
#pragma once

#include <string>

namespace corridor {

struct OptionText {
    std::string name;            // without "--": the command line's --NAME, the server's NAME=
    std::string help;            // one line: what it sets, its values, where its default comes from
    bool shows_default = false;  // --help and the man page show the setting's default value
};

}  // namespace corridor
