// Joint multi-commodity max-flow: hand-checked cases, duals, re-solves, agreement with
// max_flow for one commodity, and with an independent LP solved by GLPK on random graphs.
#include "corridor/graph/multicommodity.hpp"

#include <fmt/format.h>
#include <glpk.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corridor/model/capacity.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using test::NetBuilder;

FlowQuery query(const std::string& from, const std::string& to) {
    FlowQuery q;
    q.from = from;
    q.to = to;
    return q;
}

Flow union_flow(const Network& net, const FlowQuery& q) {
    NetworkGraph ng = build_graph(net);
    return max_flow(ng, net, q).throughput;
}

// The union max-flow, 0 where max_flow finds no path.
Flow union_or_zero(const Network& net, const FlowQuery& q) {
    try {
        return union_flow(net, q);
    } catch (const infeasible_error&) {
        return 0;
    }
}

std::map<std::string, double> binding_routes(const Network& net, const JointFlowResult& r) {
    std::map<std::string, double> out;
    for (const BindingItem& b : r.binding)
        if (!b.is_place) out[net.routes[b.index].id] = b.dual;
    return out;
}

unsigned long long test_seed() {
    if (const char* s = std::getenv("CORRIDOR_TEST_SEED"); s != nullptr && *s != '\0')
        return std::strtoull(s, nullptr, 10);
    return 20261202ULL;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

// ---------------------------------------------------------------------------------------------
// Hand-made networks.

// Crude oil comes off a pipeline where only a cargo railway goes on.
Network crude_into_cargo_rail() {
    return NetBuilder()
        .place("dandong", "CN")
        .place("sinuiju", "KP")
        .place("pyongyang", "KP")
        .route("pipe", "dandong", "sinuiju", 100, {Mode::pipeline, false, {"crude_oil"}})
        .route("bridge", "dandong", "sinuiju", 200, {Mode::bridge, true, {"cargo", "coal"}})
        .route("rail", "sinuiju", "pyongyang", 1000, {Mode::rail, true, {"cargo", "coal"}})
        .build();
}

TEST(JointFlow, CrudeDoesNotContinueOnACargoRailway) {
    const Network net = crude_into_cargo_rail();
    const FlowQuery q = query("CN", "pyongyang");
    EXPECT_EQ(union_flow(net, q), 300) << "the union max-flow sends the crude on by rail";
    EXPECT_TRUE(needs_joint_flow(net, q));
    EXPECT_EQ(query_commodities(net, q), (std::vector<std::string>{"cargo", "coal", "crude_oil"}));
    const JointFlowResult r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.throughput, 200);
    EXPECT_EQ(r.rounded, 200);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("crude_oil"), 0);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("cargo") + r.by_commodity.at("coal"), 200);
    EXPECT_DOUBLE_EQ(r.route_load[0], 0) << "the pipeline leads nowhere crude may go";
    EXPECT_DOUBLE_EQ(r.route_load[1], 200);
    EXPECT_EQ(binding_routes(net, r), (std::map<std::string, double>{{"bridge", 1.0}}));
    // to Sinuiju the crude counts
    EXPECT_DOUBLE_EQ(joint_max_flow(net, query("dandong", "sinuiju")).throughput, 300);
}

// Russian-gauge track to the border, a dual-gauge section across it, standard gauge beyond.
// `swap` changes gauge (a transfer place) or not; the port at the far end of the dual track
// is reached by both gauges.
Network gauge_break(bool transfer_at_swap, std::optional<double> transfer_cap = std::nullopt) {
    Network net = NetBuilder()
                      .place("ru", "RU")
                      .place("border", "RU")
                      .place("swap", "KP", transfer_cap)
                      .place("port", "KP")
                      .place("inland", "KP")
                      .route("ru_line", "ru", "border", 1000, {Mode::rail, true, {"cargo"}})
                      .route("dual_1", "border", "swap", 500, {Mode::rail, true, {"cargo"}})
                      .route("dual_2", "swap", "port", 500, {Mode::rail, true, {"cargo"}})
                      .route("std_line", "swap", "inland", 1000, {Mode::rail, true, {"cargo"}})
                      .route("port_line", "port", "inland", 1000, {Mode::rail, true, {"cargo"}})
                      .build();
    auto gauge = [&](const char* id, Gauge g) {
        for (auto& r : net.routes)
            if (r.id == id) r.gauge = g;
    };
    gauge("ru_line", 1520);
    gauge("dual_1", kDualGauge);
    gauge("dual_2", kDualGauge);
    gauge("std_line", 1435);
    gauge("port_line", 1435);
    if (transfer_at_swap) net.places[2].transfer = "gauge";
    return net;
}

