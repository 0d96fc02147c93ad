#!/usr/bin/env bash
# What keeping versions costs: a 100 MB overwrite with versions on beside the same overwrite with versions off
# (hearth.versions.enabled=false), and the time to list a file with 1,000 versions. See docs/benchmarks.md
# ("Versions").
#
#   bench/versions.sh
#
# Starts Hearth twice on fresh data folders (-Xmx512m), versions on, then off. In each it PUTs a SIZE_MB MiB file,
# then overwrites it OVERWRITES times (the page cache written out before each PUT), timing each PUT. Then, in a third
# fresh Hearth with versions on, a small file is PUT VERSIONS + 1 times and its version list is fetched REQUESTS times
# through the REST API (GET /api/versions/{id}) and through the Nextcloud DAV endpoint (PROPFIND Depth 1 of
# /remote.php/dav/versions/{user}/versions/{id}). Prints medians and 90th percentiles and writes the report to
# bench/results/versions-<UTC date and time>.md.
#
# Exit status: 0 when every step worked, whether or not a target was met (overwrite on/off ≤ 1.1; listing 1,000
# versions < 50 ms); non-zero when a step failed. Needs curl and a JDK >= 21; builds nothing: run
# `mvn -o -q -pl webapp,server package -DskipTests` first.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

SIZE_MB=${SIZE_MB:-100}          # size of the overwritten file, MiB
OVERWRITES=${OVERWRITES:-10}     # timed overwrites per mode
VERSIONS=${VERSIONS:-1000}       # versions of the listed file
REQUESTS=${REQUESTS:-30}         # timed listings per endpoint
HEARTH_HEAP=${HEARTH_HEAP:-512m}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}

log() { printf '[versions-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\n[versions-bench] FAILED: %s\n' "$*" >&2; exit 1; }

# shellcheck source=../scripts/jdk.sh
source "$REPO/scripts/jdk.sh"
JAR="$REPO/server/target/hearth-server.jar"
[ -f "$JAR" ] || die "$JAR is missing: build it first (mvn -o -q -pl webapp,server package -DskipTests)"

WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/hearth-versions-bench.XXXXXX")
HEARTH_PID=""
stop_hearth() {
  if [ -n "$HEARTH_PID" ] && kill -0 "$HEARTH_PID" 2>/dev/null; then
    kill -TERM "$HEARTH_PID" 2>/dev/null || true
    wait "$HEARTH_PID" 2>/dev/null || true
  fi
  HEARTH_PID=""
}
cleanup() {
  stop_hearth
  rm -rf "$WORK"
}
trap cleanup EXIT

expect() { # expect WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || die "$1 answered $3, expected $2"
}

PASSWORD=bench-password-1
BASE=""
start_hearth() { # start_hearth NAME VERSIONS_ENABLED: a fresh Hearth with the user "bench"; sets BASE and HEARTH_PID
  stop_hearth
  local port=$((20000 + RANDOM % 20000)) admin i
  admin=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  (
    cd "$WORK"
    exec env HEARTH_DATA_DIR="$WORK/data-$1" SERVER_PORT="$port" HEARTH_ADMIN_USERNAME=admin \
      HEARTH_ADMIN_PASSWORD="$admin" HEARTH_VERSIONS_ENABLED="$2" "$JAVA_HOME/bin/java" -Xmx"$HEARTH_HEAP" -jar "$JAR"
  ) >"$WORK/hearth-$1.log" 2>&1 &
  HEARTH_PID=$!
  BASE="http://127.0.0.1:$port"
  log "waiting for Hearth ($1, versions enabled: $2, port $port)"
  for ((i = 0; i < 240; i++)); do
    kill -0 "$HEARTH_PID" 2>/dev/null || die "Hearth exited during start: $(tail -5 "$WORK/hearth-$1.log")"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/status.php" || true)" = 200 ] && break
    sleep 0.5
  done
  [ "$i" -lt 240 ] || die "Hearth did not answer /status.php within 120 s"
  expect "creating bench" 201 "$(curl -sS -o /dev/null -w '%{http_code}' -u "admin:$admin" \
    -H 'Content-Type: application/json' -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\",\"quotaBytes\":-1}" \
    "$BASE/api/admin/users")"
}

