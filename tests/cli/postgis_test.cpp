// export --format postgis and --geodata PG:… against a live PostgreSQL with PostGIS and pgRouting
// (CORRIDOR_TEST_PG, set by scripts/test.sh through scripts/pg.sh; skipped without it), and the
// GeoPackage read-back. pgRouting's pgr_maxFlow and pgr_dijkstra, run by psql, are the peers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor::test {
namespace {
namespace fs = std::filesystem;

// The live database, or empty.
std::string test_pg() {
    const char* pg = std::getenv("CORRIDOR_TEST_PG");
    return pg != nullptr ? pg : "";
}

#define REQUIRE_PG()                                                                                 \
    if (test_pg().empty())                                                                           \
        GTEST_SKIP() << "CORRIDOR_TEST_PG is not set: scripts/test.sh starts a PostgreSQL for these" \
                        " tests (scripts/pg.sh)";

// psql's connection options for the PG: string ("PG:host=H dbname=D user=U").
std::string psql_conninfo() { return test_pg().substr(3); }

// Runs SQL with psql (unaligned, tuples only); the output without its last newline.
std::string psql(const std::string& sql) {
    TempDir tmp;
    write_file(tmp / "q.sql", sql);
    const std::string cmd = "psql -X -q -At -v ON_ERROR_STOP=1 " + shell_quote(psql_conninfo()) + " -f " +
                            shell_quote((tmp / "q.sql").string()) + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run psql");
    std::string out;
    char buf[4096];
    while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    const int status = pclose(pipe);
    if (status != 0) throw std::runtime_error("psql failed: " + out);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

// A schema of its own for each test (ctest runs them side by side), dropped at the end.
class Schema {
public:
    explicit Schema(const std::string& name) : name_(name) {
        psql("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_ + ";");
    }
    ~Schema() {
        try {
            psql("DROP SCHEMA IF EXISTS " + name_ + " CASCADE;");
        } catch (...) {}
    }
    std::string pg() const { return test_pg() + " schemas=" + name_; }
    std::string table(const std::string& t) const { return name_ + "." + t; }

private:
    std::string name_;
};

// The flow edges of docs/postgis.md ("Max flow with pgr_maxFlow"): a place with a capacity
// of its own (not a transfer or refinery) is two vertices, fid (in) and fid + n (out).
std::string flow_edges_sql(const Schema& s) {
    const std::string places = s.table("places"), routes = s.table("routes");
    return "WITH n AS (SELECT max(fid) AS n FROM " + places +
           "), v AS (SELECT p.fid, p.fid AS v_in, CASE WHEN p.capacity IS NOT NULL AND p.transfer IS NULL AND "
           "p.conv_from IS NULL THEN p.fid + n.n ELSE p.fid END AS v_out, p.capacity FROM " +
           places + " p, n) " +
           "SELECT 2 * r.fid AS id, a.v_out AS source, b.v_in AS target, r.capacity, -1 AS reverse_capacity, "
           "r.commodity FROM " +
           routes + " r JOIN v a ON a.fid = r.source JOIN v b ON b.fid = r.target UNION ALL " +
           "SELECT 2 * r.fid + 1, b.v_out, a.v_in, r.reverse_capacity, -1, r.commodity FROM " + routes +
           " r JOIN v a ON a.fid = r.source JOIN v b ON b.fid = r.target WHERE r.reverse_capacity >= 0 UNION ALL " +
           "SELECT -v.fid, v.v_in, v.v_out, floor(v.capacity + 1e-6)::bigint, -1, NULL FROM v WHERE v.v_out <> "
           "v.v_in";
}

// pgr_maxFlow from the places matching `from` to those matching `to` (SQL conditions on
// places), on the routes that carry `commodity`.
long long pgr_max_flow(const Schema& s, const std::string& commodity, const std::string& from, const std::string& to) {
    const std::string places = s.table("places");
    std::string edges = "SELECT id, source, target, capacity, reverse_capacity FROM (" + flow_edges_sql(s) +
                        ") e WHERE commodity IS NULL OR ',' || commodity || ',' LIKE '%," + commodity + ",%'";
    std::string quoted;
    for (char c : edges) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    const std::string out_vertex =
        "fid + CASE WHEN capacity IS NOT NULL AND transfer IS NULL AND conv_from IS NULL "
        "THEN (SELECT max(fid) FROM " +
        places + ") ELSE 0 END";
    return std::stoll(psql("SELECT coalesce(pgr_maxFlow('" + quoted + "', (SELECT array_agg(fid) FROM " + places +
                           " WHERE " + from + "), (SELECT array_agg(" + out_vertex + ") FROM " + places + " WHERE " +
                           to + ")), 0);"));
}

// corridor capacity's total (t/month) for a question.
long long corridor_capacity(const std::vector<std::string>& args) {
    std::vector<std::string> all{"capacity", "--json"};
    all.insert(all.end(), args.begin(), args.end());
    const CliResult r = run_binary(all, source_dir());
    if (r.code != 0) throw std::runtime_error("corridor capacity failed: " + r.err);
    return nlohmann::json::parse(r.out).at("throughput_t_mo").get<long long>();
}

CliResult export_to(const std::string& pg, const std::vector<std::string>& more = {}) {
    std::vector<std::string> args{"export", "--format", "postgis", "--out", pg};
    args.insert(args.end(), more.begin(), more.end());
    return run_binary(args, source_dir());
}

// The analysis layers as GeoJSON, from a network given by input options.
std::string exported(const fs::path& out, const std::vector<std::string>& inputs, const std::string& file) {
    std::vector<std::string> args{"export", "--format", "geojson", "--no-map", "--out", out.string()};
    args.insert(args.end(), inputs.begin(), inputs.end());
    const CliResult r = run_binary(args, source_dir());
    if (r.code != 0) throw std::runtime_error("export failed: " + r.err);
    return read_file(out / file);
}

// The shipped network's side files, named: a database has none beside it.
// The shipped folder's side files (seeds, land, scenarios, events, observations, transit
// rules, network.json's month) for a network read from a database or a GeoPackage.
std::vector<std::string> side_files() { return {"--side-files", (source_dir() / "geodata").string()}; }

TEST(Postgis, ShippedNetworkReadsBackByteForByte) {
    REQUIRE_PG();
    const Schema s("t_shipped");
    const CliResult w = export_to(s.pg());
    ASSERT_EQ(w.code, 0) << w.err;
    EXPECT_EQ(psql("SELECT count(*) FROM " + s.table("routes")), "42");
    EXPECT_EQ(psql("SELECT count(*) FROM " + s.table("places")), "39");
    // the GiST index on the geometry, and fid as the key
    EXPECT_NE(psql("SELECT indexdef FROM pg_indexes WHERE schemaname = 't_shipped' AND tablename = 'routes'")
                  .find("USING gist (geom)"),
              std::string::npos);
    TempDir tmp;
    std::vector<std::string> from_pg{"--geodata", s.pg()};
    const auto side = side_files();
    from_pg.insert(from_pg.end(), side.begin(), side.end());
    for (const char* file : {"places.geojson", "routes.geojson", "flows.csv"})
        EXPECT_EQ(exported(tmp / "files", {}, file), exported(tmp / "pg", from_pg, file)) << file;
}

// --side-files gives a database the folder's side files (network.json's month, the
// scenarios, events, observations, basemap and seeds beside it): the same answers as the
// folder. Without them, a quote's seed is reported missing with what to give.
TEST(Postgis, SideFilesMakeTheDatabaseAnswerAsTheFolder) {
    REQUIRE_PG();
    const Schema s("t_side");
    ASSERT_EQ(export_to(s.pg()).code, 0);
    const std::string side = (source_dir() / "geodata").string();
    for (const std::vector<std::string>& q :
         {std::vector<std::string>{"--from", "RU", "--to", "pyongyang"},
          std::vector<std::string>{"--from", "RU", "--to", "pyongyang", "--scenario", "ferry_stopped"}}) {
        std::vector<std::string> from_pg{"--geodata", s.pg(), "--side-files", side};
        from_pg.insert(from_pg.end(), q.begin(), q.end());
        EXPECT_EQ(corridor_capacity(from_pg), corridor_capacity(q)) << q.size();
    }
    const CliResult v = run_binary({"validate", "--geodata", s.pg(), "--side-files", side, "--quiet"}, source_dir());
    EXPECT_EQ(v.code, 0) << v.out << v.err;
    const CliResult bare = run_binary({"validate", "--geodata", s.pg()}, source_dir());
    EXPECT_NE(bare.out.find("(no seed folder: give --seeds)"), std::string::npos) << bare.out;
    EXPECT_EQ(bare.out.find("\" in \n"), std::string::npos) << bare.out;
}

TEST(Postgis, SourceAndTargetAreThePlacesRowNumbers) {
    REQUIRE_PG();
    const Schema s("t_rows");
    ASSERT_EQ(export_to(s.pg()).code, 0);
    const std::string p = s.table("places"), r = s.table("routes");
    // every route's source/target is the fid of its from_id/to_id place, fids 1..n in file order
    EXPECT_EQ(psql("SELECT count(*) FROM " + r + " r JOIN " + p + " a ON a.fid = r.source JOIN " + p +
                   " b ON b.fid = r.target WHERE a.id = r.from_id AND b.id = r.to_id"),
              "42");
    const auto places = read_json(source_dir() / "geodata" / "places.geojson");
    EXPECT_EQ(psql("SELECT id FROM " + p + " WHERE fid = 1"), places["features"][0]["properties"]["id"]);
    // the ferry: two-way, 6,000 t/month counted for 14 of May 2017's 31 days, rounded down
    EXPECT_EQ(psql("SELECT capacity || ' ' || reverse_capacity FROM " + r + " WHERE id = 'mangyongbong_ferry'"),
              "2709 2709");
    // one-way: no reverse edge; two-way: the same capacity both ways
    EXPECT_EQ(psql("SELECT count(*) FROM " + r + " WHERE NOT two_way"), "9");
    EXPECT_EQ(
        psql("SELECT count(*) FROM " + r + " WHERE NOT two_way AND (reverse_capacity <> -1 OR reverse_cost <> -1)"),
        "0");
    EXPECT_EQ(psql("SELECT count(*) FROM " + r + " WHERE two_way AND reverse_capacity <> capacity"), "0");
}

TEST(Postgis, MaxFlowAgreesWithPgRoutingOnTheShippedNetwork) {
    REQUIRE_PG();
    const Schema s("t_maxflow");
    ASSERT_EQ(export_to(s.pg()).code, 0);
    // Questions without a gauge change or a refinery on the way, every transit open (pgRouting
    // models none of them).
    struct Q {
        std::string commodity, from, to;
    };
    for (const Q& q : {Q{"coal", "CN", "KP"}, Q{"cargo", "CN", "KP"}, Q{"cargo", "KP", "RU"},
                       Q{"crude_oil", "CN", "KP"}, Q{"iron_ore", "KP", "CN"}, Q{"oil_products", "RU", "KP"}}) {
        const auto is = [](const std::string& end) {
            return end.size() == 2 ? "country = '" + end + "'" : "id = '" + end + "'";
        };
        EXPECT_EQ(pgr_max_flow(s, q.commodity, is(q.from), is(q.to)),
                  corridor_capacity({"--from", q.from, "--to", q.to, "--commodity", q.commodity, "--transit", "any"}))
            << q.commodity << " " << q.from << " → " << q.to;
    }
}

TEST(Postgis, DijkstraAgreesWithRouteByDistance) {
    REQUIRE_PG();
    const Schema s("t_dijkstra");
    ASSERT_EQ(export_to(s.pg()).code, 0);
    const std::string p = s.table("places");
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"khasan", "pyongyang"}, {"dandong", "nampo"}, {"vladivostok", "rajin"}, {"pyongyang", "hunchun"}}) {
        const CliResult r =
            run_binary({"route", "--from", from, "--to", to, "--by", "distance", "--json"}, source_dir());
        ASSERT_EQ(r.code, 0) << r.err;
        const double km = nlohmann::json::parse(r.out).at("length_km").get<double>();
        const double pgr =
            std::stod(psql("SELECT sum(cost) FROM pgr_dijkstra('SELECT fid AS id, source, target, cost, "
                           "reverse_cost FROM " +
                           s.table("routes") + "', (SELECT fid FROM " + p + " WHERE id = '" + from +
                           "'), (SELECT fid FROM " + p + " WHERE id = '" + to + "'));"));
        EXPECT_NEAR(pgr, km, 0.0005) << from << " → " << to;  // route prints 3 decimals
    }
}

