#!/usr/bin/env bash
# Hearth vs Apache httpd mod_dav, in one run on this machine. See docs/benchmarks.md.
#
#   bench/run.sh
#
# Starts a private Apache httpd (mod_dav_fs, mpm_event, Basic auth) and Hearth (fresh data folder, -Xmx512m) on
# loopback ports, then, for each of them:
#   - PUT 10,000 × 4 KiB files into an empty folder (wrk -t1, 8 connections, distinct names),
#   - GET those files (wrk -t1, 8 connections, 3 rounds over the 10,000 names),
#   - PROPFIND Depth: 1 on that folder (1 connection, 5 warm-up requests, then 50 measured),
#   - PUT and GET of one 1 GiB file with curl, beside a plain cp of the same file on the same disk,
# samples Hearth's heap during the 1 GiB transfers, prints a markdown report and writes it to
# bench/results/<UTC date and time>.md.
#
# Exit status: 0 when every step worked, whether or not a target was met (this is a report, not a test);
# non-zero when a step failed (a non-2xx response, a socket error, a server that does not start, ...).
#
# Needs root (to drop the page cache between phases), apache2, apache2-utils, wrk, curl and a JDK >= 21
# (found by scripts/jdk.sh). Installs nothing. Every setting below can be overridden from the environment.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

SMALL_FILES=${SMALL_FILES:-10000}         # files PUT, then GET, then listed by PROPFIND
SMALL_SIZE=${SMALL_SIZE:-4096}            # bytes per small file
CONNECTIONS=${CONNECTIONS:-8}             # concurrent connections for small PUT and GET (wrk -t1)
GET_ROUNDS=${GET_ROUNDS:-3}               # GET requests = SMALL_FILES × GET_ROUNDS
PROPFIND_WARMUP=${PROPFIND_WARMUP:-5}     # PROPFIND requests before measuring (not counted)
PROPFIND_REQUESTS=${PROPFIND_REQUESTS:-50}  # PROPFIND requests measured, one connection
ALLPROP_REQUESTS=${ALLPROP_REQUESTS:-20}  # extra PROPFIND allprop requests, for information (0 = skip)
WARMUP_FILES=${WARMUP_FILES:-2000}        # warm-up (JIT, caches) in a separate folder, not measured
BIG_MIB=${BIG_MIB:-1024}                  # size of the big file
HEARTH_HEAP=${HEARTH_HEAP:-512m}          # Hearth's -Xmx
BIG_SETTLE=${BIG_SETTLE:-4}               # seconds to sleep after sync + drop caches before each big transfer
SMALL_SETTLE=${SMALL_SETTLE:-2}           # same before each small-file phase
QUIET_BUSY_PCT=${QUIET_BUSY_PCT:-25}      # before a phase, wait until the machine is at most this busy (% of all cores)
QUIET_BUDGET=${QUIET_BUDGET:-120}         # ... but wait at most this many seconds in total over the whole run
BENCH_TMPDIR=${BENCH_TMPDIR:-/var/tmp}    # temp dir (servers' data, the big file, cp copies): must be on the disk measured
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
# KEEP_WORK=1 keeps the temp dir (logs, wrk output, jstat samples) for a look afterwards; servers are stopped anyway.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\n[bench] FAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------------
# Tools
missing=()
{ [ -x /usr/sbin/apache2 ] && [ -f /usr/lib/apache2/modules/mod_dav_fs.so ]; } || missing+=(apache2)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh needs: ${missing[*]}  (Debian: apt-get install ${missing[*]})" >&2
  exit 2
fi
# shellcheck source=../scripts/jdk.sh
source "$REPO/scripts/jdk.sh"
command -v jstat >/dev/null || die "jstat not found in $JAVA_HOME/bin"
IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1
if [ "$IS_ROOT" -eq 0 ]; then
  log "WARNING: not root: the page cache cannot be dropped between phases; figures will be less comparable"
fi
APACHE_USER=www-data
id "$APACHE_USER" >/dev/null 2>&1 || APACHE_USER=nobody

JAR="$REPO/server/target/hearth-server.jar"
if [ ! -f "$JAR" ]; then
  command -v mvn >/dev/null || die "server/target/hearth-server.jar is missing and mvn is not installed (apt-get install maven)"
  log "building $JAR"
  (cd "$REPO" && mvn -B -q -DskipTests package) || die "build failed"
fi

# ---------------------------------------------------------------------------------------------------------------------
# Temp dir, processes, cleanup
WORK=""
APACHE_PID=""
HEARTH_PID=""
SAMPLER_PIDS=()

