#!/usr/bin/env bash
# The web app in Debian's Chromium: time until the files page shows a folder of WEB_FILES entries and until its first
# thumbnail is drawn, and the size of the JavaScript bundle. See docs/benchmarks.md ("Web app").
#
#   bench/webapp.sh
#
# Starts Hearth (bench/servers.sh, which also starts the Apache peer of the other benchmarks), puts WEB_FILES copies
# of a PHOTO_SIZE JPEG (drawn by bench/make-photo.mjs) into one folder over WebDAV, then loads the folder page BENCH_RUNS times in Chromium (bench/webapp-load.mjs):
# the first load has a cold cache, the median of the others is the figure. Prints a markdown report and writes it to
# bench/results/webapp-<UTC date and time>.md. Needs /usr/bin/chromium, node, the web app built (webapp/node_modules
# and webapp/dist: `mvn -pl webapp install`), root for the page cache, and what bench/servers.sh needs.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WEB_FILES=${WEB_FILES:-1000}
PHOTO_SIZE=${PHOTO_SIZE:-1600x1200}
BENCH_RUNS=${BENCH_RUNS:-6}
HEARTH_HEAP=${HEARTH_HEAP:-512m}
QUIET_BUSY_PCT=${QUIET_BUSY_PCT:-25}
QUIET_BUDGET=${QUIET_BUDGET:-120}
BENCH_TMPDIR=${BENCH_TMPDIR:-/var/tmp}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}

[ -x /usr/bin/chromium ] || { echo "bench/webapp.sh needs Debian's chromium (apt-get install chromium)" >&2; exit 2; }
[ -d "$REPO/webapp/node_modules/playwright-core" ] && [ -d "$REPO/webapp/dist/assets" ] \
  || { echo "bench/webapp.sh needs the built web app: mvn -pl webapp install" >&2; exit 2; }

# shellcheck source=servers.sh
source "$BENCH_DIR/servers.sh"

FOLDER=web-bench
expect_2xx "MKCOL /$FOLDER" "$(dav hearth MKCOL "/$FOLDER/")"
log "drawing a ${PHOTO_SIZE/x/×} photo in Chromium and putting $WEB_FILES copies of it into /$FOLDER"
node "$BENCH_DIR/make-photo.mjs" "$WORK/photo.jpg" "${PHOTO_SIZE%x*}" "${PHOTO_SIZE#*x}" || die "drawing the photo failed"
seq -w 1 "$WEB_FILES" | xargs -P 8 -I{} curl -sS -o /dev/null -f -X PUT -H "Authorization: ${AUTH[hearth]}" \
  --data-binary "@$WORK/photo.jpg" "${BASE[hearth]}/$FOLDER/photo-{}.jpg" \
  || die "uploading the files failed"

wait_quiet "page loads"
log "loading the folder page $BENCH_RUNS times in Chromium"
result=$(HEARTH_URL="${HOST[hearth]}" BENCH_USER=bench BENCH_PASSWORD="$PASSWORD" BENCH_FOLDER="$FOLDER" \
  BENCH_FILES="$WEB_FILES" BENCH_RUNS="$BENCH_RUNS" node "$BENCH_DIR/webapp-load.mjs") || die "the browser run failed"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$result" "$1"; }
first=$(field firstMs)
warm=$(field warmMedianMs)
thumb_first=$(field firstThumbnailMs)
thumb_warm=$(field warmThumbnailMedianMs)

js_raw=0
js_gzip=0
for asset in "$REPO"/webapp/dist/assets/*.js; do
  js_raw=$((js_raw + $(stat -c %s "$asset")))
  js_gzip=$((js_gzip + $(gzip -9 -c "$asset" | wc -c)))
done

mkdir -p "$RESULTS_DIR"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
report="$RESULTS_DIR/webapp-$stamp.md"
{
  echo "# Web app, $stamp"
  echo
  echo "| what | figure | target |"
  echo "|---|---|---|"
  echo "| files page with $WEB_FILES entries shown, warm (median of $((BENCH_RUNS - 1))) | $warm ms | < 1000 ms |"
  echo "| the same, first load (cold browser cache) | $first ms | |"
  echo "| first thumbnail drawn, first load (the server makes the previews of ${PHOTO_SIZE/x/×} JPEGs) | $thumb_first ms | |"
  echo "| first thumbnail drawn, warm (median of $((BENCH_RUNS - 1)); previews cached) | $thumb_warm ms | |"
  echo "| JavaScript bundle | $(calc "$js_raw / 1024") KiB, $(calc "$js_gzip / 1024") KiB gzip | < 300 KiB gzip |"
  echo
  echo "Every load: \`$result\`"
} | tee "$report"
log "report written to $report"
