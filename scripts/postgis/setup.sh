#!/usr/bin/env bash
# PostGIS for the distances bench only (npm run bench:distances prints the ratio against it
# when it answers). Not needed by npm test.
#
#   bash scripts/postgis/setup.sh            # install, start a cluster on 127.0.0.1:5433, load the networks
#   bash scripts/postgis/setup.sh --stop     # stop that cluster
#
# Installs the Debian packages postgresql and postgis (apt-get, as root), creates a private
# cluster « atlasbench » listening on loopback only (port $ATLAS_PG_PORT, default 5433, trust
# authentication for local connections), a database « atlas_bench » with the postgis
# extension, and loads the same transport networks as the engine (RN2 with its gaps, navigable
# waterway, passenger stations, rail sidings) with scripts/postgis/load.ts. The bench loads the
# sites itself (the same ones it gives the CLI).
set -euo pipefail
PORT="${ATLAS_PG_PORT:-5433}"
VERSION="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)"
CLUSTER=atlasbench
HERE="$(cd "$(dirname "$0")" && pwd)"

if [[ "${1:-}" == "--stop" ]]; then
  pg_ctlcluster "$VERSION" "$CLUSTER" stop || true
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || [[ -z "$VERSION" ]] || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "Installation de PostgreSQL et PostGIS (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgis >/dev/null
  VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
fi

if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$CLUSTER"; then
  pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" -- --auth-local=trust --auth-host=trust >/dev/null
  # Loopback only.
  echo "listen_addresses = '127.0.0.1'" >> "/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
fi
pg_ctlcluster "$VERSION" "$CLUSTER" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p "$PORT" -q && break
  sleep 0.5
done
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
if ! "${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = 'atlas_bench'" | grep -q 1; then
  "${PSQL[@]}" -d postgres -c "create database atlas_bench"
fi
"${PSQL[@]}" -d atlas_bench -c "create extension if not exists postgis"

echo "Chargement des réseaux dans atlas_bench…"
cd "$HERE/../.."
ATLAS_PG_PORT="$PORT" npx tsx scripts/postgis/load.ts
echo "PostGIS prêt : psql -h 127.0.0.1 -p $PORT -U postgres atlas_bench"