stop_pid() { # stop_pid PID SECONDS: TERM, wait, then KILL
  local pid=$1 secs=$2 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  local p
  for p in "${SAMPLER_PIDS[@]}"; do stop_pid "$p" 2; done
  if [ "$rc" -ne 0 ] && [ -n "$WORK" ]; then
    [ -f "$WORK/hearth.log" ] && { echo "--- last lines of Hearth's log" >&2; tail -n 40 "$WORK/hearth.log" >&2; }
    [ -f "$WORK/apache/logs/error.log" ] && { echo "--- last lines of Apache's error log" >&2; tail -n 20 "$WORK/apache/logs/error.log" >&2; }
  fi
  stop_pid "$HEARTH_PID" 30
  stop_pid "$APACHE_PID" 15
  if [ -n "$WORK" ] && [ -d "$WORK" ] && [ "${KEEP_WORK:-0}" != 1 ]; then
    log "removing $WORK"
    rm -rf -- "$WORK"
    sync # so that the next heavy writer on this unjournaled ext4 does not pay for these deletions
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Leftovers of runs that were killed: remove them now, before anything is measured.
for d in "$BENCH_TMPDIR"/hearth-bench.*; do
  [ -d "$d" ] || continue
  owner=$(cat "$d/owner.pid" 2>/dev/null || echo "")
  if [ -z "$owner" ] || ! kill -0 "$owner" 2>/dev/null; then
    log "removing leftover $d"
    rm -rf -- "$d"
  fi
done

WORK=$(mktemp -d "$BENCH_TMPDIR/hearth-bench.XXXXXX")
chmod 755 "$WORK" # Apache's workers run as $APACHE_USER
echo $$ >"$WORK/owner.pid"
FS_TYPE=$(stat -f -c %T "$WORK")
[ "$FS_TYPE" = tmpfs ] && log "WARNING: $WORK is on tmpfs; set BENCH_TMPDIR to a folder on the disk you want to measure"
cp "$JAR" "$WORK/hearth.jar" # others may rebuild the jar while this runs

# ---------------------------------------------------------------------------------------------------------------------
# Helpers
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }
now_ns() { date +%s%N; }

drop_caches() {
  sync
  if [ "$IS_ROOT" -eq 1 ]; then echo 1 >/proc/sys/vm/drop_caches; fi
}
settle() { # settle SECONDS: write everything out, drop the page cache, let freed memory go back to the host
  drop_caches
  sleep "$1"
}

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

CLK_TCK=$(getconf CLK_TCK)
machine_ticks() { # "busy total" jiffies of all cores
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; total = busy + $5 + $6; print busy, total }' /proc/stat
}
proc_ticks() { # utime+stime of the given pids and their children, plus reaped children's time
  local pid total=0 t c
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
    for c in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$c/stat" 2>/dev/null || echo 0)
      total=$((total + t))
    done
  done
  echo "$total"
}
children_cpu_s() { # CPU seconds of this shell's waited-for children (user + sys), from the `times` builtin
  # (not in a pipe or $(...): a subshell would report its own children)
  times >"$WORK/times.txt"
  sed -n 2p "$WORK/times.txt" | awk '{
    s = 0
    for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2]); s += a[1] * 60 + a[2] }
    print s }'
}

QUIET_USED=0
NOISY=()
wait_quiet() { # wait_quiet LABEL: wait (within the budget) until other processes leave the cores alone
  local label=$1 b1 t1 b2 t2 busy
  while :; do
    read -r b1 t1 < <(machine_ticks)
    sleep 1
    read -r b2 t2 < <(machine_ticks)
    busy=$(( (b2 - b1) * 100 / (t2 - t1 > 0 ? t2 - t1 : 1) ))
    if [ "$busy" -le "$QUIET_BUSY_PCT" ]; then return 0; fi
    if [ "$QUIET_USED" -ge "$QUIET_BUDGET" ]; then
      log "WARNING: machine ${busy}% busy before $label (other processes); measuring anyway"
      NOISY+=("$label: machine ${busy}% busy beforehand")
      return 0
    fi
    [ $((QUIET_USED % 10)) -eq 0 ] && log "machine ${busy}% busy (other processes); waiting before $label"
    QUIET_USED=$((QUIET_USED + 1))
  done
}

declare -A R # results: R[key]=value

server_pids() { # server_pids NAME
  case $1 in
    apache) echo "$APACHE_PID" ;;
    hearth) echo "$HEARTH_PID" ;;
  esac
}