TEST(Postgis, GeneratedNetworkReadsBackAndAgreesWithPgRouting) {
    REQUIRE_PG();
    const Schema s("t_generated");
    TempDir tmp;
    const fs::path net = tmp / "net";
    ASSERT_EQ(run_binary({"generate", "--routes", "10000", "--out", net.string()}, source_dir()).code, 0);
    const CliResult w = export_to(s.pg(), {"--geodata", net.string(), "--no-progress"});
    ASSERT_EQ(w.code, 0) << w.err;
    EXPECT_EQ(exported(tmp / "files", {"--geodata", net.string()}, "routes.geojson"),
              exported(tmp / "pg", {"--geodata", s.pg(), "--month", "none"}, "routes.geojson"));
    // several pairs, drawn with a fixed seed among the generated places (p<row>_<col>)
    std::mt19937 rng(20261203);
    std::uniform_int_distribution<int> row(0, 49), col(0, 99);
    for (int k = 0; k < 5; ++k) {
        const std::string from = fmt::format("p{}_{}", row(rng), col(rng));
        const std::string to = fmt::format("p{}_{}", row(rng), col(rng));
        if (from == to) continue;
        long long corridor = 0;
        try {
            corridor = corridor_capacity({"--geodata", net.string(), "--from", from, "--to", to});
        } catch (const std::exception&) {
            corridor = 0;  // no path at all: pgRouting's flow is 0 too
        }
        EXPECT_EQ(pgr_max_flow(s, "cargo", "id = '" + from + "'", "id = '" + to + "'"), corridor)
            << from << " → " << to;
    }
}

