# Private MariaDB for local runs and tests: its own data folder, loopback TCP
# port and socket, never the system's server. Source this file, then:
#   mariadb_start DATA_DIR PORT   initialises on first use, starts, waits, creates user engage/engage
#                                 (InnoDB buffer pool: ENGAGE_MARIADB_BUFFER_POOL, default 512M)
#   mariadb_stop DATA_DIR         stops it (SIGTERM, then waits)
#   mariadb_sql DATA_DIR SQL      runs SQL as root over the socket

mariadb_start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local run_as=()
  [ "$(id -u)" = 0 ] && run_as=(--user=root)
  if [ ! -d "$dir/data/mysql" ]; then
    # A tmpdir of its own: two installs at once (the fault suite's private
    # MariaDBs under ctest -j2) collided on a temporary table's name in /tmp.
    mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$dir" --auth-root-authentication-method=socket \
      --skip-test-db "${run_as[@]}" >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; return 1; }
  fi
  mariadbd --no-defaults --datadir="$dir/data" --tmpdir="$dir" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --innodb-buffer-pool-size="${ENGAGE_MARIADB_BUFFER_POOL:-512M}" --innodb-flush-log-at-trx-commit=2 --max-connections=1000 \
    --skip-name-resolve "${run_as[@]}" >/dev/null 2>&1 &
  local i
  for i in $(seq 1 120); do
    if mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      mariadb_sql "$dir" "CREATE USER IF NOT EXISTS 'engage'@'127.0.0.1' IDENTIFIED BY 'engage';
        CREATE USER IF NOT EXISTS 'engage'@'localhost' IDENTIFIED BY 'engage';
        GRANT ALL PRIVILEGES ON *.* TO 'engage'@'127.0.0.1';
        GRANT ALL PRIVILEGES ON *.* TO 'engage'@'localhost';
        CREATE DATABASE IF NOT EXISTS engage;"
      return $?
    fi
    sleep 0.5
  done
  echo "MariaDB did not start; see $dir/error.log" >&2
  tail -20 "$dir/error.log" >&2
  return 1
}

mariadb_stop() {
  local dir=$1
  [ -f "$dir/mysqld.pid" ] || return 0
  local pid
  pid=$(cat "$dir/mysqld.pid")
  kill "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

mariadb_sql() {
  local dir=$1
  shift
  mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -e "$*"
}
