#include "corridor/tiles/write_tiles.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <sqlite3.h>

#include "corridor/error.hpp"
#include "corridor/io/write.hpp"
#include "corridor/parallel.hpp"

namespace corridor::tiles {
namespace fs = std::filesystem;
namespace {

void check_zooms(const TileSetOptions& o) {
    if (o.minzoom < 0 || o.maxzoom > kMaxZoom || o.minzoom > o.maxzoom)
        throw request_error(
            fmt::format("zooms {}..{}: give 0 <= minzoom <= maxzoom <= {}", o.minzoom, o.maxzoom, kMaxZoom));
}

TileOptions tile_options(const TileSetOptions& o) {
    TileOptions t = o.tile;
    t.full_detail_zoom = o.maxzoom;
    return t;
}

// Cuts every candidate tile of every zoom, in batches, on all cores. keep receives each tile
// with features: on the worker that cut it when `concurrent` (keep must then be thread-safe),
// else on the calling thread in (z, x, y) order.
TileSetStats cut_tiles(const TileSource& source, const TileSetOptions& o, bool concurrent,
                       const std::function<void(TileId, const std::string&)>& keep) {
    check_zooms(o);
    const TileOptions t = tile_options(o);
    TileSetStats stats;
    std::mutex stats_mutex;
    for (int z = o.minzoom; z <= o.maxzoom; ++z) {
        const auto ids = candidate_tiles(source, z, t.geometry.buffer);
        constexpr std::size_t kBatch = 4096;
        for (std::size_t from = 0; from < ids.size(); from += kBatch) {
            const std::size_t n = std::min(kBatch, ids.size() - from);
            std::vector<std::string> bytes(n);
            std::atomic<std::size_t> next{0};
            run_parts(parts_for(n, 8), [&](std::size_t) {
                TileSetStats mine;
                for (std::size_t i = next++; i < n; i = next++) {
                    TileStats s;
                    bytes[i] = build_tile(source, ids[from + i], t, &s);
                    if (bytes[i].empty()) continue;
                    ++mine.tiles;
                    mine.bytes += bytes[i].size();
                    mine.dropped += s.dropped;
                    mine.largest = std::max(mine.largest, bytes[i].size());
                    if (concurrent) {
                        keep(ids[from + i], bytes[i]);
                        std::string().swap(bytes[i]);
                    }
                }
                std::lock_guard lock(stats_mutex);
                stats.tiles += mine.tiles;
                stats.bytes += mine.bytes;
                stats.dropped += mine.dropped;
                stats.largest = std::max(stats.largest, mine.largest);
            });
            if (!concurrent)
                for (std::size_t i = 0; i < n; ++i)
                    if (!bytes[i].empty()) keep(ids[from + i], bytes[i]);
        }
    }
    return stats;
}

TileSetInfo info_for(const TileSetOptions& o, std::vector<std::string> tiles) {
    TileSetInfo info = o.info;
    info.tiles = std::move(tiles);
    info.minzoom = o.minzoom;
    info.maxzoom = o.maxzoom;
    return info;
}

// SQLite handles, each owned with its finaliser; every status checked.
struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStmt {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Stmt = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

[[noreturn]] void sqlite_failed(sqlite3* db, const fs::path& file) {
    throw output_error({file.string(), "", ""}, fmt::format("cannot write: {}", sqlite3_errmsg(db)));
}

void exec(sqlite3* db, const char* sql, const fs::path& file) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) sqlite_failed(db, file);
}

Stmt prepare(sqlite3* db, const char* sql, const fs::path& file) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) sqlite_failed(db, file);
    return Stmt(s);
}

