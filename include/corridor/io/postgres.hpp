// PostgreSQL as a GDAL datasource ("PG:dbname=… [schemas=…]"): opening without a password
// prompt or a long wait, messages without the password, layers written in one transaction.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/io/gdal.hpp"
#include "corridor/io/write.hpp"

namespace corridor::io {

// Whether a datasource names a PostgreSQL database: it starts with "PG:" (any case).
bool is_postgres(std::string_view datasource);

// The text with every password taken out: `password=…` (quoted or not, any case) and the
// password of a URI's `user:password@`. Every message that names a connection string goes
// through it.
std::string without_password(std::string_view text);

// "host H, database D" for messages: from the string's host and dbname (or PGHOST,
// PGDATABASE; "the local socket" and the user's name when neither is given).
std::string postgres_target(std::string_view pg);

// Opens a PG: datasource, read-only or for update. libpq waits at most PGCONNECT_TIMEOUT
// seconds (10 when unset) and never prompts for a password. A failure throws input_error
// (output_error when update) naming host and database: "cannot connect to PostgreSQL (host
// H, database D): REASON".
gdal::DatasetPtr open_postgres(const std::string& pg, bool update);

// The columns pgRouting reads from a routes table, as `export --format postgis` writes them
// (docs/postgis.md). A routes layer that has them all is read back without them, and with
// its column kGivenCapacity as corridor's `capacity` (the given t/month figure).
inline constexpr std::array<std::string_view, 6> kPgRoutingColumns = {"source",           "target", "capacity",
                                                                      "reverse_capacity", "cost",   "reverse_cost"};
inline constexpr std::string_view kGivenCapacity = "cap_t_mo";

// Writes the tables as layers of the database in one transaction, each with a GiST index
// on its geometry (`geom`) and an integer key `fid` (row i is fid i + 1). When a layer of that
// name exists, refuses (output_error, nothing written) unless overwrite, which replaces it
// in the same transaction. progress, if set, is called now and then with the rows written.
void write_postgres(const std::string& pg, const std::vector<const Table*>& tables, bool overwrite,
                    const std::function<void(std::size_t rows)>& progress = {});

}  // namespace corridor::io
