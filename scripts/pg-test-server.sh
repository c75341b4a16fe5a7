#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks (Debian's postgresql package, installed by
# scripts/setup-system.sh): a fresh cluster in a temporary folder, listening on 127.0.0.1 only.
#
#   scripts/pg-test-server.sh start      prints two lines: the connection URL and the cluster folder
#   scripts/pg-test-server.sh stop DIR   stops that server and removes its folder
#   scripts/pg-test-server.sh halt DIR   stops that server, keeping its data (a database gone away)
#   scripts/pg-test-server.sh resume DIR starts it again on the same port
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bin" ]]; then
  initdb_path=$(command -v initdb || true)
  [[ -n "$initdb_path" ]] && bin=$(dirname "$initdb_path")
fi
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "PostgreSQL is not installed (run scripts/setup-system.sh)" >&2
  exit 3
fi

# The server refuses to run as root: run it as the postgres account then.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  as_owner "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $2 -k $1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$1/server.log" >&2; exit 1; }
}

case "${1:-start}" in
  start)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-pg.XXXXXX")
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U nianbao -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
    echo "$port" >"$dir/port"
    start_server "$dir" "$port"
    echo "postgres://nianbao@127.0.0.1:$port/postgres"
    echo "$dir"
    ;;
  halt)
    dir=${2:?usage: pg-test-server.sh halt DIR}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    dir=${2:?usage: pg-test-server.sh resume DIR}
    start_server "$dir" "$(cat "$dir/port")"
    ;;
  stop)
    dir=${2:?usage: pg-test-server.sh stop DIR}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-test-server.sh start | stop DIR | halt DIR | resume DIR" >&2
    exit 2
    ;;
esac
