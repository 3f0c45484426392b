#!/usr/bin/env bash
# All benchmarks, one after the other, each on fresh databases and servers of
# its own (`medusa start`, production mode): this repository's app (the
# plugin) and, for the comparisons, bench/stock-app (the same Medusa without
# the plugin), then a summary table. Loads every core for several minutes: not
# part of `npm test`. The machine's load before each script is recorded with
# the figures (other work on the machine moves them).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-postgres.sh
[ -d node_modules/@medusajs/medusa ] || npm ci

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "bench: $(nproc) cores, $(node -v), UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-4 (default)}" >&2
machine() {
  echo "bench $1: $(uptime)" >&2
  printf '{"machine":"%s","load":"%s","cores":%s}\n' "$1" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" >>"$out"
}
# sign-in-cluster and publishable-key-cache run in the production shape
# (Redis modules): BENCH_REDIS_URL, default the local Redis (started if not).
bash scripts/ensure-redis.sh >/dev/null
for script in sign-in sign-in-cluster customer-me publishable-key-cache \
  registration bulk-onboarding; do
  machine "$script"
  node "bench/$script.mjs" | tee -a "$out"
done
machine "bulk-onboarding (heap capped)"
# Memory: the same activation runs with the server's heap capped, so the
# peak shows what a run keeps alive rather than how lazily V8 collects.
BENCH_SERVER_NODE_OPTIONS=--max-old-space-size=256 BENCH_SKIP_GENERATE=true \
  node bench/bulk-onboarding.mjs | tee -a "$out"
# BENCH_OUT=file keeps every JSON line (per round too) for later reading.
if [ -n "${BENCH_OUT:-}" ]; then cp "$out" "$BENCH_OUT"; fi
echo
node bench/summary.mjs <"$out"
