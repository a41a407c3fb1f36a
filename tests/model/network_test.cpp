// The network's indexes: place ids, and each route's ends resolved once.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/model/network.hpp"

namespace corridor {
namespace {

Network three_places() {
    Network net;
    for (const char* id : {"a", "b", "c"}) {
        Place p;
        p.id = std::string(id);
        net.places.push_back(p);
    }
    Route r;
    r.id = std::string("r");
    r.from_id = std::string("c");
    r.to_id = std::string("a");
    net.routes.push_back(r);
    return net;
}

TEST(Network, BuildIndexResolvesEveryRouteEnd) {
    Network net = three_places();
    EXPECT_EQ(net.routes[0].from, Route::kUnresolved);
    net.build_index();
    EXPECT_EQ(net.routes[0].from, 2u);
    EXPECT_EQ(net.routes[0].to, 0u);
    EXPECT_EQ(net.from_index(net.routes[0]), 2u);
    EXPECT_EQ(net.to_index(net.routes[0]), 0u);
    EXPECT_EQ(net.place_index("b"), 1u);
    EXPECT_FALSE(net.place_index("z").has_value());
}

TEST(Network, AnUnresolvedEndIsLookedUpById) {
    Network net = three_places();
    net.build_index();
    Route added;  // made after build_index: no indices yet
    added.from_id = std::string("b");
    added.to_id = std::string("c");
    EXPECT_EQ(net.from_index(added), 1u);
    EXPECT_EQ(net.to_index(added), 2u);
}

TEST(Network, AnUnknownEndStaysUnresolvedAndThrowsWhenAskedFor) {
    Network net = three_places();
    net.routes[0].to_id = std::string("nowhere");
    net.build_index();
    EXPECT_EQ(net.routes[0].from, 2u);
    EXPECT_EQ(net.routes[0].to, Route::kUnresolved);
    try {
        (void)net.to_index(net.routes[0]);
        FAIL() << "no error for an unknown place";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
    }
}

TEST(Network, FindsEveryIdOfABigIndexAndNoOther) {
    Network net;
    for (int i = 0; i < 20000; ++i) {
        Place p;
        p.id = fmt::format("p{}", i);
        net.places.push_back(p);
    }
    net.places.push_back(net.places[7]);  // a duplicate id: the first place keeps it
    net.build_index();
    for (int i = 0; i < 20000; ++i) {
        ASSERT_EQ(net.place_index(fmt::format("p{}", i)), static_cast<std::size_t>(i));
        ASSERT_FALSE(net.place_index(fmt::format("q{}", i)).has_value());
    }
    EXPECT_FALSE(net.place_index("").has_value());
    EXPECT_FALSE(Network{}.place_index("p1").has_value());
}

}  // namespace
}  // namespace corridor
