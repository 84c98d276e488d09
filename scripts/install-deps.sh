#!/usr/bin/env bash
# Installs what the project needs and is missing: Debian packages (build,
# database server, tests, the Python client; cpp-httplib for the invite page
# and Chromium for its browser test) and the pinned npm tools of tools/ (buf,
# helm, the Kubernetes API schemas the chart check uses, playwright-core).
# Safe to run again: it installs only what is absent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config ccache git python3 python3-yaml python3-h2 python3-grpcio
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev libmysqlcppconn-dev mariadb-server mariadb-client
  libgtest-dev libgmock-dev libbenchmark-dev libjwt-dev libssl-dev libqrencode-dev libspdlog-dev
  zbar-tools sysbench
  clang-format
  libcpp-httplib-dev chromium
  clang libclang-rt-dev  # the fuzz targets (scripts/fuzz.sh): clang and libFuzzer's runtime
  lld llvm  # the sanitizer build (scripts/sanitize.sh): its linker, and llvm-symbolizer for file:line in reports
  # CON-13: e-mail invites through SMTP (libcurl), and the SMTP server the tests start.
  libcurl4-openssl-dev python3-aiosmtpd
  # Metrics (issue 19): prometheus-cpp's registry and its HTTP exposer (civetweb); the test DNS server
  # of the scale-out test (tests/support/test_dns.py).
  prometheus-cpp-dev python3-dnslib
  # The bench's peer proxy (row 3, grpc_pass): Debian 12's "nginx" is the binary alone (nginx-light
  # and nginx-core add modules on top). bench.sh starts its own with its own config and port.
  nginx
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Under systemd, Debian enables and starts a system nginx on port 80 when it is installed;
  # nothing here uses it, so the one just installed is stopped and not started at boot.
  if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
    "${sudo_cmd[@]}" systemctl disable --now nginx.service >/dev/null 2>&1 || true
  fi
fi

# The pinned npm tools. `npm install` (not `npm ci`) because the registry
# here lacks the other platforms' optional buf packages, which `npm ci`
# insists on finding in the lock; `npm install` follows the lock for the rest
# and leaves it unchanged. A stamp of the lock's hash skips the step when done.
stamp=$root/tools/node_modules/.engage-lock-sha256
want=$(sha256sum "$root/tools/package.json" "$root/tools/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ ! -x "$root/tools/node_modules/.bin/buf" ] || [ ! -x "$root/tools/node_modules/.bin/helm" ] ||
   [ ! -f "$root/tools/node_modules/kubernetes-models/package.json" ] ||
   [ ! -f "$root/tools/node_modules/playwright-core/package.json" ] ||
   [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing pinned npm tools (tools/package-lock.json)"
  (cd "$root/tools" && npm install --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
