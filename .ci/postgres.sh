#!/usr/bin/env bash
# Start Debian's PostgreSQL (no systemd) and create the test role and database.
# Prints the TEST_DATABASE_URL to use on stdout, and nothing else there.
set -euo pipefail
exec 3>&1 1>&2
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
# The server outlives this script: it must not inherit fd 3 (the caller's $(...) pipe would
# never close and the caller would wait for ever) nor the caller's stderr.
pg_ctlcluster "$version" main start </dev/null >/tmp/kansrijk-pg-start.log 2>&1 3>&- \
  || cat /tmp/kansrijk-pg-start.log
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q"; then break; fi
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='kansrijk'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE kansrijk LOGIN SUPERUSER PASSWORD 'kansrijk'\"" >/dev/null
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='kansrijk_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O kansrijk kansrijk_test"
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
echo "postgresql+psycopg://kansrijk:kansrijk@127.0.0.1:${port}/kansrijk_test" >&3
