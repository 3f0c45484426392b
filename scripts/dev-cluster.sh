#!/usr/bin/env bash
# The store as a scaled deployment runs it, on this machine: two server
# instances and one worker (`medusa start`, MEDUSA_WORKER_MODE server/worker)
# on one PostgreSQL database and the local Redis, with Medusa's Redis event
# bus, workflow engine, locking and caching (medusa-config.ts, REDIS_URL).
# The database is `npm run dev`'s (migrated and seeded the same way); the
# admin UI is `npm run dev`'s too (these instances serve the admin API only).
# Ctrl-C stops all three.
#
#   CLUSTER_PORT=9100   server 1 on 9100, server 2 on 9101, worker on 9102
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-postgres.sh
bash scripts/ensure-secrets.sh
bash scripts/ensure-redis.sh
[ -d node_modules/@medusajs/medusa ] || npm ci

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medusa_customer_credentials}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
db_name=${DATABASE_URL##*/}
db_name=${db_name%%\?*}
server_url=${DATABASE_URL%/*}/postgres

if ! psql "$server_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
  echo "Creating database $db_name"
  psql "$server_url" -qc "CREATE DATABASE \"$db_name\""
fi

# Once, before any instance starts: migrations and seed with Medusa's
# in-process modules (no instance is running to share them with yet).
REDIS_URL= npx medusa db:migrate --execute-safe-links
REDIS_URL= npx medusa exec ./src/scripts/seed.ts

base=${CLUSTER_PORT:-9100}
names=("server-1" "server-2" "worker")
modes=("server" "server" "worker")
pids=()

for i in 0 1 2; do
  port=$((base + i))
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
    echo "port $port is taken by another process: stop it, or set CLUSTER_PORT" >&2
    exit 1
  fi
done

# Medusa's graceful shutdown on SIGTERM; whatever still runs 15 s later is
# killed.
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 60); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 1 ] || return 0
    sleep 0.25
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

for i in 0 1 2; do
  port=$((base + i))
  # Each line of an instance's log starts with its name.
  MEDUSA_WORKER_MODE=${modes[$i]} MEDUSA_ADMIN_DISABLED=true PORT=$port \
    node node_modules/@medusajs/cli/cli.js start --port "$port" \
    > >(sed -u "s/^/[${names[$i]}] /") 2>&1 &
  pids+=($!)
done

for i in 0 1 2; do
  port=$((base + i))
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} stopped before it answered (its log is above)" >&2
      exit 1
    fi
    sleep 1
  done
done

cat <<INFO

Two server instances and a worker on database $db_name and $REDIS_URL:
  server 1  http://localhost:$base      (store, auth and admin API)
  server 2  http://localhost:$((base + 1))      (store, auth and admin API)
  worker    http://localhost:$((base + 2))      (/health only: subscribers, scheduled jobs, workflow steps)
Point a load balancer (or your storefront, alternately) at the two servers.
The admin UI is \`npm run dev\`'s; Ctrl-C stops all three.

INFO
# Until one of them stops; then the others are stopped too.
wait -n "${pids[@]}"
echo "an instance stopped (its log is above): stopping the others" >&2