TEST(Postgis, ExistingTablesAreRefusedWithoutOverwrite) {
    REQUIRE_PG();
    const Schema s("t_refuse");
    ASSERT_EQ(export_to(s.pg()).code, 0);
    psql("UPDATE " + s.table("routes") + " SET name = 'edited' WHERE fid = 1;");
    const CliResult again = export_to(s.pg());
    EXPECT_EQ(again.code, 1);
    EXPECT_NE(again.err.find("table places exists: give --overwrite"), std::string::npos) << again.err;
    EXPECT_EQ(psql("SELECT name FROM " + s.table("routes") + " WHERE fid = 1"), "edited");  // nothing written
    const CliResult over = export_to(s.pg(), {"--overwrite"});
    EXPECT_EQ(over.code, 0) << over.err;
    EXPECT_NE(psql("SELECT name FROM " + s.table("routes") + " WHERE fid = 1"), "edited");
    EXPECT_EQ(psql("SELECT count(*) FROM " + s.table("routes")), "42");
}

TEST(Postgis, AFailedWriteLeavesNothing) {
    REQUIRE_PG();
    const Schema s("t_rollback");
    // A type named routes: the routes table cannot be created (PostgreSQL gives every table a
    // type of its name), after places was written in the same transaction, which must not stay.
    psql("CREATE TYPE t_rollback.routes AS (x int);");
    const CliResult r = export_to(s.pg());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 't_rollback'"), "0");
}

