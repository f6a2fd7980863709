# Functions to start and stop a throwaway PostgreSQL cluster on a free 127.0.0.1 port.
# Sourced by scripts/test.sh and scripts/bench.sh; needs Debian's postgresql (initdb, pg_ctl) installed.
#   pg_cluster_start [extra server settings...]  → sets PG_BIN, PG_DIR, PG_PORT and PG_CONNECTION
#   pg_cluster_stop                              → stops it and removes its folder

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

# Runs a command as the postgres user when root (initdb refuses root), else as the caller.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_cluster_start() {
  PG_BIN=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/tasklane-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  local settings="-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200"
  local extra
  for extra in "$@"; do settings="$settings -c $extra"; done
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "$settings" start >/dev/null
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
}

pg_cluster_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