# run_wrk KEY SERVER SCRIPT CONNECTIONS PREFIX FILES COUNT [VAR=VALUE ...]
# Runs one wrk measurement against SERVER, fails on any non-2xx response or socket error, and stores
# R[KEY.rps|p50|p99|mean|max|span|srv_cpu|wrk_cpu|busy|count].
run_wrk() {
  local key=$1 server=$2 script=$3 conns=$4 prefix=$5 files=$6 count=$7
  shift 7
  local base out result b1 t1 b2 t2 s1 s2 w1 w2 limit=180
  out="$WORK/wrk-$key.txt"
  read -r b1 t1 < <(machine_ticks)
  s1=$(proc_ticks $(server_pids "$server"))
  children_cpu_s >"$WORK/cpu.txt"
  w1=$(cat "$WORK/cpu.txt")
  if ! env BENCH_PREFIX="$prefix" BENCH_FILES="$files" BENCH_COUNT="$count" BENCH_SIZE="$SMALL_SIZE" "$@" \
    wrk -t1 -c"$conns" -d"${limit}s" --timeout 30s -H "Authorization: ${AUTH[$server]}" \
    -s "$BENCH_DIR/$script" "${HOST[$server]}/" >"$out" 2>&1; then
    cat "$out" >&2
    die "wrk failed ($key)"
  fi
  children_cpu_s >"$WORK/cpu.txt"
  w2=$(cat "$WORK/cpu.txt")
  s2=$(proc_ticks $(server_pids "$server"))
  read -r b2 t2 < <(machine_ticks)
  result=$(grep '^RESULT ' "$out" || true)
  [ -n "$result" ] || { cat "$out" >&2; die "$key: wrk printed no RESULT line"; }
  if grep -q 'Non-2xx' "$out" || ! grep -q ' bad=0 ' <<<"$result"; then
    cat "$out" >&2
    die "$key: non-2xx responses ($(sed -n 's/.*bad_statuses=//p' <<<"$result"))"
  fi
  grep -q ' sock_errors=0 ' <<<"$result" || { cat "$out" >&2; die "$key: socket errors"; }
  grep -q ' finished=1 ' <<<"$result" || { cat "$out" >&2; die "$key: did not get $count responses within ${limit}s"; }
  local kv
  for kv in $result; do
    case $kv in
      rps=* | p50_us=* | p99_us=* | mean_us=* | max_us=* | span_us=* | counted=*) R[$key.${kv%%=*}]=${kv#*=} ;;
    esac
  done
  R[$key.srv_cpu]=$(calc "($s2 - $s1) / $CLK_TCK" 2)
  R[$key.wrk_cpu]=$(calc "$w2 - $w1" 2)
  R[$key.machine_cpu]=$(calc "($b2 - $b1) / $CLK_TCK" 2)
  log "$key: $(grep -o 'rps=[0-9.]*\|p50_us=[0-9]*\|p99_us=[0-9]*' <<<"$result" | tr '\n' ' ')server CPU ${R[$key.srv_cpu]} s, wrk CPU ${R[$key.wrk_cpu]} s"
}

# dav SERVER METHOD PATH [curl args...]: one request with curl, prints the status code
dav() {
  local server=$1 method=$2 path=$3
  shift 3
  curl -sS -o /dev/null -w '%{http_code}' -X "$method" -H "Authorization: ${AUTH[$server]}" "$@" "${BASE[$server]}$path"
}
expect_2xx() { # expect_2xx WHAT STATUS
  case $2 in 2??) ;; *) die "$1: HTTP $2" ;; esac
}

PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
declare -A HOST PATHBASE BASE AUTH # BASE = HOST + PATHBASE: the user's WebDAV root, no trailing slash
AUTH[apache]="Basic $(printf 'bench:%s' "$PASSWORD" | base64 -w0)"
AUTH[hearth]=${AUTH[apache]}

# ---------------------------------------------------------------------------------------------------------------------
# Apache httpd with mod_dav_fs
APORT=$(free_port)
A="$WORK/apache"
mkdir -p "$A/dav" "$A/lock" "$A/logs"
chown "$APACHE_USER:" "$A/dav" "$A/lock" 2>/dev/null || true
htpasswd -cb "$A/htpasswd" bench "$PASSWORD" 2>/dev/null || die "htpasswd failed"
M=/usr/lib/apache2/modules
cat >"$A/httpd.conf" <<EOF
ServerRoot $A
ServerName 127.0.0.1
Listen 127.0.0.1:$APORT
PidFile $A/httpd.pid
ErrorLog $A/logs/error.log
LogLevel warn
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authn_core_module $M/mod_authn_core.so
LoadModule authn_file_module $M/mod_authn_file.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule authz_user_module $M/mod_authz_user.so
LoadModule auth_basic_module $M/mod_auth_basic.so
LoadModule mime_module $M/mod_mime.so
LoadModule dav_module $M/mod_dav.so
LoadModule dav_fs_module $M/mod_dav_fs.so
User $APACHE_USER
Group $(id -gn "$APACHE_USER")
$( [ -f /etc/mime.types ] && echo "TypesConfig /etc/mime.types" )
DavLockDB $A/lock/DavLock
DocumentRoot $A/dav
KeepAlive On
MaxKeepAliveRequests 0
KeepAliveTimeout 30
Timeout 300
LimitRequestBody 0
<Directory $A/dav>
  Dav On
  AuthType Basic
  AuthName "bench"
  AuthUserFile $A/htpasswd
  Require valid-user
  Options None
  AllowOverride None
