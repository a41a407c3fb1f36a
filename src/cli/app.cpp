#include "corridor/cli/app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "corridor/check/validate.hpp"
#include "corridor/error.hpp"
#include "corridor/io/write.hpp"
#include "corridor/model/layers.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/speeds.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxWarnings = 20;  // then a count, so big networks do not flood the terminal

struct Options {
    std::string geodata = "geodata";
    std::string seeds;   // default: <geodata>/../seeds
    std::string land;    // default: <geodata>/land.geojson
    std::string speeds;  // default: <geodata>/speeds.json when present
    std::string out = "output";
    std::string formats = "geojson,shp,gpkg";
    bool strict = false;
    bool json = false;
};

struct Io {
    std::ostream& out;
    std::ostream& err;
};

// A usage problem found after parsing (exit code 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The seeds sit beside the geodata folder: <geodata>/../seeds.
fs::path default_seeds(const fs::path& geodata) {
    fs::path p = fs::absolute(geodata).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    return p.parent_path() / "seeds";
}

ValidateOptions validate_options(const Options& o) {
    ValidateOptions v;
    v.seeds_dir = o.seeds.empty() ? default_seeds(o.geodata) : fs::path(o.seeds);
    v.land_file = o.land.empty() ? fs::path(o.geodata) / "land.geojson" : fs::path(o.land);
    return v;
}

SpeedTable speed_table(const Options& o) {
    if (!o.speeds.empty()) return load_speeds(o.speeds);
    const fs::path file = fs::path(o.geodata) / "speeds.json";
    std::error_code ec;
    return fs::exists(file, ec) ? load_speeds(file) : SpeedTable::defaults();
}

// Loads the network (schema errors throw) and reports findings as warnings, or
// as errors with --strict. Returns std::nullopt when --strict refuses.
std::optional<Network> load_checked(const Options& o, const Io& io) {
    Network net = load_network(default_files(o.geodata));
    const Validation v = validate(net, validate_options(o));
    const char* level = o.strict ? "error" : "warning";
    for (std::size_t i = 0; i < v.issues.size() && i < kMaxWarnings; ++i)
        io.err << "corridor: " << level << ": " << v.issues[i].line() << '\n';
    if (v.issues.size() > kMaxWarnings)
        io.err << fmt::format("corridor: {}: ... and {} more (run corridor validate for all)\n", level,
                              v.issues.size() - kMaxWarnings);
    if (o.strict && !v.issues.empty()) return std::nullopt;
    return net;
}

int cmd_validate(const Options& o, const Io& io) {
    const Network net = load_network(default_files(o.geodata));
    const Validation v = validate(net, validate_options(o));
    for (const auto& note : v.notes) io.err << "corridor: note: " << note << '\n';
    for (const auto& issue : v.issues) io.out << issue.line() << '\n';
    if (!v.issues.empty()) {
        io.out << fmt::format("{} problem{} in {} routes and {} places\n", v.issues.size(),
                              v.issues.size() == 1 ? "" : "s", net.routes.size(), net.places.size());
        return 1;
    }
    io.out << fmt::format("ok: {} places, {} routes, no problems\n", net.places.size(), net.routes.size());
    return 0;
}

std::vector<io::Format> parse_formats(const std::string& list) {
    std::vector<io::Format> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) {
            try {
                const io::Format f = io::parse_format(item);
                if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
            } catch (const error& e) {
                throw UsageError(std::string("--format: ") + e.what());
            }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.empty()) throw UsageError("--format: give at least one of geojson, shp, gpkg");
    return out;
}

int cmd_export(const Options& o, const Io& io) {
    const auto formats = parse_formats(o.formats);
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto measures = measure_routes(*net, speed_table(o));
    io::WriteOptions w;
    w.out_dir = o.out;
    w.formats = formats;
    const auto files = io::write_tables({places_table(*net), routes_table(*net, measures)}, w);
    for (const auto& f : files) io.out << f.string() << '\n';
    return 0;
}

// A cell as text for the human tables and as a JSON value.
std::string cell_text(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return "";
            else if constexpr (std::is_same_v<T, bool>) return v ? "yes" : "no";
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{:.{}f}", v, v == std::floor(v) ? 0 : 1);
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
            else return v;
        },
        c);
}

nlohmann::json cell_json(const io::Cell& c) {
    return std::visit(
        [](const auto& v) -> nlohmann::json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return nullptr;
            else return v;
        },
        c);
}

