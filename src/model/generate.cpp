#include "corridor/model/generate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <random>

#include "corridor/error.hpp"

namespace corridor {
namespace {

// Uniform in [0, 1) from the raw 64-bit engine, the same on every platform.
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0); }

std::int64_t between(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

// The grid the places sit on: cols x rows ~ routes / 2 (each place has about two neighbour
// routes), twice as wide as tall, over 120..135 E, 37..46 N; its columns fall into three
// bands, CN, KP and RU from west to east.
struct Grid {
    std::size_t rows = 0, cols = 0;
    double lon0 = 120.0, lon1 = 135.0, lat0 = 37.0, lat1 = 46.0;
    double dx = 0, dy = 0;  // a cell's size, degrees

    explicit Grid(std::size_t routes) {
        const auto half = static_cast<double>(std::max<std::size_t>(routes, 8)) / 2.0;
        rows = static_cast<std::size_t>(std::max(2.0, std::round(std::sqrt(half / 2.0))));
        cols = static_cast<std::size_t>(std::max(3.0, std::round(half / static_cast<double>(rows))));
        dx = (lon1 - lon0) / static_cast<double>(cols);
        dy = (lat1 - lat0) / static_cast<double>(rows);
    }
    std::size_t band(std::size_t c) const { return std::min<std::size_t>(2, c * 3 / cols); }
};

// A place per cell, jittered within its middle 60%.
void add_places(Network& net, const Grid& g, std::mt19937_64& rng) {
    const char* countries[] = {"CN", "KP", "RU"};
    net.places.reserve(g.rows * g.cols);
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            Place p;
            p.id = fmt::format("p{}_{}", r, c);
            p.name = fmt::format("Place {} {}", r, c);
            p.country = countries[g.band(c)];
            p.kind = "city";
            p.pos = {g.lon0 + (static_cast<double>(c) + 0.2 + 0.6 * unit(rng)) * g.dx,
                     g.lat1 - (static_cast<double>(r) + 0.2 + 0.6 * unit(rng)) * g.dy};
            net.places.push_back(std::move(p));
        }
    net.build_index();
}

// A route from place a to place b: two-way 70% of the time, its line bent a little at the middle.
void add_route(Network& net, const Grid& g, std::mt19937_64& rng, std::size_t a, std::size_t b, Mode mode,
               std::int64_t capacity) {
    Route r;
    r.id = fmt::format("r{}", net.routes.size());
    r.name = fmt::format("{} - {}", net.places[a].id, net.places[b].id);
    r.mode = mode;
    r.from_id = net.places[a].id;
    r.to_id = net.places[b].id;
    r.from = static_cast<std::uint32_t>(a);
    r.to = static_cast<std::uint32_t>(b);
    r.two_way = unit(rng) < 0.7;
    r.commodities = {"cargo"};
    r.figures.capacity = static_cast<double>(capacity);
    r.basis = Basis::unsourced;
    const LonLat pa = net.places[a].pos, pb = net.places[b].pos;
    r.line = {pa, {(pa.lon + pb.lon) / 2 + (unit(rng) - 0.5) * g.dx * 0.1, (pa.lat + pb.lat) / 2}, pb};
    net.routes.push_back(std::move(r));
}

// Rail or road to the east and south neighbours, a bridge every few rows where a border runs
// between two columns, and every 500 routes a long rail link within a band.
void add_routes(Network& net, const Grid& g, std::mt19937_64& rng) {
    const Mode land_modes[] = {Mode::rail, Mode::road};
    const std::size_t crossing_every = std::max<std::size_t>(1, g.rows / 4);  // a few crossings per border
    const std::size_t long_every = 500;
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            const std::size_t here = r * g.cols + c;
            if (c + 1 < g.cols) {
                const bool border = g.band(c) != g.band(c + 1);
                if (!border) add_route(net, g, rng, here, here + 1, land_modes[rng() % 2], between(rng, 1000, 100000));
                else if (r % crossing_every == 0)
                    add_route(net, g, rng, here, here + 1, Mode::bridge, between(rng, 200, 2000));
            }
            if (r + 1 < g.rows)
                add_route(net, g, rng, here, here + g.cols, land_modes[rng() % 2], between(rng, 1000, 100000));
            if (net.routes.size() % long_every == 0) {
                // a long link inside the same band, 3-8 columns away
                const std::size_t span = static_cast<std::size_t>(between(rng, 3, 8));
                const std::size_t c2 = c + span < g.cols ? c + span : c;
                const std::size_t r2 = std::min(g.rows - 1, r + static_cast<std::size_t>(between(rng, 0, 3)));
                if (c2 != c && g.band(c2) == g.band(c))
                    add_route(net, g, rng, here, r2 * g.cols + c2, Mode::rail, between(rng, 50000, 300000));
            }
        }
}

}  // namespace

Network generate_network(const GenerateOptions& o) {
    if (o.routes == 0) throw request_error("--routes: give a positive number of routes");
    std::mt19937_64 rng(o.seed);
    const Grid grid(o.routes);
    Network net;
    add_places(net, grid, rng);
    add_routes(net, grid, rng);
    return net;
}

std::pair<std::string, std::string> generated_corners(const Network& net) {
    return {net.places.front().id, net.places.back().id};
}

io::Table raw_lines_table(const Network& net) {
    io::Table t;
    t.name = "lines";
    t.geom = io::GeomType::line;
    t.fields = {{"railway"}, {"usage"}, {"gauge"}, {"highway"}, {"bridge"}, {"name"}};
    t.count = net.routes.size();
    t.make_row = [&net](std::size_t i, std::vector<io::Cell>& row) {
        const Route& r = net.routes[i];
        const bool main = r.figures.capacity.value_or(0) >= 50000;
        row.assign(6, io::Cell{});
        if (r.mode == Mode::road) {
            row[3] = std::string(main ? "trunk" : "primary");
            return;
        }
        row[0] = std::string("rail");
        row[1] = std::string(main ? "main" : "branch");
        row[2] = std::string("1435");
        if (r.mode == Mode::bridge) row[4] = std::string("yes");
        row[5] = fmt::format("Line {} {}", r.from_id, r.to_id);
    };
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(net.routes[i].line); };
    return t;
}

io::Table raw_stations_table(const Network& net) {
    io::Table t;
    t.name = "stations";
    t.geom = io::GeomType::point;
    t.fields = {{"name"}, {"country"}, {"kind"}};
    t.count = net.places.size();
    t.make_row = [&net](std::size_t i, std::vector<io::Cell>& row) {
        const Place& p = net.places[i];
        row = {p.name, p.country, p.kind};
    };
    t.shape = [&net](std::size_t i) { return std::span<const LonLat>(&net.places[i].pos, 1); };
    return t;
}

namespace generate_flags {
const OptionText kRoutes{"routes", "About how many routes"};
const OptionText kSeed{"seed", "Random seed", true};
}  // namespace generate_flags

}  // namespace corridor
