#!/usr/bin/env bash
# One command from a fresh machine to a running store with this plugin:
# PostgreSQL, dependencies, database, migrations, seed data, then
# `medusa develop` with the admin on http://localhost:9000/app.
# Safe to run again: every step skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-postgres.sh
bash scripts/ensure-secrets.sh
[ -d node_modules/@medusajs/medusa ] || npm ci

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/medusa_customer_credentials}
db_name=${DATABASE_URL##*/}
db_name=${db_name%%\?*}
server_url=${DATABASE_URL%/*}/postgres

if ! psql "$server_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
  echo "Creating database $db_name"
  psql "$server_url" -qc "CREATE DATABASE \"$db_name\""
fi

npx medusa db:migrate --execute-safe-links
npx medusa exec ./src/scripts/seed.ts

exec npx medusa develop
