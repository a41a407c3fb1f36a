#include "corridor/analysis/parameters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace corridor::parameters {

const OptionText kFrom{"from", "Origin: a place id, or a country code (RU, KP, CN) for all its places"};
const OptionText kTo{"to", "Destination: a place id or a country code"};
const OptionText kCommodity{
    "commodity", "Only routes that carry this commodity (a comma list: jointly; passengers: passengers/month)"};
const OptionText kModes{"modes", "Comma list of modes to use (default: all)"};
const OptionText kWithout{"without", "Comma list of route ids to close"};
const OptionText kSet{"set", "ROUTE.FIELD=VALUE: set capacity, payload_t, trips_mo, annual_t or pax_trip"};
const OptionText kScenario{"scenario", "Apply a named scenario from the scenario file"};
const OptionText kMonth{"month",
                        "YYYY-MM: the month asked (routes open then, dated events applied pro rata by days); "
                        "default: the network's month (network.json); none: no dates"};
const OptionText kTransit{"transit",
                          "listed: a flow between two countries crosses a third only where transits.json lets it "
                          "(the default); any: wherever the routes go"};
const OptionText kUncertainty{
    "uncertainty", "Monte Carlo draws of every ranged figure: P10/P50/P90, cut probability (and sensitivity)"};
const OptionText kSeed{"seed", "Random seed for --uncertainty", true};
const OptionText kBy{"by", "distance, time or capacity", true};

const OptionText kGeodata{
    "geodata",
    "Folder with places.geojson and routes.geojson, a GeoPackage or PG:CONNECTION with layers places and routes", true};
const OptionText kSeeds{"seeds", "Folder of seed texts (default: <geodata>/../seeds)"};
// The options of side files name their defaults as InputPaths finds them.
const OptionText kLand{"land",
                       fmt::format("Land polygons for the land/sea checks (default: <geodata>/{})", side_files::kLand)};
const OptionText kSpeeds{"speeds", "JSON of mode: km/h over the default speeds"};
const OptionText kScenarios{"scenarios", fmt::format("Scenario file (default: <geodata>/{})", side_files::kScenarios)};
const OptionText kSideFiles{
    "side-files",
    fmt::format("Folder of the side files ({}) when --geodata is a GeoPackage or PG: (default: the GeoPackage's "
                "folder; none for PG:)",
                fmt::join({side_files::kNetwork, side_files::kScenarios, side_files::kEvents, side_files::kObservations,
                           side_files::kTransits, side_files::kSpeeds, side_files::kLand},
                          ", "))};

const OptionText kStrict{"strict", "Treat geographic and provenance findings as errors"};
const OptionText kValidateStrict{"strict", "Count observed volumes the network cannot carry as problems"};
const OptionText kOverwrite{
    "overwrite", "Write into --out even when it holds files corridor did not write (never over the input files)"};

std::span<const QueryParameter> query_parameters() {
    static const QueryParameter table[] = {
        {&kFrom, &AnalysisRequest::from},           {&kTo, &AnalysisRequest::to},
        {&kCommodity, &AnalysisRequest::commodity}, {&kScenario, &AnalysisRequest::scenario},
        {&kMonth, &AnalysisRequest::month},         {&kTransit, &AnalysisRequest::transit}};
    return table;
}

}  // namespace corridor::parameters