// A hand-drawn rail ladder in EPSG:4326 as loose lines (no topology fields), for import and
// for pgr_createTopology: S and T at the ends, a top row A2..A4 and a bottom row B1..B4 joined
// by rungs, and a middle line S-M-T in two pieces. Capacities come from `usage` and `oneway`.
// Some ends miss the point they join by 1 to 2.5 m (near_miss): pgr_createTopology's tolerance
// is in the layer's units (degrees) and corridor's --snap in metres, so the test uses 0.0001
// degrees (8.3 m east-west and 11.1 m north-south at 42 degrees N) and --snap 10: every near
// miss is within both, every two distinct points (0.1 degrees apart, over 8 km) within neither,
// so both join the same ends.
const char* kLadderRulesJson = R"([
  {"where": "oneway = 'yes'", "mode": "rail", "two_way": false, "capacity": 3000, "note": "one-way rung"},
  {"where": "usage = 'main'", "mode": "rail", "capacity": 9000, "note": "main"},
  {"where": "usage = 'branch'", "mode": "rail", "capacity": 4000, "note": "branch"},
  {"where": "usage = 'yard'", "mode": "rail", "capacity": 1500, "note": "yard"},
  {"where": "usage = 'industrial'", "mode": "rail", "capacity": 2500, "note": "industrial"}
])";

// pgRouting's capacity columns from the same attributes as kLadderRulesJson.
const char* kLadderCapacitySql =
    "UPDATE {lines} SET capacity = CASE WHEN oneway = 'yes' THEN 3000 WHEN usage = 'main' THEN 9000 "
    "WHEN usage = 'branch' THEN 4000 WHEN usage = 'yard' THEN 1500 WHEN usage = 'industrial' THEN 2500 END, "
    "reverse_capacity = CASE WHEN oneway = 'yes' THEN -1 ELSE 0 END;"
    "UPDATE {lines} SET reverse_capacity = capacity WHERE reverse_capacity = 0;";

