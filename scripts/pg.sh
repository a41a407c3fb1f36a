#!/usr/bin/env bash
# A throwaway PostgreSQL 15 with PostGIS and pgRouting for the tests (docs/developing.md#postgresql-for-the-tests).
#
#   scripts/pg.sh start        initialises a cluster in a new temporary folder, starts it on a unix
#                              socket in that folder (no TCP: listen_addresses=''), creates the
#                              database corridor_test with the extensions postgis and pgrouting,
#                              and prints the folder (stdout: one line)
#   scripts/pg.sh stop DIR     stops that cluster and removes the folder
#   scripts/pg.sh conn DIR     prints the GDAL connection string: PG:host=DIR dbname=corridor_test user=corridor
#
# PostgreSQL refuses to run as root: as root the cluster belongs to `nobody` (the folder is
# chowned to it); otherwise to the calling user. Authentication is `trust` on the socket,
# which only the folder's owner (and root) can reach. The binaries are Debian's:
# /usr/lib/postgresql/15/bin (PG_BIN overrides).
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
db=corridor_test
role=corridor

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

conn() { echo "PG:host=$1 dbname=$db user=$role"; }

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "pg.sh: no PostgreSQL at $bin (scripts/setup.sh installs postgresql-15)" >&2
    exit 1
  fi
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/corridor-pg.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$role" --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null; then
    cat "$dir/server.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  if ! as_owner psql -h "$dir" -U "$role" -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE DATABASE $db" 2>"$dir/psql.log" ||
     ! as_owner psql -h "$dir" -U "$role" -d "$db" -v ON_ERROR_STOP=1 -q \
      -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;" 2>>"$dir/psql.log"; then
    cat "$dir/psql.log" >&2
    stop "$dir"
    exit 1
  fi
  echo "$dir"
}

stop() {
  local dir=$1
  case "$dir" in
    */corridor-pg.*) ;;
    *) echo "pg.sh: $dir is not a folder pg.sh started" >&2; exit 2 ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?usage: pg.sh stop DIR}" ;;
  conn) conn "${2:?usage: pg.sh conn DIR}" ;;
  *) echo "usage: scripts/pg.sh start | stop DIR | conn DIR" >&2; exit 2 ;;
esac
