#!/usr/bin/env bash
# Everything the emoji-64 model card and docs/emoji-64.md report, in one run:
#   held-out RePaint (16 × 6 masks Balanced, 64 × 6 masks Fast) with the Telea baseline,
#   64 unconditional samples, bench, and Fast/Balanced/Paper time per image.
#
#   bash tools/eval/card_eval.sh OUT_DIR [MODEL_DIR]
#
# Needs target/repaint-studio.jar (mvn -q -DskipTests package), Debian python3-opencv and the data of
# tools/train/fetch_data.sh. The two evaluations run side by side with one ORT thread each; the
# timings run afterwards, alone, with two threads, so they are comparable with each other.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: card_eval.sh OUT_DIR [MODEL_DIR]}"
model="${2:-$repo/models/emoji-64}"
PY="${PYTHON:-/usr/bin/python3}"
jar="$repo/target/repaint-studio.jar"
studio() { java -jar "$jar" "$@"; }
if [ -e "$out" ]; then echo "$out exists; choose a new folder" >&2; exit 2; fi
mkdir -p "$out"
heldout="$out/heldout"
"$PY" "$repo/tools/eval/make_heldout_set.py" --out "$heldout"

# timed LABEL LOG CMD...: runs CMD with its output in LOG and appends LABEL's wall time to times.txt.
timed() {
  local label=$1 log=$2 start
  shift 2
  start=$(date +%s%N)
  if ! "$@" > "$log" 2>&1; then
    echo "$label failed; see $log" >&2
    return 1
  fi
  echo "$label: $(( ($(date +%s%N) - start) / 1000000 )) ms" >> "$out/times.txt"
}

start_both=$(date +%s%N)
timed "evaluate balanced 16x6" "$out/balanced.log" \
  studio evaluate --model "$model" --images "$heldout" --out "$out/balanced" --limit 16 --preset balanced --batch 1 --threads 1 &
balanced_pid=$!
timed "evaluate fast 64x6" "$out/fast.log" \
  studio evaluate --model "$model" --images "$heldout" --out "$out/fast" --limit 64 --preset fast --batch 1 --threads 1 &
fast_pid=$!
# One wait per job: a bare `wait` returns 0 even when a job failed.
wait "$balanced_pid"
wait "$fast_pid"
echo "both evaluations: $(( ($(date +%s%N) - start_both) / 1000000 )) ms" >> "$out/times.txt"
for run in balanced fast; do
  "$PY" "$repo/tools/eval/telea_baseline.py" --images "$heldout" --out "$out/$run" > "$out/telea-$run.log"
done

timed "generate 64" "$out/generate.log" \
  studio generate --model "$model" --count 64 --steps 100 --eta 1 --seed 0 --batch 1 --out "$out/samples-64.png"

studio bench --model "$model" > "$out/bench.txt" 2>&1
image="$heldout/1f642-g.png"
for preset in fast balanced paper; do
  timed "inpaint $preset, whole command" "$out/time-$preset.log" \
    studio inpaint --model "$model" --image "$image" --mask-preset thick --preset "$preset" --threads 2 \
      --out "$out/time-$preset.png"
  grep -i 'done in' "$out/time-$preset.log" | sed "s/^/inpaint $preset, engine: /" >> "$out/times.txt"
done
cat "$out/times.txt"
