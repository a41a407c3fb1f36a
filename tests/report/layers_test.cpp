// The exported tables: shapefile-safe names, the documented fields, one row per feature.
#include "corridor/report/layers.hpp"

#include <gtest/gtest.h>

#include <set>

#include "corridor/graph/network_graph.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

std::set<std::string> names(const io::Table& t) {
    std::set<std::string> out;
    for (const auto& f : t.fields) out.insert(f.name);
    return out;
}

class Layers : public ::testing::Test {
protected:
    Network net = load_network(default_files(test::geodata_dir()));
    std::vector<RouteMeasure> measures = measure_routes(net, SpeedTable::defaults());
    io::Table places = io::materialised(places_table(net));
    io::Table routes = io::materialised(routes_table(net, measures));
};

TEST_F(Layers, FieldNamesFitAShapefile) {
    for (const auto* t : {&places, &routes})
        for (const auto& f : t->fields) EXPECT_LE(f.name.size(), 10u) << f.name;
    EXPECT_EQ(names(places).size(), places.fields.size()) << "no duplicate names";
    EXPECT_EQ(names(routes).size(), routes.fields.size()) << "no duplicate names";
}

TEST_F(Layers, DocumentedFieldsArePresent) {
    for (const char* f : {"id", "name", "country", "kind"}) EXPECT_TRUE(names(places).count(f)) << f;
    for (const char* f : {"id", "name", "mode", "commodity", "from_id", "to_id", "two_way", "length_km", "payload_t",
                          "trips_mo", "capacity", "pax_mo", "observed", "basis", "seed", "quote", "obs_quote"})
        EXPECT_TRUE(names(routes).count(f)) << f;
}

TEST_F(Layers, OneRowAndGeometryPerFeature) {
    EXPECT_EQ(places.rows.size(), net.places.size());
    EXPECT_EQ(routes.rows.size(), net.routes.size());
    EXPECT_EQ(routes.geometries.size(), net.routes.size());
    for (const auto& row : routes.rows) EXPECT_EQ(row.size(), routes.fields.size());
}

TEST_F(Layers, PlacePointsAndRouteLinesAreTheNetworks) {
    ASSERT_EQ(places.geometries.size(), net.places.size());
    for (std::size_t i = 0; i < net.places.size(); ++i)
        EXPECT_EQ(places.geometries[i], Polyline{net.places[i].pos}) << net.places[i].id;
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        EXPECT_EQ(routes.geometries[i], net.routes[i].line) << net.routes[i].id;
}

TEST_F(Layers, FerryRowCarriesItsMonthlyFigures) {
    auto col = [&](const std::string& name) {
        for (std::size_t i = 0; i < routes.fields.size(); ++i)
            if (routes.fields[i].name == name) return i;
        throw std::runtime_error(name);
    };
    for (const auto& row : routes.rows) {
        if (std::get<std::string>(row[col("id")]) != "mangyongbong_ferry") continue;
        EXPECT_DOUBLE_EQ(std::get<double>(row[col("capacity")]), 6000.0);
        EXPECT_DOUBLE_EQ(std::get<double>(row[col("pax_mo")]), 1200.0);
        EXPECT_EQ(std::get<std::string>(row[col("basis")]), "text");
        EXPECT_NE(std::get<std::string>(row[col("quote")]).find("six times a month"), std::string::npos);
        EXPECT_TRUE(std::holds_alternative<std::monostate>(row[col("observed")]));
        return;
    }
    FAIL() << "no ferry row";
}

TEST_F(Layers, WithoutAnalysisFlowFieldsAreNull) {
    std::size_t flow = 0;
    for (std::size_t i = 0; i < routes.fields.size(); ++i)
        if (routes.fields[i].name == "flow") flow = i;
    ASSERT_GT(flow, 0u);
    for (const auto& row : routes.rows) EXPECT_TRUE(std::holds_alternative<std::monostate>(row[flow]));
}

