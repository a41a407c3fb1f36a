// The progress display and the phase timings: silent when disabled or quick, one redrawn
// line with counts and a bar otherwise, one timing line per phase.
#include "corridor/report/progress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

namespace corridor {

TEST(Progress, WantedAsAskedElseOnlyOnATerminalStderr) {
    std::ostringstream captured;
    EXPECT_TRUE(progress_wanted(true, captured));
    EXPECT_FALSE(progress_wanted(false, std::cerr));
    EXPECT_FALSE(progress_wanted(std::nullopt, captured));  // not the process' stderr
}

TEST(Progress, SaysNothingWhenDisabledOrUnderASecond) {
    std::ostringstream err;
    {
        Progress off(false, err, "reading", 10);
        off.update(5);
        Progress quick(true, err, "reading", 10);
        quick.update(5);
    }
    EXPECT_EQ(err.str(), "");
}

TEST(Progress, DrawsABarWithCountsAfterASecondAndClearsItsLine) {
    std::ostringstream err;
    {
        Progress p(true, err, "corridor: writing", 2'000'000);
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        p.update(500'000);
        EXPECT_EQ(err.str(),
                  "\r\033[Kcorridor: writing [#######.......................]  25% 500,000 of 2,000,000 rows");
    }
    EXPECT_TRUE(err.str().ends_with("\r\033[K"));
}

TEST(Progress, ReadingNamesTheFileAndItsFeatureCount) {
    std::ostringstream err;
    Progress p(true, err, "corridor: reading", 0, "features");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    p.update(ReadProgress{"/data/net/routes.geojson", 10, 40});
    EXPECT_EQ(err.str(),
              "\r\033[Kcorridor: reading routes.geojson [#######.......................]  25% 10 of 40 features");
}

TEST(Phases, OneLinePerPhaseWhenEnabled) {
    std::ostringstream err;
    Phases off(false, err);
    off.done("load");
    EXPECT_EQ(err.str(), "");
    Phases on(true, err);
    on.done("load");
    on.done("max-flow");
    const std::regex line(R"(timing: (load     |max-flow ) +\d+\.\d{3} s  RSS +\d+\.\d MiB  peak RSS +\d+\.\d MiB\n)");
    std::istringstream lines(err.str());
    std::string l;
    int n = 0;
    while (std::getline(lines, l)) {
        EXPECT_TRUE(std::regex_match(l + "\n", line)) << l;
        ++n;
    }
    EXPECT_EQ(n, 2);
}

}  // namespace corridor
