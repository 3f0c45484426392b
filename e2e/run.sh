#!/usr/bin/env bash
# Browser tests of the admin extensions, from a fresh machine:
#   1. Debian's Chromium when /usr/bin/chromium is missing (never a browser
#      download through playwright),
#   2. the dev store started the way `npm run dev` starts it (scripts/dev.sh:
#      database, migrations, seed, `medusa develop` with the admin at /app),
#      on its own database, re-created on every run,
#   3. the jest suite in e2e/ driving Chromium with playwright-core,
#   4. the server stopped, screenshots copied to e2e/screenshots/.
# For single sign-on, a test OpenID Connect issuer (oidc-provider, the HTTP
# tests' integration-tests/http/utils/oidc-test-provider.mjs, with its HTML
# login and consent pages) runs on loopback before the store, which
# registers the plugin's OIDC provider against it; the tiny storefront the
# SSO spec serves gets a port of its own, in STORE_CORS and AUTH_CORS.
# The last line is "e2e: N passed, N failed"; any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "e2e: Chromium is missing: installing Debian's package"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

bash scripts/ensure-postgres.sh
[ -d node_modules/@medusajs/medusa ] || npm ci

# Its own database, so the dev store's data is never touched; fresh each run
# so the seeded guest has no login yet.
export DATABASE_URL=${E2E_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medusa_credentials_e2e}
db_name=${DATABASE_URL##*/}
db_name=${db_name%%\?*}
psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)"

# Port 9000 when it is free, else the next free one.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${E2E_PORT:-9000}
while port_busy "$port"; do
  port=$((port + 1))
done
export PORT=$port
base_url="http://localhost:$port"
# The SSO spec's storefront: 8000 (the usual storefront port) when free.
storefront_port=${E2E_STOREFRONT_PORT:-8000}
while [ "$storefront_port" = "$port" ] || port_busy "$storefront_port"; do
  storefront_port=$((storefront_port + 1))
done
storefront_url="http://localhost:$storefront_port"
export MEDUSA_BACKEND_URL=$base_url
export STORE_CORS=$base_url,$storefront_url ADMIN_CORS=$base_url
export AUTH_CORS=$base_url,$storefront_url
export E2E_BASE_URL=$base_url E2E_STOREFRONT_URL=$storefront_url
# Signing secrets of this run: `medusa develop` restarts when a file in the
# repository changes, and tokens and the SSO state cookie must outlive that.
random_hex() { node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))'; }
export JWT_SECRET=${JWT_SECRET:-$(random_hex)} COOKIE_SECRET=${COOKIE_SECRET:-$(random_hex)}

# Everything the run writes goes outside the repository: `medusa develop`
# restarts on any file change in it.
work=$(mktemp -d)
server_pid=""
issuer_pid=""

stop_server() {
  if [ -n "$server_pid" ]; then
    # setsid made the server the leader of its own process group (dev.sh,
    # npx, medusa develop and the server it forks): stop that group only.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 -- "-$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
stop_issuer() {
  if [ -n "$issuer_pid" ]; then
    kill -TERM "$issuer_pid" 2>/dev/null || true
    for _ in $(seq 1 10); do
      kill -0 "$issuer_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$issuer_pid" 2>/dev/null || true
    issuer_pid=""
  fi
}
trap 'stop_server; stop_issuer' EXIT

# The test issuer prints {"issuer": "http://127.0.0.1:<port>"} once it listens.
export OIDC_CLIENT_ID=medusa-storefront OIDC_CLIENT_SECRET=e2e-oidc-client-secret
export OIDC_CALLBACK_URL=$storefront_url/account/sso
OIDC_TEST_CLIENT_ID=$OIDC_CLIENT_ID OIDC_TEST_CLIENT_SECRET=$OIDC_CLIENT_SECRET \
  OIDC_TEST_REDIRECT_URI=$OIDC_CALLBACK_URL OIDC_TEST_CONSENT=prompt \
  node integration-tests/http/utils/oidc-test-provider.mjs \
  >"$work/issuer.out" 2>"$work/issuer.log" &
issuer_pid=$!
for _ in $(seq 1 60); do
  [ -s "$work/issuer.out" ] && break
  kill -0 "$issuer_pid" 2>/dev/null || break
  sleep 0.5
done
OIDC_ISSUER=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).issuer)' "$work/issuer.out" 2>/dev/null || true)
if [ -z "$OIDC_ISSUER" ]; then
  echo "e2e: the test OpenID Connect issuer did not start:" >&2
  tail -n 20 "$work/issuer.log" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
export OIDC_ISSUER OIDC_DISPLAY_NAME="Sign in with Test ID"
echo "e2e: test OpenID Connect issuer at $OIDC_ISSUER"

echo "e2e: starting the store on $base_url (log: $work/server.log)"
setsid bash scripts/dev.sh >"$work/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 300); do
  if curl -sf "$base_url/health" >/dev/null 2>&1; then
    ready=1
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "e2e: the store did not start; last lines of its log:" >&2
  tail -n 40 "$work/server.log" >&2
  stop_server
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
echo "e2e: store ready after $(($(date +%s) - started)) s"

status=0
# E2E_SERVER_LOG: the store's log, where the local notification provider
# writes each email it delivers (links included), for a spec that follows
# a link as the customer would.
E2E_SCREENSHOT_DIR="$work/screenshots" E2E_CONSOLE_LOG="$work/browser-console.log" \
  E2E_SERVER_LOG="$work/server.log" TEST_TYPE=e2e \
  npx jest --runInBand --forceExit --json --outputFile="$work/results.json" "$@" ||
  status=1

stop_server
stop_issuer
if [ "$status" != 0 ]; then
  echo "e2e: last lines of the store's log:" >&2
  tail -n 40 "$work/server.log" >&2
  if [ -f "$work/browser-console.log" ]; then
    echo "e2e: last lines of the browser's console:" >&2
    tail -n 40 "$work/browser-console.log" >&2
  fi
  echo "e2e: logs kept in $work" >&2
fi
if [ -d "$work/screenshots" ]; then
  mkdir -p e2e/screenshots
  cp "$work/screenshots"/*.png e2e/screenshots/
  echo "e2e: screenshots in e2e/screenshots/"
fi

echo "e2e: finished in $(($(date +%s) - started)) s"
# The summary is the last line; no test run, or any failure, fails the run.
node -e '
const fs = require("fs")
let passed = 0, failed = 1
try {
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"))
  passed = r.numPassedTests
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites
} catch {}
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
' "$work/results.json" || status=1
[ "$status" = 0 ] && rm -rf "$work"
exit "$status"
