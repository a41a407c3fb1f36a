// YAML files as JSON: YAML 1.2 core-schema scalars, the JSON form of the same document as the
// peer (nlohmann's parser), anchors, and errors with the file and the line.
#include <gtest/gtest.h>

#include "corridor/error.hpp"
#include "corridor/io/yaml_file.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

nlohmann::json yaml(const test::TempDir& tmp, const std::string& text, std::vector<std::size_t>* lines = nullptr) {
    test::write_file(tmp / "f.yaml", text);
    return io::read_yaml_file(tmp / "f.yaml", lines);
}

std::string error_of(const test::TempDir& tmp, const std::string& text) {
    try {
        yaml(tmp, text);
    } catch (const input_error& e) {
        return e.what();
    }
    return "no error";
}

TEST(YamlFile, IsTheJsonOfTheSameDocument) {
    test::TempDir tmp;
    // A block-style YAML document and the JSON a reader of YAML 1.2 makes of it.
    const auto got = yaml(tmp,
                          "# a comment\n"
                          "- where: \"railway = 'rail'\"\n"
                          "  text: plain words\n"
                          "  quoted_number: \"1435\"\n"
                          "  single: '1'\n"
                          "  int: 5000000\n"
                          "  plus: +7\n"
                          "  negative: -3\n"
                          "  real: 1.5e6\n"
                          "  fraction: 0.25\n"
                          "  yes_is_text: yes\n"
                          "  bools: [true, False, TRUE]\n"
                          "  mixed_case: tRUE\n"
                          "  nulls: [~, null, NULL]\n"
                          "  empty:\n"
                          "  nested: {a: [1, 2], b: {c: d}}\n"
                          "  folded: >-\n"
                          "    two\n"
                          "    lines\n"
                          "- &base {mode: rail}\n"
                          "- *base\n");
    const auto expected = nlohmann::json::parse(R"([
      {"where": "railway = 'rail'", "text": "plain words", "quoted_number": "1435", "single": "1",
       "int": 5000000, "plus": 7, "negative": -3, "real": 1500000.0, "fraction": 0.25, "yes_is_text": "yes",
       "bools": [true, false, true], "mixed_case": "tRUE", "nulls": [null, null, null], "empty": null, "nested": {"a": [1, 2], "b": {"c": "d"}},
       "folded": "two lines"},
      {"mode": "rail"}, {"mode": "rail"}])");
    EXPECT_EQ(got, expected) << got.dump();
    EXPECT_TRUE(got[0]["int"].is_number_integer());
    EXPECT_TRUE(got[0]["real"].is_number_float());
}

TEST(YamlFile, GivesTheLineOfEachItem) {
    test::TempDir tmp;
    std::vector<std::size_t> lines;
    yaml(tmp, "# rules\n- a: 1\n  b: 2\n\n- c: 3\n- d: 4\n", &lines);
    EXPECT_EQ(lines, (std::vector<std::size_t>{2, 5, 6}));
}

TEST(YamlFile, ErrorsNameTheFileAndTheLine) {
    test::TempDir tmp;
    const std::string file = (tmp / "f.yaml").string();
    EXPECT_EQ(error_of(tmp, "a: 1\nb: [1, 2\nc: 3\n").rfind(file + ": line 3: not YAML: ", 0), 0u)
        << error_of(tmp, "a: 1\nb: [1, 2\nc: 3\n");
    EXPECT_EQ(error_of(tmp, "a: 1\nb: 2\na: 3\n"), file + ": line 3: key \"a\" given twice");
    EXPECT_EQ(error_of(tmp, "a: !custom 1\n"), file + ": line 1: unsupported tag !custom");
    EXPECT_NE(error_of(tmp, "").find("no error"), std::string::npos);  // empty: null, for the caller to refuse
    EXPECT_THROW(io::read_yaml_file(tmp / "missing.yaml"), input_error);
    EXPECT_TRUE(io::is_yaml_name("R.YML"));
    EXPECT_TRUE(io::is_yaml_name("r.yaml"));
    EXPECT_FALSE(io::is_yaml_name("r.json"));
}

}  // namespace
}  // namespace corridor
