#!/usr/bin/env bash
# Inpaints every case of a photo cases folder (tools/eval/make_photo_cases.py) with the CLI, then scores the
# results with shared/photo-metrics/photo_metrics.py (which also computes OpenCV Telea on the same cases).
#
#   bash tools/eval/photo_eval.sh CASES_DIR OUT_DIR [MODEL_DIR] [PRESET] [-- extra inpaint options]
#
# MODEL_DIR defaults to models/emoji-64 (today's behaviour: the crop strategy only), PRESET to balanced.
# Writes OUT_DIR/<name>-<kind>.png, OUT_DIR/logs/, OUT_DIR/times.txt and OUT_DIR/metrics.txt (photo_metrics
# output; its exit status 1 only means a target is missed, so this script keeps going and reports it).
# Needs target/repaint-studio.jar (mvn -q -o -DskipTests package) and /usr/bin/python3 with OpenCV.
# JAR=path runs another build (default target/repaint-studio.jar, with its lib/ beside it).
# KINDS="strokes blob" limits the mask kinds (default: strokes blob object).
# METRICS=path overrides the photo_metrics.py location (default: ../shared/photo-metrics next to the checkout,
# else /work/shared/photo-metrics).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cases="${1:?usage: photo_eval.sh CASES_DIR OUT_DIR [MODEL_DIR] [PRESET] [-- inpaint options]}"
out="${2:?usage: photo_eval.sh CASES_DIR OUT_DIR [MODEL_DIR] [PRESET] [-- inpaint options]}"
model="${3:-$repo/models/emoji-64}"
preset="${4:-balanced}"
shift $(( $# < 4 ? $# : 4 ))
[ "${1:-}" = "--" ] && shift
PY="${PYTHON:-/usr/bin/python3}"
metrics="${METRICS:-}"
for m in "$repo/../shared/photo-metrics/photo_metrics.py" /work/shared/photo-metrics/photo_metrics.py; do
  [ -z "$metrics" ] && [ -f "$m" ] && metrics="$m"
done
[ -f "${metrics:-}" ] || { echo "photo_metrics.py not found; set METRICS=path" >&2; exit 2; }
[ -f "$cases/cases.json" ] || { echo "$cases/cases.json not found; run tools/eval/make_photo_cases.py" >&2; exit 2; }
if [ -e "$out" ]; then echo "$out exists; choose a new folder" >&2; exit 2; fi
mkdir -p "$out/logs"
names=$("$PY" -c 'import json,sys; print(" ".join(c["name"] for c in json.load(open(sys.argv[1]))["cases"]))' "$cases/cases.json")
for name in $names; do
  for kind in ${KINDS:-strokes blob object}; do
    mask="$cases/mask-$name-$kind.png"
    [ -f "$mask" ] || continue
    start=$(date +%s%N)
    if ! java -jar "${JAR:-$repo/target/repaint-studio.jar}" inpaint --image "$cases/$name.png" --mask "$mask" \
        --model "$model" --preset "$preset" --out "$out/$name-$kind.png" "$@" > "$out/logs/$name-$kind.log" 2>&1; then
      echo "inpaint failed for $name-$kind; see $out/logs/$name-$kind.log" >&2
      exit 1
    fi
    echo "$name-$kind: $(( ($(date +%s%N) - start) / 1000000 )) ms; $(grep -o 'Done in.*' "$out/logs/$name-$kind.log")" >> "$out/times.txt"
  done
done
"$PY" "$metrics" "$cases" "$out" > "$out/metrics.txt" 2>&1 || true
tail -1 "$out/metrics.txt"
