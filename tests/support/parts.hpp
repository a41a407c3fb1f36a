// Big generated layers written to disk, and read back in parts, for the tests of reading
// on several threads.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/read.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/network.hpp"
#include "corridor/report/input.hpp"

namespace corridor::test {

// Writes tables in the input schema to dir; returns the file holding the last one.
inline std::filesystem::path write_input(const std::vector<io::Table>& tables, const std::filesystem::path& dir,
                                         io::Format format) {
    io::WriteOptions opts;
    opts.out_dir = dir;
    opts.formats = {format};
    opts.fgb_spatial_index = true;  // FlatGeobuf then orders features along its index: readers must cope
    io::write_tables(tables, opts);
    return dir / io::layer_files(tables, opts).back().name;
}

// The network's places and routes (the routes file is returned), or its routes alone.
inline std::filesystem::path write_network(const Network& net, const std::filesystem::path& dir, io::Format format) {
    return write_input({input_places_table(net), input_routes_table(net)}, dir, format);
}
inline std::filesystem::path write_routes(const Network& net, const std::filesystem::path& dir, io::Format format) {
    return write_input({input_routes_table(net)}, dir, format);
}

struct PartedRead {
    std::size_t parts = 0;
    std::vector<io::RawFeature> features;  // by index
};

// Reads a file in parts on `threads` threads, checking that each part sees its features
// in ascending order.
inline PartedRead read_in_parts(const std::filesystem::path& file, std::size_t threads) {
    PartedRead out;
    std::vector<std::size_t> last;  // by part: the last index it saw
    io::PartVisitor v;
    v.start = [&](std::size_t parts, std::size_t total) {
        out.parts = parts;
        out.features.resize(total);
        last.assign(parts, 0);
    };
    v.visit = [&](std::size_t part, const io::RawFeature& f) {
        EXPECT_TRUE(f.index == 0 || f.index > last[part]) << "ascending within a part";
        last[part] = f.index;
        out.features[f.index] = f;
    };
    io::read_features_parallel(file, v, io::ReadEngine::automatic, threads);
    return out;
}

// Reads a file in parts with visits that throw input_error("at N") at the given feature
// indices; returns the message that reached the caller ("" when none did).
inline std::string first_error_in_parts(const std::filesystem::path& file, std::size_t threads,
                                        const std::set<std::size_t>& throw_at) {
    io::PartVisitor v;
    v.start = [](std::size_t, std::size_t) {};
    v.visit = [&](std::size_t, const io::RawFeature& f) {
        if (throw_at.count(f.index) > 0) throw input_error("at " + std::to_string(f.index));
    };
    try {
        io::read_features_parallel(file, v, io::ReadEngine::automatic, threads);
    } catch (const input_error& e) {
        return e.what();
    }
    return "";
}

// Every feature of `parted` equals the one of `serial` with the same index.
inline void expect_same_features(const std::vector<io::RawFeature>& parted, const std::vector<io::RawFeature>& serial) {
    ASSERT_EQ(parted.size(), serial.size());
    for (std::size_t i = 0; i < serial.size(); ++i) {
        ASSERT_EQ(parted[i].index, i);
        ASSERT_EQ(parted[i].fields, serial[i].fields) << "feature " << i;
        ASSERT_EQ(parted[i].coords, serial[i].coords) << "feature " << i;
        ASSERT_EQ(parted[i].geom_type, serial[i].geom_type) << "feature " << i;
    }
}

}  // namespace corridor::test
