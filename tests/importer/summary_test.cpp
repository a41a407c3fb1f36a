// What an import reports in numbers and words, from an import made by hand.
#include "corridor/importer/summary.hpp"

#include <gtest/gtest.h>

namespace corridor::importer {
namespace {

Imported two_sources() {
    Imported im;
    im.read.sources.resize(2);
    im.read.sources[0].features = 120;
    im.read.sources[1].features = 30;
    im.read.skipped = {{"no geometry", 4}, {"rule 2: skip", 11}};
    im.topology.places.resize(7);
    im.topology.routes.resize(9);
    im.topology.stats.snapped_ends = 3;
    im.topology.stats.merged_places = 2;
    Rule r;
    r.file = "rules/rail.json";
    r.number = 2;
    im.rules = {Rule{}, r};
    return im;
}

TEST(ImportSummary, CountsAddUpEverySourceAndEverySkipReason) {
    const ImportCounts c = import_counts(two_sources());
    EXPECT_EQ(c.features, 150u);  // 120 + 30
    EXPECT_EQ(c.skipped, 15u);    // 4 + 11
    EXPECT_EQ(c.places, 7u);
    EXPECT_EQ(c.routes, 9u);
    EXPECT_EQ(c.snapped_ends, 3u);
    EXPECT_EQ(c.merged_places, 2u);
}

TEST(ImportSummary, TheSentenceNamesTheReport) {
    ImportOptions o;
    o.out = "mynet";
    EXPECT_EQ(summary_sentence(two_sources(), o),
              "150 features read, 15 skipped; 7 places, 9 routes (3 ends snapped, 2 places merged away); see "
              "mynet/import-report.json");
}

TEST(ImportSummary, NotesNameUnreadRulesAndAnEmptyImport) {
    Imported im = two_sources();
    EXPECT_TRUE(import_notes(im).empty());
    im.read.rules_unread = {{1, "railway"}};
    im.topology.routes.clear();
    EXPECT_EQ(import_notes(im),
              (std::vector<std::string>{"rail.json: rule 2 never matched: no source has a field \"railway\"",
                                        "no route was imported: check the rules and --where"}));
}

}  // namespace
}  // namespace corridor::importer