TEST(JointFlowGauge, FlowChangesGaugeOnlyAtATransferPlace) {
    // Without a transfer place Russian-gauge trains reach the port on the dual track but
    // cannot go on by standard gauge: nothing reaches `inland`, though the union max-flow
    // (gauges ignored) sends 500.
    const Network none = gauge_break(false);
    const FlowQuery q = query("ru", "inland");
    EXPECT_EQ(union_flow(none, q), 500);
    EXPECT_TRUE(needs_joint_flow(none, q)) << "two gauges";
    EXPECT_THROW(joint_max_flow(none, q), infeasible_error);
    EXPECT_DOUBLE_EQ(joint_max_flow(none, query("ru", "port")).throughput, 500) << "the dual track carries 1520";
    // With a transfer place of 200 t/month: 200 change gauge there; through trains to the
    // port are not limited by it.
    const Network swap = gauge_break(true, 200.0);
    const JointFlowResult r = joint_max_flow(swap, q);
    EXPECT_DOUBLE_EQ(r.throughput, 200);
    ASSERT_EQ(r.binding.size(), 1u);
    EXPECT_TRUE(r.binding[0].is_place);
    EXPECT_EQ(swap.places[r.binding[0].index].id, "swap");
    EXPECT_DOUBLE_EQ(joint_max_flow(swap, query("ru", "port")).throughput, 500);
    // A transfer place without a capacity changes any amount.
    EXPECT_DOUBLE_EQ(joint_max_flow(gauge_break(true), q).throughput, 500);
}

TEST(JointFlowGauge, NoUTurnGoesRoundTheGaugeRule) {
    // A two-way road from the port to a town and back: off the 1520 train at the port, there
    // and back by road, onto a 1435 train. The road's capacity would carry 150 each way; one
    // commodity one way per route leaves nothing to reach `inland`.
    Network net = gauge_break(false);
    net.places.push_back(net.places[3]);
    net.places.back().id = "town";
    net.places.back().pos.lon += 0.1;
    net.build_index();
    Route road = net.routes[0];
    road.id = "port_town_road";
    road.mode = Mode::road;
    road.gauge = kNoGauge;
    road.from_id = "port";
    road.to_id = "town";
    road.figures.capacity = 300;
    road.line = {net.place("port").pos, net.place("town").pos};
    net.routes.push_back(road);
    net.build_index();
    EXPECT_THROW(joint_max_flow(net, query("ru", "inland")), infeasible_error);
    // The road still carries the port's cargo to the town, one way.
    EXPECT_DOUBLE_EQ(joint_max_flow(net, query("ru", "town")).throughput, 300);
}

TEST(JointFlowGauge, OneGaugeOrNoneIsTheUnionMaxFlow) {
    Network net = gauge_break(false);
    for (auto& r : net.routes) r.gauge = kNoGauge;
    EXPECT_FALSE(needs_joint_flow(net, query("ru", "inland")));
    for (auto& r : net.routes) r.gauge = 1435;
    EXPECT_FALSE(needs_joint_flow(net, query("ru", "inland")));
    EXPECT_EQ(union_flow(net, query("ru", "inland")), 500);
}

TEST(JointFlowGauge, ABridgePlaceIsOnlyCrossedAndLoadsGoOntoThePlacesOwnGauge) {
    // Everything in RU is an origin, the border station included: what starts there is loaded
    // onto its own gauge (1520), so it still changes gauge only at `swap`.
    Network net = gauge_break(true, 200.0);
    EXPECT_DOUBLE_EQ(joint_max_flow(net, query("RU", "inland")).throughput, 200);
    // A bridge place: nothing is loaded onto rail there (rail flow neither starts nor ends on it).
    net.places[1].kind = "bridge";
    EXPECT_THROW(joint_max_flow(net, query("border", "inland")), infeasible_error);
    EXPECT_DOUBLE_EQ(joint_max_flow(net, query("RU", "inland")).throughput, 200);
}

// Crude by pipeline to a refinery that turns it into oil products, which go on by rail.
Network refinery(std::optional<double> refinery_cap) {
    Network net = NetBuilder()
                      .place("depot", "CN")
                      .place("refinery", "KP", refinery_cap)
                      .place("city", "KP")
                      .place("port", "CN")
                      .route("pipe", "depot", "refinery", 300, {Mode::pipeline, false, {"crude_oil"}})
                      .route("rail", "refinery", "city", 1000, {Mode::rail, false, {"oil_products", "cargo"}})
                      .route("tanker", "port", "city", 50, {Mode::tanker, false, {"oil_products"}})
                      .build();
    net.places[1].converts_from = "crude_oil";
    net.places[1].converts_to = "oil_products";
    return net;
}