struct LonLatPoint {
    double lon, lat;
};
const LonLatPoint kS{130.0, 42.0}, kT{130.5, 42.0}, kM{130.25, 42.0}, kA2{130.2, 42.1}, kA3{130.3, 42.1},
    kA4{130.4, 42.1}, kB1{130.1, 41.9}, kB2{130.2, 41.9}, kB3{130.3, 41.9}, kB4{130.4, 41.9};

LonLatPoint near_miss(LonLatPoint p, double dlon, double dlat) { return {p.lon + dlon, p.lat + dlat}; }

nlohmann::json ladder_geojson() {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    int id = 0;
    auto line = [&](std::vector<LonLatPoint> pts, const char* usage, bool oneway = false) {
        nlohmann::json coords = nlohmann::json::array();
        for (const auto& p : pts) coords.push_back({p.lon, p.lat});
        nlohmann::json props = {{"usage", usage}, {"oneway", oneway ? nlohmann::json("yes") : nlohmann::json()}};
        fc["features"].push_back({{"type", "Feature"},
                                  {"id", ++id},
                                  {"properties", props},
                                  {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}});
    };
    line({kS, {130.1, 42.1}, kA2}, "main");                 // S-A2 through an interior vertex
    line({near_miss(kA2, 0.00002, 0.00001), kA3}, "main");  // starts 1.9 m from A2
    line({kA3, kA4}, "branch");
    line({kA4, near_miss(kT, -0.00003, 0.0)}, "main");  // ends 2.5 m short of T
    line({kS, kB1}, "branch");
    line({kB1, kB2}, "main");
    line({kB2, near_miss(kB3, 0.0, -0.00001)}, "main");  // ends 1.1 m south of B3
    line({kB3, kB4}, "main");
    line({kB4, kT}, "branch");
    line({kB1, kA2}, "yard");  // the rungs
    line({kA2, kB2}, "yard");
    line({kB3, kA3}, "branch", true);  // one way, north
    line({kA4, near_miss(kB4, 0.00001, 0.00001)}, "industrial");
    line({kS, near_miss(kM, 0.00002, -0.00001)}, "industrial");  // the middle line, in two pieces
    line({kM, kT}, "industrial");
    return fc;
}

// The id of the place of an import's places.geojson within 10 m of p.
std::string place_at(const fs::path& geodata, LonLatPoint p) {
    const auto places = read_json(geodata / "places.geojson");
    for (const auto& f : places["features"]) {
        const auto& c = f["geometry"]["coordinates"];
        if (std::abs(c[0].get<double>() - p.lon) < 0.0001 && std::abs(c[1].get<double>() - p.lat) < 0.0001)
            return f["properties"]["id"];
    }
    throw std::runtime_error(fmt::format("no place at {} {}", p.lon, p.lat));
}

