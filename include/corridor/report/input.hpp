// A network as layers in the input schema (what load_network reads), e.g. for generated networks.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "corridor/analysis/outputs.hpp"
#include "corridor/importer/import.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/network.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/progress.hpp"

namespace corridor {

// Generated tables: net must outlive them. Columns that no row fills are left out unless
// every_column (a database table whose columns SQL names).
// places: id, name, name_local, country, kind, source, capacity, note, cap_low, cap_high,
// transfer, conv_from, conv_to, open_from, open_until.
io::Table input_places_table(const Network& net, bool every_column = false);
// routes: id, name, mode, from_id, to_id, two_way, commodity, capacity, payload_t, trips_mo,
// annual_t, pax_trip, basis, seed, quote, note, observed, obs_annual, obs_quote, obs_seed,
// the figures' low and high bounds, gauge, open_from, open_until.
io::Table input_routes_table(const Network& net, bool every_column = false);
// The same two tables named input_places and input_routes (kInputPlacesLayer,
// kInputRoutesLayer), which an export adds to its corridor.gpkg beside the analysis layers:
// --geodata corridor.gpkg then reads the network back.
std::vector<io::Table> input_layers(const Network& net);

// generate's two layers: the input schema's places and routes, or with raw the loose lines
// and named stations that import reads (model/generate: raw_lines_table, raw_stations_table).
std::vector<io::Table> generated_layers(const Network& net, bool raw);

// corridor generate: the network (model/generate) and the files it is written to.
struct GenerateRequest {
    GenerateOptions network;
    std::string out;                              // the folder
    std::string format = kDefaultGenerateFormat;  // parse_generate_format
    bool raw = false;                             // generated_layers' raw lines and stations
    bool fgb_index = false;                       // FlatGeobuf with a spatial index
};

// corridor generate: the network generated, its generated_layers written into the folder
// (progress "corridor: writing") and committed with the manifest; says generated_summary.
Written generate_files(const GenerateRequest& request, const Feedback& feedback);

// corridor import: the sources read (importer::import_network, the layers' progress on
// feedback) and written as a geodata folder (importer::write_import); says the summary
// sentence and the import's notes. Returns the files written.
Written import_files(importer::ImportOptions options, const Feedback& feedback);

// What generate wrote, for its last line: "N places, M routes; corners A (CN) and B (RU)", or
// with raw "N lines (no topology fields) and M named stations".
std::string generated_summary(const Network& net, bool raw);

// generate's files: the folder, the format, loose lines.
namespace generate_flags {
extern const OptionText kOut, kFormat, kRaw;
}  // namespace generate_flags

}  // namespace corridor
