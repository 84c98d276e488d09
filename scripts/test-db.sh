#!/usr/bin/env bash
# The test run's private MariaDB (CTest fixture "mariadb"):
#   scripts/test-db.sh start DIR   starts it on a free loopback port, written to DIR/port
#   scripts/test-db.sh stop DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/mariadb.sh"
action=$1
dir=$2
case "$action" in
  start)
    mariadb_stop "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mariadb_start "$dir" "$port"
    echo "$port" > "$dir/port"
    echo "test MariaDB on 127.0.0.1:$port (data in $dir)"
    ;;
  stop)
    mariadb_stop "$dir"
    echo "test MariaDB stopped"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