// ogr2ogr (a peer writer) loads a GeoJSON file into a table of the schema, keeping its ids.
void load_into_postgis(const Schema& s, const fs::path& file, const std::string& table) {
    const std::string schema = s.table("").substr(0, s.table("").size() - 1);
    const std::string cmd = "ogr2ogr -f PostgreSQL " + shell_quote(test_pg()) + " " + shell_quote(file.string()) +
                            " -nln " + table + " -lco SCHEMA=" + schema +
                            " -lco GEOMETRY_NAME=geom -lco FID=id -preserve_fid 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// The ladder's lines and rules in dir, and its lines in the table `lines` of the schema.
void stage_ladder(const Schema& s, const fs::path& dir) {
    write_file(dir / "lines.geojson", ladder_geojson().dump());
    write_file(dir / "rules.json", kLadderRulesJson);
    load_into_postgis(s, dir / "lines.geojson", "lines");
}

TEST(Postgis, ImportedMaxFlowEqualsPgRoutingAfterCreateTopology) {
    REQUIRE_PG();
    const Schema s("t_topology");
    TempDir tmp;
    stage_ladder(s, tmp.path());

    // pgRouting: source/target by pgr_createTopology at 0.0001 degrees, capacities by SQL.
    const std::string lines = s.table("lines");
    psql(
        fmt::format("ALTER TABLE {0} ADD COLUMN source bigint, ADD COLUMN target bigint, ADD COLUMN capacity "
                    "bigint, ADD COLUMN reverse_capacity bigint;",
                    lines));
    EXPECT_EQ(psql(fmt::format(
                  "SET client_min_messages = warning; SELECT pgr_createTopology('{}', 0.0001, 'geom', 'id');", lines)),
              "OK");
    psql(fmt::format(fmt::runtime(kLadderCapacitySql), fmt::arg("lines", lines)));
    // 15 lines, 10 points: the near misses joined, nothing else
    EXPECT_EQ(psql("SELECT count(*) FROM " + s.table("lines_vertices_pgr")), "10");

    // corridor: the same lines, --snap 10 metres.
    const fs::path net = tmp / "net";
    const CliResult imp = run_binary({"import", (tmp / "lines.geojson").string(), "--rules",
                                      (tmp / "rules.json").string(), "--snap", "10", "--out", net.string(), "--quiet"},
                                     source_dir());
    ASSERT_EQ(imp.code, 0) << imp.err;
    const auto report = read_json(net / "import-report.json");
    EXPECT_EQ(report["topology"]["snapped_ends"], 5);

    const auto vertex = [&](LonLatPoint p) {
        return psql(
            fmt::format("SELECT id FROM {} WHERE ST_DWithin(the_geom, ST_SetSRID(ST_MakePoint({}, {}), "
                        "4326), 0.0001)",
                        s.table("lines_vertices_pgr"), p.lon, p.lat));
    };
    const std::string edges = "SELECT id, source, target, capacity, reverse_capacity FROM " + lines;
    for (const auto& [from, to] : std::vector<std::pair<LonLatPoint, LonLatPoint>>{
             {kS, kT}, {kT, kS}, {kB2, kA4}, {kA4, kB2}, {kB3, kA3}, {kA3, kB3}, {kB1, kT}}) {
        const long long pgr =
            std::stoll(psql(fmt::format("SELECT pgr_maxFlow('{}', {}, {});", edges, vertex(from), vertex(to))));
        const long long ours = corridor_capacity(
            {"--geodata", net.string(), "--from", place_at(net, from), "--to", place_at(net, to), "--quiet"});
        EXPECT_GT(pgr, 0);
        EXPECT_EQ(ours, pgr) << from.lon << " " << from.lat << " → " << to.lon << " " << to.lat;
    }
}

// corridor import "PG:…" --layer TABLE reads the table ogr2ogr loaded the file into: the
// same network, byte for byte.
TEST(Postgis, ImportFromPostgisIsTheImportOfTheFile) {
    REQUIRE_PG();
    const Schema s("t_import");
    TempDir tmp;
    stage_ladder(s, tmp.path());
    const auto import = [&](const std::string& src, const std::string& out) {
        const CliResult r = run_binary({"import", src, "--layer", "lines", "--rules", (tmp / "rules.json").string(),
                                        "--snap", "10", "--out", (tmp / out).string(), "--quiet"},
                                       source_dir());
        EXPECT_EQ(r.code, 0) << r.err;
    };
    import((tmp / "lines.geojson").string(), "file");
    import(s.pg(), "pg");
    for (const char* f : {"places.geojson", "routes.geojson"})
        EXPECT_EQ(read_file(tmp / "file" / f), read_file(tmp / "pg" / f)) << f;
    const auto report = read_json(tmp / "pg" / "import-report.json");
    EXPECT_EQ(report["sources"][0]["driver"], "PostgreSQL");
    EXPECT_EQ(report["sources"][0]["features"], 15);
    EXPECT_EQ(report["counts"]["routes"], read_json(tmp / "file" / "import-report.json")["counts"]["routes"]);
}

}  // namespace

