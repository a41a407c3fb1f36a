// The command line: the table's commands, and help, completion and man, parsed with CLI11;
// the parser described for the reference pages (report/usage); exit codes decided here.
#include "corridor/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <sstream>

#include "corridor/error.hpp"
#include "corridor/report/usage.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/text/suggest.hpp"
#include "corridor/version.hpp"
#include "options.hpp"

namespace corridor::cli {
namespace {

// --- the parser as a plain Usage, so the man pages and completion cannot drift from --help

UsageOption describe(const CLI::Option& o) {
    const bool takes_value = o.get_type_size() != 0 && o.get_expected_max() != 0;
    const bool repeats = o.get_expected_max() > 1 || o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    return {o.get_lnames(),      takes_value ? o.get_type_name() : std::string(),
            o.get_description(), o.get_default_str(),
            o.get_required(),    repeats};
}

// A command (hidden ones too): its options but --help, and its footer's "  corridor ..." lines
// as examples.
UsageCommand describe(const CLI::App& command) {
    UsageCommand c{command.get_name(), command.get_description(), {}, {}};
    for (const CLI::Option* o : command.get_options())
        if (!o->get_lnames().empty() && o->get_lnames()[0] != "help") c.options.push_back(describe(*o));
    std::istringstream footer(command.get_footer());
    for (std::string line; std::getline(footer, line);)
        if (line.rfind("  corridor", 0) == 0) c.examples.push_back(line.substr(2));
    return c;
}

// The program: its description and the commands users run (not the hidden ones), in --help order.
Usage describe_program(const CLI::App& app) {
    Usage usage{app.get_description(), {}};
    for (const CLI::App* c : app.get_subcommands([](const CLI::App* s) { return s->get_group() == "Subcommands"; }))
        usage.commands.push_back(describe(*c));
    return usage;
}

// --- parsing

// The (sub)command named name, hidden ones included; nullptr when there is none.
const CLI::App* find_command(const CLI::App& app, const std::string& name) {
    for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; }))
        if (c->get_name() == name) return c;
    return nullptr;
}

// "Try 'corridor help'." after a usage error; the command's own help when one is named.
std::string try_help(const CLI::App* command) {
    const bool own_help = command && command->get_group() == "Subcommands";
    return "Try 'corridor help" + (own_help ? " " + command->get_name() : std::string()) + "'.";
}

// A word on the command line that names no command or option, with the nearest names:
// caught before CLI11 parses, which would only say "A subcommand is required" or "The
// following arguments were not expected".
std::optional<std::string> unknown_word(const CLI::App& app, std::span<const std::string> args,
                                        const CLI::App*& command) {
    command = nullptr;
    if (args.empty()) return std::nullopt;
    std::vector<std::string> names;
    for (const CLI::App* c : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
        names.push_back(c->get_name());
    std::size_t first = 0;
    if (args[0].empty() || args[0][0] != '-') {
        command = find_command(app, args[0]);
        if (command == nullptr) return "unknown command '" + args[0] + "'" + suggestion_suffix(args[0], names);
        first = 1;
    }
    std::vector<std::string> options{"--help"};
    for (const auto& name : long_options(describe(command ? *command : app))) options.push_back(name);
    if (!command) options.push_back("--version");
    for (std::size_t i = first; i < args.size() && args[i] != "--"; ++i) {
        if (args[i].rfind("--", 0) != 0) continue;
        const std::string name = args[i].substr(0, args[i].find('='));
        if (std::find(options.begin(), options.end(), name) != options.end()) continue;
        return "unknown option '" + name + "'" + (command ? " for 'corridor " + command->get_name() + "'" : "") +
               suggestion_suffix(name, options);
    }
    // help COMMAND: a known command
    if (command && command->get_name() == "help" && args.size() > 1 && args[1][0] != '-' &&
        find_command(app, args[1]) == nullptr)
        return "unknown command '" + args[1] + "'" + suggestion_suffix(args[1], names);
    return std::nullopt;
}

// Parses the arguments; a usage error's exit code, or nullopt to go on.
std::optional<int> parse(CLI::App& app, std::span<const std::string> args, const Streams& io) {
    const CLI::App* command = nullptr;
    if (const auto unknown = unknown_word(app, args, command)) {
        io.err << "corridor: usage: " << *unknown << '\n' << try_help(command) << '\n';
        return 2;
    }
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
        app.parse(reversed);
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e, io.out, io.err);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        message = message.substr(0, message.find('\n'));
        if (message == "A subcommand is required") message = "a command is required";
        io.err << "corridor: usage: " << message << '\n' << try_help(command) << '\n';
        return 2;
    }
    return std::nullopt;
}

