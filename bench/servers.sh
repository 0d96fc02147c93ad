# Sourced by bench/run.sh and bench/sync.sh: tool checks, a temp dir cleaned on exit, measuring helpers, and the two
# servers started side by side on loopback — a private Apache httpd with mod_dav_fs and Basic auth (user "bench",
# WebDAV root ${BASE[apache]}) and Hearth on a fresh data folder with the same user (${BASE[hearth]}).
# Expects BENCH_DIR, REPO, HEARTH_HEAP, QUIET_BUSY_PCT, QUIET_BUDGET and BENCH_TMPDIR to be set.
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
