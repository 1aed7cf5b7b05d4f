#!/usr/bin/env bash
# The whole test suite from a fresh clone (README's test command; .ci/run calls it):
# installs what is missing, then typecheck, lint, unit, integration (real PostgreSQL, a
# throwaway database per run) and e2e (Debian Chromium, including the embedded database).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "npm packages"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  step "Debian's Chromium (Playwright cannot download its own browser here)"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

if [ -z "${TEST_DATABASE_ADMIN_URL:-}" ] && command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  step "Starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi

step "Prisma client";       npm run --silent db:generate
step "Typecheck";           npm run --silent typecheck
step "Lint";                npm run --silent lint
step "Unit tests";          npm run --silent test:unit
step "Integration tests";   npm run --silent test:integration
step "Production build";    npm run --silent build
step "End-to-end tests";    npm run --silent test:e2e
