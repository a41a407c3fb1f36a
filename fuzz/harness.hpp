// The fuzz targets: what each one does with an input and the checks it makes. Shared by the
// libFuzzer executables (fuzz/main.cpp, one per target) and the regression test that
// replays the committed inputs with the normal build (tests/fuzz/replay_test.cpp).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::fuzz {

// A check that failed: a silent wrong answer (the fast reader and OGR disagree, a fact's
// offset does not point at its text, a 500 answer). Not a corridor::error, so no target
// mistakes it for a clean refusal; uncaught in a fuzzer, it aborts and libFuzzer reports
// the input. Any other exception but corridor::error escapes the same way (an
// "internal error" for the user).
class Finding : public std::logic_error {
    using std::logic_error::logic_error;
};

// GeoJSON through the fast reader and through OGR: when the fast reader reads the input,
// OGR must read the same features, fields, types, values and coordinates (bit for bit);
// when the fast reader refuses it with an error, OGR must refuse it too.
void geojson_reader(std::string_view data);

// load_network with its schema checks, then validation and measures, on a places file and a
// routes file: the input is "PLACES\n#routes\nROUTES", or only ROUTES beside the shipped
// places. A loaded network must have finite, non-negative capacities and valid indexes.
void load(std::string_view data);

// The same JSON file as scenarios.json, events.json, speeds.json and observations.json of
// the shipped network; what loads is applied (adjust) for the network's month and the
// capacities must stay finite and non-negative.
void json_inputs(std::string_view data);

// The text parsers: number_tokens, numbers_in and extract_facts on the input as a seed
// text (offsets, lines and text of every statement must point into the input), dates and
// months (a date read back as text is the input), and --set specs.
void text(std::string_view data);

// The HTTP server in-process (HttpServer::answer, no socket) on the shipped network: the
// input is a connection's raw bytes. No answer may be a 500, and the log lines may hold no
// control characters.
void serve(std::string_view data);

struct Target {
    const char* name;
    void (*run)(std::string_view);
};
// Every target, by the name of its fuzzer (fuzz_NAME) and of its corpus folders.
const std::vector<Target>& targets();

// The repository: CORRIDOR_SOURCE_DIR when set, else the source folder compiled in.
std::filesystem::path source_dir();

// Writes data to `name` in this process's scratch folder (in /dev/shm when there is one)
// and returns its path; the folder is removed at exit.
std::filesystem::path scratch_file(const std::string& name, std::string_view data);

}  // namespace corridor::fuzz
