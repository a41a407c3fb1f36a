// The compact field types behave as std::optional<double> and std::string do.
#include "corridor/model/compact.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor {
namespace {

TEST(OptionalNumber, BehavesAsAnOptionalDouble) {
    OptionalNumber n;
    EXPECT_FALSE(n.has_value());
    EXPECT_FALSE(n);
    EXPECT_THROW((void)n.value(), std::bad_optional_access);
    EXPECT_EQ(n.value_or(3.5), 3.5);
    EXPECT_EQ(std::optional<double>(n), std::nullopt);
    n = 0.0;  // zero is a value, not absence
    EXPECT_TRUE(n.has_value());
    EXPECT_EQ(*n, 0.0);
    n = std::optional<double>(12.25);
    EXPECT_EQ(n.value(), 12.25);
    EXPECT_EQ(n, 12.25);
    EXPECT_EQ(n, OptionalNumber(12.25));
    EXPECT_FALSE(n == OptionalNumber());
    n.reset();
    EXPECT_EQ(n, OptionalNumber(std::nullopt));
    std::ostringstream os;
    os << OptionalNumber(2.0) << ' ' << OptionalNumber();
    EXPECT_EQ(os.str(), "2 (absent)");
    EXPECT_EQ(sizeof(OptionalNumber), sizeof(double));
}

TEST(Text, BehavesAsAString) {
    Text t;
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.str(), "");
    EXPECT_EQ(t.size(), 0u);
    t = "up to 200 passengers";
    EXPECT_FALSE(t.empty());
    EXPECT_EQ(t, "up to 200 passengers");
    const std::string& s = t;
    EXPECT_EQ(s.size(), 20u);
    Text copy = t;  // a deep copy
    t = std::string();
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(copy, "up to 200 passengers");
    Text moved = std::move(copy);
    EXPECT_EQ(moved.str(), "up to 200 passengers");
    moved.clear();
    EXPECT_TRUE(moved.empty());
    EXPECT_EQ(sizeof(Text), sizeof(void*));
}

}  // namespace
}  // namespace corridor