// --- help, completion and man: they print about the program itself

// The command a help or man page is asked for; nullptr for the program.
const CLI::App* topic_of(const CLI::App& app, const std::string& name) {
    if (name.empty()) return nullptr;
    if (const CLI::App* c = find_command(app, name)) return c;
    throw request_error("unknown command '" + name + "'");
}

int help(const Options& o, const Streams& io) {
    const CLI::App* topic = topic_of(*o.program, o.topic);
    // Through the formatter: app.help() would show help's own help, the command parsed.
    const CLI::App& shown = topic ? *topic : *o.program;
    io.out << shown.get_formatter()->make_help(&shown, topic ? "corridor " + topic->get_name() : "corridor",
                                               CLI::AppFormatMode::Normal);
    return 0;
}

int completion(const Options& o, const Streams& io) {
    if (o.topic != "bash" && o.topic != "zsh") throw request_error("completion: give bash or zsh");
    const Usage usage = describe_program(*o.program);
    io.out << (o.topic == "bash" ? bash_completion(usage) : zsh_completion(usage));
    return 0;
}

// man [COMMAND] [--dir DIR]: one page to stdout, or every page into DIR
int man(const Options& o, const Streams& io) {
    const CLI::App* topic = topic_of(*o.program, o.topic);
    const Usage usage = describe_program(*o.program);
    if (o.man_dir.empty()) io.out << (topic ? man_page(describe(*topic)) : man_page(usage));
    else
        for (const auto& file : write_man_pages(usage, o.man_dir)) io.out << file.string() << '\n';
    return 0;
}

const std::vector<Command>& meta_commands() {
    static const std::vector<Command> table{
        {"help", "Print the help of corridor or of one command", {opt::topic}, help, "", "Help"},
        {"completion",
         "Print a bash or zsh completion script",
         {required(opt::shell)},
         completion,
         "corridor completion bash > /etc/bash_completion.d/corridor\n"
         "corridor completion zsh > ~/.zsh/completion/_corridor",
         "Help"},
        {"man", "Print the man page of corridor or of a command", {opt::topic, opt::man_dir}, man, "", ""},
    };
    return table;
}

// Runs what was parsed; exceptions become exit codes here, and nowhere else.
int run_parsed(const std::vector<std::pair<CLI::App*, const Command*>>& subs, const Options& options,
               const Streams& io) {
    try {
        for (const auto& [sub, run] : subs)
            if (sub->parsed()) return run->run(options, io);
    } catch (const request_error& e) {
        io.err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const error& e) {
        io.err << prefixed_lines("corridor: error: ", e.what());  // input_errors: one line per problem
        return 1;
    } catch (const std::exception& e) {
        io.err << "corridor: internal error: " << e.what() << '\n';
        return 1;
    }
    return 2;
}

}  // namespace

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    CLI::App app{"corridor: transport corridors from text to maps and monthly capacity", "corridor"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_text(), "Print corridor's version and GDAL's, GEOS', PROJ's and Boost's");
    app.footer("Run 'corridor help COMMAND' (or 'corridor COMMAND --help') for a command's options and examples.");
    Options options;
    options.program = &app;
    std::vector<std::pair<CLI::App*, const Command*>> subs;
    for (const auto* table : {&commands(), &meta_commands()})
        for (const Command& c : *table) {
            CLI::App* sub = app.add_subcommand(c.name, c.help)->group(c.group);
            for (const Opt& opt : c.options)
                if (CLI::Option* added = opt.bind(*sub, *opt.text, options); opt.required) added->required();
            std::string examples = "Examples:\n  ";
            for (const char* e = c.examples; *e; ++e) examples += *e == '\n' ? std::string("\n  ") : std::string(1, *e);
            if (*c.examples) sub->footer(examples);
            subs.emplace_back(sub, &c);
        }
    const Streams io{out, err};
    if (const auto code = parse(app, args, io)) return *code;
    return run_parsed(subs, options, io);
}

}  // namespace corridor::cli