// A two-route chain a -> b -> c where b -> c is the bottleneck.
class ChainAnalysis : public ::testing::Test {
protected:
    Network net;
    std::vector<RouteMeasure> measures;
    Analysis analysis;
    void SetUp() override {
        net = test::NetBuilder()
                  .place("a", "KP")
                  .place("b", "KP")
                  .place("c", "KP")
                  .route("ab", "a", "b", 100)
                  .route("bc", "b", "c", 40)
                  .build();
        measures = measure_routes(net, SpeedTable::defaults());
        NetworkGraph g = build_graph(net);
        analysis.from = "a";
        analysis.to = "c";
        analysis.result = max_flow(g, net, query());
    }
    static FlowQuery query() {
        FlowQuery q;
        q.from = "a";
        q.to = "c";
        return q;
    }
    static std::size_t col(const io::Table& t, const std::string& name) {
        for (std::size_t i = 0; i < t.fields.size(); ++i)
            if (t.fields[i].name == name) return i;
        throw std::runtime_error(name);
    }
};

TEST_F(ChainAnalysis, RoutesCarryFlowUtilisationAndBottleneck) {
    const io::Table t = io::materialised(routes_table(net, measures, &analysis));
    auto col = [&](const std::string& name) { return ChainAnalysis::col(t, name); };
    EXPECT_EQ(std::get<std::int64_t>(t.rows[0][col("flow")]), 40);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][col("util")]), 0.4);
    EXPECT_EQ(std::get<std::int64_t>(t.rows[0][col("bottleneck")]), 0);
    EXPECT_EQ(std::get<std::int64_t>(t.rows[1][col("bottleneck")]), 1);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[1][col("util")]), 1.0);
    EXPECT_EQ(std::get<std::string>(t.rows[1][col("flow_dir")]), "forward");
}

TEST_F(ChainAnalysis, PlacesFlowsCsvAndBottlenecks) {
    const io::Table p = io::materialised(places_table(net, &analysis));
    EXPECT_EQ(std::get<std::int64_t>(p.rows[1][8]), 40);  // in_t_mo at b
    EXPECT_EQ(std::get<std::int64_t>(p.rows[1][9]), 40);  // out_t_mo at b
    EXPECT_EQ(std::get<std::int64_t>(p.rows[2][8]), 40);  // in_t_mo at c
    const io::Table f = flows_table(net, measures, analysis);
    ASSERT_EQ(f.rows.size(), 2u);
    EXPECT_EQ(std::get<std::string>(f.rows[1][1]), "b");
    EXPECT_EQ(std::get<std::string>(f.rows[1][2]), "c");
    const io::Table b = bottlenecks_table(net, measures, analysis);
    ASSERT_EQ(b.rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(b.rows[0][0]), "bc");
    EXPECT_EQ(bottleneck_sentence(analysis), "this route caps a to c at 40 t/month");
}

TEST_F(ChainAnalysis, AnUncertaintyRunAddsRangesAndCutProbabilities) {
    // Without one, no field is added (exports stay as they were).
    for (const char* f : {"cap_low", "cap_high", "cut_prob"}) {
        EXPECT_FALSE(names(routes_table(net, measures, &analysis)).count(f)) << f;
        EXPECT_FALSE(names(places_table(net, &analysis)).count(f)) << f;
    }
    // bc: 40 t/month, 20 to 60; the place b: 500 t/month, 300 to 900, never the limit.
    Figures f;
    f.capacity = 40;
    FigureBounds b;
    b.capacity.low = 20;
    b.capacity.high = 60;
    f.bounds = b;
    net.routes[1].figures = f;
    net.places[1].capacity = 500;
    net.places[1].cap_low = 300;
    net.places[1].cap_high = 900;
    measures = measure_routes(net, SpeedTable::defaults());
    UncertaintyOptions o;
    o.draws = 200;
    analysis.uncertainty = flow_uncertainty(net, query(), o);

    const io::Table t = io::materialised(routes_table(net, measures, &analysis));
    for (const auto& field : t.fields) EXPECT_LE(field.name.size(), 10u) << field.name;
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][col(t, "cap_low")]), 100);  // unranged: its capacity
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][col(t, "cap_high")]), 100);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][col(t, "cut_prob")]), 0);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[1][col(t, "cap_low")]), 20);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[1][col(t, "cap_high")]), 60);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[1][col(t, "cut_prob")]), 1);

    const io::Table p = io::materialised(places_table(net, &analysis));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(p.rows[0][col(p, "cut_prob")]));  // no capacity
    EXPECT_DOUBLE_EQ(std::get<double>(p.rows[1][col(p, "cut_prob")]), 0);

    const io::Table bn = bottlenecks_table(net, measures, analysis);
    ASSERT_EQ(bn.rows.size(), 1u);
    ASSERT_EQ(bn.rows[0].size(), bn.fields.size());
    const auto p10 = std::get<std::int64_t>(bn.rows[0][col(bn, "p10")]);
    const auto p90 = std::get<std::int64_t>(bn.rows[0][col(bn, "p90")]);
    EXPECT_GE(p10, 20);
    EXPECT_LE(p10, std::get<std::int64_t>(bn.rows[0][col(bn, "p50")]));
    EXPECT_LE(std::get<std::int64_t>(bn.rows[0][col(bn, "p50")]), p90);
    EXPECT_LE(p90, 60);
    EXPECT_DOUBLE_EQ(std::get<double>(bn.rows[0][col(bn, "cut_prob")]), 1);
}

