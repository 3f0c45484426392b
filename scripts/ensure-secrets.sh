#!/usr/bin/env bash
# The development store's signing secrets (JWT_SECRET, COOKIE_SECRET): random,
# made once into .env (git-ignored), which Medusa's loadEnv reads. A secret
# written in the repository would sign anyone's admin token.
set -euo pipefail
cd "$(dirname "$0")/.."
touch .env
for name in JWT_SECRET COOKIE_SECRET; do
  if [ -z "${!name:-}" ] && ! grep -q "^${name}=." .env; then
    echo "${name}=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')" >>.env
    echo "Wrote a random ${name} to .env"
  fi
done