TEST(JointFlowConversion, CrudeBecomesOilProductsAtTheRefineryAndNeverRidesTheRail) {
    const Network net = refinery(120.0);
    FlowQuery q = query("CN", "city");
    EXPECT_TRUE(needs_joint_flow(net, q));
    JointFlowResult r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.throughput, 170) << "120 refined (its capacity) + 50 by tanker";
    EXPECT_DOUBLE_EQ(r.by_commodity.at("oil_products"), 170);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("crude_oil"), 0);
    EXPECT_DOUBLE_EQ(r.converted[1], 120);
    EXPECT_DOUBLE_EQ(r.route_load[0], 120) << "the pipeline carries what is refined";
    for (const auto& f : r.flows)
        if (f.commodity == "crude_oil") {
            EXPECT_DOUBLE_EQ(f.route_flow[1], 0) << "no crude on the railway";
        }
    // Asked for oil products alone, the crude is a feed: the same answer.
    q.commodity = "oil_products";
    EXPECT_TRUE(needs_joint_flow(net, q));
    r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.throughput, 170);
    JointFlowModel model(net, q);
    EXPECT_EQ(model.asked(), 1u);
    EXPECT_EQ(model.commodities(), (std::vector<std::string>{"oil_products", "crude_oil"}));
    // Without a capacity the refinery converts all the pipeline brings.
    EXPECT_DOUBLE_EQ(joint_max_flow(refinery(std::nullopt), q).throughput, 350);
    // To the refinery itself the crude is delivered as crude (or refined there: the same tonnes).
    EXPECT_DOUBLE_EQ(joint_max_flow(net, query("depot", "refinery")).throughput, 300);
}

// Coal and oil products reach `hub` on their own lines and share `shared` onwards.
Network two_commodities_share_a_route(double shared_cap) {
    return NetBuilder()
        .place("o")
        .place("hub")
        .place("x")
        .place("t")
        .route("coal_in", "o", "hub", 100, {Mode::rail, false, {"coal"}})
        .route("oil_in", "o", "hub", 100, {Mode::tanker, false, {"oil_products"}})
        .route("shared", "hub", "x", shared_cap, {Mode::rail, true, {"coal", "oil_products"}})
        .route("coal_out", "x", "t", 60, {Mode::rail, false, {"coal"}})
        .route("oil_out", "x", "t", 120, {Mode::road, false, {"oil_products"}})
        .build();
}

TEST(JointFlowLimits, ANationalCapHoldsTheCommodityWhateverTheRoute) {
    const Network net = two_commodities_share_a_route(150);
    FlowQuery q = query("o", "t");
    const double uncapped = joint_max_flow(net, q).by_commodity.at("coal");
    ASSERT_GT(uncapped, 40);
    q.limits = {{"coal", 40, 1.0}};
    EXPECT_TRUE(needs_joint_flow(net, q));
    JointFlowResult r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("coal"), 40);
    ASSERT_EQ(r.binding_limits.size(), 1u);
    EXPECT_EQ(r.binding_limits[0].commodity, "coal");
    // In force for a quarter of the month: 1/4 at the cap, 3/4 at the uncapped rate.
    q.limits = {{"coal", 0, 0.25}};
    r = joint_max_flow(net, q);
    EXPECT_NEAR(r.by_commodity.at("coal"), std::floor(0.75 * uncapped + 1e-6), 1e-6);
    // A cap on a commodity the query does not span changes nothing.
    q.limits = {{"crude_oil", 0, 1.0}};
    q.commodity = "coal";
    EXPECT_FALSE(needs_joint_flow(net, q));
    // A cap of 0 for the whole month: a one-line reason naming the cap.
    q.limits = {{"coal", 0, 1.0}};
    try {
        joint_max_flow(net, q);
        ADD_FAILURE() << "expected infeasible_error";
    } catch (const infeasible_error& e) {
        EXPECT_NE(std::string(e.what()).find("a national cap holds coal"), std::string::npos) << e.what();
    }
}

TEST(JointFlow, TwoCommoditiesCompeteForOneRoute) {
    const Network net = two_commodities_share_a_route(150);
    const FlowQuery q = query("o", "t");
    const JointFlowResult r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.throughput, 150);
    EXPECT_LE(r.by_commodity.at("coal"), 60 + 1e-9);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("coal") + r.by_commodity.at("oil_products"), 150);
    EXPECT_DOUBLE_EQ(r.route_load[2], 150);
    EXPECT_EQ(binding_routes(net, r), (std::map<std::string, double>{{"shared", 1.0}}));

    // wider: coal_out and oil_in bind instead, each worth a tonne a tonne
    const JointFlowResult w = joint_max_flow(two_commodities_share_a_route(500), q);
    EXPECT_DOUBLE_EQ(w.throughput, 160);
    EXPECT_DOUBLE_EQ(w.by_commodity.at("coal"), 60);
    EXPECT_DOUBLE_EQ(w.by_commodity.at("oil_products"), 100);
    EXPECT_EQ(binding_routes(net, w), (std::map<std::string, double>{{"coal_out", 1.0}, {"oil_in", 1.0}}));
}

