#include "corridor/report/usage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/version.hpp"

namespace corridor {
namespace {

// roff text: backslashes and hyphens escaped, a line starting with . or ' protected.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
    }
    std::string protected_lines;
    std::istringstream in(out);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (!first) protected_lines += '\n';
        first = false;
        if (!line.empty() && (line[0] == '.' || line[0] == '\'')) protected_lines += "\\&";
        protected_lines += line;
    }
    return protected_lines;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool takes_value(const UsageOption& o) { return !o.value.empty(); }

std::string header(const std::string& name, const std::string& summary) {
    return fmt::format(".TH {} 1 \"\" \"corridor {}\" \"corridor manual\"\n.SH NAME\n{} \\- {}\n", upper(name),
                       version(), roff(name), roff(summary));
}

// An option's item of the OPTIONS section: its names in bold, its value in italics, its help.
std::string option_item(const UsageOption& o) {
    std::string names;
    for (const auto& l : o.names) names += (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + roff(l) + "\\fR";
    if (takes_value(o)) names += " \\fI" + roff(o.value) + "\\fR";
    std::string text = o.help;
    if (!o.default_value.empty()) text += " (default: " + o.default_value + ")";
    if (o.required) text += " (required)";
    return fmt::format(".TP\n{}\n{}\n", names, roff(text));
}

// For zsh's _arguments and _describe: no brackets, colons or single quotes in a description.
std::string zsh_text(std::string s) {
    for (char& c : s) {
        if (c == '[') c = '(';
        else if (c == ']') c = ')';
        else if (c == '\'' || c == ':') c = ' ';
    }
    return s;
}

// bash: one case per command listing its options.
std::string bash_cases(const Usage& usage) {
    std::string cases;
    for (const auto& c : usage.commands) {
        std::string opts;
        for (const auto& o : long_options(c)) opts += o + " ";
        cases += fmt::format("        {}) opts=\"{}--help\" ;;\n", c.name, opts);
    }
    return cases;
}

// bash: "--geodata|--seeds|...", the options after which a file name comes, each once.
std::string bash_value_options(const Usage& usage) {
    std::vector<std::string> value_options;
    for (const auto& c : usage.commands)
        for (const auto& o : c.options)
            if (takes_value(o))
                for (const auto& l : o.names)
                    if (std::find(value_options.begin(), value_options.end(), "--" + l) == value_options.end())
                        value_options.push_back("--" + l);
    std::string alternatives;
    for (const auto& v : value_options) alternatives += (alternatives.empty() ? "" : "|") + v;
    return alternatives;
}

// zsh: one _arguments spec per option name: '*--set[help]:TEXT:_files'.
std::string zsh_arguments(const UsageCommand& c) {
    std::string s;
    for (const auto& o : c.options) {
        const std::string value = takes_value(o) ? fmt::format(":{}:_files", zsh_text(o.value)) : "";
        for (const auto& l : o.names)
            s += fmt::format("        '{}--{}[{}]{}' \\\n", o.repeats ? "*" : "", l, zsh_text(o.help), value);
    }
    return s;
}

}  // namespace

std::vector<std::string> long_options(const UsageCommand& command) {
    std::vector<std::string> names;
    for (const auto& o : command.options)
        for (const auto& l : o.names) names.push_back("--" + l);
    return names;
}

std::string man_page(const Usage& usage) {
    std::string s = header("corridor", usage.summary);
    s += ".SH SYNOPSIS\n.B corridor\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n.B corridor\n\\-\\-version | help "
         "[\\fICOMMAND\\fR]\n";
    s += ".SH DESCRIPTION\nResults go to standard output, messages to standard error. Exit status: 0 success, 1 bad "
         "input or findings, 2 usage errors.\n.SH COMMANDS\n";
    for (const auto& c : usage.commands)
        s +=
            fmt::format(".TP\n.B {}\n{}\nSee \\fBcorridor\\-{}\\fR(1).\n", roff(c.name), roff(c.summary), roff(c.name));
    s += ".SH SEE ALSO\n";
    std::string sep;
    for (const auto& c : usage.commands) {
        s += fmt::format("{}\\fBcorridor\\-{}\\fR(1)", sep, roff(c.name));
        sep = ",\n";
    }
    return s + "\n";
}

