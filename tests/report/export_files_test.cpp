// export's --format lists: layer formats, tile formats, postgis alone, generate's formats.
#include "corridor/report/export_files.hpp"

#include <gtest/gtest.h>

#include "corridor/error.hpp"

namespace corridor {
namespace {

TEST(ExportFormats, LayerAndTileFormatsAnyCaseEachOnce) {
    const ExportFormats f = parse_export_formats("GeoJSON,shp,MVT,geojson,,gpkg");
    EXPECT_EQ(f.layers, (std::vector<io::Format>{io::Format::geojson, io::Format::shapefile, io::Format::geopackage}));
    EXPECT_TRUE(f.mvt);
    EXPECT_FALSE(f.mbtiles);
    const ExportFormats tiles = parse_export_formats("mbtiles");
    EXPECT_TRUE(tiles.layers.empty());
    EXPECT_TRUE(tiles.mbtiles);
}

TEST(ExportFormats, RefusesCsvUnknownNamesAndNothing) {
    EXPECT_THROW(parse_export_formats("csv"), request_error);
    EXPECT_THROW(parse_export_formats("geojson,kml"), request_error);
    EXPECT_THROW(parse_export_formats(",,"), request_error);
    try {
        parse_export_formats("csv");
    } catch (const request_error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("--format: csv holds no layers", 0), 0u) << e.what();
    }
}

TEST(ExportFormats, PostgisGoesAlone) {
    EXPECT_TRUE(postgis_asked("PostGIS"));
    EXPECT_FALSE(postgis_asked("geojson,shp"));
    EXPECT_THROW(postgis_asked("postgis,geojson"), request_error);
}

TEST(ExportFormats, PostgisGoesToADatabaseAndOnlyThere) {
    EXPECT_TRUE(export_to_database("postgis", "PG:dbname=corridor"));
    EXPECT_FALSE(export_to_database("geojson,shp", "output"));
    EXPECT_THROW(export_to_database("postgis", "output"), request_error);
    EXPECT_THROW(export_to_database("geojson", "PG:dbname=corridor"), request_error);
}

TEST(ExportFormats, GenerateWritesOneFormatLoadReads) {
    EXPECT_EQ(parse_generate_format("fgb"), io::Format::flatgeobuf);
    EXPECT_EQ(parse_generate_format("SHP"), io::Format::shapefile);
    EXPECT_THROW(parse_generate_format("gpkg"), request_error);
    EXPECT_THROW(parse_generate_format("geojson,fgb"), request_error);
    EXPECT_THROW(parse_generate_format("mvt"), request_error);
}

}  // namespace
}  // namespace corridor