// Coal must cross `link` from x to y, oil products from y to x: both directions share it.
TEST(JointFlow, BothDirectionsOfATwoWayRouteShareItsCapacity) {
    const Network net = NetBuilder()
                            .place("o")
                            .place("x")
                            .place("y")
                            .place("t")
                            .route("coal_a", "o", "x", 100, {Mode::rail, false, {"coal"}})
                            .route("coal_b", "y", "t", 100, {Mode::rail, false, {"coal"}})
                            .route("oil_a", "o", "y", 100, {Mode::road, false, {"oil_products"}})
                            .route("oil_b", "x", "t", 100, {Mode::road, false, {"oil_products"}})
                            .route("link", "x", "y", 70, {Mode::rail, true, {"coal", "oil_products"}})
                            .build();
    const FlowQuery q = query("o", "t");
    EXPECT_EQ(union_flow(net, q), 200);
    const JointFlowResult r = joint_max_flow(net, q);
    EXPECT_DOUBLE_EQ(r.throughput, 70);
    EXPECT_DOUBLE_EQ(r.route_load[4], 70);
    EXPECT_EQ(binding_routes(net, r), (std::map<std::string, double>{{"link", 1.0}}));
    for (const CommodityFlow& f : r.flows)
        if (f.throughput > 0) {
            EXPECT_EQ(f.route_backward[4], f.commodity == "oil_products") << f.commodity;
        }
}

TEST(JointFlow, PlaceCapacityIsSharedAndBinds) {
    const Network net = NetBuilder()
                            .place("o")
                            .place("port", "RU", 120.0)
                            .place("t")
                            .route("coal_in", "o", "port", 100, {Mode::bulk, false, {"coal"}})
                            .route("oil_in", "o", "port", 100, {Mode::tanker, false, {"oil_products"}})
                            .route("out", "port", "t", 500, {Mode::rail, false, {"coal", "oil_products"}})
                            .build();
    const JointFlowResult r = joint_max_flow(net, query("o", "t"));
    EXPECT_DOUBLE_EQ(r.throughput, 120);
    EXPECT_TRUE(binding_routes(net, r).empty());
    ASSERT_EQ(r.binding.size(), 1u);
    EXPECT_TRUE(r.binding[0].is_place);
    EXPECT_EQ(r.binding[0].index, 1u);
    EXPECT_DOUBLE_EQ(r.binding[0].capacity, 120);
    EXPECT_DOUBLE_EQ(r.binding[0].dual, 1);
    EXPECT_DOUBLE_EQ(r.place_in[1], 120);
    EXPECT_DOUBLE_EQ(r.place_out[1], 120);
}

TEST(JointFlow, PathsSplitEachCommodity) {
    const Network net = two_commodities_share_a_route(500);
    const JointFlowResult r = joint_max_flow(net, query("o", "t"));
    ASSERT_EQ(r.flows.size(), 2u);
    EXPECT_EQ(r.flows[0].commodity, "coal");
    ASSERT_EQ(r.flows[0].paths.size(), 1u);
    EXPECT_EQ(r.flows[0].paths[0].routes, (std::vector<std::size_t>{0, 2, 3}));
    EXPECT_DOUBLE_EQ(r.flows[0].paths[0].flow, 60);
    ASSERT_EQ(r.flows[1].paths.size(), 1u);
    EXPECT_EQ(r.flows[1].paths[0].routes, (std::vector<std::size_t>{1, 2, 4}));
    EXPECT_DOUBLE_EQ(r.flows[1].paths[0].flow, 100);
}

TEST(JointFlow, CommodityListAndPassengers) {
    const Network net = crude_into_cargo_rail();
    FlowQuery q = query("CN", "pyongyang");
    q.commodity_list = {"coal", "crude_oil"};
    EXPECT_TRUE(needs_joint_flow(net, q));
    EXPECT_DOUBLE_EQ(joint_max_flow(net, q).throughput, 200);
    q.commodity_list = {"coal", "cargo"};
    EXPECT_TRUE(needs_joint_flow(net, q)) << "the union max-flow would open the pipeline, which carries neither";
    EXPECT_DOUBLE_EQ(joint_max_flow(net, q).throughput, 200);

    q.commodity_list = {"coal", "passengers"};
    EXPECT_THROW(query_commodities(net, q), infeasible_error);
    q.commodity_list = {"coal", "tea"};
    EXPECT_THROW(query_commodities(net, q), infeasible_error);
    q.commodity_list = {"coal"};
    EXPECT_FALSE(needs_joint_flow(net, q));
    const FlowQuery one = max_flow_query(net, q);
    EXPECT_EQ(one.commodity, "coal");
    EXPECT_TRUE(one.commodity_list.empty());
    EXPECT_EQ(union_flow(net, one), 200) << "coal only: the bridge";
    q.commodity = "coal";
    EXPECT_THROW(query_commodities(net, q), error);
}