std::string man_page(const UsageCommand& command) {
    std::string s = header("corridor-" + command.name, command.summary);
    s += fmt::format(".SH SYNOPSIS\n.B corridor {}\n[\\fIOPTIONS\\fR]\n", roff(command.name));
    s += fmt::format(".SH DESCRIPTION\n{}.\nThe full page is docs/commands/{}.md in corridor's sources.\n",
                     roff(command.summary), roff(command.name));
    s += ".SH OPTIONS\n";
    for (const auto& o : command.options) s += option_item(o);
    s += ".TP\n\\fB\\-\\-help\\fR\nPrint the options and exit.\n";
    if (!command.examples.empty()) {
        s += ".SH EXAMPLES\n.nf\n";
        for (const auto& e : command.examples) s += roff(e) + "\n";
        s += ".fi\n";
    }
    return s + ".SH SEE ALSO\n\\fBcorridor\\fR(1)\n";
}

std::string bash_completion(const Usage& usage) {
    std::string commands;
    for (const auto& c : usage.commands) commands += (commands.empty() ? "" : " ") + c.name;
    std::string s = "# bash completion for corridor; generated by `corridor completion bash` from its command table.\n";
    s += "_corridor() {\n";
    s += "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
    s += fmt::format("    local commands=\"{}\"\n", commands);
    s += "    if [[ $COMP_CWORD -eq 1 ]]; then\n";
    s += "        COMPREPLY=($(compgen -W \"$commands help completion --help --version\" -- \"$cur\"))\n";
    s += "        return\n    fi\n";
    s += "    local opts=\"\"\n    case \"${COMP_WORDS[1]}\" in\n";
    s += bash_cases(usage);
    s += "        help) COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\")); return ;;\n";
    s += "        completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")); return ;;\n";
    s += "        *) return ;;\n    esac\n";
    // After an option that takes a value, complete file names (complete -o default).
    s += fmt::format("    case \"$prev\" in\n        {}) return ;;\n    esac\n", bash_value_options(usage));
    s += "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n}\n";
    s += "complete -o default -F _corridor corridor\n";
    return s;
}

std::string zsh_completion(const Usage& usage) {
    std::string s =
        "#compdef corridor\n# zsh completion for corridor; generated by `corridor completion zsh` from its "
        "command table.\n_corridor() {\n  local -a commands\n  commands=(\n";
    for (const auto& c : usage.commands) s += fmt::format("    '{}:{}'\n", c.name, zsh_text(c.summary));
    s += "    'help:Print the help of corridor or of one command'\n";
    s += "    'completion:Print a bash or zsh completion script'\n  )\n";
    s += "  if (( CURRENT == 2 )); then\n    _describe -t commands 'corridor command' commands\n    return\n  fi\n";
    s += "  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n";
    for (const auto& c : usage.commands)
        s += fmt::format("    {})\n      _arguments \\\n{}        '--help[Print the options and exit]'\n      ;;\n",
                         c.name, zsh_arguments(c));
    s += "    help) _describe -t commands 'corridor command' commands ;;\n";
    s += "    completion) _values 'shell' bash zsh ;;\n  esac\n}\n_corridor \"$@\"\n";
    return s;
}

std::vector<std::filesystem::path> write_man_pages(const Usage& usage, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::vector<std::filesystem::path> written;
    auto write = [&](const std::string& file, const std::string& text) {
        std::ofstream f(dir / file);
        f << text;
        if (!f.flush()) throw output_error(Location{(dir / file).string(), "", ""}, "cannot write");
        written.push_back(dir / file);
    };
    write("corridor.1", man_page(usage));
    for (const UsageCommand& c : usage.commands) write("corridor-" + c.name + ".1", man_page(c));
    return written;
}

const OptionText usage_flags::kCommand{"command", "A command"};
const OptionText usage_flags::kShell{"shell", "bash or zsh"};
const OptionText usage_flags::kDir{"dir", "Write every page into this folder"};

}  // namespace corridor