// Not live: an unreachable database is one line naming host and database, never the
// password, and no prompt (stdin is closed; libpq never asks).
TEST(PostgisBadInput, AConnectionThatFailsIsOneLineWithoutThePassword) {
    TempDir tmp;
    const std::string pg = "PG:host=" + (tmp / "no-server").string() + " dbname=nowhere user=me password=s3cret";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"capacity", "--from", "RU", "--to", "pyongyang", "--geodata", pg},
          std::vector<std::string>{"export", "--format", "postgis", "--out", pg},
          std::vector<std::string>{"import", pg, "--layer", "lines", "--rules",
                                   (source_dir() / "geodata" / "rules" / "osm-railways.json").string(), "--out",
                                   (tmp / "net").string()}}) {
        const CliResult r = run_binary(args, source_dir());
        EXPECT_EQ(r.code, 1) << r.err;
        EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
        EXPECT_NE(
            r.err.find("cannot connect to PostgreSQL (host " + (tmp / "no-server").string() + ", database nowhere)"),
            std::string::npos)
            << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

TEST(PostgisBadInput, PostgisGoesAloneAndOnlyToADatabase) {
    EXPECT_EQ(run_cli({"export", "--format", "postgis,gpkg", "--out", "PG:dbname=x"}).code, 2);
    EXPECT_EQ(run_cli({"export", "--format", "postgis", "--out", "out"}).code, 2);
    EXPECT_EQ(run_cli({"export", "--format", "gpkg", "--out", "PG:dbname=x"}).code, 2);
}

// A GeoPackage holding layers places and routes (ogr2ogr's, a peer writer) loads as the
// folder does: the same analysis layers, byte for byte.
TEST(GeoPackageInput, LoadsLikeTheFolder) {
    TempDir tmp;
    const fs::path gpkg = tmp / "net.gpkg";
    const fs::path g = source_dir() / "geodata";
    for (const char* layer : {"places", "routes"}) {
        const std::string cmd = "ogr2ogr -f GPKG " + std::string(fs::exists(gpkg) ? "-update " : "") +
                                shell_quote(gpkg.string()) + " " +
                                shell_quote((g / (std::string(layer) + ".geojson")).string()) + " -nln " + layer;
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    std::vector<std::string> inputs{"--geodata", gpkg.string()};
    const auto side = side_files();
    inputs.insert(inputs.end(), side.begin(), side.end());
    for (const char* file : {"places.geojson", "routes.geojson"})
        EXPECT_EQ(exported(tmp / "files", {}, file), exported(tmp / "gpkg", inputs, file)) << file;
    // a missing layer names the datasource and the layers it has
    const CliResult r = run_binary({"validate", "--geodata", (g / "land.geojson").string()}, source_dir());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("no layer places (the layers: land)"), std::string::npos) << r.err;
}

// export --format gpkg writes the network itself into corridor.gpkg (input_places,
// input_routes) beside the analysis layers: --geodata corridor.gpkg with the folder's side
// files (--side-files) gives the folder's layers byte for byte and its answers.
TEST(GeoPackageInput, AnExportsGeoPackageReadsBack) {
    TempDir tmp;
    const fs::path out = tmp / "out";
    const CliResult w = run_binary({"export", "--format", "gpkg", "--no-map", "--out", out.string()}, source_dir());
    ASSERT_EQ(w.code, 0) << w.err;
    const std::string gpkg = (out / "corridor.gpkg").string();
    const std::string side = (source_dir() / "geodata").string();
    for (const char* file : {"places.geojson", "routes.geojson", "flows.csv"})
        EXPECT_EQ(exported(tmp / "files", {}, file),
                  exported(tmp / "gpkg", {"--geodata", gpkg, "--side-files", side}, file))
            << file;
    for (const std::vector<std::string>& q :
         {std::vector<std::string>{"--from", "RU", "--to", "pyongyang"},
          std::vector<std::string>{"--from", "RU", "--to", "pyongyang", "--scenario", "ferry_stopped"},
          std::vector<std::string>{"--from", "CN", "--to", "KP", "--commodity", "coal", "--month", "2019-03"}}) {
        std::vector<std::string> from_gpkg{"--geodata", gpkg, "--side-files", side};
        from_gpkg.insert(from_gpkg.end(), q.begin(), q.end());
        EXPECT_EQ(corridor_capacity(from_gpkg), corridor_capacity(q)) << q[1] << " → " << q[3];
    }
    // A GeoPackage without input layers (a user's own) is read from places and routes, as
    // LoadsLikeTheFolder checks; the analysis layers are still there for a GIS.
    const CliResult info = run_binary({"validate", "--geodata", gpkg, "--side-files", side, "--quiet"}, source_dir());
    EXPECT_EQ(info.code, 0) << info.out << info.err;
    EXPECT_NE(info.out.find("ok: 39 places, 42 routes"), std::string::npos) << info.out;
}

}  // namespace corridor::test