TEST(JointFlow, FastPathDecision) {
    FlowQuery q = query("o", "t");
    const Network same = NetBuilder()
                             .place("o")
                             .place("m")
                             .place("t")
                             .route("a", "o", "m", 50, {Mode::rail, true, {"coal", "cargo"}})
                             .route("b", "m", "t", 30, {Mode::road, false, {"cargo", "coal"}})
                             .route("c", "o", "t", 10, {Mode::rail, false, {"coal", "cargo", "passengers"}})
                             .build();
    EXPECT_FALSE(needs_joint_flow(same, q)) << "every route carries coal and cargo";
    EXPECT_DOUBLE_EQ(joint_max_flow(same, q).throughput, static_cast<double>(union_flow(same, q)));
    q.commodity = "coal";
    EXPECT_FALSE(needs_joint_flow(same, q));
    q.commodity.reset();
    q.commodities[1] = {"cargo"};  // a scenario drops coal from b
    EXPECT_TRUE(needs_joint_flow(same, q));
    q.modes = {Mode::rail};  // only a and c: both still carry both
    EXPECT_FALSE(needs_joint_flow(same, q));
    q.commodity_list = {"cargo", "coal"};
    const FlowQuery both = max_flow_query(same, q);
    EXPECT_FALSE(both.commodity.has_value());
    EXPECT_TRUE(both.commodity_list.empty());
    EXPECT_EQ(union_flow(same, both), 10) << "c alone: a leads to m, and b on from m is a road";
}

TEST(JointFlow, ResolveAfterBoundChangesWarmStarts) {
    const Network net = two_commodities_share_a_route(150);
    const FlowQuery q = query("o", "t");
    JointFlowModel model(net, q);
    EXPECT_DOUBLE_EQ(model.solve().throughput, 150);
    EXPECT_DOUBLE_EQ(model.solve().throughput, 150);
    EXPECT_EQ(model.iterations(), 0u) << "the same bounds: the last basis is optimal";
    std::vector<MonthlyCapacity> caps;
    for (const Route& r : net.routes) caps.push_back(monthly_capacity(r.figures));
    caps[2].tonnes.value = 40;
    EXPECT_DOUBLE_EQ(model.throughput(caps, {}), 40);
    EXPECT_GT(model.iterations(), 0u) << "a smaller shared route: the flows must move";
    caps[2].tonnes.value = 1000;
    caps[3].tonnes.value = 0;
    EXPECT_DOUBLE_EQ(model.solve(caps, {}).throughput, 100);
    EXPECT_DOUBLE_EQ(model.solve().throughput, 150) << "back to the query's own capacities";
}

TEST(JointFlow, ErrorsAsMaxFlow) {
    const Network net = crude_into_cargo_rail();
    EXPECT_THROW(JointFlowModel(net, query("nowhere", "pyongyang")), infeasible_error);
    EXPECT_THROW(JointFlowModel(net, query("KP", "pyongyang")), infeasible_error);
    FlowQuery back = query("sinuiju", "dandong");
    back.commodity_list = {"crude_oil"};
    EXPECT_THROW(joint_max_flow(net, back), infeasible_error) << "the pipeline runs one way";
    JointFlowModel closed(net, query("CN", "pyongyang"));
    std::vector<MonthlyCapacity> zero(net.routes.size());
    EXPECT_DOUBLE_EQ(closed.throughput(zero, {}), 0);
}

TEST(JointFlow, WholeTonnesForLayers) {
    EXPECT_EQ(whole_tonnes(4999.9999999), 5000);
    EXPECT_EQ(whole_tonnes(83333.33), 83333);
    EXPECT_EQ(whole_tonnes(-1e-9), 0);
}

// ---------------------------------------------------------------------------------------------
// An independent formulation, solved by GLPK: every place split into an in-node and an
// out-node joined by a place arc (limited for a place with a capacity), a column per
// commodity for its total (F_k) balanced at its super-source and super-sink, and no
// pruning; rows built one by one as (row, column, value) triplets.

struct GlpDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};
using GlpProb = std::unique_ptr<glp_prob, GlpDeleter>;

