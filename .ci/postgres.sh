#!/usr/bin/env bash
# Installs (if absent) and starts Debian's PostgreSQL server, with the role and database that the
# assignment-store tests use (segmentation / segmentation on segmentation_test, on 127.0.0.1:5432).
# Run as root. Idempotent: a running server and an existing role and database are left as they are.
# No pipefail: the checks below pipe into grep -q, which may close the pipe early on a match.
set -eu

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
if ! su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'segmentation'\"" | grep -q 1; then
  su postgres -c "psql -qc \"CREATE ROLE segmentation LOGIN PASSWORD 'segmentation'\""
fi
if ! su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'segmentation_test'\"" | grep -q 1; then
  su postgres -c "createdb -O segmentation segmentation_test"
fi
echo "PostgreSQL $version is running on 127.0.0.1:5432 (database segmentation_test, role segmentation)"
