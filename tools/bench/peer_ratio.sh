#!/usr/bin/env bash
# Side-by-side ratios against the diffusers v0.24 peer (../shared/peer-bench), interleaved in one run:
#   per call:  ours `bench` vs peer_fwd.py on MODEL_DIR at batch 1, ROUNDS rounds (ours, peer, ours, peer ...)
#   whole run: ours `inpaint` vs peer_repaint.py on the 64² model, ROUNDS rounds, same schedule and eta
# Usage: tools/bench/peer_ratio.sh calls|run MODEL_DIR ROUNDS [args]
#   calls MODEL_DIR ROUNDS CALLS         e.g. calls /tmp/celebahq-256 3 5
#   run   MODEL_DIR ROUNDS IMAGE MASK_KEEP STEPS JUMP NSAMPLE ETA
# Env: PEER_PYTHONPATH (printed by peer-bench/setup.sh), PEER_DIR (default: ../shared/peer-bench next to the
# checkout or its parent), JAR (default target/repaint-studio.jar).
# Prints one line per side and round, each with `uptime` before and after; logs go to stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
peer=${PEER_DIR:-}
if [ -z "$peer" ]; then for d in "$here/../shared/peer-bench" "$here/../../shared/peer-bench"; do [ -d "$d" ] && peer=$d && break; done; fi
[ -f "$peer/peer_fwd.py" ] || { echo "peer-bench not found: set PEER_DIR" >&2; exit 1; }
jar=${JAR:-$here/target/repaint-studio.jar}
export PYTHONPATH=${PEER_PYTHONPATH:?set PEER_PYTHONPATH to what peer-bench/setup.sh printed}
mode=$1; model=$2; rounds=$3; shift 3
load() { cut -d' ' -f1 /proc/loadavg; }
for r in $(seq 1 "$rounds"); do
  if [ "$mode" = calls ]; then
    calls=$1
    l0=$(load); ours=$(nice -n 5 java -jar "$jar" bench --model "$model" --threads 2 --calls "$((calls < 10 ? 10 : calls))" --warmup 1 | grep -E '^UNet call'); l1=$(load)
    echo "round $r ours  load $l0->$l1 | $ours"
    l0=$(load); theirs=$(nice -n 5 /usr/bin/python3 "$peer/peer_fwd.py" "$model" 1 "$calls" 1 | tail -1); l1=$(load)
    echo "round $r peer  load $l0->$l1 | $theirs"
  else
    img=$1; keep=$2; steps=$3; jl=$4; jn=$5; eta=$6; out=$(mktemp -d)
    l0=$(load); t0=$(date +%s.%N)
    nice -n 5 java -jar "$jar" inpaint --model "$model" --image "$img" --mask "$keep" --mask-convention white-keep \
        --steps "$steps" --jump-length "$jl" --jump-n-sample "$jn" --eta "$eta" --threads 2 --out "$out/ours.png" > "$out/ours.log" 2>&1
    t1=$(date +%s.%N); l1=$(load)
    echo "round $r ours  load $l0->$l1 | whole process $(echo "$t1 - $t0" | bc) s | $(grep -iE 'calls|took|done|finished' "$out/ours.log" | tail -1)"
    l0=$(load); t0=$(date +%s.%N)
    theirs=$(nice -n 5 /usr/bin/python3 "$peer/peer_repaint.py" "$img" "$keep" "$out/peer.png" "$model" "$steps" "$jl" "$jn" "$eta" 0 | tail -1)
    t1=$(date +%s.%N); l1=$(load)
    echo "round $r peer  load $l0->$l1 | whole process $(echo "$t1 - $t0" | bc) s | $theirs"
    rm -rf "$out"
  fi
done
