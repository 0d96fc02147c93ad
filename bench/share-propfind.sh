#!/usr/bin/env bash
# PROPFIND Depth 1 on a shared folder of many files: the recipient's listing (through the share's mount) beside
# the owner's own listing of the same folder. See docs/benchmarks.md ("Shared folder listing").
#
#   bench/share-propfind.sh
#
# Starts Hearth (fresh data folder, -Xmx512m) on a loopback port, creates users owner and recipient, PUTs FILES
# small files into owner's /Big (8 curl processes in parallel), shares /Big with recipient read-only through the
# OCS API, then times PROPFIND Depth 1 with the desktop client's property list, alternating owner and recipient
# (WARMUP requests each first, not counted; then REQUESTS each). Prints the medians, the 90th percentiles and the
# ratio recipient / owner, and writes the report to bench/results/share-propfind-<UTC date and time>.md.
#
# Exit status: 0 when every step worked, whether or not the target (ratio <= 1.2) was met; non-zero when a step
# failed. Needs curl and a JDK >= 21 (scripts/jdk.sh); builds nothing: run `mvn -o -q install -DskipTests` first.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

FILES=${FILES:-10000}            # files in the shared folder
WARMUP=${WARMUP:-5}              # PROPFIND requests per user before measuring
REQUESTS=${REQUESTS:-30}         # PROPFIND requests measured per user
HEARTH_HEAP=${HEARTH_HEAP:-512m}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}

log() { printf '[share-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\n[share-bench] FAILED: %s\n' "$*" >&2; exit 1; }

source "$REPO/scripts/jdk.sh"
JAR="$REPO/server/target/hearth-server.jar"
[ -f "$JAR" ] || die "$JAR is missing: build it first (mvn -o -q install -DskipTests)"

WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/hearth-share-bench.XXXXXX")
HEARTH_PID=""
cleanup() {
  if [ -n "$HEARTH_PID" ] && kill -0 "$HEARTH_PID" 2>/dev/null; then
    kill -TERM "$HEARTH_PID" 2>/dev/null || true
    wait "$HEARTH_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$((20000 + RANDOM % 20000))
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
PASSWORD=bench-password-1
BASE="http://127.0.0.1:$PORT"
(
  cd "$WORK"
  exec env HEARTH_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" HEARTH_ADMIN_USERNAME=admin \
    HEARTH_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$JAVA_HOME/bin/java" -Xmx"$HEARTH_HEAP" -jar "$JAR"
) >"$WORK/hearth.log" 2>&1 &
HEARTH_PID=$!
log "waiting for Hearth (port $PORT, pid $HEARTH_PID)"
for ((i = 0; i < 240; i++)); do
  kill -0 "$HEARTH_PID" 2>/dev/null || die "Hearth exited during start: $(tail -5 "$WORK/hearth.log")"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/status.php" || true)" = 200 ] && break
  sleep 0.5
done
[ "$i" -lt 240 ] || die "Hearth did not answer /status.php within 120 s"

expect() { # expect WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || die "$1 answered $3, expected $2"
}
for u in owner recipient; do
  expect "creating $u" 201 "$(curl -sS -o /dev/null -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" \
    -H 'Content-Type: application/json' -d "{\"username\":\"$u\",\"password\":\"$PASSWORD\",\"quotaBytes\":-1}" \
    "$BASE/api/admin/users")"
done
expect "MKCOL /Big" 201 "$(curl -sS -o /dev/null -w '%{http_code}' -u "owner:$PASSWORD" -X MKCOL \
  "$BASE/remote.php/dav/files/owner/Big")"

log "PUT $FILES files into owner's /Big"
seq 1 "$FILES" | xargs -P 8 -I{} curl -sS -f -o /dev/null -u "owner:$PASSWORD" -T "$REPO/README.md" \
  "$BASE/remote.php/dav/files/owner/Big/file-{}.txt" || die "a PUT failed"

expect "sharing /Big" 200 "$(curl -sS -o /dev/null -w '%{http_code}' -u "owner:$PASSWORD" -H 'OCS-APIRequest: true' \
  -d 'path=/Big&shareType=0&shareWith=recipient&permissions=1' "$BASE/ocs/v2.php/apps/files_sharing/api/v1/shares")"

PROPS='<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:resourcetype/>'\
'<d:getlastmodified/><d:getcontentlength/><d:getetag/><oc:size/><oc:id/><oc:fileid/><oc:permissions/>'\
'<oc:checksums/><oc:data-fingerprint/><oc:share-types/></d:prop></d:propfind>'
declare -A URL=([owner]="$BASE/remote.php/dav/files/owner/Big/"
  [recipient]="$BASE/remote.php/dav/files/recipient/Shared%20with%20me/Big/")

propfind() { # propfind USER: prints the seconds the request took; fails unless 207 with FILES + 1 entries
  local out="$WORK/propfind-$1.xml" result
  result=$(curl -sS -o "$out" -w '%{http_code} %{time_total}' -u "$1:$PASSWORD" -X PROPFIND -H 'Depth: 1' \
    -H 'Content-Type: application/xml' --data "$PROPS" "${URL[$1]}")
  expect "PROPFIND as $1" 207 "${result% *}"
  echo "${result#* }"
}
for u in owner recipient; do
  propfind "$u" >/dev/null
  entries=$(grep -o '<d:response>' "$WORK/propfind-$u.xml" | wc -l)
  expect "entries listed for $u" $((FILES + 1)) "$entries"
done

log "PROPFIND Depth 1: $WARMUP warm-up and $REQUESTS measured requests per user, alternating"
for ((i = 0; i < WARMUP; i++)); do propfind owner >/dev/null; propfind recipient >/dev/null; done
: >"$WORK/owner.times"
: >"$WORK/recipient.times"
for ((i = 0; i < REQUESTS; i++)); do
  propfind owner >>"$WORK/owner.times"
  propfind recipient >>"$WORK/recipient.times"
done

stat() { # stat FILE PERCENTILE: the value at that percentile, in ms
  sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; printf "%.0f", v[i] * 1000 }'
}
OWNER_MED=$(stat "$WORK/owner.times" 50)
RECIPIENT_MED=$(stat "$WORK/recipient.times" 50)
OWNER_P90=$(stat "$WORK/owner.times" 90)
RECIPIENT_P90=$(stat "$WORK/recipient.times" 90)
RATIO=$(awk -v a="$RECIPIENT_MED" -v b="$OWNER_MED" 'BEGIN { printf "%.2f", a / b }')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
STAMP=$(date -u +%Y-%m-%dT%H%MZ)

mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/share-propfind-$STAMP.md"
{
  echo "# Shared folder listing, $STAMP"
  echo
  echo "PROPFIND Depth 1 of a folder of $FILES files, $REQUESTS measured requests per user (after $WARMUP warm-up),"
  echo "alternating; $(nproc) cores, load average before the report $LOAD."
  echo
  echo "| who | median | 90th percentile |"
  echo "|---|---|---|"
  echo "| owner (own folder) | $OWNER_MED ms | $OWNER_P90 ms |"
  echo "| recipient (read-only share, through its mount) | $RECIPIENT_MED ms | $RECIPIENT_P90 ms |"
  echo
  echo "Ratio recipient / owner (medians): **$RATIO** (target ≤ 1.2)."
} | tee "$REPORT"
log "report written to $REPORT"
