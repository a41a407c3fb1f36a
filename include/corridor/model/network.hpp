// The transport network as data: places, routes, their figures and provenance.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/geo/types.hpp"
#include "corridor/model/compact.hpp"
#include "corridor/model/dates.hpp"
#include "corridor/model/transit.hpp"

namespace corridor {

enum class Mode { rail, road, ferry, tanker, bulk, pipeline, bridge };

// "rail" -> Mode::rail; std::nullopt for an unknown name.
std::optional<Mode> parse_mode(std::string_view name);
std::string_view mode_name(Mode m);
// "rail, road, ferry, tanker, bulk, pipeline, bridge": every mode name, for messages.
std::string mode_names();
// Ships: these must stay at sea; every other mode stays on land.
bool is_sea(Mode m);
const std::vector<Mode>& all_modes();

// Where a route's capacity comes from: the seed text, an assumption, or (user data) nobody says.
enum class Basis { text, assumed, unsourced };
std::optional<Basis> parse_basis(std::string_view name);
std::string_view basis_name(Basis b);

struct Place {
    std::string id;  // unique slug
    std::string name;
    Text name_local;
    std::string country;  // ISO 3166-1 alpha-2
    std::string kind;     // city, port, rail_station, border_crossing, oil_terminal, ...
    Text source;          // where the coordinate came from
    LonLat pos;
    OptionalNumber capacity;  // tonnes per month through the place (a port, a crossing), if limited
    Text note;                // why that capacity (and its bounds)
    OptionalNumber cap_low;   // bounds of capacity (same unit), when it is uncertain
    OptionalNumber cap_high;
    Period open;  // the days the place is open (open_from, open_until); always by default
    // "gauge": wagons or bogies change between track gauges here (the flow may pass from a
    // route of one gauge to one of another only at such a place); empty: no transfer.
    Text transfer;
    // A place that turns one commodity into another (a refinery: crude_oil -> oil_products),
    // tonne for tonne; both empty when it converts nothing.
    Text converts_from;
    Text converts_to;
    // Whether `capacity` bounds only what the place transfers or converts (it has a transfer
    // or a conversion) rather than everything passing through it.
    bool capacity_bounds_handling() const { return !transfer.empty() || !converts_from.empty(); }
};

// A rail route's track gauge in millimetres (1520, 1435, ...), kDualGauge for track that
// carries two gauges (e.g. 1520 and 1435 on one four-rail line), kNoGauge for non-rail
// routes and rail without one given.
using Gauge = std::uint16_t;
inline constexpr Gauge kNoGauge = 0;
inline constexpr Gauge kDualGauge = 65535;
// "1520" -> 1520, "dual" -> kDualGauge, "" -> kNoGauge; std::nullopt for anything else.
std::optional<Gauge> parse_gauge(std::string_view text);
std::string gauge_name(Gauge g);  // "1520", "dual", ""

// The low and high bounds of one figure (in the figure's unit), each absent when not given.
struct Bounds {
    OptionalNumber low;
    OptionalNumber high;
    bool has_any() const { return low.has_value() || high.has_value(); }
    friend bool operator==(const Bounds&, const Bounds&) = default;
};

// The bounds of a route's capacity figures (input fields cap_low/cap_high, pay_low/pay_high,
// trips_low/trips_high, ann_low/ann_high); load_network checks low <= value <= high.
struct FigureBounds {
    Bounds capacity;
    Bounds payload_t;
    Bounds trips_mo;
    Bounds annual_t;
    friend bool operator==(const FigureBounds&, const FigureBounds&) = default;
};

// The figures as given in the input; units in the names (t = tonnes, mo = month, yr = year).
struct Figures {
    OptionalNumber capacity;     // tonnes per month
    OptionalNumber payload_t;    // tonnes per trip
    OptionalNumber trips_mo;     // trips per month
    OptionalNumber annual_t;     // tonnes per year
    OptionalNumber pax_trip;     // passengers per trip
    OptionalNumber observed;     // tonnes per month reported as moving
    OptionalNumber obs_annual;   // tonnes per year reported as moving
    Boxed<FigureBounds> bounds;  // ranges of the capacity figures; one null pointer when none
};

struct Route {
    std::string id;
    std::string name;
    Mode mode = Mode::rail;
    std::string from_id;
    std::string to_id;
    bool two_way = false;
    std::vector<std::string> commodities;
    Figures figures;
    Basis basis = Basis::unsourced;
    Text seed;   // seed file of quote (field `seed`, formerly `source`)
    Text quote;  // verbatim words of the seed giving the figure
    Text note;   // why, for an assumption
    Text obs_quote;
    Text obs_seed;  // seed file of obs_quote (defaults to seed)
    Period open;    // the days the route is open (open_from, open_until); always by default
    Gauge gauge = kNoGauge;
    Polyline line;

    // Where from_id and to_id are in Network::places, set by load_network and
    // Network::build_index(), so that big networks look each id up once; kUnresolved
    // (a route made or changed afterwards) makes Network look the id up again.
    static constexpr std::uint32_t kUnresolved = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t from = kUnresolved;
    std::uint32_t to = kUnresolved;
};

struct Network {
    std::filesystem::path places_file;
    std::filesystem::path routes_file;
    std::vector<Place> places;
    std::vector<Route> routes;
    // Where a flow between two countries may cross a third (transits.json, read beside the
    // network); none: wherever the routes go.
    std::vector<TransitRule> transits;

    // Index of a place id, or std::nullopt.
    std::optional<std::size_t> place_index(std::string_view id) const;
    const Place& place(std::string_view id) const;  // throws error if unknown
    // Index of a route id, or std::nullopt (a scan: for the few ids a user names).
    std::optional<std::size_t> route_index(std::string_view id) const;

    // The index in `places` of a route's from_id and to_id; throws error if unknown.
    std::size_t from_index(const Route& r) const { return r.from != Route::kUnresolved ? r.from : index_of(r.from_id); }
    std::size_t to_index(const Route& r) const { return r.to != Route::kUnresolved ? r.to : index_of(r.to_id); }

    // Indexes the places by id and resolves every route's ends (kUnresolved where unknown).
    void build_index();

private:
    std::size_t index_of(std::string_view id) const;  // throws error if unknown
    std::size_t slot_of(std::string_view id) const;   // id's slot in index_, or the empty slot it would take

    // Open addressing over the places (linear probing, at most half full): each slot
    // holds the id's hash's high 32 bits and the place's index + 1, 0 when empty. Flat,
    // so a look-up in a million ids costs about two cache misses.
    std::vector<std::uint64_t> index_;
};

}  // namespace corridor
