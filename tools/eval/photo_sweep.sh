#!/usr/bin/env bash
# The quality-versus-calls study on the photo test set (issue 15): every line of a grid through the whole
# product path (coarse pass, then native-resolution refinement) on the photo cases whose truth is known
# (strokes and blobs), then one table of masked MAE against UNet calls with paired bootstrap CIs.
#
#   bash tools/eval/photo_sweep.sh CASES_DIR OUT_DIR [GRID]
#
# GRID (default tools/eval/photo-quality-vs-calls.grid): LABEL PRESET [inpaint options...] a line; the first
# line is the reference of every ratio. MODEL (default models/photo-64) and KINDS (default "strokes blob") can
# be set. Each line's results land in OUT_DIR/LABEL (tools/eval/photo_eval.sh); a finished line is kept, so an
# interrupted sweep resumes. Writes OUT_DIR/photo-sweep.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cases="${1:?usage: photo_sweep.sh CASES_DIR OUT_DIR [GRID]}"
out="${2:?usage: photo_sweep.sh CASES_DIR OUT_DIR [GRID]}"
grid="${3:-$here/photo-quality-vs-calls.grid}"
model="${MODEL:-$root/models/photo-64}"
export KINDS="${KINDS:-strokes blob}"
PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"
runs=()
while read -r label preset options; do
  case "$label" in ''|'#'*) continue ;; esac
  dir="$out/$label"
  if [ ! -f "$dir/metrics.txt" ]; then
    rm -rf "$dir"
    # shellcheck disable=SC2086 # the grid's options are words on purpose
    bash "$here/photo_eval.sh" "$cases" "$dir" "$model" "$preset" -- $options
  fi
  runs+=(--run "$label=$dir")
done < "$grid"
"$PY" "$here/photo_sweep_report.py" "${runs[@]}" | tee "$out/photo-sweep.md"