TEST_F(ChainAnalysis, TilesCarryPlacesRoutesAndWithAFlowBottlenecks) {
    std::vector<std::string> without, with;
    for (const auto& t : tile_layers(net, measures, nullptr)) without.push_back(t.name);
    for (const auto& t : tile_layers(net, measures, &analysis)) with.push_back(t.name);
    EXPECT_EQ(without, (std::vector<std::string>{"places", "routes"}));
    EXPECT_EQ(with, (std::vector<std::string>{"places", "routes", "bottlenecks"}));
}

TEST_F(ChainAnalysis, EveryRowHasACellPerFieldAndNoColumnShiftsAnother) {
    // Each field's cell is the value its name says, looked up by name, with and without the
    // uncertainty columns appended.
    UncertaintyOptions o;
    o.draws = 10;
    for (const bool uncertain : {false, true}) {
        if (uncertain) analysis.uncertainty = flow_uncertainty(net, query(), o);
        const io::Table t = io::materialised(routes_table(net, measures, &analysis));
        for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.fields.size());
        EXPECT_EQ(std::get<std::string>(t.rows[1][col(t, "id")]), "bc");
        EXPECT_EQ(std::get<std::string>(t.rows[1][col(t, "from_id")]), "b");
        EXPECT_EQ(std::get<std::string>(t.rows[1][col(t, "to_id")]), "c");
        EXPECT_DOUBLE_EQ(std::get<double>(t.rows[1][col(t, "capacity")]), 40);
        EXPECT_EQ(std::get<std::int64_t>(t.rows[1][col(t, "flow")]), 40);
        EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[1][col(t, "gauge")]));
        const io::Table p = io::materialised(places_table(net, &analysis));
        for (const auto& row : p.rows) ASSERT_EQ(row.size(), p.fields.size());
        EXPECT_EQ(std::get<std::string>(p.rows[2][col(p, "id")]), "c");
        EXPECT_EQ(std::get<std::int64_t>(p.rows[2][col(p, "in_t_mo")]), 40);
        EXPECT_EQ(std::get<std::int64_t>(p.rows[2][col(p, "out_t_mo")]), 0);
    }
}

TEST_F(ChainAnalysis, UncertaintySentenceOnlyWithARun) {
    EXPECT_EQ(uncertainty_sentence(analysis), "");
    UncertaintyOptions o;
    o.draws = 10;
    o.seed = 7;
    analysis.seed = 7;
    analysis.uncertainty = flow_uncertainty(net, query(), o);  // no ranged figure: every draw gives 40
    EXPECT_EQ(uncertainty_sentence(analysis),
              "over 10 draws (seed 7) of 0 ranged figures: P10 40, P50 40, P90 40 t/month");
}

TEST(Report, ThousandsSeparators) {
    EXPECT_EQ(thousands(0), "0");
    EXPECT_EQ(thousands(999), "999");
    EXPECT_EQ(thousands(1000), "1,000");
    EXPECT_EQ(thousands(1234567), "1,234,567");
    EXPECT_EQ(thousands(-6000), "-6,000");
}

}  // namespace
}  // namespace corridor
