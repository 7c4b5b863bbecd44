#!/usr/bin/env bash
# Starts a local PostgreSQL on 127.0.0.1:5432 that trusts loopback connections, installing it from
# Debian first when it is missing: for the split arrangement (npm run start:split), the PostgreSQL
# runs of the storage suite, and CI. Development and CI only: trust on loopback is never for a
# shared host. Best effort: exits 0 either way and says what it did; `pg_isready` says the rest.
set -u
host=127.0.0.1 port=5432 etc=${PG_ETC:-/etc/postgresql}
ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; }
wait_ready() { for _ in $(seq 1 20); do ready && return 0; sleep 0.5; done; return 1; }
trust_loopback() {
  local hba="$etc/$1/main/pg_hba.conf"
  [ -f "$hba" ] || return 0
  if ! grep -q "^host all all $host/32 trust" "$hba"; then
    # The first matching line wins, so trust for local TCP goes first.
    echo "postgres: trusting $host in $hba"
    { echo "host all all $host/32 trust"; cat "$hba"; } >"$hba.new" && mv "$hba.new" "$hba"
    chown --reference="$etc/$1/main" "$hba" 2>/dev/null
    pg_ctlcluster --skip-systemctl-redirect "$1" main reload 2>/dev/null
  fi
}

if ! command -v pg_ctlcluster >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "postgres: installing from Debian (apt-get install -y postgresql)"
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q postgresql >/dev/null 2>&1 ||
    { timeout 300 apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q postgresql >/dev/null 2>&1; } ||
    echo "postgres: apt-get could not install postgresql"
fi
if ! command -v pg_ctlcluster >/dev/null; then
  ready && { echo "postgres: already accepting connections on $host:$port"; exit 0; }
  echo "postgres: not running and not installed; the PostgreSQL runs will be skipped"
  exit 0
fi

version=$(ls "$etc" 2>/dev/null | sort -V | tail -1)
if [ -n "$version" ] && [ -d "$etc/$version/main" ]; then
  trust_loopback "$version"
  ready || { echo "postgres: starting cluster $version/main"; pg_ctlcluster --skip-systemctl-redirect "$version" main start; }
else
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ] || ! command -v pg_createcluster >/dev/null; then
    echo "postgres: no cluster and no server binaries to create one; the PostgreSQL runs will be skipped"
    exit 0
  fi
  echo "postgres: no cluster; creating $version/main on port $port"
  pg_createcluster "$version" main -p "$port" --start
  trust_loopback "$version"
fi
if wait_ready; then echo "postgres: accepting connections on $host:$port"; else echo "postgres: still not ready on $host:$port; the PostgreSQL runs will be skipped"; fi
exit 0
