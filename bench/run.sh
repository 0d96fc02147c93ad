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

# shellcheck source=servers.sh
source "$BENCH_DIR/servers.sh"

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
