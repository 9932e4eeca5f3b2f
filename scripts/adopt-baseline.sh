#!/usr/bin/env bash
# Marks the Drizzle baseline as applied on the database in $DATABASE_URL, without running it.
# Refuses unless that database equals the baseline. Usage: scripts/adopt-baseline.sh [--dry-run]
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to adopt (a role that may create the drizzle schema)}"
cd "$(dirname "$0")/.."
exec node bin/parity.js adopt "url:${DATABASE_URL}" "$@"
