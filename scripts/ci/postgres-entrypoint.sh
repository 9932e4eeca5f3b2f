#!/bin/sh
# Entrypoint of the locally built postgres image (scripts/ci/postgres-image.sh). It honours the
# part of the official postgres image's contract that the harness and testcontainers rely on:
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, `postgres -c name=value …` as the command,
# scram-sha-256 over TCP, and any other command run as is (`sleep 3600` for pg_dump in a container).
set -eu
PGDATA=/var/lib/postgresql/data

if [ "${1:-}" != postgres ]; then
  exec "$@"
fi

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres "$PGDATA" /run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "postgres-entrypoint: POSTGRES_PASSWORD is required" >&2
  exit 1
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    echo "CREATE DATABASE \"$database\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi

shift
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
