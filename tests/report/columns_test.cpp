// Tables as text and JSON: widths in code points, cells as printed, nulls.
#include "corridor/report/columns.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Columns, WidthsCountCodePointsNotBytes) {
    // "→" is three bytes and one column: the second column starts 2 spaces after the widest.
    const std::string text = columns_text({"from → to", "t"}, {{"a → b", "1"}, {"long name", "22"}});
    EXPECT_EQ(text,
              "from → to  t\n"
              "a → b      1\n"
              "long name  22\n");
}

TEST(Columns, TableCellsAsPrintedAndAsJson) {
    io::Table t;
    t.fields = {{"id"}, {"ok", io::FieldType::boolean}, {"km", io::FieldType::real}, {"n", io::FieldType::integer64}};
    t.rows = {{std::string("a"), true, 2.0, std::int64_t{7}}, {std::string("b"), false, 2.25, io::Cell{}}};
    // Whole numbers without decimals, others with one; a null cell empty; columns as asked.
    EXPECT_EQ(table_text(t, {"n", "km", "ok"}),
              "n  km   ok\n"
              "7  2    yes\n"
              "   2.2  no\n");
    EXPECT_EQ(table_json(t).dump(),
              R"([{"id":"a","ok":true,"km":2.0,"n":7},{"id":"b","ok":false,"km":2.25,"n":null}])");
}

}  // namespace
}  // namespace corridor