class GlpLp {
public:
    GlpLp() : p_(glp_create_prob()) { glp_set_obj_dir(p_.get(), GLP_MAX); }
    int row(double upper, bool fixed) {
        const int i = glp_add_rows(p_.get(), 1);
        glp_set_row_bnds(p_.get(), i, fixed ? GLP_FX : GLP_UP, fixed ? 0.0 : upper, fixed ? 0.0 : upper);
        return i;
    }
    int column(double objective) {
        const int j = glp_add_cols(p_.get(), 1);
        glp_set_col_bnds(p_.get(), j, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(p_.get(), j, objective);
        return j;
    }
    void entry(int i, int j, double v) {
        ia_.push_back(i);
        ja_.push_back(j);
        ar_.push_back(v);
    }
    double solve() {
        glp_load_matrix(p_.get(), static_cast<int>(ia_.size()) - 1, ia_.data(), ja_.data(), ar_.data());
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_ON;
        const int rc = glp_simplex(p_.get(), &parm);
        EXPECT_EQ(rc, 0);
        EXPECT_EQ(glp_get_status(p_.get()), GLP_OPT);
        return glp_get_obj_val(p_.get());
    }

private:
    GlpProb p_;
    std::vector<int> ia_{0}, ja_{0};  // GLPK counts from 1
    std::vector<double> ar_{0};
};

double whole(double v) { return v > 0 ? std::floor(v + 1e-6) : 0.0; }

// Adds commodity k: its nodes' rows, its arcs' columns; `shared` and `place_rows` are shared.
void add_commodity(GlpLp& lp, const Network& net, const FlowQuery& q, const std::string& k,
                   const std::vector<std::size_t>& from, const std::vector<std::size_t>& to,
                   const std::vector<int>& shared, const std::vector<int>& place_rows) {
    const std::size_t n = net.places.size();
    std::vector<int> in(n), out(n);
    for (std::size_t v = 0; v < n; ++v) {
        in[v] = lp.row(0, true);
        out[v] = lp.row(0, true);
        const int y = lp.column(0);  // in(v) -> out(v)
        lp.entry(in[v], y, -1);
        lp.entry(out[v], y, 1);
        if (place_rows[v] > 0) lp.entry(place_rows[v], y, 1);
    }
    const int s = lp.row(0, true), t = lp.row(0, true);
    const int total = lp.column(1);
    lp.entry(s, total, 1);
    lp.entry(t, total, -1);
    for (std::size_t v : from) {
        const int c = lp.column(0);
        lp.entry(s, c, -1);
        lp.entry(in[v], c, 1);
    }
    for (std::size_t v : to) {
        const int c = lp.column(0);
        lp.entry(out[v], c, -1);
        lp.entry(t, c, 1);
    }
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        const Route& route = net.routes[r];
        auto list = q.commodities.count(r) ? q.commodities.at(r) : route.commodities;
        if (!q.modes.empty() && std::find(q.modes.begin(), q.modes.end(), route.mode) == q.modes.end()) continue;
        if (!carries(route, list, monthly_capacity(route.figures), k)) continue;
        const std::size_t a = *net.place_index(route.from_id), b = *net.place_index(route.to_id);
        for (int dir = 0; dir < (route.two_way ? 2 : 1); ++dir) {
            const int c = lp.column(0);
            lp.entry(out[dir == 0 ? a : b], c, -1);
            lp.entry(in[dir == 0 ? b : a], c, 1);
            lp.entry(shared[r], c, 1);
        }
    }
}

double glpk_joint_flow(const Network& net, const FlowQuery& q, const std::vector<std::string>& goods) {
    GlpLp lp;
    std::vector<int> shared, place_rows(net.places.size(), 0);
    for (const Route& r : net.routes) shared.push_back(lp.row(whole(monthly_capacity(r.figures).tonnes.value), false));
    for (std::size_t v = 0; v < net.places.size(); ++v)
        if (net.places[v].capacity) place_rows[v] = lp.row(whole(*net.places[v].capacity), false);
    const auto from = resolve_endpoint(net, q.from), to = resolve_endpoint(net, q.to);
    for (const auto& k : goods) add_commodity(lp, net, q, k, from, to, shared, place_rows);
    return lp.solve();
}

// ---------------------------------------------------------------------------------------------
// Random networks: 5-25 places in three countries, some with a capacity; routes of five modes,
// each carrying a random part of four commodities (all of them when `uniform`).

const std::vector<std::string> kGoods{"cargo", "coal", "crude_oil", "oil_products"};

struct RandomCase {
    Network net;
    FlowQuery q;
};

RandomCase random_case(std::mt19937_64& rng, bool uniform) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const Mode modes[] = {Mode::rail, Mode::road, Mode::pipeline, Mode::tanker, Mode::bulk};
    const char* countries[] = {"AA", "BB", "CC"};
    NetBuilder b;
    const int n = pick(5, 25);
    std::vector<std::string> country;
    for (int i = 0; i < n; ++i) {
        country.push_back(countries[pick(0, 2)]);
        std::optional<double> cap;
        if (pick(0, 4) == 0) cap = pick(0, 150);
        b.place(fmt::format("p{}", i), country.back(), cap);
    }
    const int m = pick(n, 4 * n);
    for (int r = 0; r < m; ++r) {
        const int from = pick(0, n - 1);
        int to = pick(0, n - 2);
        if (to >= from) ++to;
        std::vector<std::string> list;
        for (const auto& k : kGoods)
            if (uniform ? k != "crude_oil" : pick(0, 2) == 0) list.push_back(k);
        if (list.empty()) list.push_back(kGoods[static_cast<std::size_t>(pick(0, 3))]);
        const Mode mode = uniform ? modes[pick(0, 1)] : modes[pick(0, 4)];
        b.route(fmt::format("r{}", r), fmt::format("p{}", from), fmt::format("p{}", to), pick(0, 100),
                {mode, pick(0, 1) == 1, list});
    }
    RandomCase c{b.build(), {}};
    const int o = pick(0, n - 1);
    int d = pick(0, n - 2);
    if (d >= o) ++d;
    c.q.from = country[static_cast<std::size_t>(o)] != country[static_cast<std::size_t>(d)] && pick(0, 3) == 0
                   ? country[static_cast<std::size_t>(o)]
                   : "p" + std::to_string(o);
    c.q.to = "p" + std::to_string(d);
    return c;
}

