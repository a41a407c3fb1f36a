#include "usage.hpp"

#include <sstream>

namespace corridor::cli {
namespace {

UsageOption describe(const CLI::Option& o) {
    const bool takes_value = o.get_type_size() != 0 && o.get_expected_max() != 0;
    const bool repeats = o.get_expected_max() > 1 || o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    return {o.get_lnames(),      takes_value ? o.get_type_name() : std::string(),
            o.get_description(), o.get_default_str(),
            o.get_required(),    repeats};
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

}  // namespace

std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* s) { return s->get_group() == "Subcommands"; });
}

UsageCommand describe(const CLI::App& command) {
    UsageCommand c{command.get_name(), command.get_description(), {}, examples(command)};
    for (const CLI::Option* o : command.get_options())
        if (!o->get_lnames().empty() && o->get_lnames()[0] != "help") c.options.push_back(describe(*o));
    return c;
}

Usage describe_program(const CLI::App& app) {
    Usage usage{app.get_description(), {}};
    for (const CLI::App* c : visible_commands(app)) usage.commands.push_back(describe(*c));
    return usage;
}

}  // namespace corridor::cli