put() { # put LOCAL_FILE NAME: prints the seconds the PUT took; fails unless 201 or 204
  local result
  result=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -u "bench:$PASSWORD" -T "$1" \
    "$BASE/remote.php/dav/files/bench/$2")
  case ${result% *} in 201 | 204) ;; *) die "PUT $2 answered ${result% *}" ;; esac
  echo "${result#* }"
}
file_id() { # file_id NAME
  curl -sS -u "bench:$PASSWORD" -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' \
    --data '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>' \
    "$BASE/remote.php/dav/files/bench/$1" | sed -n 's:.*<oc\:fileid>\([0-9]*\)</oc\:fileid>.*:\1:p'
}
version_count() { # version_count FILE_ID: how many versions the REST API lists
  curl -sS -u "bench:$PASSWORD" "$BASE/api/versions/$1" | { grep -o '"versionTime"' || true; } | wc -l
}
stat() { # stat FILE PERCENTILE: the value at that percentile, in ms
  sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; printf "%.1f", v[i] * 1000 }'
}

log "writing a $SIZE_MB MiB file"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$WORK/big.bin"
for mode in on off; do
  enabled=true
  [ "$mode" = off ] && enabled=false
  start_hearth "overwrite-$mode" "$enabled"
  put "$WORK/big.bin" big.bin >/dev/null
  : >"$WORK/overwrite-$mode.times"
  log "overwriting $OVERWRITES times with versions $mode"
  for ((i = 0; i < OVERWRITES; i++)); do
    sync
    put "$WORK/big.bin" big.bin >>"$WORK/overwrite-$mode.times"
  done
  kept=$(version_count "$(file_id big.bin)")
  if [ "$mode" = on ]; then expect "versions kept with versions on" "$OVERWRITES" "$kept"; fi
  if [ "$mode" = off ]; then expect "versions kept with versions off" 0 "$kept"; fi
done
stop_hearth

start_hearth listing true
printf 'version text\n' >"$WORK/small.txt"
log "PUT a small file $((VERSIONS + 1)) times"
for ((i = 0; i <= VERSIONS; i++)); do put "$WORK/small.txt" notes.txt >/dev/null; done
ID=$(file_id notes.txt)
expect "versions of notes.txt" "$VERSIONS" "$(version_count "$ID")"
: >"$WORK/rest.times"
: >"$WORK/dav.times"
log "listing the $VERSIONS versions $REQUESTS times through REST and through DAV"
for ((i = 0; i < REQUESTS + 3; i++)); do
  rest=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -u "bench:$PASSWORD" "$BASE/api/versions/$ID")
  expect "GET /api/versions/$ID" 200 "${rest% *}"
  dav=$(curl -sS -o "$WORK/versions.xml" -w '%{http_code} %{time_total}' -u "bench:$PASSWORD" -X PROPFIND \
    -H 'Depth: 1' "$BASE/remote.php/dav/versions/bench/versions/$ID")
  expect "PROPFIND versions/$ID" 207 "${dav% *}"
  if [ "$i" -ge 3 ]; then # the first three warm up
    echo "${rest#* }" >>"$WORK/rest.times"
    echo "${dav#* }" >>"$WORK/dav.times"
  fi
done
expect "entries in the DAV listing" $((VERSIONS + 1)) "$(grep -o '<d:response>' "$WORK/versions.xml" | wc -l)"

ON_MED=$(stat "$WORK/overwrite-on.times" 50)
OFF_MED=$(stat "$WORK/overwrite-off.times" 50)
RATIO=$(awk -v a="$ON_MED" -v b="$OFF_MED" 'BEGIN { printf "%.2f", a / b }')
STAMP=$(date -u +%Y-%m-%dT%H%MZ)
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/versions-$STAMP.md"
{
  echo "# Versions, $STAMP"
  echo
  echo "$(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); Hearth on H2, -Xmx$HEARTH_HEAP."
  echo
  echo "| measure | median | 90th percentile | target |"
  echo "|---|---:|---:|---|"
  echo "| overwrite of a $SIZE_MB MiB file, versions on ($OVERWRITES PUTs) | $ON_MED ms | $(stat "$WORK/overwrite-on.times" 90) ms | |"
  echo "| the same, versions off | $OFF_MED ms | $(stat "$WORK/overwrite-off.times" 90) ms | |"
  echo "| ratio on / off | **$RATIO** | | ≤ 1.1 |"
  echo "| list $VERSIONS versions, REST GET /api/versions/{id} | $(stat "$WORK/rest.times" 50) ms | $(stat "$WORK/rest.times" 90) ms | < 50 ms |"
  echo "| list $VERSIONS versions, DAV PROPFIND Depth 1 | $(stat "$WORK/dav.times" 50) ms | $(stat "$WORK/dav.times" 90) ms | < 50 ms |"
} | tee "$REPORT"
log "report written to $REPORT"
