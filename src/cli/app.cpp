#include "corridor/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <optional>

#include "command_table.hpp"
#include "corridor/error.hpp"
#include "corridor/text/suggest.hpp"
#include "corridor/version.hpp"
#include "usage.hpp"

namespace corridor::cli {
namespace {

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
    const CLI::App& context = command ? *command : app;
    std::vector<std::string> options{"--help"};
    for (const auto& name : long_options(describe(context))) options.push_back(name);
    if (!command) options.push_back("--version");
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a.rfind("--", 0) != 0) continue;
        const std::string name = a.substr(0, a.find('='));
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

// help, completion and man: they print about the program itself.
// Each line of text with the prefix: an error listing several problems keeps the prefix on each.
void print_lines(std::ostream& out, std::string_view prefix, std::string_view text) {
    while (true) {
        const auto nl = text.find('\n');
        out << prefix << text.substr(0, nl) << '\n';
        if (nl == std::string_view::npos) return;
        text.remove_prefix(nl + 1);
    }
}

int run_meta(const CLI::App& app, const CLI::App& meta, const Options& o, const Streams& io) {
    const std::string which = meta.get_name();
    const CLI::App* topic = nullptr;
    if (!o.topic.empty() && which != "completion") {
        topic = find_command(app, o.topic);
        if (topic == nullptr) throw UsageError("unknown command '" + o.topic + "'");
    }
    if (which == "help") {
        // Through the formatter: app.help() would show help's own help, the command parsed.
        const CLI::App& shown = topic ? *topic : app;
        io.out << shown.get_formatter()->make_help(&shown, topic ? "corridor " + topic->get_name() : "corridor",
                                                   CLI::AppFormatMode::Normal);
        return 0;
    }
    if (which == "completion") {
        if (o.topic == "bash") io.out << bash_completion(describe_program(app));
        else if (o.topic == "zsh") io.out << zsh_completion(describe_program(app));
        else throw UsageError("completion: give bash or zsh");
        return 0;
    }
    // man [COMMAND] [--dir DIR]: one page to stdout, or every page into DIR
    if (o.man_dir.empty()) io.out << (topic ? man_page(describe(*topic)) : man_page(describe_program(app)));
    else
        for (const auto& file : write_man_pages(describe_program(app), o.man_dir)) io.out << file.string() << '\n';
    return 0;
}

// Not commands of the table: help, completion and man print about the program itself.
struct MetaCommands {
    CLI::App* help;
    CLI::App* completion;
    CLI::App* man;
};

MetaCommands add_meta_commands(CLI::App& app, Options& options) {
    CLI::App* help = app.add_subcommand("help", "Print the help of corridor or of one command")->group("Help");
    help->add_option("command", options.topic, "A command");
    CLI::App* completion = app.add_subcommand("completion", "Print a bash or zsh completion script")->group("Help");
    completion->add_option("shell", options.topic, "bash or zsh")->required();
    completion->footer(
        "Examples:\n  corridor completion bash > /etc/bash_completion.d/corridor\n"
        "  corridor completion zsh > ~/.zsh/completion/_corridor");
    CLI::App* man = app.add_subcommand("man", "Print the man page of corridor or of a command")->group("");
    man->add_option("command", options.topic, "A command");
    man->add_option("--dir", options.man_dir, "Write every page into this folder");
    return {help, completion, man};
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
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::CallForVersion& e) {
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

// Runs what was parsed; exceptions become exit codes here, and nowhere else.
int run_parsed(const CLI::App& app, const MetaCommands& meta,
               const std::vector<std::pair<CLI::App*, const Command*>>& subs, const Options& options,
               const Streams& io) {
    try {
        for (const CLI::App* m : {meta.help, meta.completion, meta.man})
            if (m->parsed()) return run_meta(app, *m, options, io);
        for (const auto& [sub, cmd] : subs)
            if (sub->parsed()) return cmd->run(options, io);
    } catch (const request_error& e) {  // UsageError too
        io.err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const error& e) {
        print_lines(io.err, "corridor: error: ", e.what());  // input_errors: one line per problem
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
    std::vector<std::pair<CLI::App*, const Command*>> subs;
    for (const auto& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.help);
        add_options(*sub, c, options);
        sub->footer(c.examples);
        subs.emplace_back(sub, &c);
    }
    const MetaCommands meta = add_meta_commands(app, options);
    const Streams io{out, err};
    if (const auto code = parse(app, args, io)) return *code;
    return run_parsed(app, meta, subs, options, io);
}

}  // namespace corridor::cli
