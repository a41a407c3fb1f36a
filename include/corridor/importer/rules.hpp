// Capacity rules: what an imported line becomes (mode, commodity, two-way, capacity, speed),
// chosen by the first rule whose OGR SQL `where` matches the line's attributes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corridor/model/network.hpp"

class OGRFeature;
class OGRFeatureDefn;

namespace corridor::importer {

// Which figure a rule sets: tonnes a year (annual_t) or tonnes a month (capacity).
enum class CapacityForm { annual_t, capacity };

struct Rule {
    std::filesystem::path file;  // the rules file it came from
    std::size_t number = 0;      // 1-based within its file
    std::string where;           // an OGR SQL expression (OGRFeatureQuery)
    bool skip = false;           // "skip": true: matching lines are not imported
    Mode mode = Mode::rail;
    std::vector<std::string> commodities{"cargo"};
    bool two_way = true;
    CapacityForm form = CapacityForm::annual_t;
    double value = 0;                 // in the form's unit
    std::optional<double> low, high;  // "range": [low, high], in the form's unit
    std::optional<double> speed_kmh;
    std::string note;

    // "rule 2 of osm-railways.json: main line, single track: assumed" (the route's note).
    std::string provenance() const;
    // "osm-railways.json: rule 2" (for messages and the report).
    std::string label() const;
};

// An OGR error message on one line, without the expression parser's "Occurred around" and
// caret that follow the reason.
std::string ogr_message(std::string message);

// The rules of the files in order (several files are one list, the first file's rules
// first); the first rule that matches a line wins. Throws input_error naming the file, the
// rule number and the field for an unknown field, a missing or mistyped one, a range that
// does not hold the value, or a rules file that is not a JSON array of objects.
std::vector<Rule> load_rules(const std::vector<std::filesystem::path>& files);

// The rules compiled against one layer's fields with OGR's own SQL expression engine
// (OGRFeatureQuery, the engine behind SetAttributeFilter). A rule whose expression names a
// field the layer lacks does not apply to that layer (missing() lists it); any other
// compile failure is an invalid expression. Answers are cached by the values of the fields
// the expressions read, so a million lines with a few distinct tag combinations evaluate
// each combination once.
class LayerRules {
public:
    LayerRules(const std::vector<Rule>& rules, OGRFeatureDefn* defn);
    ~LayerRules();
    LayerRules(const LayerRules&) = delete;
    LayerRules& operator=(const LayerRules&) = delete;

    // The index of the first rule that matches f, or std::nullopt when none does.
    std::optional<std::size_t> match(OGRFeature& f);

    // The rules that do not apply to this layer, each with the field it lacks.
    struct Missing {
        std::size_t rule = 0;  // index into the rules
        std::string field;
    };
    const std::vector<Missing>& missing() const { return missing_; }
    // The message of an expression that does not compile (std::nullopt when all compiled
    // or only lacked fields), with the index of its rule.
    const std::optional<std::pair<std::size_t, std::string>>& invalid() const { return invalid_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<Missing> missing_;
    std::optional<std::pair<std::size_t, std::string>> invalid_;
};

}  // namespace corridor::importer
