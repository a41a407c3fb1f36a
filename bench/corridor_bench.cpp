// Benchmarks of each stage on generated networks (corridor generate): load, graph build (with
// every place's source and sink arcs, and with a query's), max-flow (three Boost algorithms),
// paths, GeoJSON and Shapefile export, and the joint multi-commodity flow (an LP, CLP).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include <fmt/format.h>

#include "corridor/graph/assignment.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/graph/paths.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/io/gdal.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/render.hpp"
#include "corridor/tiles/tile.hpp"
#include "corridor/tiles/write_tiles.hpp"

#include <algorithm>
#include <chrono>

namespace fs = std::filesystem;
using namespace corridor;

namespace {

// One generated network per size, written once to a temporary folder.
struct Fixture {
    fs::path dir;
    Network net;
    std::string from, to;
};

Fixture& fixture(std::size_t routes) {
    static std::map<std::size_t, Fixture> cache;
    auto it = cache.find(routes);
    if (it != cache.end()) return it->second;
    Fixture f;
    f.dir = fs::temp_directory_path() / ("corridor-bench-" + std::to_string(getpid()) + "-" + std::to_string(routes));
    const Network generated = generate_network({routes, 1});
    io::WriteOptions w;
    w.out_dir = f.dir;
    w.formats = {io::Format::geojson};
    io::write_tables({input_places_table(generated), input_routes_table(generated)}, w);
    f.net = load_network(default_files(f.dir));
    std::tie(f.from, f.to) = generated_corners(f.net);
    return cache.emplace(routes, std::move(f)).first->second;
}

void BM_Load(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(load_network(default_files(f.dir)));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_BuildGraph(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(build_graph(f.net));
}

// The graph a query command builds: source and sink arcs for the two corners only.
void BM_BuildGraphTerminals(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const Terminals terminals = query_terminals(f.net, f.from, f.to);
    for (auto _ : state) benchmark::DoNotOptimize(build_graph(f.net, terminals));
}

template <FlowAlgorithm A>
void BM_MaxFlow(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    NetworkGraph g = build_graph(f.net);
    FlowQuery q{f.from, f.to, std::nullopt, {}, {}, {}, A};
    for (auto _ : state) benchmark::DoNotOptimize(max_flow(g, f.net, q).throughput);
}

void BM_ShortestPath(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const NetworkGraph g = build_graph(f.net);
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    std::vector<MonthlyCapacity> caps;
    for (const auto& m : measures) caps.push_back(m.capacity);
    for (auto _ : state)
        benchmark::DoNotOptimize(best_path(g, f.net, measures, caps, f.from, f.to, PathCriterion::distance).length);
}

void BM_ExportGeoJson(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    const std::vector<io::Table> tables{routes_table(f.net, measures)};
    io::WriteOptions w;
    w.out_dir = f.dir / "out";
    w.formats = {io::Format::geojson};
    for (auto _ : state) io::write_tables(tables, w);
}

// The routes layer as a shapefile (.shp, .shx, .dbf, .prj, .cpg) through GDAL, string
// columns measured first; `ogr2ogr` beside it: scripts/bench.sh.
void BM_ExportShapefile(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    const std::vector<io::Table> tables{routes_table(f.net, measures)};
    io::WriteOptions w;
    w.out_dir = f.dir / "out";
    w.formats = {io::Format::shapefile};
    for (auto _ : state) io::write_tables(tables, w);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Monte Carlo throughput (capacity --uncertainty) on the seed network (geodata/, found
// through CORRIDOR_SOURCE_DIR or the working folder): Arg draws, RU to pyongyang, with the sensitivity ranking.
void BM_UncertaintySeed(benchmark::State& state) {
    const char* src = std::getenv("CORRIDOR_SOURCE_DIR");
    const fs::path dir = fs::path(src != nullptr ? src : ".") / "geodata";
    const Network net = load_network(default_files(dir));
    FlowQuery q;
    q.from = "RU";
    q.to = "pyongyang";
    UncertaintyOptions o;
    o.draws = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(flow_uncertainty(net, q, o).p50);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The same on a generated network of 100k routes with every capacity ranged at half to
// one and a half times its value (corner to corner; no sensitivity ranking: two solves per figure).
void BM_UncertaintyGenerated(benchmark::State& state) {
    Network net = fixture(100000).net;
    for (auto& r : net.routes) {
        FigureBounds b;
        if (r.figures.capacity) {
            b.capacity.low = *r.figures.capacity * 0.5;
            b.capacity.high = *r.figures.capacity * 1.5;
        }
        r.figures.bounds = b;
    }
    const Fixture& f = fixture(100000);
    FlowQuery q;
    q.from = f.from;
    q.to = f.to;
    UncertaintyOptions o;
    o.draws = static_cast<std::size_t>(state.range(0));
    o.sensitivity = false;
    for (auto _ : state) benchmark::DoNotOptimize(flow_uncertainty(net, q, o).p50);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The seed network (geodata/, found through CORRIDOR_SOURCE_DIR or the working folder).
Network seed_network() {
    const char* src = std::getenv("CORRIDOR_SOURCE_DIR");
    return load_network(default_files(fs::path(src != nullptr ? src : ".") / "geodata"));
}

// Joint multi-commodity flow on the seed network, CN to pyongyang (every commodity but
// passengers): building the LP, solving it, reading flows, duals and paths.
void BM_JointFlowSeed(benchmark::State& state) {
    const Network net = seed_network();
    FlowQuery q;
    q.from = "CN";
    q.to = "pyongyang";
    for (auto _ : state) benchmark::DoNotOptimize(joint_max_flow(net, q).throughput);
}

// A generated network whose routes carry three commodities: each route each of cargo, coal
// and oil_products with probability 2/3 (at least one), the border crossings all three.
const Network& three_commodities(std::size_t routes) {
    static std::map<std::size_t, Network> cache;
    auto it = cache.find(routes);
    if (it != cache.end()) return it->second;
    Network net = fixture(routes).net;
    std::mt19937_64 rng(7);
    const std::vector<std::string> goods{"cargo", "coal", "oil_products"};
    for (Route& r : net.routes) {
        r.commodities.clear();
        for (const auto& k : goods)
            if (r.mode == Mode::bridge || rng() % 3 != 0) r.commodities.push_back(k);
        if (r.commodities.empty()) r.commodities.push_back(goods[rng() % 3]);
    }
    return cache.emplace(routes, std::move(net)).first->second;
}

// China to Russia, country to country: every CN place an origin, every RU place a
// destination, so the LP spans the KP band between them. (Corner to corner, one place each
// way, most routes out of the corner carry only one or two of the commodities.)
FlowQuery country_query() {
    FlowQuery q;
    q.from = "CN";
    q.to = "RU";
    return q;
}

// Building and solving the LP from scratch (CLP presolves, then primal simplex), with flows, duals and paths.
void BM_JointFlowGenerated(benchmark::State& state) {
    const auto routes = static_cast<std::size_t>(state.range(0));
    const Network& net = three_commodities(routes);
    const FlowQuery q = country_query();
    std::size_t columns = 0, rows = 0;
    double total = 0;
    for (auto _ : state) {
        JointFlowModel model(net, q);
        total = model.solve().throughput;
        columns = model.columns();
        rows = model.rows();
    }
    state.counters["columns"] = static_cast<double>(columns);
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["t_per_month"] = total;
}

// Re-solving after a bound change (warm start: primal simplex from the last basis), the total only: Arg(1) one
// border crossing's capacity halved and restored in turn; Arg(0) every route's capacity
// drawn between half and one and a half times its value, as a Monte Carlo draw does.
void BM_JointFlowResolve(benchmark::State& state) {
    const auto routes = static_cast<std::size_t>(state.range(0));
    const Network& net = three_commodities(routes);
    JointFlowModel model(net, country_query());
    model.solve();
    std::vector<MonthlyCapacity> stated;
    std::size_t crossing = 0;
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        stated.push_back(monthly_capacity(net.routes[r].figures));
        if (net.routes[r].mode == Mode::bridge) crossing = r;
    }
    std::vector<MonthlyCapacity> caps = stated;
    std::mt19937_64 rng(11);
    std::size_t i = 0;
    for (auto _ : state) {
        if (state.range(1) == 1) {
            caps[crossing].tonnes.value = stated[crossing].tonnes.value * (i++ % 2 == 0 ? 0.5 : 1.0);
        } else {
            for (std::size_t r = 0; r < caps.size(); ++r)
                caps[r].tonnes.value = stated[r].tonnes.value * (0.5 + static_cast<double>(rng() >> 11) * 0x1.0p-53);
        }
        benchmark::DoNotOptimize(model.throughput(caps, {}));
    }
}

// Vector tiles: the index a network's layers get once (projection, importance, packed R-trees).
void BM_TileIndexBuild(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    const std::vector<io::Table> tables{places_table(f.net), routes_table(f.net, measures)};
    for (auto _ : state) benchmark::DoNotOptimize(tiles::TileSource(tables).layers().size());
}

// One tile at a time (warm: the index built once) over a fixed list: 64 tiles of the zoom
// that hold features, evenly spaced through them in (x, y) order; p50 and p99 in ms.
void BM_TilePerTile(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const int z = static_cast<int>(state.range(1));
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    const std::vector<io::Table> tables{places_table(f.net), routes_table(f.net, measures)};
    const tiles::TileSource source(tables);
    const auto all = tiles::candidate_tiles(source, z, 64);
    std::vector<tiles::TileId> list;
    for (std::size_t i = 0; i < 64 && !all.empty(); ++i) list.push_back(all[i * all.size() / 64]);
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (auto _ : state)
        for (const auto& t : list) {
            const auto start = std::chrono::steady_clock::now();
            bytes += tiles::build_tile(source, t).size();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
    std::sort(ms.begin(), ms.end());
    state.counters["p50_ms"] = ms[ms.size() / 2];
    state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    state.counters["bytes_per_tile"] = static_cast<double>(bytes) / static_cast<double>(ms.size());
}

// ---- assignment (graph/assignment) ----------------------------------------------------------

// Per route its length in km, the cost per tonne of --cost distance.
const std::vector<double>& lengths(const Network& net) {
    static std::map<const Network*, std::vector<double>> cache;
    auto it = cache.find(&net);
    if (it != cache.end()) return it->second;
    std::vector<double> km;
    for (const auto& m : measure_routes(net, SpeedTable::defaults())) km.push_back(m.length.value);
    return cache.emplace(&net, std::move(km)).first->second;
}

// `count` demands from places in the north-west quarter of the generated grid to places in
// the south-east quarter, each of cargo, coal or oil_products, 50 to 1,000 t/month,
// priorities 1 to 3: enough to fill some routes, so that priorities and unmet tonnes matter.
std::vector<Demand> generated_demands(const Network& net, std::size_t count) {
    std::size_t rows = 0, cols = 0;
    for (const auto& p : net.places) {
        unsigned r = 0, c = 0;
        if (std::sscanf(p.id.c_str(), "p%u_%u", &r, &c) == 2) {
            rows = std::max<std::size_t>(rows, r + 1);
            cols = std::max<std::size_t>(cols, c + 1);
        }
    }
    std::mt19937_64 rng(23);
    const std::vector<std::string> goods{"cargo", "coal", "oil_products"};
    std::vector<Demand> out;
    while (out.size() < count) {
        const std::string from = fmt::format("p{}_{}", rng() % (rows / 2), rng() % (cols / 2));
        const std::string to = fmt::format("p{}_{}", rows / 2 + rng() % (rows / 2), cols / 2 + rng() % (cols / 2));
        if (!net.place_index(from) || !net.place_index(to)) continue;
        out.push_back({std::to_string(out.size() + 1), from, to, goods[out.size() % 3],
                       50.0 + static_cast<double>(rng() % 951), static_cast<int>(1 + rng() % 3)});
    }
    return out;
}

// 100 demands over three commodities, lexicographic priorities then least distance (CLP,
// column generation): the target is under 15 s at 100k routes on 2 cores.
void BM_AssignDemands(benchmark::State& state) {
    const auto routes = static_cast<std::size_t>(state.range(0));
    const Network& net = three_commodities(routes);
    AssignmentQuery q;
    q.demands = generated_demands(net, static_cast<std::size_t>(state.range(1)));
    q.route_cost = lengths(net);
    AssignmentResult r;
    for (auto _ : state) r = assign(net, q);
    std::size_t unservable = 0;
    for (const auto& d : r.demands) unservable += !d.cannot_serve.empty();
    state.counters["met_t_mo"] = r.met_t_mo;
    state.counters["unmet_t_mo"] = r.unmet_t_mo;
    state.counters["unservable"] = static_cast<double>(unservable);
    state.counters["rounds"] = static_cast<double>(r.rounds);
    state.counters["columns"] = static_cast<double>(r.columns);
}

// One demand corner to corner, more than the network can carry (so the flow is a min-cost
// maximum flow), by each solver: Arg(1) LEMON's network simplex, Arg(0) CLP column generation.
void BM_AssignSingle(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    AssignmentQuery q;
    q.demands = {{"1", f.from, f.to, "cargo", 1e9, 1}};
    q.route_cost = lengths(f.net);
    q.solver = state.range(1) == 1 ? AssignSolver::network_simplex : AssignSolver::lp;
    AssignmentResult r;
    for (auto _ : state) r = assign(f.net, q);
    state.counters["met_t_mo"] = r.met_t_mo;
    state.counters["cost"] = r.total_cost;
    state.counters["paths"] = static_cast<double>(r.demands[0].paths.size());
}

}  // namespace

// The picture `export` and `render` draw (1600 px, PNG, no basemap), with a corner-to-corner
// analysis: routes with flow stroked by Cairo, the others burnt into pixel masks over 20k routes.
void BM_Render(benchmark::State& state) {
    Fixture& f = fixture(static_cast<std::size_t>(state.range(0)));
    const auto measures = measure_routes(f.net, SpeedTable::defaults());
    NetworkGraph g = build_graph(f.net, query_terminals(f.net, f.from, f.to));
    FlowQuery q;
    q.from = f.from;
    q.to = f.to;
    Analysis analysis;
    analysis.from = f.from;
    analysis.to = f.to;
    analysis.result = max_flow(g, f.net, q);
    RenderOptions options;
    const fs::path out = f.dir / "map.png";
    for (auto _ : state) benchmark::DoNotOptimize(render_map(f.net, measures, &analysis, options, out).labels.size());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_Load)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildGraph)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildGraphTerminals)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MaxFlow<FlowAlgorithm::push_relabel>)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MaxFlow<FlowAlgorithm::boykov_kolmogorov>)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShortestPath)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UncertaintySeed)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UncertaintyGenerated)->Arg(1000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JointFlowSeed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JointFlowGenerated)->Arg(10000)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JointFlowResolve)->Args({10000, 1})->Args({10000, 0})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JointFlowResolve)->Args({100000, 1})->Args({100000, 0})->Iterations(6)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AssignDemands)->Args({10000, 100})->Args({100000, 100})->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AssignSingle)
    ->Args({10000, 1})
    ->Args({10000, 0})
    ->Args({100000, 1})
    ->Args({100000, 0})
    ->Args({1000000, 1})
    ->Args({1000000, 0})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportGeoJson)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportShapefile)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Render)->Arg(10000)->Arg(100000)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TileIndexBuild)->Arg(100000)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TilePerTile)
    ->Args({1000000, 4})
    ->Args({1000000, 8})
    ->Args({1000000, 12})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    gdal::init();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec))
        if (e.path().filename().string().rfind("corridor-bench-" + std::to_string(getpid()) + "-", 0) == 0)
            fs::remove_all(e.path(), ec);
    return 0;
}
