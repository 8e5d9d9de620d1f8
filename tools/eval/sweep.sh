#!/usr/bin/env bash
# The fewer-calls study (docs/quality-vs-calls.md): every setting of a grid on the same held-out
# emoji, the paper's six masks and one seed, then the table and docs/quality-vs-calls.png.
#
#   bash tools/eval/sweep.sh [OUT_DIR] [GRID]        # from a clean clone, after mvn -DskipTests package
#
# IMAGES (default 8) held-out images are taken evenly from the 64 (both styles; 64 takes them all), BATCH
# of them share each UNet call. NARROW=0 skips the narrow-hole grid; PLOT sets where the plot goes (default
# docs/quality-vs-calls.png). Needs tools/train/fetch_data.sh's download (it runs it if missing).
#
# The whole hold-out set (docs/quality-vs-calls.md, "All 64 images"):
#   IMAGES=64 NARROW=0 PLOT=/tmp/qvc-all.png bash tools/eval/sweep.sh /tmp/qvc-all tools/eval/quality-vs-calls-all.grid
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-/tmp/quality-vs-calls}"
grid="${2:-$here/quality-vs-calls.grid}"
images="${IMAGES:-8}"
batch="${BATCH:-8}"
PY="${PYTHON:-/usr/bin/python3}"
jar="${JAR:-$root/target/repaint-studio.jar}"
# The study is of the emoji prior on its own hold-out set, whatever the default model is.
model="${MODEL:-$root/models/emoji-64}"
heldout="$out/heldout"
if [ ! -d "$heldout" ] || [ -z "$(ls -A "$heldout")" ]; then
  [ -s "$root/tools/train/data/emoji64.npz" ] || bash "$root/tools/train/fetch_data.sh"
  "$PY" "$here/make_heldout_set.py" --out "$heldout"
fi
subset="$out/images"
rm -rf "$subset" && mkdir -p "$subset"
# Evenly spread over the sorted 64 (32 stems × 2 styles), alternating styles.
# IMAGES at or above the set's size takes every image.
ls "$heldout" | sort | awk -v n="$images" '{ a[NR-1] = $0 } END { if (n >= NR) { for (i = 0; i < NR; i++) print a[i]; exit }
  s = int(NR / n); for (i = 0; i < n; i++) print a[i * s + (i % 2)] }' \
  | while read -r f; do cp "$heldout/$f" "$subset/"; done
java -jar "$jar" evaluate --model "$model" --images "$subset" --out "$out" --sweep "$grid" \
  --batch "$batch" --seed 0 --force
plot="${PLOT:-$root/docs/quality-vs-calls.png}"
"$PY" "$here/plot_sweep.py" --csv "$out/sweep.csv" --out "$plot"
[ "${NARROW:-1}" = 0 ] && exit 0
java -jar "$jar" evaluate --model "$model" --images "$subset" --out "$out/narrow" --sweep "$here/quality-vs-calls-narrow.grid" \
  --masks thin,thick,lines,sr --batch "$batch" --seed 0 --force
"$PY" "$here/plot_sweep.py" --csv "$out/sweep.csv" --csv "$out/narrow/sweep.csv" --masks thin,thick,lines,sr \
  --out "$out/narrow/quality-vs-calls-narrow.png"