std::string metadata_text(const nlohmann::ordered_json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

std::vector<TileId> candidate_tiles(const TileSource& source, int z, int buffer) {
    const double pad = buffer / (static_cast<double>(kExtent) * std::ldexp(1.0, z));
    std::vector<TileId> ids;
    for (const SourceLayer& l : source.layers())
        for (std::size_t i = 0; i < l.size(); ++i) {
            if (l.offsets[i] == l.offsets[i + 1]) continue;
            const WorldBox& b = l.boxes[i];
            const auto cover = tiles_covering({b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad}, z);
            ids.insert(ids.end(), cover.begin(), cover.end());
        }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

TileSetStats write_tile_folder(const TileSource& source, const TileSetOptions& o, const fs::path& folder) {
    const TileSetStats stats = cut_tiles(source, o, true, [&](TileId t, const std::string& bytes) {
        const fs::path dir = folder / std::to_string(t.z) / std::to_string(t.x);
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) throw output_error({dir.string(), "", ""}, fmt::format("cannot create the folder: {}", ec.message()));
        const fs::path file = dir / (std::to_string(t.y) + ".mvt");
        std::FILE* f = std::fopen(file.c_str(), "wb");
        if (!f) throw output_error({file.string(), "", ""}, "cannot write: cannot create the file");
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        if (std::fclose(f) != 0 || !ok) throw output_error({file.string(), "", ""}, "cannot write the tile");
    });
    io::write_file_atomic(folder / "metadata.json", tilejson(source, info_for(o, {"{z}/{x}/{y}.mvt"})).dump(2) + "\n");
    return stats;
}

TileSetStats write_mbtiles(const TileSource& source, const TileSetOptions& o, const fs::path& file) {
    check_zooms(o);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) sqlite_failed(db.get(), file);
    exec(db.get(),
         "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
         "CREATE TABLE metadata (name TEXT, value TEXT);"
         "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
         file);
    Stmt insert = prepare(db.get(), "INSERT INTO tiles VALUES (?, ?, ?, ?)", file);
    const TileSetStats stats = cut_tiles(source, o, false, [&](TileId t, const std::string& bytes) {
        sqlite3_stmt* s = insert.get();
        sqlite3_bind_int(s, 1, t.z);
        sqlite3_bind_int64(s, 2, t.x);
        sqlite3_bind_int64(s, 3, ((std::int64_t{1} << t.z) - 1) - t.y);  // MBTiles rows count from the south (TMS)
        sqlite3_bind_blob(s, 4, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) sqlite_failed(db.get(), file);
        sqlite3_reset(s);
    });
    const auto tj = tilejson(source, info_for(o, {}));
    Stmt meta = prepare(db.get(), "INSERT INTO metadata VALUES (?, ?)", file);
    for (const char* key : {"name", "description", "version", "attribution", "format", "bounds", "center", "minzoom",
                            "maxzoom", "json"}) {
        std::string value = metadata_text(tj[key]);
        if (tj[key].is_array()) {  // bounds and center: comma-separated numbers
            value.clear();
            for (const auto& v : tj[key]) {
                if (!value.empty()) value += ',';
                value += v.dump();
            }
        }
        sqlite3_bind_text(meta.get(), 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(meta.get(), 2, value.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(meta.get()) != SQLITE_DONE) sqlite_failed(db.get(), file);
        sqlite3_reset(meta.get());
    }
    sqlite3_bind_text(meta.get(), 1, "type", -1, SQLITE_STATIC);
    sqlite3_bind_text(meta.get(), 2, "overlay", -1, SQLITE_STATIC);
    if (sqlite3_step(meta.get()) != SQLITE_DONE) sqlite_failed(db.get(), file);
    exec(db.get(),
         "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
         "CREATE UNIQUE INDEX name ON metadata (name); COMMIT;",
         file);
    return stats;
}

void check_zoom_range(int minzoom, int maxzoom) {
    if (minzoom > maxzoom) throw request_error(fmt::format("--minzoom {} is above --maxzoom {}", minzoom, maxzoom));
}

fs::path stage_tile_folder(io::OutputSet& set, const TileSource& source, const TileSetOptions& options) {
    return set.stage([&](const fs::path& dir) {
        write_tile_folder(source, options, dir / "tiles");
        return dir / "tiles";
    });
}

fs::path stage_mbtiles(io::OutputSet& set, const TileSource& source, const TileSetOptions& options) {
    return set.stage([&](const fs::path& dir) {
        write_mbtiles(source, options, dir / "corridor.mbtiles");
        return dir / "corridor.mbtiles";
    });
}

}  // namespace corridor::tiles
