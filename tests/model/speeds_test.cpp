// The speed table: documented defaults, overrides from a JSON file, bad files refused.
#include "corridor/model/speeds.hpp"

#include <gtest/gtest.h>

#include "corridor/error.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

TEST(Speeds, EveryModeHasAPositiveDefault) {
    const SpeedTable t = SpeedTable::defaults();
    for (Mode m : all_modes()) {
        ASSERT_TRUE(t.kmh.count(m)) << mode_name(m);
        EXPECT_GT(t.kmh.at(m), 0.0) << mode_name(m);
    }
}

TEST(Speeds, HoursAreLengthOverSpeed) {
    SpeedTable t = SpeedTable::defaults();
    t.kmh[Mode::rail] = 40;
    EXPECT_DOUBLE_EQ(t.hours(Mode::rail, Km{100}).value, 2.5);
}

TEST(Speeds, FileOverridesSomeModes) {
    test::TempDir tmp;
    test::write_file(tmp / "speeds.json", R"({"rail": 50, "ferry": 25.5})");
    const SpeedTable t = load_speeds(tmp / "speeds.json");
    EXPECT_DOUBLE_EQ(t.kmh.at(Mode::rail), 50.0);
    EXPECT_DOUBLE_EQ(t.kmh.at(Mode::ferry), 25.5);
    EXPECT_DOUBLE_EQ(t.kmh.at(Mode::road), SpeedTable::defaults().kmh.at(Mode::road));
}

TEST(Speeds, BadFilesAreRefused) {
    test::TempDir tmp;
    const auto file = tmp / "speeds.json";
    test::write_file(file, R"({"rail": -1})");
    try {
        load_speeds(file);
        FAIL();
    } catch (const input_error& e) {
        EXPECT_EQ(e.where().file, file.string());
        EXPECT_EQ(e.where().field, "rail");
    }
    test::write_file(file, R"({"hovercraft": 10})");
    EXPECT_THROW(load_speeds(file), input_error);
    test::write_file(file, R"({"rail": )");
    EXPECT_THROW(load_speeds(file), input_error);
    EXPECT_THROW(load_speeds(tmp / "missing.json"), input_error);
}

}  // namespace
}  // namespace corridor