</Directory>
EOF
/usr/sbin/apache2 -f "$A/httpd.conf" -DFOREGROUND >"$A/logs/stdout.log" 2>&1 &
APACHE_PID=$!
HOST[apache]="http://127.0.0.1:$APORT"
PATHBASE[apache]=""
BASE[apache]=${HOST[apache]}

# ---------------------------------------------------------------------------------------------------------------------
# Hearth with a fresh data folder
HPORT=$(free_port)
while [ "$HPORT" = "$APORT" ]; do HPORT=$(free_port); done
mkdir -p "$WORK/hearth-data"
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
(
  cd "$WORK"
  exec env HEARTH_DATA_DIR="$WORK/hearth-data" SERVER_PORT="$HPORT" HEARTH_ADMIN_USERNAME=admin \
    HEARTH_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    java -Xmx"$HEARTH_HEAP" -Xlog:gc:file="$WORK/hearth-gc.log" -jar "$WORK/hearth.jar"
) >"$WORK/hearth.log" 2>&1 &
HEARTH_PID=$!
HOST[hearth]="http://127.0.0.1:$HPORT"
PATHBASE[hearth]="/remote.php/dav/files/bench"
BASE[hearth]=${HOST[hearth]}${PATHBASE[hearth]}

log "waiting for Apache (port $APORT, pid $APACHE_PID) and Hearth (port $HPORT, pid $HEARTH_PID)"
for ((i = 0; i < 240; i++)); do
  kill -0 "$HEARTH_PID" 2>/dev/null || die "Hearth exited during start"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HPORT/status.php" || true)" = 200 ] && break
  sleep 0.5
done
[ "$i" -lt 240 ] || die "Hearth did not answer /status.php within 120 s"
kill -0 "$APACHE_PID" 2>/dev/null || { cat "$A/logs/stdout.log" >&2; die "Apache exited during start"; }
status=$(curl -sS -o "$WORK/user.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\",\"quotaBytes\":-1}" "http://127.0.0.1:$HPORT/api/admin/users")
expect_2xx "creating Hearth user bench" "$status"