// Every property of one joint flow that does not need another solver.
void check_properties(const Network& net, const JointFlowResult& r) {
    EXPECT_EQ(r.rounded, std::llround(r.throughput));
    double by = 0, priced = 0;
    for (const auto& [k, t] : r.by_commodity) by += t;
    EXPECT_TRUE(near(by, r.throughput)) << by << " vs " << r.throughput;
    // strong duality: the capacities the duals price add up to the total
    for (const BindingItem& b : r.binding) {
        EXPECT_GT(b.dual, 0) << "a larger capacity never lowers the maximum";
        priced += b.capacity * b.dual;
    }
    EXPECT_TRUE(near(priced, r.throughput)) << priced << " vs " << r.throughput;
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        EXPECT_LE(r.route_load[i], whole(monthly_capacity(net.routes[i].figures).tonnes.value) + 1e-6);
    for (const CommodityFlow& f : r.flows) {
        double paths = 0;
        for (const JointPath& p : f.paths) {
            paths += p.flow;
            EXPECT_GT(p.flow, 0);
            EXPECT_FALSE(p.routes.empty());
            for (std::size_t route : p.routes)
                EXPECT_TRUE(carries(net.routes[route], monthly_capacity(net.routes[route].figures), f.commodity));
            for (std::size_t i = 1; i < p.routes.size(); ++i) {  // a chain: each route starts where one ended
                const Route& a = net.routes[p.routes[i - 1]];
                const Route& b = net.routes[p.routes[i]];
                EXPECT_TRUE(a.from_id == b.from_id || a.from_id == b.to_id || a.to_id == b.from_id ||
                            a.to_id == b.to_id)
                    << a.id << " then " << b.id;
            }
        }
        for (std::size_t i = 1; i < f.paths.size(); ++i)
            EXPECT_GE(f.paths[i - 1].flow, f.paths[i].flow) << "largest first";
        EXPECT_TRUE(near(paths, f.throughput)) << f.commodity << ": " << paths << " vs " << f.throughput;
    }
}

TEST(JointFlowProperties, AgreesWithAnIndependentLpInGlpk) {
    glp_term_out(GLP_OFF);
    const unsigned long long seed = test_seed();
    SCOPED_TRACE("CORRIDOR_TEST_SEED=" + std::to_string(seed));
    std::mt19937_64 rng(seed);
    int compared = 0, positive = 0, joint_below_union = 0;
    for (int i = 0; i < 400; ++i) {
        SCOPED_TRACE(i);
        RandomCase c = random_case(rng, false);
        if (rng() % 4 == 0) c.q.commodity_list = {"coal", "crude_oil"};
        std::vector<std::string> goods;
        try {
            goods = query_commodities(c.net, c.q);
        } catch (const infeasible_error&) {
            continue;  // no route carries crude oil
        }
        JointFlowModel model(c.net, c.q);
        const JointFlowResult r = model.solve();
        const double expected = glpk_joint_flow(c.net, c.q, goods);
        EXPECT_TRUE(near(r.throughput, expected)) << r.throughput << " vs GLPK " << expected;
        ++compared;
        check_properties(c.net, r);
        positive += r.throughput > 0;
        if (c.q.commodity_list.empty() && r.throughput + 0.5 < static_cast<double>(union_or_zero(c.net, c.q)))
            ++joint_below_union;
    }
    EXPECT_GT(compared, 300);
    EXPECT_GT(positive, 200) << "the cases should mostly carry something";
    EXPECT_GT(joint_below_union, 20) << "the cases should often catch the union max-flow's error";
}

TEST(JointFlowProperties, OneCommodityGivesMaxFlowExactly) {
    const unsigned long long seed = test_seed();
    SCOPED_TRACE("CORRIDOR_TEST_SEED=" + std::to_string(seed));
    std::mt19937_64 rng(seed + 1);
    int feasible = 0;
    for (int i = 0; i < 300; ++i) {
        SCOPED_TRACE(i);
        RandomCase c = random_case(rng, false);
        c.q.commodity = kGoods[i % kGoods.size()];
        EXPECT_FALSE(needs_joint_flow(c.net, c.q));
        NetworkGraph ng = build_graph(c.net);
        std::optional<Flow> boost;
        try {
            boost = max_flow(ng, c.net, c.q).throughput;
        } catch (const infeasible_error&) {}
        const double joint = JointFlowModel(c.net, c.q).solve().throughput;
        EXPECT_EQ(std::llround(joint), boost.value_or(0));
        EXPECT_NEAR(joint, static_cast<double>(boost.value_or(0)), 1e-6);
        feasible += boost.has_value();
    }
    EXPECT_GT(feasible, 60);
}

