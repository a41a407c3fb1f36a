#include "reference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "corridor/version.hpp"

namespace corridor::cli {
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

bool takes_value(const CLI::Option& o) { return o.get_type_size() != 0 && o.get_expected_max() != 0; }

std::vector<const CLI::Option*> command_options(const CLI::App& command) {
    std::vector<const CLI::Option*> out;
    for (const CLI::Option* o : command.get_options())
        if (!o->get_lnames().empty() && o->get_lnames()[0] != "help") out.push_back(o);
    return out;
}

// The examples of a command's footer: its lines that start with "  corridor".
std::vector<std::string> examples(const CLI::App& command) {
    std::vector<std::string> lines;
    std::istringstream in(command.get_footer());
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("  corridor", 0) == 0) lines.push_back(line.substr(2));
    return lines;
}

std::string header(const std::string& name, const std::string& summary) {
    return fmt::format(".TH {} 1 \"\" \"corridor {}\" \"corridor manual\"\n.SH NAME\n{} \\- {}\n", upper(name),
                       version(), roff(name), roff(summary));
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

}  // namespace

std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* s) { return s->get_group() == "Subcommands"; });
}

std::vector<std::string> long_options(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* o : command_options(command))
        for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    return names;
}

std::string man_page(const CLI::App& app) {
    std::string s = header("corridor", app.get_description());
    s += ".SH SYNOPSIS\n.B corridor\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n.B corridor\n\\-\\-version | help "
         "[\\fICOMMAND\\fR]\n";
    s += ".SH DESCRIPTION\nResults go to standard output, messages to standard error. Exit status: 0 success, 1 bad "
         "input or findings, 2 usage errors.\n.SH COMMANDS\n";
    for (const CLI::App* c : visible_commands(app))
        s += fmt::format(".TP\n.B {}\n{}\nSee \\fBcorridor\\-{}\\fR(1).\n", roff(c->get_name()),
                         roff(c->get_description()), roff(c->get_name()));
    s += ".SH SEE ALSO\n";
    std::string sep;
    for (const CLI::App* c : visible_commands(app)) {
        s += fmt::format("{}\\fBcorridor\\-{}\\fR(1)", sep, roff(c->get_name()));
        sep = ",\n";
    }
    return s + "\n";
}

std::string man_page(const CLI::App& app, const CLI::App& command) {
    const std::string name = "corridor-" + command.get_name();
    std::string s = header(name, command.get_description());
    s += fmt::format(".SH SYNOPSIS\n.B corridor {}\n[\\fIOPTIONS\\fR]\n", roff(command.get_name()));
    s += fmt::format(".SH DESCRIPTION\n{}.\nThe full page is docs/commands/{}.md in corridor's sources.\n",
                     roff(command.get_description()), roff(command.get_name()));
    s += ".SH OPTIONS\n";
    for (const CLI::Option* o : command_options(command)) {
        std::string names;
        for (const auto& l : o->get_lnames())
            names += (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + roff(l) + "\\fR";
        if (takes_value(*o)) names += " \\fI" + roff(o->get_type_name()) + "\\fR";
        std::string text = o->get_description();
        if (!o->get_default_str().empty()) text += " (default: " + o->get_default_str() + ")";
        if (o->get_required()) text += " (required)";
        s += fmt::format(".TP\n{}\n{}\n", names, roff(text));
    }
    s += ".TP\n\\fB\\-\\-help\\fR\nPrint the options and exit.\n";
    if (const auto ex = examples(command); !ex.empty()) {
        s += ".SH EXAMPLES\n.nf\n";
        for (const auto& e : ex) s += roff(e) + "\n";
        s += ".fi\n";
    }
    s += fmt::format(".SH SEE ALSO\n\\fBcorridor\\fR(1)\n");
    (void)app;
    return s;
}

std::string bash_completion(const CLI::App& app) {
    std::string commands;
    for (const CLI::App* c : visible_commands(app)) commands += (commands.empty() ? "" : " ") + c->get_name();
    std::string cases;
    std::vector<std::string> value_options;  // after one of these, complete file names
    for (const CLI::App* c : visible_commands(app)) {
        std::string opts;
        for (const auto& o : long_options(*c)) opts += o + " ";
        opts += "--help";
        cases += fmt::format("        {}) opts=\"{}\" ;;\n", c->get_name(), opts);
        for (const CLI::Option* o : command_options(*c))
            if (takes_value(*o))
                for (const auto& l : o->get_lnames())
                    if (std::find(value_options.begin(), value_options.end(), "--" + l) == value_options.end())
                        value_options.push_back("--" + l);
    }
    std::string value_case;
    for (const auto& v : value_options) value_case += (value_case.empty() ? "" : "|") + v;
    std::string s = "# bash completion for corridor; generated by `corridor completion bash` from its command table.\n";
    s += "_corridor() {\n";
    s += "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
    s += fmt::format("    local commands=\"{}\"\n", commands);
    s += "    if [[ $COMP_CWORD -eq 1 ]]; then\n";
    s += "        COMPREPLY=($(compgen -W \"$commands help completion --help --version\" -- \"$cur\"))\n";
    s += "        return\n    fi\n";
    s += "    local opts=\"\"\n    case \"${COMP_WORDS[1]}\" in\n";
    s += cases;
    s += "        help) COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\")); return ;;\n";
    s += "        completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")); return ;;\n";
    s += "        *) return ;;\n    esac\n";
    // After an option that takes a value, complete file names (complete -o default).
    s += fmt::format("    case \"$prev\" in\n        {}) return ;;\n    esac\n", value_case);
    s += "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n}\n";
    s += "complete -o default -F _corridor corridor\n";
    return s;
}

std::string zsh_completion(const CLI::App& app) {
    std::string s =
        "#compdef corridor\n# zsh completion for corridor; generated by `corridor completion zsh` from its "
        "command table.\n_corridor() {\n  local -a commands\n  commands=(\n";
    for (const CLI::App* c : visible_commands(app))
        s += fmt::format("    '{}:{}'\n", c->get_name(), zsh_text(c->get_description()));
    s += "    'help:Print the help of corridor or of one command'\n";
    s += "    'completion:Print a bash or zsh completion script'\n  )\n";
    s += "  if (( CURRENT == 2 )); then\n    _describe -t commands 'corridor command' commands\n    return\n  fi\n";
    s += "  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n";
    for (const CLI::App* c : visible_commands(app)) {
        s += fmt::format("    {})\n      _arguments \\\n", c->get_name());
        for (const CLI::Option* o : command_options(*c)) {
            const bool repeat =
                o->get_expected_max() > 1 || o->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
            const std::string value = takes_value(*o) ? fmt::format(":{}:_files", zsh_text(o->get_type_name())) : "";
            for (const auto& l : o->get_lnames())
                s += fmt::format("        '{}--{}[{}]{}' \\\n", repeat ? "*" : "", l, zsh_text(o->get_description()),
                                 value);
        }
        s += "        '--help[Print the options and exit]'\n      ;;\n";
    }
    s += "    help) _describe -t commands 'corridor command' commands ;;\n";
    s += "    completion) _values 'shell' bash zsh ;;\n  esac\n}\n_corridor \"$@\"\n";
    return s;
}

}  // namespace corridor::cli
