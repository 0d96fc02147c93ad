#!/usr/bin/env bash
# Desktop sync to Hearth vs rclone to Apache mod_dav, in one run on this machine. See docs/benchmarks.md.
#
#   bench/sync.sh
#
# Starts the same two servers as bench/run.sh (bench/servers.sh), then measures:
#   - the Nextcloud desktop client (nextcloudcmd) doing the initial sync of a generated tree of SYNC_FILES files
#     (1 KiB to 5 MiB, about SYNC_MB MB in all, SYNC_FOLDERS folders) to Hearth, beside `rclone copy` of the same tree
#     to Apache (rclone's webdav backend, default 4 transfers);
#   - one BIG_SYNC_MIB file uploaded to Hearth through chunked upload v2 by nextcloudcmd (10 MB chunks at the start,
#     growing up to 100 MB; it reads the whole file for its SHA-1 before sending a byte) and by Hearth's own client
#     (`hearth backup` with its default chunks, 10 MiB growing to about 20 per file, at most 100 MiB, or BIG_CHUNK
#     chunks when set; SHA-1 taken while sending), beside a plain cp of the same file on the same disk (and cp +
#     fsync, since Hearth makes the file durable before answering).
# Every upload is then checked with `rclone check` against the server (SHA-1 from oc:checksums / size on Apache).
# Prints a markdown report and writes it to bench/results/sync-<UTC date and time>.md. Exit 0 when every step
# worked, whether or not a target was met; non-zero when a step failed.
#
# Needs root (page cache), apache2, apache2-utils, wrk, curl, nextcloudcmd (nextcloud-desktop-cmd), rclone,
# python3 and a JDK >= 21.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

SYNC_FILES=${SYNC_FILES:-2000}
SYNC_MB=${SYNC_MB:-500}
SYNC_FOLDERS=${SYNC_FOLDERS:-40}
BIG_SYNC_MIB=${BIG_SYNC_MIB:-2048}
BIG_CHUNK=${BIG_CHUNK:-}
HEARTH_HEAP=${HEARTH_HEAP:-512m}
QUIET_BUSY_PCT=${QUIET_BUSY_PCT:-25}
QUIET_BUDGET=${QUIET_BUDGET:-120}
SETTLE=${SETTLE:-4}
BENCH_TMPDIR=${BENCH_TMPDIR:-/var/tmp}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}

for tool in nextcloudcmd rclone python3; do
  command -v "$tool" >/dev/null || { echo "bench/sync.sh needs $tool (Debian: nextcloud-desktop-cmd, rclone, python3)" >&2; exit 2; }
done

# shellcheck source=servers.sh
source "$BENCH_DIR/servers.sh"
CLIENT_JAR="$REPO/clients/target/hearth.jar"
[ -f "$CLIENT_JAR" ] || (cd "$REPO" && mvn -B -q -pl clients -am -DskipTests package) || die "cannot build $CLIENT_JAR"
cp "$CLIENT_JAR" "$WORK/hearth-cli.jar"
hearth_cli() { HEARTH_JAR="$WORK/hearth-cli.jar" HEARTH_CONFIG_DIR="$WORK/hearth-cli" "$REPO/clients/bin/hearth" "$@"; }

OBSCURED=$(rclone obscure "$PASSWORD")
rclone_to() { # rclone_to SERVER ARGS...: rclone with a remote named "dst" for SERVER's WebDAV root
  local server=$1 vendor=other
  shift
  [ "$server" = hearth ] && vendor=nextcloud
  env RCLONE_CONFIG=/dev/null RCLONE_CONFIG_DST_TYPE=webdav RCLONE_CONFIG_DST_URL="${BASE[$server]}" \
    RCLONE_CONFIG_DST_VENDOR="$vendor" RCLONE_CONFIG_DST_USER=bench RCLONE_CONFIG_DST_PASS="$OBSCURED" \
    rclone "$@"
}
nextcloudcmd_run() { # nextcloudcmd_run LOCAL_DIR [--path REMOTE]: one sync run to Hearth, its own HOME
  local dir=$1
  shift
  mkdir -p "$WORK/nchome"
  HOME="$WORK/nchome" timeout 3600 nextcloudcmd --non-interactive --max-sync-retries 1 -u bench -p "$PASSWORD" "$@" \
    "$dir" "${HOST[hearth]}/" >>"$WORK/nextcloudcmd.log" 2>&1 || die "nextcloudcmd failed (see $WORK/nextcloudcmd.log)"
}
timed() { # timed VAR COMMAND...: seconds the command took, into VAR
  local var=$1 start
  shift
  start=$(now_ns)
  "$@"
  printf -v "$var" '%s' "$(calc "($(now_ns) - $start) / 1000000000" 3)"
}