TEST(JointFlowProperties, UnionMaxFlowWhenEveryRouteCarriesEverything) {
    std::mt19937_64 rng(test_seed() + 2);
    for (int i = 0; i < 200; ++i) {
        SCOPED_TRACE(i);
        const RandomCase c = random_case(rng, true);
        ASSERT_FALSE(needs_joint_flow(c.net, c.q));
        EXPECT_EQ(query_commodities(c.net, c.q).size(), 3u);
        EXPECT_NEAR(JointFlowModel(c.net, c.q).solve().throughput, static_cast<double>(union_or_zero(c.net, c.q)),
                    1e-6);
    }
}

TEST(JointFlowProperties, ResolveEqualsAFreshSolve) {
    std::mt19937_64 rng(test_seed() + 3);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (int i = 0; i < 150; ++i) {
        SCOPED_TRACE(i);
        RandomCase c = random_case(rng, false);
        JointFlowModel model(c.net, c.q);
        model.solve();
        for (int round = 0; round < 3; ++round) {
            FlowQuery changed = c.q;
            for (const Route& r : c.net.routes) {
                changed.capacities.push_back(monthly_capacity(r.figures));
                if (pick(0, 2) == 0) changed.capacities.back().tonnes.value = pick(0, 150);
            }
            for (const Place& p : c.net.places) changed.place_capacities.push_back(p.capacity ? pick(0, 200) : 0);
            const JointFlowResult warm = model.solve(changed.capacities, changed.place_capacities);
            const JointFlowResult fresh = JointFlowModel(c.net, changed).solve();
            EXPECT_TRUE(near(warm.throughput, fresh.throughput)) << warm.throughput << " vs " << fresh.throughput;
            EXPECT_TRUE(near(model.throughput(changed.capacities, changed.place_capacities), fresh.throughput));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The seed network.

class JointFlowSeed : public ::testing::Test {
protected:
    static void SetUpTestSuite() { net_ = new Network(load_network(default_files(test::network_v1_dir()))); }
    static void TearDownTestSuite() {
        delete net_;
        net_ = nullptr;
    }
    static Network* net_;
};
Network* JointFlowSeed::net_ = nullptr;

TEST_F(JointFlowSeed, ChinaToPyongyangLeavesTheCrudeAtSinuiju) {
    const FlowQuery q = query("CN", "pyongyang");
    EXPECT_EQ(union_flow(*net_, q), 466666);
    EXPECT_TRUE(needs_joint_flow(*net_, q));
    const JointFlowResult r = joint_max_flow(*net_, q);
    // bridge 250,000 + Tumen 83,333 + Quanhe 50,000; the pipeline's 83,333 t of crude stop at Sinuiju
    EXPECT_EQ(r.rounded, 383333);
    EXPECT_DOUBLE_EQ(r.by_commodity.at("crude_oil"), 0);
    auto binding = binding_routes(*net_, r);
    for (const char* id : {"dandong_sinuiju_bridge", "tumen_namyang_rail"}) {
        EXPECT_DOUBLE_EQ(binding.count(id) ? binding.at(id) : 0.0, 1.0) << id;
        binding.erase(id);
    }
    // Quanhe-Wonjong and Wonjong-Rajin both carry 50,000 t: either may be the one priced
    ASSERT_EQ(binding.size(), 1u);
    EXPECT_TRUE(binding.begin()->first == "quanhe_wonjong_road" || binding.begin()->first == "wonjong_rajin_road");
    EXPECT_DOUBLE_EQ(binding.begin()->second, 1.0);
    check_properties(*net_, r);
}

TEST_F(JointFlowSeed, OneCommodityGivesMaxFlowExactly) {
    for (const char* from : {"RU", "CN", "vladivostok", "dandong"})
        for (const char* to : {"pyongyang", "KP", "rajin", "nampo"})
            for (const char* k : {"cargo", "coal", "oil_products", "crude_oil", "metals", "passengers"}) {
                SCOPED_TRACE(fmt::format("{} -> {}: {}", from, to, k));
                FlowQuery q = query(from, to);
                q.commodity = k;
                std::optional<Flow> boost;
                try {
                    boost = union_flow(*net_, q);
                } catch (const infeasible_error&) {}
                const JointFlowResult r = JointFlowModel(*net_, q).solve();
                EXPECT_EQ(r.rounded, boost.value_or(0));
                EXPECT_EQ(r.passengers, std::string(k) == "passengers");
            }
}

TEST_F(JointFlowSeed, PassengersAreLeftOutOfTonnes) {
    const auto goods = query_commodities(*net_, query("RU", "KP"));
    EXPECT_EQ(std::count(goods.begin(), goods.end(), "passengers"), 0);
    EXPECT_EQ(std::count(goods.begin(), goods.end(), "cargo"), 1);
}

}  // namespace
}  // namespace corridor
