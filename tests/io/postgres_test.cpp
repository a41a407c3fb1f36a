// Connection strings in messages: passwords taken out, host and database named.
#include <gtest/gtest.h>

#include "corridor/io/postgres.hpp"
#include "corridor/io/read.hpp"

namespace corridor::io {
namespace {

TEST(Postgres, IsPostgresByPrefix) {
    EXPECT_TRUE(is_postgres("PG:dbname=x"));
    EXPECT_TRUE(is_postgres("pg:dbname=x"));
    EXPECT_FALSE(is_postgres("geodata"));
    EXPECT_FALSE(is_postgres("out/corridor.gpkg"));
}

TEST(Postgres, PasswordsAreTakenOut) {
    EXPECT_EQ(without_password("PG:dbname=x password=s3cret host=h"), "PG:dbname=x host=h");
    EXPECT_EQ(without_password("PG:password=s3cret dbname=x"), "PG:dbname=x");
    EXPECT_EQ(without_password("PG:dbname=x PASSWORD = 's3 cr\\'et' user=u"), "PG:dbname=x user=u");
    EXPECT_EQ(without_password("PG:postgresql://me:s3cret@db.example/x"), "PG:postgresql://me@db.example/x");
    EXPECT_EQ(without_password("PG:dbname=x user=password_admin"), "PG:dbname=x user=password_admin");
    EXPECT_EQ(LayerSource({"PG:dbname=x password=s3cret", "routes"}).label(), "PG:dbname=x (routes)");
    EXPECT_EQ(LayerSource({"out/corridor.gpkg", "places"}).label(), "out/corridor.gpkg (places)");
    EXPECT_EQ(LayerSource({"geodata/places.geojson", ""}).label(), "geodata/places.geojson");
}

TEST(Postgres, TargetNamesHostAndDatabase) {
    EXPECT_EQ(postgres_target("PG:host=db.example dbname=corridor password=s3cret"),
              "host db.example, database corridor");
    EXPECT_EQ(postgres_target("PG:host='/tmp/my socket' dbname = net"), "host /tmp/my socket, database net");
}

}  // namespace
}  // namespace corridor::io
