// The exported tables: shapefile-safe names, the documented fields, one row per feature.
#include "corridor/model/layers.hpp"

#include <gtest/gtest.h>

#include <set>

#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

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
    io::Table places = places_table(net);
    io::Table routes = routes_table(net, measure_routes(net, SpeedTable::defaults()));
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
                          "trips_mo", "capacity", "pax_mo", "observed", "basis", "source", "quote", "obs_quote"})
        EXPECT_TRUE(names(routes).count(f)) << f;
}

TEST_F(Layers, OneRowAndGeometryPerFeature) {
    EXPECT_EQ(places.rows.size(), net.places.size());
    EXPECT_EQ(routes.rows.size(), net.routes.size());
    EXPECT_EQ(routes.geometries.size(), net.routes.size());
    for (const auto& row : routes.rows) EXPECT_EQ(row.size(), routes.fields.size());
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

}  // namespace
}  // namespace corridor
