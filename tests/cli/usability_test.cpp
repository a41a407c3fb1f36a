// The command line as a user meets it: --version, help, "did you mean", --json shapes
// against their schemas (docs/schema), the overwrite guard, "-" as stdout, --quiet, and the
// man pages and completion scripts generated from the command table.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "support/binary.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::run_cli;

std::string geodata() { return test::geodata_dir().string(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The commands `corridor --help` lists under "Subcommands:", and a command's long options
// from its --help (without --help), read as the docs test reads them.
std::vector<std::string> help_lines(const std::string& help, const std::string& title) {
    std::istringstream in(help);
    std::vector<std::string> lines;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line == title) inside = true;
        else if (inside && line.empty()) break;
        else if (inside) lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> commands() {
    static const std::regex entry(R"(^  ([a-z][a-z0-9-]*) )");
    std::vector<std::string> names;
    std::smatch m;
    for (const auto& line : help_lines(run_cli({"--help"}).out, "Subcommands:"))
        if (std::regex_search(line, m, entry)) names.push_back(m[1]);
    return names;
}

std::vector<std::string> options(const std::string& command) {
    static const std::regex entry(R"(^  (?:-[A-Za-z],)?(--[a-z][a-z0-9-]*))");
    std::vector<std::string> names;
    std::smatch m;
    for (const auto& line : help_lines(run_cli({command, "--help"}).out, "Options:"))
        if (std::regex_search(line, m, entry) && m[1] != "--help") names.push_back(m[1]);
    return names;
}

// --- version and help --------------------------------------------------------------

TEST(Usability, VersionNamesCorridorAndItsLibraries) {
    const auto r = run_cli({"--version"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind(std::string("corridor ") + CORRIDOR_PROJECT_VERSION + "\n", 0), 0u) << r.out;  // CMake's
    for (const char* lib : {"GDAL", "GEOS", "PROJ", "Boost"})
        EXPECT_TRUE(std::regex_search(r.out, std::regex(std::string("\n") + lib + R"( \d+\.\d+\.\d+)")))
            << lib << r.out;
}

TEST(Usability, HelpIsTheSameAsDashDashHelp) {
    auto r = run_cli({"help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, run_cli({"--help"}).out);
    EXPECT_TRUE(contains(r.out, "Subcommands:"));
    r = run_cli({"help", "capacity"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, run_cli({"capacity", "--help"}).out);
    EXPECT_TRUE(contains(r.out, "--uncertainty"));
}

TEST(Usability, EveryCommandsHelpEndsWithExamples) {
    const auto names = commands();
    ASSERT_GE(names.size(), 12u);
    for (const auto& name : names) {
        const std::string help = run_cli({name, "--help"}).out;
        const auto at = help.rfind("\nExamples:\n");
        ASSERT_NE(at, std::string::npos) << name;
        std::istringstream in(help.substr(at + 11));
        std::string line;
        int examples = 0;
        while (std::getline(in, line))
            if (line.rfind("  corridor " + name, 0) == 0) ++examples;
        EXPECT_GE(examples, 2) << name;
        EXPECT_LE(examples, 3) << name;
    }
}

// --- usage errors ------------------------------------------------------------------

TEST(Usability, AMistypedCommandGetsTheNearestOne) {
    const auto r = run_cli({"exprot"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "corridor: usage: unknown command 'exprot': did you mean 'export'?\nTry 'corridor help'.\n");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(run_cli({"help", "capcity"}).err,
              "corridor: usage: unknown command 'capcity': did you mean 'capacity'?\nTry 'corridor help'.\n");
    EXPECT_EQ(run_cli({"frobnicate"}).err, "corridor: usage: unknown command 'frobnicate'\nTry 'corridor help'.\n");
}

TEST(Usability, AMistypedOptionGetsTheNearestOne) {
    const auto r = run_cli({"export", "--gedata", geodata()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err,
              "corridor: usage: unknown option '--gedata' for 'corridor export': did you mean '--geodata'?\n"
              "Try 'corridor help export'.\n");
    EXPECT_EQ(run_cli({"capacity", "--uncertanty=5"})
                  .err.rfind("corridor: usage: unknown option '--uncertanty' for "
                             "'corridor capacity': did you mean '--uncertainty'?",
                             0),
              0u);
    EXPECT_EQ(run_cli({"--verison"}).err,
              "corridor: usage: unknown option '--verison': did you mean '--version'?\nTry 'corridor help'.\n");
}

TEST(Usability, ParseErrorsAreOneLineWithThePrefix) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{},
                                                 {"capacity", "--from", "RU"},
                                                 {"render", "--width", "wide"},
                                                 {"route", "--from"}}) {
        const auto r = run_cli(args);
        EXPECT_EQ(r.code, 2);
        EXPECT_EQ(r.err.rfind("corridor: usage: ", 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
        EXPECT_TRUE(contains(r.err, "\nTry 'corridor help")) << r.err;
    }
}

TEST(Usability, AMistypedPlaceGetsTheNearestIdsAndCountryCodesIgnoreCase) {
    auto r = run_cli({"capacity", "--geodata", geodata(), "--from", "RU", "--to", "pyongyan"});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(contains(r.err, "unknown place 'pyongyan': did you mean 'pyongyang'?")) << r.err;
    r = run_cli({"capacity", "--geodata", geodata(), "--from", "ru", "--to", "pyongyang", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["throughput_t_mo"], 106042);  // as for RU
}

// --- --json and the schemas ----------------------------------------------------------

// The subset of JSON Schema that docs/schema uses: type (a name or a list of names), enum,
// required, properties, additionalProperties (false, or the schema of every other member),
// items. Returns the problems, each with its JSON pointer.
void check_schema(const json& value, const json& schema, const std::string& where, std::vector<std::string>& problems) {
    auto is_type = [&](const std::string& t) {
        if (t == "object") return value.is_object();
        if (t == "array") return value.is_array();
        if (t == "string") return value.is_string();
        if (t == "integer") return value.is_number_integer();
        if (t == "number") return value.is_number();
        if (t == "boolean") return value.is_boolean();
        if (t == "null") return value.is_null();
        ADD_FAILURE() << "schema type " << t << " not supported";
        return false;
    };
    for (const auto& [key, _] : schema.items())
        if (key != "$schema" && key != "$id" && key != "title" && key != "description" && key != "type" &&
            key != "enum" && key != "required" && key != "properties" && key != "additionalProperties" &&
            key != "items")
            ADD_FAILURE() << where << ": schema keyword " << key << " not supported by this validator";
    if (schema.contains("type")) {
        const json types = schema["type"].is_array() ? schema["type"] : json::array({schema["type"]});
        if (std::none_of(types.begin(), types.end(), [&](const json& t) { return is_type(t.get<std::string>()); })) {
            problems.push_back(where + ": " + value.dump() + " is not of type " + types.dump());
            return;
        }
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
        problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    if (value.is_object()) {
        const json required = schema.value("required", json::array());
        const json properties = schema.value("properties", json::object());
        for (const auto& key : required)
            if (!value.contains(key.get<std::string>()))
                problems.push_back(where + ": no member " + key.get<std::string>());
        for (const auto& [key, sub] : properties.items())
            if (value.contains(key)) check_schema(value[key], sub, where + "/" + key, problems);
        if (schema.contains("additionalProperties"))
            for (const auto& [key, member] : value.items()) {
                if (properties.contains(key)) continue;
                const json& other = schema["additionalProperties"];
                if (other.is_boolean() && !other.get<bool>())
                    problems.push_back(where + ": member " + key + " is not in the schema");
                else if (other.is_object()) check_schema(member, other, where + "/" + key, problems);
            }
    }
    if (value.is_array() && schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
            check_schema(value[i], schema["items"], where + "/" + std::to_string(i), problems);
}

std::vector<std::string> schema_problems(const json& value, const std::string& name) {
    const json schema = test::read_json(test::source_dir() / "docs" / "schema" / (name + ".schema.json"));
    std::vector<std::string> problems;
    check_schema(value, schema, "", problems);
    return problems;
}

TEST(Usability, TheValidatorFindsWhatTheSchemaForbids) {
    json good = {{"version", "1"}, {"command", "map"}, {"files", json::array()}};
    good["files"].push_back({{"path", "out/map.html"}, {"format", "html"}});
    EXPECT_TRUE(schema_problems(good, "files").empty());
    json bad = good;
    bad["files"][0]["format"] = "kml";
    bad.erase("version");
    bad["command"] = 3;
    EXPECT_EQ(schema_problems(bad, "files").size(), 3u) << ::testing::PrintToString(schema_problems(bad, "files"));
    // A member the schema does not list is a problem: a new output member needs its schema.
    json extra = good;
    extra["elapsed_s"] = 1.5;
    EXPECT_EQ(schema_problems(extra, "files"), std::vector<std::string>{": member elapsed_s is not in the schema"});
    // And so is a value of the wrong type under additionalProperties' own schema.
    const json flows_schema = {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}};
    std::vector<std::string> problems;
    check_schema(json{{"a_rail", 5}, {"b_rail", "five"}}, flows_schema, "/flows", problems);
    EXPECT_EQ(problems, std::vector<std::string>{"/flows/b_rail: \"five\" is not of type [\"integer\"]"});
}

// Every schema closes its objects (additionalProperties false, or a schema for the members
// keyed by id), so a member an output gains without its schema fails
// EveryJsonAnswerFitsItsSchema. Checked down the properties and items of every schema.
void expect_closed(const json& schema, const std::string& where) {
    if (!schema.is_object()) return;
    bool object = false;
    if (const auto t = schema.find("type"); t != schema.end())
        object = *t == "object" || (t->is_array() && std::find(t->begin(), t->end(), json("object")) != t->end());
    if (object) {
        EXPECT_TRUE(schema.contains("additionalProperties")) << where << ": an object without additionalProperties";
    }
    if (const auto p = schema.find("properties"); p != schema.end())
        for (const auto& [key, sub] : p->items()) expect_closed(sub, where + "/" + key);
    if (const auto i = schema.find("items"); i != schema.end()) expect_closed(*i, where + "/items");
    if (const auto a = schema.find("additionalProperties"); a != schema.end()) expect_closed(*a, where + "/*");
}

TEST(Usability, EverySchemaListsEveryMember) {
    std::size_t schemas = 0;
    for (const auto& entry : fs::directory_iterator(test::source_dir() / "docs" / "schema")) {
        if (entry.path().extension() != ".json") continue;
        ++schemas;
        expect_closed(test::read_json(entry.path()), entry.path().filename().string());
    }
    EXPECT_GE(schemas, 9u);
}

TEST(Usability, TheImportReportFitsItsSchema) {
    test::TempDir tmp;
    const std::string raw = (tmp / "raw").string(), out = (tmp / "net").string();
    ASSERT_EQ(run_cli({"generate", "--routes", "100", "--raw", "--out", raw}).code, 0);
    const std::string rules = (test::source_dir() / "geodata" / "rules").string();
    const auto r = run_cli({"import", raw + "/lines.geojson", "--rules", rules + "/osm-railways.json", "--places",
                            raw + "/stations.geojson", "--keep-fields", "usage", "--out", out});
    ASSERT_EQ(r.code, 0) << r.err;
    const json report = test::read_json(tmp / "net" / "import-report.json");
    EXPECT_FALSE(report["skipped"].empty());  // the roads: no rule for them
    EXPECT_TRUE(schema_problems(report, "import-report").empty())
        << ::testing::PrintToString(schema_problems(report, "import-report"));
}

TEST(Usability, TileJsonFitsItsSchema) {
    test::TempDir out;
    const auto r = test::run_cli({"export", "--geodata", test::geodata_dir().string(), "--out", out.path().string(),
                                  "--format", "mvt", "--maxzoom", "2", "--no-map"});
    ASSERT_EQ(r.code, 0) << r.err;
    const json tj = test::read_json(out / "tiles" / "metadata.json");
    EXPECT_TRUE(schema_problems(tj, "tilejson").empty()) << ::testing::PrintToString(schema_problems(tj, "tilejson"));
    for (const auto& l : tj["vector_layers"])
        for (const auto& [name, type] : l["fields"].items())
            EXPECT_TRUE(type == "String" || type == "Number" || type == "Boolean") << name;
}

TEST(Usability, EveryJsonAnswerFitsItsSchema) {
    test::TempDir tmp;
    const std::string g = geodata();
    test::mini_network().write(tmp.path());  // one commodity: a max-flow with a minimum cut
    const std::string mini = (tmp / "geodata").string();
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
        {"validate", {"validate", "--geodata", g, "--json"}},
        {"places", {"places", "--geodata", g, "--json"}},
        {"routes", {"routes", "--geodata", g, "--json"}},
        {"capacity", {"capacity", "--geodata", g, "--from", "RU", "--to", "pyongyang", "--json"}},
        {"capacity",
         {"capacity", "--geodata", g, "--from", "RU", "--to", "pyongyang", "--uncertainty", "20", "--json"}},
        {"capacity",
         {"capacity", "--geodata", g, "--from", "vladivostok", "--to", "rajin", "--commodity", "passengers",
          "--uncertainty", "10", "--json"}},
        {"capacity", {"capacity", "--geodata", mini, "--from", "a", "--to", "b", "--commodity", "cargo", "--json"}},
        {"route", {"route", "--geodata", g, "--from", "vladivostok", "--to", "pyongyang", "--json"}},
        {"scenarios", {"scenarios", "--geodata", g, "--from", "RU", "--to", "pyongyang", "--json"}},
        {"timeline", {"timeline", "--geodata", g, "--from", "KP", "--to", "CN", "--commodity", "coal", "--json"}},
        {"timeline", {"timeline", "--geodata", g, "--from", "RU", "--to", "pyongyang", "--json"}},
        {"facts", {"facts", "--geodata", g, "--json"}},
        {"assign", {"assign", "--geodata", g, "--demand", g + "/demands.csv", "--json"}},
        {"assign", {"assign", "--geodata", g, "--demand", g + "/demands.csv", "--month", "2016-12", "--json"}},
        {"files",
         {"export", "--geodata", g, "--out", (tmp / "e").string(), "--format", "geojson", "--no-map", "--json"}},
        {"files", {"map", "--geodata", g, "--out", (tmp / "m").string(), "--json"}},
        {"files", {"render", "--geodata", g, "--out", (tmp / "r.svg").string(), "--width", "400", "--json"}},
        {"files", {"generate", "--routes", "20", "--out", (tmp / "g").string(), "--json"}},
    };
    for (const auto& [schema, args] : cases) {
        const auto r = run_cli(args);
        ASSERT_EQ(r.code, 0) << args[0] << ": " << r.err;
        const json j = json::parse(r.out);
        for (const auto& p : schema_problems(j, schema)) ADD_FAILURE() << args[0] << " --json: " << p;
        if (j.is_object()) {
            EXPECT_EQ(j["version"], "1") << args[0];
        }
    }
}

TEST(Usability, PassengerAnswersKeepTheirUnitInEveryKey) {
    const auto r = run_cli({"capacity", "--geodata", geodata(), "--from", "vladivostok", "--to", "rajin", "--commodity",
                            "passengers", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["unit"], "passengers/month");
    EXPECT_TRUE(j.contains("throughput_pax_mo"));
    ASSERT_FALSE(j["binding"].empty()) << "the ferry's passengers bind";
    for (const auto& b : j["binding"]) {
        EXPECT_TRUE(b.contains("capacity_pax_mo")) << b.dump();
        EXPECT_FALSE(b.contains("capacity_t_mo")) << b.dump();
    }
}

TEST(Usability, ValidateJsonListsProblemsAsObjects) {
    test::TempDir tmp;
    auto net = test::mini_network();
    net.routes["features"][0]["properties"]["trips_mo"] = 7;  // the quote says six
    net.write(tmp.path());
    const auto r = run_cli({"validate", "--geodata", (tmp / "geodata").string(), "--json"});
    EXPECT_EQ(r.code, 1);
    const json j = json::parse(r.out);
    EXPECT_TRUE(schema_problems(j, "validate").empty());
    EXPECT_EQ(j["ok"], false);
    ASSERT_EQ(j["problems"].size(), 1u);
    EXPECT_EQ(j["problems"][0]["feature"], "ab_rail");
    EXPECT_EQ(j["problems"][0]["field"], "trips_mo");
    EXPECT_EQ(j["problems"][0]["severity"], "error");
    EXPECT_TRUE(contains(j["problems"][0]["file"].get<std::string>(), "routes.geojson"));
}

// --- messages -------------------------------------------------------------------------

TEST(Usability, QuietLeavesOutNotes) {
    test::TempDir tmp;
    test::mini_network().write(tmp.path());
    const std::string g = (tmp / "geodata").string(), land = (tmp / "no-land.geojson").string();
    auto r = run_cli({"places", "--geodata", g, "--land", land});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "note:")) << r.err;
    r = run_cli({"places", "--geodata", g, "--land", land, "--quiet", "--no-progress"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    r = run_cli({"validate", "--geodata", g, "--land", land, "--quiet", "--progress"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
}

// --- outputs: "-", the overwrite guard and the manifest ------------------------------

TEST(Usability, RenderAndMapWriteToStdoutWithDash) {
    auto r = run_cli({"render", "--geodata", geodata(), "--out", "-", "--format", "png", "--width", "400"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    r = run_cli({"render", "--geodata", geodata(), "--out", "-", "--format", "svg", "--width", "400"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out.substr(0, 200), "<svg")) << r.out.substr(0, 200);
    r = run_cli({"render", "--geodata", geodata(), "--out", "-"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "--format png")) << r.err;
    r = run_cli({"map", "--geodata", geodata(), "--out", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out.substr(0, 100), "<!DOCTYPE html>")) << r.out.substr(0, 100);
}

TEST(Usability, ExportRefusesAFolderThatIsNotCorridors) {
    test::TempDir tmp;
    const std::string out = (tmp / "out").string();
    const std::vector<std::string> args{"export", "--geodata", geodata(), "--out",
                                        out,      "--format",  "geojson", "--no-map"};
    fs::create_directories(tmp / "out");
    test::write_file(tmp / "out" / "thesis.docx", "mine");
    auto r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "thesis.docx")) << r.err;
    EXPECT_TRUE(contains(r.err, "--overwrite")) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "out" / "routes.geojson"));

    auto with = args;
    with.push_back("--overwrite");
    ASSERT_EQ(run_cli(with).code, 0);
    EXPECT_EQ(test::read_file(tmp / "out" / "thesis.docx"), "mine");  // only corridor's names are written
    const json manifest = test::read_json(tmp / "out" / ".corridor-export.json");
    EXPECT_EQ(manifest["tool"], "corridor");
    EXPECT_EQ(manifest["command"], "export");
    EXPECT_EQ(manifest["network"], fs::weakly_canonical(test::geodata_dir()).string());
    std::vector<std::string> names;
    for (const auto& f : manifest["files"]) {
        names.push_back(f["name"]);
        EXPECT_EQ(f["bytes"], fs::file_size(tmp / "out" / names.back())) << names.back();
        EXPECT_EQ(f["sha256"].get<std::string>().size(), 64u);
        EXPECT_EQ(f["command"], "export");
    }
    EXPECT_EQ(names,
              (std::vector<std::string>{"bottlenecks.geojson", "flows.csv", "flows.csvt", "flows_by_commodity.csv",
                                        "flows_by_commodity.csvt", "places.geojson", "routes.geojson"}));
    // the manifest marks the folder as corridor's: the same run works again without --overwrite
    r = run_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
}

TEST(Usability, ExportReRunsIntoItsOwnFolderAndAnEmptyOne) {
    test::TempDir tmp;
    fs::create_directories(tmp / "empty");
    const std::vector<std::string> args{"export",   "--geodata", geodata(), "--out", (tmp / "empty").string(),
                                        "--format", "geojson",   "--no-map"};
    ASSERT_EQ(run_cli(args).code, 0);
    fs::remove(tmp / "empty" / ".corridor-export.json");  // corridor's names alone are enough
    EXPECT_EQ(run_cli(args).code, 0);
    EXPECT_TRUE(fs::exists(tmp / "empty" / ".corridor-export.json"));
}

TEST(Usability, OutputsNeverReplaceTheInputs) {
    test::TempDir tmp;
    test::mini_network().write(tmp.path());
    const std::string g = (tmp / "geodata").string();
    for (const std::string command : {"export", "map"}) {
        auto r = run_cli({command, "--geodata", g, "--out", g, "--overwrite"});
        EXPECT_EQ(r.code, 2) << command;
        EXPECT_TRUE(contains(r.err, "--geodata folder")) << r.err;
        // the same folder spelled otherwise
        r = run_cli({command, "--geodata", g, "--out", (tmp / "geodata" / ".").string(), "--overwrite"});
        EXPECT_EQ(r.code, 2) << command;
    }
    fs::create_directories(tmp / "speeds");
    test::write_file(tmp / "speeds" / "speeds.json", R"({"rail": 30})");
    auto r = run_cli({"export", "--geodata", g, "--speeds", (tmp / "speeds" / "speeds.json").string(), "--out",
                      (tmp / "speeds").string(), "--overwrite"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "holds the input file")) << r.err;
    r = run_cli({"render", "--geodata", g, "--out", (tmp / "geodata" / "routes.geojson").string(), "--format", "png"});
    EXPECT_EQ(r.code, 2);
}

TEST(Usability, RenderRefusesToReplaceAFileCorridorDidNotWrite) {
    test::TempDir tmp;
    test::write_file(tmp / "figure.png", "not ours");
    const std::vector<std::string> args{"render",  "--geodata", geodata(), "--out", (tmp / "figure.png").string(),
                                        "--width", "400"};
    auto r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(test::read_file(tmp / "figure.png"), "not ours");
    auto with = args;
    with.push_back("--overwrite");
    ASSERT_EQ(run_cli(with).code, 0);
    EXPECT_EQ(run_cli(args).code, 0);  // now in the folder's manifest
}

// --- man pages and completion ---------------------------------------------------------

std::string shell(const std::string& script) { return test::shell_output(script); }

TEST(Usability, EveryManPageNamesEveryOptionOfItsCommand) {
    for (const auto& name : commands()) {
        const auto r = run_cli({"man", name});
        ASSERT_EQ(r.code, 0) << r.err;
        EXPECT_EQ(r.out.rfind(
                      ".TH CORRIDOR-" +
                          [&] {
                              std::string u = name;
                              for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                              return u;
                          }() +
                          " 1",
                      0),
                  0u)
            << r.out.substr(0, 80);
        EXPECT_TRUE(contains(r.out, ".SH EXAMPLES")) << name;
        for (const auto& opt : options(name)) {
            std::string roff;
            for (char c : opt) roff += c == '-' ? std::string("\\-") : std::string(1, c);
            EXPECT_TRUE(contains(r.out, "\\fB" + roff + "\\fR")) << name << " man page lacks " << opt;
        }
    }
    const auto top = run_cli({"man"});
    for (const auto& name : commands()) EXPECT_TRUE(contains(top.out, "corridor\\-" + name)) << name;
}

TEST(Usability, ManDirWritesEveryPageAndGroffReadsThemCleanly) {
    test::TempDir tmp;
    const auto r = run_cli({"man", "--dir", (tmp / "man").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto names = commands();
    EXPECT_TRUE(fs::exists(tmp / "man" / "corridor.1"));
    for (const auto& name : names) EXPECT_TRUE(fs::exists(tmp / "man" / ("corridor-" + name + ".1"))) << name;
    if (std::system("command -v groff > /dev/null 2>&1") != 0) GTEST_SKIP() << "no groff";
    for (const auto& e : fs::directory_iterator(tmp / "man")) {
        const std::string warnings =
            shell("groff -man -Tutf8 -ww -z " + test::shell_quote(e.path().string()) + " 2>&1");
        EXPECT_EQ(warnings, "") << e.path();
    }
}

TEST(Usability, BashCompletionOffersEveryCommandAndOption) {
    test::TempDir tmp;
    const auto r = run_cli({"completion", "bash"});
    ASSERT_EQ(r.code, 0) << r.err;
    test::write_file(tmp / "corridor.bash", r.out);
    const std::string script = test::shell_quote((tmp / "corridor.bash").string());
    // complete WORDS…: what bash offers for the last word
    auto complete = [&](const std::string& words) {
        test::write_file(tmp / "drive.sh", "source " + script + "\nCOMP_WORDS=(" + words +
                                               ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_corridor\n"
                                               "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        return shell("bash " + test::shell_quote((tmp / "drive.sh").string()));
    };
    EXPECT_EQ(complete("corridor exp"), "export\n");
    const std::string all = complete("corridor \"\"");
    for (const auto& name : commands()) EXPECT_TRUE(contains(all, name + "\n")) << name;
    for (const auto& name : commands()) {
        const std::string offered = complete("corridor " + name + " --");
        for (const auto& opt : options(name))
            EXPECT_TRUE(contains(offered, opt + "\n")) << "bash: corridor " << name << " " << opt;
    }
    EXPECT_EQ(complete("corridor capacity --geodata \"\""), "\n");  // a value: file names (complete -o default)
}

TEST(Usability, ZshCompletionNamesEveryCommandAndOption) {
    const auto r = run_cli({"completion", "zsh"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("#compdef corridor\n", 0), 0u);
    for (const auto& name : commands()) {
        const auto at = r.out.find("\n    " + name + ")\n");
        ASSERT_NE(at, std::string::npos) << name;
        const std::string block = r.out.substr(at, r.out.find(";;", at) - at);
        for (const auto& opt : options(name))
            EXPECT_TRUE(contains(block, "'" + opt + "[") || contains(block, "'*" + opt + "["))
                << "zsh: corridor " << name << " " << opt;
    }
    if (std::system("command -v zsh > /dev/null 2>&1") == 0) {
        test::TempDir tmp;
        test::write_file(tmp / "_corridor", r.out);
        EXPECT_EQ(std::system(("zsh -n " + test::shell_quote((tmp / "_corridor").string())).c_str()), 0);
    }
}

}  // namespace
}  // namespace corridor
