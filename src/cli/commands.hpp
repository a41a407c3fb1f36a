// The subcommands: each parses nothing, calls the library and prints.
#pragma once

#include "common.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {

int cmd_validate(const Options& o, const Streams& io);
int cmd_export(const Options& o, const Streams& io);
int cmd_places(const Options& o, const Streams& io);
int cmd_routes(const Options& o, const Streams& io);
int cmd_capacity(const Options& o, const Streams& io);
int cmd_route(const Options& o, const Streams& io);
int cmd_scenarios(const Options& o, const Streams& io);
int cmd_timeline(const Options& o, const Streams& io);
int cmd_generate(const Options& o, const Streams& io);
int cmd_import(const Options& o, const Streams& io);
int cmd_facts(const Options& o, const Streams& io);
int cmd_map(const Options& o, const Streams& io);
int cmd_serve(const Options& o, const Streams& io);
int cmd_render(const Options& o, const Streams& io);
int cmd_observations(const Options& o, const Streams& io);
int cmd_assign(const Options& o, const Streams& io);

// The network loaded, checked, measured and analysed as the command line asks (the
// request's question, or the default one): export, map and render show it.
struct Analysed {
    Network net;
    AnalysedNetwork analysed;
    std::vector<ObservationCheck> observations;  // about the analysed question (question_observations)
    std::string title{};                         // the picture's title; empty: the analysis' own
    std::string subtitle{};                      // the line under it; empty: the bottleneck sentence
    const Analysis* analysis() const { return analysed.analysis ? &*analysed.analysis : nullptr; }
};

// std::nullopt when --strict refuses the network. Prints the analysis' note, if any.
// With an analysis, also checks the observations about its question.
std::optional<Analysed> load_and_analyse(const Options& o, const Streams& io, Phases* phases = nullptr);

// What render and map draw: the question's analysis, or with --assign the assignment of the
// demands (as corridor assign, by distance) as its flows, with its title and subtitle.
std::optional<Analysed> load_for_drawing(const Options& o, const Streams& io, Phases* phases = nullptr);

// The line under a picture or map on standard error: the assignment's title and subtitle, or
// the analysis' bottleneck sentence.
void print_drawn_summary(const Streams& io, const Analysed& a);

// The picture options of a command line: --width, and the basemap beside the geodata.
RenderOptions render_options(const Options& o);

}  // namespace corridor::cli
