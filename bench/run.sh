#!/usr/bin/env bash
# All benchmarks, one after the other, each on a fresh database and a server of
# its own (`medusa start`, production mode, this plugin), then a summary table.
# Loads every core for several minutes: not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-postgres.sh
[ -d node_modules/@medusajs/medusa ] || npm ci

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "bench: $(nproc) cores, $(node -v), UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-4 (default)}" >&2
for script in sign-in registration bulk-onboarding; do
  node "bench/$script.mjs" | tee -a "$out"
done
# Memory: the same activation runs with the server's heap capped, so the
# peak shows what a run keeps alive rather than how lazily V8 collects.
BENCH_SERVER_NODE_OPTIONS=--max-old-space-size=256 BENCH_SKIP_GENERATE=true \
  node bench/bulk-onboarding.mjs | tee -a "$out"
echo
node bench/summary.mjs <"$out"