rss_kib() { # rss_kib PID...: sum of VmRSS
  local p total=0 r
  for p in "$@"; do
    r=$(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${r:-0}))
  done
  echo "$total"
}
apache_all_pids() { echo "$APACHE_PID" $(cat /proc/"$APACHE_PID"/task/*/children 2>/dev/null); }
R[apache.idle_rss]=$(calc "$(rss_kib $(apache_all_pids)) / 1024" 0)
R[hearth.idle_rss]=$(calc "$(rss_kib "$HEARTH_PID") / 1024" 0)

for s in apache hearth; do
  for f in warm small big; do
    expect_2xx "MKCOL $f on $s" "$(dav "$s" MKCOL "/$f/")"
  done
done
prefix_of() { echo "${PATHBASE[$1]}/$2/"; } # prefix_of SERVER FOLDER: request path of a folder, trailing slash

# ---------------------------------------------------------------------------------------------------------------------
# Warm-up (JIT, connection pools, caches): a separate folder, nothing measured, errors still fail the run.
log "warm-up: $WARMUP_FILES PUT, GET and PROPFIND per server (not measured)"
for s in apache hearth; do
  run_wrk "warmup-put.$s" "$s" put.lua "$CONNECTIONS" "$(prefix_of "$s" warm)" "$WARMUP_FILES" "$WARMUP_FILES"
  run_wrk "warmup-get.$s" "$s" get.lua "$CONNECTIONS" "$(prefix_of "$s" warm)" "$WARMUP_FILES" $((WARMUP_FILES * 3))
  run_wrk "warmup-propfind.$s" "$s" propfind.lua 1 "$(prefix_of "$s" warm)" 1 20
done

count_entries() { # count_entries SERVER FOLDER: number of <response> elements in a Depth 1 PROPFIND
  local status
  status=$(curl -sS -o "$WORK/propfind-check.xml" -w '%{http_code}' -X PROPFIND -H 'Depth: 1' \
    -H "Authorization: ${AUTH[$1]}" "${BASE[$1]}/$2/")
  expect_2xx "PROPFIND check of $2 on $1" "$status"
  grep -o -i '<[a-z0-9]*:response[ >]' "$WORK/propfind-check.xml" | wc -l
}

# ---------------------------------------------------------------------------------------------------------------------
# Small files
for s in apache hearth; do
  settle "$SMALL_SETTLE"
  wait_quiet "PUT small ($s)"
  log "PUT $SMALL_FILES × $SMALL_SIZE B into an empty folder on $s, $CONNECTIONS connections"
  run_wrk "put.$s" "$s" put.lua "$CONNECTIONS" "$(prefix_of "$s" small)" "$SMALL_FILES" "$SMALL_FILES"
  n=$(count_entries "$s" small)
  [ "$n" -eq $((SMALL_FILES + 1)) ] || die "$s lists $((n - 1)) files in small/ after the PUTs, expected $SMALL_FILES"
done
for s in apache hearth; do
  settle "$SMALL_SETTLE"
  wait_quiet "GET small ($s)"
  log "GET the $SMALL_FILES files on $s, $GET_ROUNDS rounds, $CONNECTIONS connections (page cache dropped before)"
  run_wrk "get.$s" "$s" get.lua "$CONNECTIONS" "$(prefix_of "$s" small)" "$SMALL_FILES" $((SMALL_FILES * GET_ROUNDS))
done
for s in apache hearth; do
  settle "$SMALL_SETTLE"
  wait_quiet "PROPFIND ($s)"
  log "PROPFIND Depth 1 on the folder of $SMALL_FILES files on $s: $PROPFIND_WARMUP warm-up, $PROPFIND_REQUESTS measured"
  run_wrk "propfind-warmup.$s" "$s" propfind.lua 1 "$(prefix_of "$s" small)" 1 "$PROPFIND_WARMUP"
  run_wrk "propfind.$s" "$s" propfind.lua 1 "$(prefix_of "$s" small)" 1 "$PROPFIND_REQUESTS"
  if [ "$ALLPROP_REQUESTS" -gt 0 ]; then
    run_wrk "allprop.$s" "$s" propfind.lua 1 "$(prefix_of "$s" small)" 1 "$ALLPROP_REQUESTS" BENCH_ALLPROP=1
  fi
done

# ---------------------------------------------------------------------------------------------------------------------
# One big file
BIG_BYTES=$((BIG_MIB * 1024 * 1024))
if [ "$BIG_MIB" -eq 1024 ]; then BIG_LABEL="1 GiB"; else BIG_LABEL="$BIG_MIB MiB"; fi
log "writing a $BIG_MIB MiB file of random bytes"
dd if=/dev/urandom of="$WORK/big.src" bs=1M count="$BIG_MIB" iflag=fullblock status=none
mbps() { calc "$1 / 1000000 / $2" 0; } # mbps BYTES SECONDS -> MB/s (10^6 bytes)

measure_cp() { # measure_cp N: cp of the big file on the same disk, then fsync of the copy
  local n=$1 t0 t1 t2
  settle "$BIG_SETTLE"
  wait_quiet "cp #$n"
  t0=$(now_ns)
  cp "$WORK/big.src" "$WORK/cp$n.bin"
  t1=$(now_ns)
  sync "$WORK/cp$n.bin" # fsync of that one file (coreutils sync FILE)
  t2=$(now_ns)
  R[cp$n.s]=$(calc "($t1 - $t0) / 1e9" 3)
  R[cp$n.mbps]=$(mbps "$BIG_BYTES" "${R[cp$n.s]}")
  R[cpsync$n.s]=$(calc "($t2 - $t0) / 1e9" 3)
  R[cpsync$n.mbps]=$(mbps "$BIG_BYTES" "${R[cpsync$n.s]}")
  log "cp #$n: ${R[cp$n.s]} s = ${R[cp$n.mbps]} MB/s; with fsync ${R[cpsync$n.s]} s = ${R[cpsync$n.mbps]} MB/s"
}

big_transfer() { # big_transfer SERVER put|get
  local s=$1 op=$2 out status t size c0 c1
  settle "$BIG_SETTLE"
  wait_quiet "$BIG_LABEL $op ($s)"
  c0=$(proc_ticks $(server_pids "$s"))
  if [ "$op" = put ]; then
    out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total} %{size_upload}' --max-time 600 -H 'Expect:' \
      -H "Authorization: ${AUTH[$s]}" -T "$WORK/big.src" "${BASE[$s]}/big/big.bin") || die "1 GiB PUT to $s: curl failed"
  else
    out=$(curl -sS -o "$WORK/download.$s" -w '%{http_code} %{time_total} %{size_download}' --max-time 600 \
      -H "Authorization: ${AUTH[$s]}" "${BASE[$s]}/big/big.bin") || die "1 GiB GET from $s: curl failed"
  fi
  c1=$(proc_ticks $(server_pids "$s"))
  read -r status t size <<<"$out"
  R[big-$op.$s.cpu]=$(calc "($c1 - $c0) / $CLK_TCK" 2)
  expect_2xx "$BIG_LABEL $op ($s)" "$status"
  [ "$size" -eq "$BIG_BYTES" ] || die "$BIG_LABEL $op ($s): $size bytes transferred, expected $BIG_BYTES"
  R[big-$op.$s.s]=$(calc "$t" 3)
  R[big-$op.$s.mbps]=$(mbps "$BIG_BYTES" "$t")
  log "$BIG_LABEL $op $s: HTTP $status, ${R[big-$op.$s.s]} s = ${R[big-$op.$s.mbps]} MB/s, server CPU ${R[big-$op.$s.cpu]} s"
}

measure_cp 1
big_transfer apache put

# Hearth's heap (jstat, every 200 ms) and RSS during its two big transfers
jstat -gc "$HEARTH_PID" 200 >"$WORK/jstat.txt" 2>&1 &
SAMPLER_PIDS+=($!)
(while kill -0 "$HEARTH_PID" 2>/dev/null; do
  awk '/^VmRSS/ { print $2 }' "/proc/$HEARTH_PID/status"
  sleep 0.2
done) >"$WORK/rss.txt" 2>/dev/null &
SAMPLER_PIDS+=($!)
GC_LINES_BEFORE=$(wc -l <"$WORK/hearth-gc.log")
sleep 0.5

big_transfer hearth put
big_transfer apache get
big_transfer hearth get

sleep 0.5
for p in "${SAMPLER_PIDS[@]}"; do stop_pid "$p" 2; done
SAMPLER_PIDS=()

measure_cp 2

log "checking the downloaded copies"
for s in apache hearth; do
  cmp -s "$WORK/big.src" "$WORK/download.$s" || die "the $BIG_LABEL file downloaded from $s differs from the one uploaded"
done

# Heap: used = S0U + S1U + EU + OU (KiB); committed = S0C + S1C + EC + OC
read -r HEAP_FIRST HEAP_PEAK OLD_PEAK COMMITTED_PEAK SAMPLES < <(awk '
  $1 == "S0C" { for (i = 1; i <= NF; i++) col[$i] = i; next }
  col["EU"] && $1 ~ /^[0-9.]+$/ {
    used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
    comm = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]
    if (n == 0) first = used
    if (used > peak) peak = used
    if ($col["OU"] > old) old = $col["OU"]
    if (comm > cpeak) cpeak = comm
    n++
  }
  END { printf "%.0f %.0f %.0f %.0f %d\n", first / 1024, peak / 1024, old / 1024, cpeak / 1024, n }' "$WORK/jstat.txt")
[ "${SAMPLES:-0}" -gt 10 ] || { cat "$WORK/jstat.txt" >&2; die "jstat gave no heap samples"; }
# After-GC heap from -Xlog:gc lines such as "... Pause Young (Normal) (G1 Evacuation Pause) 40M->8M(64M) 3.1ms"
read -r GC_COUNT GC_AFTER_MAX < <(tail -n +"$((GC_LINES_BEFORE + 1))" "$WORK/hearth-gc.log" | awk '
  match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
    s = substr($0, RSTART, RLENGTH); split(s, a, /->|M|\(/); after = a[3] + 0
    if (after > max) max = after
    n++
  }
  END { printf "%d %d\n", n, max }')
RSS_PEAK=$(sort -n "$WORK/rss.txt" | tail -n1)
R[heap.first]=$HEAP_FIRST
R[heap.peak]=$HEAP_PEAK
R[heap.old_peak]=$OLD_PEAK
R[heap.committed_peak]=$COMMITTED_PEAK
R[heap.samples]=$SAMPLES
R[heap.gcs]=$GC_COUNT
R[heap.after_gc_max]=$GC_AFTER_MAX
R[heap.rss_peak]=$(calc "${RSS_PEAK:-0} / 1024" 0)

# ---------------------------------------------------------------------------------------------------------------------
# Report
CP_MBPS=$(calc "(${R[cp1.mbps]} + ${R[cp2.mbps]}) / 2" 0)
CPSYNC_MBPS=$(calc "(${R[cpsync1.mbps]} + ${R[cpsync2.mbps]}) / 2" 0)
ratio() { calc "$1 / $2" 2; }
verdict_ge() { # verdict_ge VALUE TARGET [unit]
  if awk "BEGIN { exit !($1 >= $2) }"; then echo "met"; else echo "**missed** (by $(calc "(1 - $1 / $2) * 100" 0) %)"; fi
}
verdict_le() {
  if awk "BEGIN { exit !($1 <= $2) }"; then echo "met"; else echo "**missed** ($(calc "$1 / $2" 2)× the limit)"; fi
}
ms() { calc "$1 / 1000" 1; }
us_per_req() { calc "$1 * 1000000 / $2" 0; } # CPU seconds, requests

PUT_RATIO=$(ratio "${R[put.hearth.rps]}" "${R[put.apache.rps]}")
GET_RATIO=$(ratio "${R[get.hearth.rps]}" "${R[get.apache.rps]}")
PF_RATIO=$(ratio "${R[propfind.hearth.p50_us]}" "${R[propfind.apache.p50_us]}")
PF99_RATIO=$(ratio "${R[propfind.hearth.p99_us]}" "${R[propfind.apache.p99_us]}")
BPUT_PCT=$(calc "${R[big-put.hearth.mbps]} * 100 / $CP_MBPS" 0)
BGET_PCT=$(calc "${R[big-get.hearth.mbps]} * 100 / $CP_MBPS" 0)
BPUT_SYNC_PCT=$(calc "${R[big-put.hearth.mbps]} * 100 / $CPSYNC_MBPS" 0)
APUT_PCT=$(calc "${R[big-put.apache.mbps]} * 100 / $CP_MBPS" 0)
AGET_PCT=$(calc "${R[big-get.apache.mbps]} * 100 / $CP_MBPS" 0)
GET_REQS=$((SMALL_FILES * GET_ROUNDS))

JOURNAL="unknown"
DEV=$(findmnt -no SOURCE -T "$WORK" 2>/dev/null || true)
if [ -n "$DEV" ] && [ -d /proc/fs/jbd2 ]; then
  if ls /proc/fs/jbd2 | grep -q "^$(basename "$DEV")-"; then JOURNAL="with journal"; else JOURNAL="no journal"; fi
fi
GIT_REV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git -C "$REPO" status --porcelain -- server 2>/dev/null)" ] && GIT_REV="$GIT_REV + uncommitted changes in server/"
STAMP=$(date -u +%Y-%m-%dT%H%MZ)

report() {
  cat <<EOF
# Hearth vs Apache mod_dav — $STAMP

Same machine, same run: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM,
$FS_TYPE ($JOURNAL) on $DEV, kernel $(uname -r). Load generator and servers share the cores (wrk -t1).
Hearth $GIT_REV, $(java -version 2>&1 | head -n1), -Xmx$HEARTH_HEAP, H2 (jar built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')); $(/usr/sbin/apache2 -v | sed -n 's/^Server version: //p') mpm_event + mod_dav_fs, Basic auth (htpasswd, apr1 hash checked on every request);
Hearth verifies the Basic password once and caches it for 60 s. **Hearth fsyncs every uploaded file before answering;
Apache does not.** Page cache dropped (sync + drop_caches) before every phase.

## Targets

| measure | Hearth | Apache | Hearth/Apache | target | result |
|---|---:|---:|---:|---:|---|
| PUT $SMALL_SIZE B files, req/s ($CONNECTIONS conn.) | $(calc "${R[put.hearth.rps]}" 0) | $(calc "${R[put.apache.rps]}" 0) | $PUT_RATIO | ≥ 1.0 | $(verdict_ge "$PUT_RATIO" 1.0) |
| GET $SMALL_SIZE B files, req/s ($CONNECTIONS conn.) | $(calc "${R[get.hearth.rps]}" 0) | $(calc "${R[get.apache.rps]}" 0) | $GET_RATIO | ≥ 1.0 | $(verdict_ge "$GET_RATIO" 1.0) |
| PROPFIND depth 1, $SMALL_FILES entries, median ms | $(ms "${R[propfind.hearth.p50_us]}") | $(ms "${R[propfind.apache.p50_us]}") | $PF_RATIO | ≤ 1.5 | $(verdict_le "$PF_RATIO" 1.5) |

| $BIG_LABEL with curl | Hearth | % of cp | target | result | Apache | % of cp |
|---|---:|---:|---:|---|---:|---:|
| PUT, MB/s | ${R[big-put.hearth.mbps]} | $BPUT_PCT % | ≥ 80 % | $(verdict_ge "$BPUT_PCT" 80) | ${R[big-put.apache.mbps]} | $APUT_PCT % |
| GET, MB/s | ${R[big-get.hearth.mbps]} | $BGET_PCT % | ≥ 80 % | $(verdict_ge "$BGET_PCT" 80) | ${R[big-get.apache.mbps]} | $AGET_PCT % |

cp of the same $BIG_LABEL file on the same disk in this run: ${R[cp1.mbps]} and ${R[cp2.mbps]} MB/s (mean $CP_MBPS MB/s, page
cache, no fsync); cp followed by fsync of the copy: ${R[cpsync1.mbps]} and ${R[cpsync2.mbps]} MB/s (mean $CPSYNC_MBPS).
Hearth's $BIG_LABEL PUT fsyncs before answering: it is $BPUT_SYNC_PCT % of cp + fsync.
Hearth's heap during its $BIG_LABEL PUT and GET (-Xmx$HEARTH_HEAP, jstat every 200 ms, ${R[heap.samples]} samples): **peak
${R[heap.peak]} MiB used** (before: ${R[heap.first]} MiB; old generation at most ${R[heap.old_peak]} MiB; committed at most
${R[heap.committed_peak]} MiB; $(if [ "${R[heap.gcs]}" -gt 0 ]; then echo "${R[heap.gcs]} GCs, at most ${R[heap.after_gc_max]} MiB live after a GC"; else echo "no GC was needed"; fi));
process RSS at most ${R[heap.rss_peak]} MiB. $((2 * BIG_MIB)) MiB went through Hearth meanwhile.

## Details

| phase | server | requests | req/s | median ms | p99 ms | max ms | server CPU s | server CPU µs/req | wrk CPU s | machine CPU s |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
  local k s n
  for k in put get propfind allprop; do
    for s in apache hearth; do
      [ -n "${R[$k.$s.rps]:-}" ] || continue
      n=${R[$k.$s.counted]}
      echo "| $k | $s | $n | $(calc "${R[$k.$s.rps]}" 0) | $(ms "${R[$k.$s.p50_us]}") | $(ms "${R[$k.$s.p99_us]}") | $(ms "${R[$k.$s.max_us]}") | ${R[$k.$s.srv_cpu]} | $(us_per_req "${R[$k.$s.srv_cpu]}" "$n") | ${R[$k.$s.wrk_cpu]} | ${R[$k.$s.machine_cpu]} |"
    done
  done
  cat <<EOF

- PUT: $SMALL_FILES distinct new files into an empty folder, wrk -t1 -c$CONNECTIONS; req/s = $SMALL_FILES / (first
  request → last response). GET: $GET_REQS requests ($GET_ROUNDS rounds over the $SMALL_FILES files), the first round from
  a dropped page cache. PROPFIND: Depth 1 asking for resourcetype, getcontentlength, getlastmodified, getetag;
  one connection, $PROPFIND_WARMUP warm-up requests, then $PROPFIND_REQUESTS measured (wrk's per-request latency
  histogram; with $PROPFIND_REQUESTS samples p99 is close to the maximum). allprop: the same with \`<allprop/>\`, for
  information. Before all this each server got a warm-up in another folder ($WARMUP_FILES PUT, GET, PROPFIND).
- machine CPU s = busy time of all cores during the phase (servers + wrk + anything else running).
- idle RSS right after start: Apache ${R[apache.idle_rss]} MiB (all processes, shared pages counted twice), Hearth ${R[hearth.idle_rss]} MiB.
- $BIG_LABEL: \`sync; drop_caches; sleep $BIG_SETTLE\` before each transfer and each cp; GET writes the download to a file on the
  same disk (like cp, it reads the file from disk and writes it to the page cache). Times: cp #1 ${R[cp1.s]} s,
  Apache PUT ${R[big-put.apache.s]} s, Hearth PUT ${R[big-put.hearth.s]} s, Apache GET ${R[big-get.apache.s]} s,
  Hearth GET ${R[big-get.hearth.s]} s, cp #2 ${R[cp2.s]} s. Both downloads compared equal to the uploaded file.
  Server CPU: Apache PUT ${R[big-put.apache.cpu]} s, GET ${R[big-get.apache.cpu]} s; Hearth PUT ${R[big-put.hearth.cpu]} s,
  GET ${R[big-get.hearth.cpu]} s.
EOF
  if [ ${#NOISY[@]} -gt 0 ]; then
    echo "- **Other processes were using the cores** (waited up to ${QUIET_BUDGET} s in all, then measured anyway) before:"
    printf '  %s\n' "${NOISY[@]}"
    echo "  Those figures are less reliable: see the machine CPU column."
  else
    echo "- The machine was quiet (≤ $QUIET_BUSY_PCT % busy) before every phase."
  fi
  [ "$IS_ROOT" -eq 1 ] || echo "- **Not run as root: the page cache was not dropped between phases.**"
}

mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/$STAMP.md"
report | tee "$OUT"
log "written $OUT"
