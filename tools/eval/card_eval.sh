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

elapsed() { local start=$1; echo $(( $(date +%s) - start )); }

t0=$(date +%s)
( s=$(date +%s)
  studio evaluate --model "$model" --images "$heldout" --out "$out/balanced" --limit 16 --preset balanced --batch 1 --threads 1 \
    > "$out/balanced.log" 2>&1
  echo "balanced 16x6: $(elapsed "$s") s" >> "$out/times.txt" ) &
( s=$(date +%s)
  studio evaluate --model "$model" --images "$heldout" --out "$out/fast" --limit 64 --preset fast --batch 1 --threads 1 \
    > "$out/fast.log" 2>&1
  echo "fast 64x6: $(elapsed "$s") s" >> "$out/times.txt" ) &
wait
echo "both evaluations: $(elapsed "$t0") s" >> "$out/times.txt"
"$PY" "$repo/tools/eval/telea_baseline.py" --images "$heldout" --out "$out/balanced" > "$out/telea-balanced.log"
"$PY" "$repo/tools/eval/telea_baseline.py" --images "$heldout" --out "$out/fast" > "$out/telea-fast.log"

s=$(date +%s)
studio generate --model "$model" --count 64 --steps 100 --eta 1 --seed 0 --batch 1 --out "$out/samples-64.png" \
  > "$out/generate.log" 2>&1
echo "generate 64: $(elapsed "$s") s" >> "$out/times.txt"

studio bench --model "$model" > "$out/bench.txt" 2>&1
image="$heldout/1f642-g.png"
for preset in fast balanced paper; do
  s=$(date +%s%N)
  studio inpaint --model "$model" --image "$image" --mask-preset thick --preset "$preset" --threads 2 \
    --out "$out/time-$preset.png" > "$out/time-$preset.log" 2>&1
  echo "inpaint $preset whole command: $(( ($(date +%s%N) - s) / 1000000 )) ms; $(grep -i 'done in' "$out/time-$preset.log" | tail -1)" \
    >> "$out/times.txt"
done
cat "$out/times.txt"