// Prints a table: --json gives every field of every row; the human form the chosen columns.
void print_table(const io::Table& t, const std::vector<std::string>& columns, const Options& o, const Io& io) {
    if (o.json) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& row : t.rows) {
            nlohmann::ordered_json obj;
            for (std::size_t c = 0; c < t.fields.size(); ++c) obj[t.fields[c].name] = cell_json(row[c]);
            arr.push_back(std::move(obj));
        }
        io.out << arr.dump(2) << '\n';
        return;
    }
    std::vector<std::size_t> idx;
    for (const auto& name : columns)
        for (std::size_t c = 0; c < t.fields.size(); ++c)
            if (t.fields[c].name == name) idx.push_back(c);
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> width(idx.size());
    std::vector<std::string> header;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        header.push_back(t.fields[idx[k]].name);
        width[k] = header[k].size();
    }
    for (const auto& row : t.rows) {
        std::vector<std::string> line;
        for (std::size_t k = 0; k < idx.size(); ++k) {
            line.push_back(cell_text(row[idx[k]]));
            width[k] = std::max(width[k], line.back().size());
        }
        cells.push_back(std::move(line));
    }
    auto print_line = [&](const std::vector<std::string>& line) {
        std::string s;
        for (std::size_t k = 0; k < line.size(); ++k)
            s += fmt::format("{:<{}}", line[k], width[k] + (k + 1 < line.size() ? 2 : 0));
        while (!s.empty() && s.back() == ' ') s.pop_back();
        io.out << s << '\n';
    };
    print_line(header);
    for (const auto& line : cells) print_line(line);
}

int cmd_places(const Options& o, const Io& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    print_table(places_table(*net), {"id", "name", "country", "kind"}, o, io);
    return 0;
}

int cmd_routes(const Options& o, const Io& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto measures = measure_routes(*net, speed_table(o));
    print_table(routes_table(*net, measures),
                {"id", "mode", "from_id", "to_id", "length_km", "capacity", "pax_mo", "observed", "basis"}, o, io);
    return 0;
}

struct Command {
    const char* name;
    const char* help;
    std::function<void(CLI::App&, Options&)> options;
    std::function<int(const Options&, const Io&)> run;
};

void input_options(CLI::App& app, Options& o) {
    app.add_option("--geodata", o.geodata, "Folder with places.geojson and routes.geojson")->capture_default_str();
    app.add_option("--seeds", o.seeds, "Folder of seed texts (default: <geodata>/../seeds)");
    app.add_option("--land", o.land, "Land polygons for the land/sea checks (default: <geodata>/land.geojson)");
    app.add_option("--speeds", o.speeds, "JSON of mode: km/h over the default speeds");
}

void strict_option(CLI::App& app, Options& o) {
    app.add_flag("--strict", o.strict, "Treat geographic and provenance findings as errors");
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"validate", "Check schema, geometry (GEOS) and provenance; list every problem, exit 1 if any",
         [](CLI::App& a, Options& o) { input_options(a, o); }, cmd_validate},
        {"export", "Write places and routes with monthly capacity as GeoJSON, Shapefile and GeoPackage",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             strict_option(a, o);
             a.add_option("--out", o.out, "Output folder")->capture_default_str();
             a.add_option("--format", o.formats, "Comma list of geojson, shp, gpkg")->capture_default_str();
         },
         cmd_export},
        {"places", "Print the places as a table (or --json)",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             strict_option(a, o);
             a.add_flag("--json", o.json, "Print JSON");
         },
         cmd_places},
        {"routes", "Print the routes with length (km) and capacity (t/month) as a table (or --json)",
         [](CLI::App& a, Options& o) {
             input_options(a, o);
             strict_option(a, o);
             a.add_flag("--json", o.json, "Print JSON");
         },
         cmd_routes},
    };
    return table;
}

}  // namespace

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    CLI::App app{"corridor: transport corridors from text to maps and monthly capacity", "corridor"};
    app.require_subcommand(1);
    Options options;
    std::vector<std::pair<CLI::App*, const Command*>> subs;
    for (const auto& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.help);
        c.options(*sub, options);
        subs.emplace_back(sub, &c);
    }
    const Io io{out, err};
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    }
    try {
        for (const auto& [sub, cmd] : subs)
            if (sub->parsed()) return cmd->run(options, io);
    } catch (const UsageError& e) {
        err << "corridor: usage: " << e.what() << '\n';
        return 2;
    } catch (const error& e) {
        err << "corridor: error: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        err << "corridor: internal error: " << e.what() << '\n';
        return 1;
    }
    return 2;
}

}  // namespace corridor::cli
