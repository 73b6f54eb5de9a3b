#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL database.
#
#   scripts/pg_test_db.sh -- CMD [ARGS...]
#
# Makes sure a Debian PostgreSQL cluster exists and runs on loopback (installing
# the `postgresql` package and creating/starting the cluster when needed),
# creates role council_test (LOGIN CREATEDB, new random password each run) and a
# database council_test_<random>, then runs CMD with COUNCIL_TEST_DATABASE_URL
# exported. Afterwards -- also when CMD fails or is interrupted -- it drops that
# database and every database whose name starts with "<dbname>_" (those the
# tests made, e.g. <dbname>_e2e), stops the cluster again if this script
# started it (set PG_TEST_KEEP_RUNNING=1 to leave it up), and exits with CMD's
# status.
set -euo pipefail

[[ "${1:-}" == "--" ]] && shift
if (( $# == 0 )); then
    echo "usage: $0 -- CMD [ARGS...]" >&2
    exit 2
fi

ROLE=council_test
CLUSTER="${PG_TEST_CLUSTER:-main}"
log() { echo "pg_test_db: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Privileged helpers: run as root directly, otherwise through sudo.
as_root() {
    if (( EUID == 0 )); then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root (or sudo) for: $*"; fi
}
as_postgres() {
    if (( EUID == 0 )); then (cd / && runuser -u postgres -- "$@")
    else (cd / && sudo -u postgres "$@"); fi
}
admin_psql() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# --- 1. PostgreSQL server package -------------------------------------------
newest_version() {  # highest X with /usr/lib/postgresql/X/bin/initdb
    local d
    for d in /usr/lib/postgresql/*/bin/initdb; do
        if [[ -x "$d" ]]; then basename "${d%/bin/initdb}"; fi
    done | sort -n | tail -n1
}
if ! command -v pg_ctlcluster >/dev/null || ! command -v pg_createcluster >/dev/null \
        || [[ -z "$(newest_version)" ]]; then
    log "installing PostgreSQL (Debian package 'postgresql')"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
VERSION="${PG_TEST_VERSION:-$(newest_version)}"
[[ -n "$VERSION" ]] || die "no PostgreSQL server found under /usr/lib/postgresql"

# --- 2. names, and cleanup on any exit (CMD failed, interrupted, error here) -
# Throw-away credentials; hex only, so they need no quoting or URL escaping.
PASSWORD="$(random_hex 16)"
DB="council_test_$(random_hex 6)"
DB_MADE=0
STARTED_HERE=0

# shellcheck disable=SC2317  # invoked through trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if (( DB_MADE )); then
        log "dropping $DB and ${DB}_*"
        admin_psql -v db="$DB" <<'SQL' || log "warning: could not drop test databases"
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname)
  FROM pg_database
 WHERE datname = :'db' OR left(datname, length(:'db') + 1) = :'db' || '_'
\gexec
SQL
    fi
    if (( STARTED_HERE )) && [[ "${PG_TEST_KEEP_RUNNING:-0}" != 1 ]]; then
        log "stopping cluster $VERSION/$CLUSTER (started by this script)"
        as_root pg_ctlcluster "$VERSION" "$CLUSTER" stop || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 3. cluster: create if missing, start if down ----------------------------
cluster_field() {  # pg_lsclusters -h: version cluster port status owner datadir log
    pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" -v f="$1" '$1==v && $2==c {print $f}'
}
if [[ -z "$(cluster_field 1)" ]]; then
    log "creating cluster $VERSION/$CLUSTER (loopback only)"
    as_root pg_createcluster "$VERSION" "$CLUSTER" >/dev/null
    # Not `pg_createcluster -o listen_addresses=127.0.0.1`: postgresql-common
    # takes 127.0.0.1 for a number and writes it unquoted, which postgres rejects.
    echo "listen_addresses = '127.0.0.1'" \
        | as_postgres tee "/etc/postgresql/$VERSION/$CLUSTER/conf.d/listen.conf" >/dev/null
fi
PORT="$(cluster_field 3)"
if [[ "$(cluster_field 4)" != online* ]]; then
    log "starting cluster $VERSION/$CLUSTER on port $PORT"
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" start
    STARTED_HERE=1
fi
for _ in $(seq 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" \
    || die "PostgreSQL $VERSION/$CLUSTER does not accept connections on 127.0.0.1:$PORT after 30s"

listen="$(admin_psql -tAc 'SHOW listen_addresses')"
case "$listen" in
    localhost|127.0.0.1|::1|"127.0.0.1, ::1"|"127.0.0.1,::1"|"") ;;
    *) log "warning: cluster $VERSION/$CLUSTER listens on '$listen', not loopback only" ;;
esac

# --- 4. role with a fresh password, and the database ------------------------
# SQL goes in on stdin so the password does not show up in `ps`.
if [[ "$(admin_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" == 1 ]]; then
    verb=ALTER
else
    verb=CREATE
fi
DB_MADE=1
admin_psql <<SQL
$verb ROLE $ROLE WITH LOGIN CREATEDB NOSUPERUSER PASSWORD '$PASSWORD';
CREATE DATABASE "$DB" OWNER $ROLE;
SQL

# Password auth over TCP must work (Debian's pg_hba: scram-sha-256 on 127.0.0.1/32).
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -tAc 'SELECT 1' >/dev/null \
    || die "cannot log in as $ROLE over 127.0.0.1:$PORT with a password; check pg_hba.conf of $VERSION/$CLUSTER"

export COUNCIL_TEST_DATABASE_URL="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
log "database $DB on 127.0.0.1:$PORT (PostgreSQL $VERSION)"

# --- 5. run the command; the EXIT trap cleans up and keeps its status ----------
set +e
"$@"
exit $?
