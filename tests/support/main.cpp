// Test main: a user's locale (decimal commas must not leak into outputs) and GDAL drivers.
#include <gtest/gtest.h>

#include <clocale>

#include "corridor/io/gdal.hpp"

int main(int argc, char** argv) {
    std::setlocale(LC_ALL, "");
    corridor::gdal::init();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
