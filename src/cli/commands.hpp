// The subcommands: each parses nothing, calls the library and prints.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "options.hpp"

namespace corridor::cli {

int cmd_validate(const Options& o, const Streams& io);
int cmd_places(const Options& o, const Streams& io);
int cmd_routes(const Options& o, const Streams& io);
int cmd_capacity(const Options& o, const Streams& io);
int cmd_route(const Options& o, const Streams& io);
int cmd_scenarios(const Options& o, const Streams& io);
int cmd_observations(const Options& o, const Streams& io);
int cmd_facts(const Options& o, const Streams& io);
int cmd_timeline(const Options& o, const Streams& io);
int cmd_assign(const Options& o, const Streams& io);
int cmd_export(const Options& o, const Streams& io);
int cmd_map(const Options& o, const Streams& io);
int cmd_render(const Options& o, const Streams& io);
int cmd_serve(const Options& o, const Streams& io);
int cmd_generate(const Options& o, const Streams& io);
int cmd_import(const Options& o, const Streams& io);

// The files a command wrote: their paths one a line, or with --json files_json.
void print_files(const Options& o, const Streams& io, const std::string& command,
                 const std::vector<std::filesystem::path>& files);

}  // namespace corridor::cli
