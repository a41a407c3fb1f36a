#include "corridor/io/yaml_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/io/input_file.hpp"
#include "corridor/text/strings.hpp"

namespace corridor::io {
namespace {

using nlohmann::json;

class YamlToJson {
public:
    explicit YamlToJson(const std::filesystem::path& path) : path_(path) {}

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
        throw input_error({path_.string(), "", ""},
                          mark.is_null() ? message : fmt::format("line {}: {}", mark.line + 1, message));
    }

    json convert(const YAML::Node& n) const {
        switch (n.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                return nullptr;
            case YAML::NodeType::Scalar:
                return scalar(n);
            case YAML::NodeType::Sequence: {
                json a = json::array();
                for (const auto& item : n) a.push_back(convert(item));
                return a;
            }
            case YAML::NodeType::Map: {
                json o = json::object();
                for (const auto& kv : n) {
                    if (!kv.first.IsScalar()) fail(kv.first.Mark(), "a key that is not text");
                    const std::string key = kv.first.Scalar();
                    if (o.contains(key)) fail(kv.first.Mark(), fmt::format("key \"{}\" given twice", key));
                    o[key] = convert(kv.second);
                }
                return o;
            }
        }
        return nullptr;
    }

private:
    // YAML 1.2's core schema: what a plain scalar is.
    json scalar(const YAML::Node& n) const {
        const std::string& s = n.Scalar();
        const std::string& tag = n.Tag();
        if (tag == "!" || tag == "tag:yaml.org,2002:str") return s;  // quoted, or !!str
        if (tag != "?" && !tag.empty() && tag.rfind("tag:yaml.org,2002:", 0) != 0)
            fail(n.Mark(), fmt::format("unsupported tag {}", tag));
        const auto one_of = [&s](std::initializer_list<const char*> words) {
            return std::any_of(words.begin(), words.end(), [&s](const char* w) { return s == w; });
        };
        if (s.empty() || one_of({"~", "null", "Null", "NULL"})) return nullptr;
        if (one_of({"true", "True", "TRUE"})) return true;
        if (one_of({"false", "False", "FALSE"})) return false;
        if (const auto i = integer(s)) return *i;
        if (const auto d = real(ascii_lower(s))) return *d;
        return s;
    }

    static std::optional<long long> integer(const std::string& s) {
        const char* b = s.data();
        const char* e = b + s.size();
        if (b != e && *b == '+') ++b;
        long long v = 0;
        const auto [p, ec] = std::from_chars(b, e, v);
        if (ec != std::errc() || p != e || b == e) return std::nullopt;
        return v;
    }

    static std::optional<double> real(const std::string& l) {
        if (l == ".inf" || l == "+.inf") return HUGE_VAL;
        if (l == "-.inf") return -HUGE_VAL;
        if (l == ".nan") return std::nan("");
        const char* b = l.data();
        const char* e = b + l.size();
        if (b != e && *b == '+') ++b;
        if (b == e || !(std::isdigit(static_cast<unsigned char>(*b)) || *b == '.' || *b == '-')) return std::nullopt;
        double v = 0;
        const auto [p, ec] = std::from_chars(b, e, v);  // locale-independent
        if (ec != std::errc() || p != e) return std::nullopt;
        return v;
    }

    const std::filesystem::path& path_;
};

}  // namespace

bool is_yaml_name(const std::filesystem::path& path) {
    const std::string ext = ascii_lower(path.extension().string());
    return ext == ".yaml" || ext == ".yml";
}

json read_yaml_file(const std::filesystem::path& path, std::vector<std::size_t>* item_lines) {
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw input_error({path.string(), "", ""}, "cannot read");
    const YamlToJson to_json(path);
    YAML::Node root;
    try {
        root = YAML::Load(text.str());
    } catch (const YAML::Exception& e) {
        to_json.fail(e.mark, "not YAML: " + e.msg);
    }
    json j = to_json.convert(root);
    if (item_lines != nullptr) {
        item_lines->clear();
        if (root.IsSequence())
            for (const auto& item : root) item_lines->push_back(static_cast<std::size_t>(item.Mark().line) + 1);
    }
    return j;
}

}  // namespace corridor::io
