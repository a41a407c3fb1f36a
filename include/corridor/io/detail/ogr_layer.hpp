// One table written as a layer of an open GDAL dataset: the step every GDAL writer shares.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "corridor/io/write.hpp"

class GDALDataset;

namespace corridor::io::detail {

struct LayerWrite {
    std::vector<std::string> options;  // the driver's layer creation options
    bool shapefile = false;            // string columns as wide as their values, cut at 254 bytes
    bool transaction = false;          // the rows in one layer transaction (GeoPackage)
    bool row_fids = false;             // row i is written with FID i + 1
};

// Creates the layer (EPSG:4326, the table's fields) and writes every row; throws
// output_error naming `where`. progress is called every 65,536 rows counted in done.
void write_ogr_layer(GDALDataset& ds, const Table& table, const LayerWrite& how, const std::string& where,
                     const std::function<void(std::size_t)>& progress, std::atomic<std::size_t>& done);

}  // namespace corridor::io::detail
