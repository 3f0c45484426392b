#!/usr/bin/env bash
# Runs every test suite against real PostgreSQL: module tests, then HTTP tests
# that boot Medusa with this plugin. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/@medusajs/medusa ] || npm ci

bash scripts/ensure-postgres.sh
# The cluster suite (integration-tests/http/cluster.spec.ts) runs Medusa's
# Redis modules on the local Redis.
bash scripts/ensure-redis.sh

export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules"
results=$(mktemp -d)
status=0

# Pure code first (unit-tests/): seconds, no database.
echo "== unit tests"
TEST_TYPE=unit npx jest --passWithNoTests --json \
  --outputFile="$results/unit.json" "$@" || status=1

# One jest process per batch of spec files: every HTTP spec boots a whole
# Medusa, and one process running them all (--runInBand) grows past Node's
# heap limit. Arguments choose spec files, as jest's own path patterns do.
batch_size=${TEST_BATCH_SIZE:-6}
export NODE_OPTIONS="$NODE_OPTIONS --max-old-space-size=${TEST_HEAP_MB:-6144}"
for type in modules http; do
  echo "== ${type} tests"
  mapfile -t specs < <(TEST_TYPE="integration:${type}" npx jest --listTests "$@" | sort)
  for ((i = 0; i < ${#specs[@]}; i += batch_size)); do
    TEST_TYPE="integration:${type}" npx jest --runInBand --forceExit \
      --json --outputFile="$results/${type}-$i.json" "${specs[@]:i:batch_size}" || status=1
  done
done

node -e '
const fs = require("fs")
let passed = 0, failed = 0, skipped = 0
for (const f of fs.readdirSync(process.argv[1])) {
  const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"))
  passed += r.numPassedTests; failed += r.numFailedTests
  skipped += r.numPendingTests + r.numTodoTests
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (passed === 0) process.exit(1)
' "$results" || status=1

exit $status
