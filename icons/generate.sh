#!/usr/bin/env bash
# Regenerates every icon file from icons/repaint-studio.svg:
#   repaint-studio-<size>.png for 16 24 32 48 64 128 256 512 1024 (rsvg-convert, librsvg2-bin),
#   repaint-studio.ico (Windows) and repaint-studio.icns (macOS), packed from those PNGs by
#   IconPack.java (run by the JDK's source launcher; no other tool needed).
# Usage: icons/generate.sh      (needs: sudo apt-get install librsvg2-bin; a JDK 11+)
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: sudo apt-get install librsvg2-bin" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio repaint-studio.svg -o "repaint-studio-$size.png"
done
"$JAVA" IconPack.java . repaint-studio
ls -l repaint-studio*
