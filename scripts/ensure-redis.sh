#!/usr/bin/env bash
# Makes sure Redis answers on 127.0.0.1:6379 (npm run dev:cluster, and the
# suite that starts several server instances). Starts an installed
# redis-server, or installs Debian's package first.
set -euo pipefail

ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if command -v redis-cli >/dev/null 2>&1 && ready; then
  exit 0
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Redis is not installed: installing it with apt-get"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
fi

# Local development and CI only: no persistence, this machine only.
redis-server --bind 127.0.0.1 --port 6379 --daemonize yes \
  --save "" --appendonly no >/dev/null

for _ in $(seq 1 30); do
  if ready; then
    echo "Redis answers on 127.0.0.1:6379"
    exit 0
  fi
  sleep 1
done

echo "Redis does not answer on 127.0.0.1:6379" >&2
exit 1
