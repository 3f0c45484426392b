#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 with trust auth for local
# connections. Starts an installed cluster, or installs Debian's package first.
set -euo pipefail

ready() { pg_isready -h 127.0.0.1 -p 5432 -q >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if command -v pg_isready >/dev/null 2>&1 && ready; then
  exit 0
fi

if ! ls /etc/postgresql/*/main/postgresql.conf >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: installing it with apt-get"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf_dir=/etc/postgresql/$version/main

# Local development and CI only: trust connections from this machine.
if ! grep -q "medusa-plugin-customer-credentials" "$conf_dir/pg_hba.conf"; then
  as_root sh -c "cat - '$conf_dir/pg_hba.conf' > '$conf_dir/pg_hba.conf.new' <<'HBA'
# medusa-plugin-customer-credentials: trust local connections (dev/CI machine)
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
HBA
mv '$conf_dir/pg_hba.conf.new' '$conf_dir/pg_hba.conf'"
fi

as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null ||
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true

for _ in $(seq 1 30); do
  if ready; then
    echo "PostgreSQL $version answers on 127.0.0.1:5432"
    exit 0
  fi
  sleep 1
done

echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2
exit 1