log "generating $SYNC_FILES files (~$SYNC_MB MB) in $SYNC_FOLDERS folders"
python3 - "$WORK/tree" "$SYNC_FILES" "$SYNC_MB" "$SYNC_FOLDERS" <<'EOF'
import os, random, sys
root, count, megabytes, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(20261202)
low, high = 1024, 5 * 1024 * 1024
sizes = [min(high, max(low, int(rng.lognormvariate(11.5, 1.6)))) for _ in range(count)]
scale = megabytes * 1_000_000 / sum(sizes)
sizes = [min(high, max(low, int(s * scale))) for s in sizes]
for i, size in enumerate(sizes):
    folder = os.path.join(root, f"folder-{i % folders:03d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"file-{i:05d}.bin"), "wb") as out:
        out.write(os.urandom(size))
EOF
TREE_BYTES=$(du -sb "$WORK/tree" | cut -f1)
cp -a "$WORK/tree" "$WORK/ncsync"
log "writing a $BIG_SYNC_MIB MiB file"
mkdir -p "$WORK/ncbig"
head -c "$((BIG_SYNC_MIB * 1024 * 1024))" /dev/urandom >"$WORK/ncbig/big.bin"
BIG_BYTES=$((BIG_SYNC_MIB * 1024 * 1024))

settle "$SETTLE"; wait_quiet "rclone copy to Apache"
log "rclone copy of the tree to Apache"
timed T_RCLONE rclone_to apache copy "$WORK/tree" dst:tree
settle "$SETTLE"; wait_quiet "nextcloudcmd to Hearth"
log "nextcloudcmd initial sync of the tree to Hearth"
timed T_NCMD nextcloudcmd_run "$WORK/ncsync"

log "checking both copies"
rclone_to apache check --size-only "$WORK/tree" dst:tree >>"$WORK/check.log" 2>&1 || die "rclone check against Apache found differences"
rclone_to hearth check "$WORK/tree" dst: --exclude '.sync_*' --exclude '.nextcloudsync.log' >>"$WORK/check.log" 2>&1 \
  || die "rclone check against Hearth found differences (see $WORK/check.log)"

expect_2xx "MKCOL big on hearth" "$(dav hearth MKCOL /big/)"
settle "$SETTLE"; wait_quiet "cp of the big file"
timed T_CP cp "$WORK/ncbig/big.bin" "$WORK/big.cp"
rm -f "$WORK/big.cp"; settle "$SETTLE"
timed T_CP_FSYNC dd if="$WORK/ncbig/big.bin" of="$WORK/big.cp" bs=1M conv=fsync status=none
rm -f "$WORK/big.cp"; settle "$SETTLE"; wait_quiet "nextcloudcmd big file"
log "nextcloudcmd upload of the $BIG_SYNC_MIB MiB file (chunked)"
timed T_NCBIG nextcloudcmd_run "$WORK/ncbig" --path /big
rclone_to hearth check "$WORK/ncbig" dst:big --exclude '.sync_*' --exclude '.nextcloudsync.log' >>"$WORK/check.log" 2>&1 \
  || die "the big file on Hearth differs (see $WORK/check.log)"
grep -q 'remote.php/dav/uploads' "$WORK/nextcloudcmd.log" || log "WARNING: nextcloudcmd's log shows no chunked upload"

printf '%s\n' "$PASSWORD" | hearth_cli login "${HOST[hearth]}" -u bench --password-stdin >>"$WORK/hearth-cli.log" 2>&1 \
  || die "hearth login failed (see $WORK/hearth-cli.log)"
mkdir -p "$WORK/hcbig"
ln "$WORK/ncbig/big.bin" "$WORK/hcbig/big.bin"
settle "$SETTLE"; wait_quiet "hearth backup big file"
CHUNK_ARGS=()
[ -n "$BIG_CHUNK" ] && CHUNK_ARGS=(--chunk-size "$BIG_CHUNK" --max-chunk-size "$BIG_CHUNK")
CHUNKS_SAID=${BIG_CHUNK:-default}
log "hearth backup of the $BIG_SYNC_MIB MiB file (chunked, $CHUNKS_SAID chunks)"
timed T_HCBIG hearth_cli backup "${CHUNK_ARGS[@]}" "$WORK/hcbig" /big-hearth >>"$WORK/hearth-cli.log" 2>&1
rclone_to hearth check "$WORK/hcbig" dst:big-hearth >>"$WORK/check.log" 2>&1 \
  || die "the big file sent by hearth backup differs (see $WORK/check.log)"

mb() { calc "$1 / 1000000 / $2" 0; }
ratio_tree=$(calc "$T_RCLONE / $T_NCMD" 2)
ratio_big=$(calc "100 * $T_CP / $T_NCBIG" 0)
ratio_big_fsync=$(calc "100 * $T_CP_FSYNC / $T_NCBIG" 0)
ratio_hc=$(calc "100 * $T_CP / $T_HCBIG" 0)
ratio_hc_fsync=$(calc "100 * $T_CP_FSYNC / $T_HCBIG" 0)
verdict() { awk "BEGIN { exit !($1) }" && echo met || echo "**missed**"; }
STAMP=$(date -u +%Y-%m-%dT%H%MZ)
REPORT=$(cat <<EOF
# Sync clients: nextcloudcmd → Hearth vs rclone → Apache mod_dav — $STAMP

Same machine, same run: $(nproc) cores; Hearth $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'), H2, -Xmx$HEARTH_HEAP;
$(nextcloudcmd --version 2>/dev/null | head -n1); $(rclone version 2>/dev/null | head -n1); $(/usr/sbin/apache2 -v | head -n1 | sed 's/Server version: //').
Page cache dropped and the machine quiet (≤ $QUIET_BUSY_PCT % busy, within a $QUIET_BUDGET s budget) before each phase.

| measure | Hearth | peer | ratio | target | result |
|---|---:|---:|---:|---:|---|
| initial sync of $SYNC_FILES files, $(calc "$TREE_BYTES / 1000000" 0) MB: seconds | $T_NCMD (nextcloudcmd) | $T_RCLONE (rclone → Apache) | $ratio_tree× | ≥ 0.8× | $(verdict "$ratio_tree >= 0.8") |
| $BIG_SYNC_MIB MiB file, chunked, nextcloudcmd: seconds | $T_NCBIG ($(mb "$BIG_BYTES" "$T_NCBIG") MB/s) | cp $T_CP ($(mb "$BIG_BYTES" "$T_CP") MB/s) | $ratio_big % of cp | ≥ 70 % | $(verdict "$ratio_big >= 70") |
| $BIG_SYNC_MIB MiB file, chunked, hearth backup ($CHUNKS_SAID chunks): seconds | $T_HCBIG ($(mb "$BIG_BYTES" "$T_HCBIG") MB/s) | cp $T_CP | $ratio_hc % of cp | ≥ 70 % | $(verdict "$ratio_hc >= 70") |

cp + fsync of the big file: $T_CP_FSYNC s, so the chunked upload (durable before the final MOVE answers) is
$ratio_big_fsync % of cp + fsync with nextcloudcmd and $ratio_hc_fsync % with hearth backup. Every upload was checked
afterwards with \`rclone check\` (SHA-1 on Hearth, sizes on Apache, which has no checksums).
EOF
)
printf '%s\n' "$REPORT"
mkdir -p "$RESULTS_DIR"
printf '%s\n' "$REPORT" >"$RESULTS_DIR/sync-$STAMP.md"
log "written $RESULTS_DIR/sync-$STAMP.md"
