#include "corridor/io/postgres.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "corridor/error.hpp"
#include "corridor/io/detail/ogr_layer.hpp"

namespace corridor::io {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
}

// libpq's keyword=value form: spaces around '=', values quoted with '…' and \-escapes.
// Returns the value of `key` (the last one given), if any.
std::optional<std::string> keyword_value(std::string_view conninfo, std::string_view key) {
    std::optional<std::string> found;
    std::size_t i = 0;
    const auto skip_space = [&] {
        while (i < conninfo.size() && std::isspace(static_cast<unsigned char>(conninfo[i]))) ++i;
    };
    while (true) {
        skip_space();
        if (i >= conninfo.size()) break;
        const std::size_t k = i;
        while (i < conninfo.size() && conninfo[i] != '=' && !std::isspace(static_cast<unsigned char>(conninfo[i]))) ++i;
        const std::string_view name = conninfo.substr(k, i - k);
        skip_space();
        if (i >= conninfo.size() || conninfo[i] != '=') continue;  // not keyword=value: skip the word
        ++i;
        skip_space();
        std::string value;
        if (i < conninfo.size() && conninfo[i] == '\'') {
            for (++i; i < conninfo.size() && conninfo[i] != '\''; ++i) {
                if (conninfo[i] == '\\' && i + 1 < conninfo.size()) ++i;
                value += conninfo[i];
            }
            if (i < conninfo.size()) ++i;
        } else {
            while (i < conninfo.size() && !std::isspace(static_cast<unsigned char>(conninfo[i])))
                value += conninfo[i++];
        }
        if (starts_with_nocase(name, key) && name.size() == key.size()) found = value;
    }
    return found;
}

std::string env_or(const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : std::move(fallback);
}

// A URI's "scheme://user:password@host": the part between the scheme's "//" and '@'
// loses its ":password".
std::string without_uri_password(std::string s) {
    for (std::size_t at = s.find("://"); at != std::string::npos; at = s.find("://", at + 3)) {
        const std::size_t start = at + 3;
        const std::size_t end = s.find_first_of("@/ ", start);
        if (end == std::string::npos || s[end] != '@') continue;
        const std::size_t colon = s.find(':', start);
        if (colon != std::string::npos && colon < end) s.erase(colon, end - colon);
    }
    return s;
}

struct TransactionGuard {
    GDALDataset& ds;
    bool open = true;
    ~TransactionGuard() {
        if (open) ds.RollbackTransaction();
    }
};

}  // namespace

bool is_postgres(std::string_view datasource) { return starts_with_nocase(datasource, "PG:"); }

std::string without_password(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        // "password" as a keyword: at the start or after a space or the "PG:" prefix.
        const bool word_start = i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == ':';
        if (word_start && starts_with_nocase(text.substr(i), "password")) {
            std::size_t j = i + 8;
            while (j < text.size() && text[j] == ' ') ++j;
            if (j < text.size() && text[j] == '=') {
                ++j;
                while (j < text.size() && text[j] == ' ') ++j;
                if (j < text.size() && text[j] == '\'') {
                    for (++j; j < text.size() && text[j] != '\''; ++j)
                        if (text[j] == '\\') ++j;
                    ++j;
                } else {
                    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
                }
                // one space less, so "a password=x b" reads "a b" and "PG:password=x b" "PG:b"
                while (!out.empty() && out.back() == ' ') out.pop_back();
                i = std::min(j, text.size());
                if (out.empty() || out.back() == ':')
                    while (i < text.size() && text[i] == ' ') ++i;
                continue;
            }
        }
        out += text[i++];
    }
    return without_uri_password(out);
}

std::string postgres_target(std::string_view pg) {
    const std::string_view conninfo = is_postgres(pg) ? pg.substr(3) : pg;
    const std::string host = keyword_value(conninfo, "host").value_or(env_or("PGHOST", "the local socket"));
    const char* user = std::getenv("USER");
    const std::string db =
        keyword_value(conninfo, "dbname")
            .value_or(
                env_or("PGDATABASE", keyword_value(conninfo, "user").value_or(user != nullptr ? user : "the user's")));
    return fmt::format("host {}, database {}", without_password(host), without_password(db));
}

gdal::DatasetPtr open_postgres(const std::string& pg, bool update) {
    gdal::init();
    // libpq reads PGCONNECT_TIMEOUT when the string sets no connect_timeout: no command
    // waits minutes on an address that does not answer. libpq never prompts.
    setenv("PGCONNECT_TIMEOUT", "10", 0);
    const char* const drivers[] = {"PostgreSQL", nullptr};
    gdal::QuietErrors quiet;
    GDALDataset* ds = GDALDataset::Open(pg.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY),
                                        drivers, nullptr, nullptr);
    if (ds == nullptr) {
        std::string reason = without_password(gdal::last_error());
        // libpq's "connection to server … failed: REASON": the reason, on one line
        if (const auto at = reason.rfind("failed: "); at != std::string::npos) reason = reason.substr(at + 8);
        const std::string message = fmt::format("cannot connect to PostgreSQL ({}): {}", postgres_target(pg), reason);
        const Location where{without_password(pg), "", ""};
        if (update) throw output_error(where, message);
        throw input_error(where, message);
    }
    return gdal::DatasetPtr(ds);
}

void write_postgres(const std::string& pg, const std::vector<const Table*>& tables, bool overwrite,
                    const std::function<void(std::size_t rows)>& progress) {
    const std::string where = without_password(pg);
    auto ds = open_postgres(pg, true);
    gdal::QuietErrors quiet;
    std::vector<int> existing;  // layer indices to replace
    for (const Table* t : tables) {
        for (int i = 0; i < ds->GetLayerCount(); ++i) {
            if (ds->GetLayer(i)->GetName() != t->name) continue;
            if (!overwrite)
                throw output_error(
                    {where, "", ""},
                    fmt::format("table {} exists: give --overwrite to replace it (nothing written)", t->name));
            existing.push_back(i);
        }
    }
    if (ds->StartTransaction() != OGRERR_NONE)
        throw output_error({where, "", ""}, "cannot start a transaction: " + without_password(gdal::last_error()));
    TransactionGuard guard{*ds};
    std::sort(existing.rbegin(), existing.rend());  // deleting a layer shifts those after it
    for (const int i : existing)
        if (ds->DeleteLayer(i) != OGRERR_NONE)
            throw output_error({where, "", ""}, "cannot replace a table: " + without_password(gdal::last_error()));
    detail::LayerWrite how;
    // fid: pgRouting's integer ids; geom with a GiST index (the driver's default
    // SPATIAL_INDEX); float8 columns, not numeric(width, precision), so reals read back exactly.
    how.options = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST", "PRECISION=NO", "DIM=2", "LAUNDER=NO"};
    how.row_fids = true;
    std::atomic<std::size_t> done{0};
    try {
        for (const Table* t : tables)
            detail::write_ogr_layer(*ds, *t, how, where + " (" + t->name + ")", progress, done);
    } catch (const output_error& e) {
        throw output_error(e.where(), without_password(e.detail()) + " (nothing written)");
    }
    if (ds->CommitTransaction() != OGRERR_NONE)
        throw output_error({where, "", ""},
                           "cannot commit: " + without_password(gdal::last_error()) + " (nothing written)");
    guard.open = false;
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure)
        throw output_error({where, "", ""}, "cannot write: " + without_password(gdal::last_error()));
}

}  // namespace corridor::io
