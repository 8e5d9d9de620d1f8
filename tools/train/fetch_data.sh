#!/usr/bin/env bash
# Fetch the training emoji with npm and preprocess them into tools/train/data/ (gitignored).
#
#   bash tools/train/fetch_data.sh
#
# Sources (npm registry, by package name):
#   emoji-datasource-google   img/google/64/*.png   Noto Color Emoji images, Apache-2.0
#   emoji-datasource-twitter  img/twitter/64/*.png  Twemoji graphics, CC-BY 4.0 (Twitter, Inc. and contributors)
# The Apple and Facebook sets are proprietary and are NOT used.
# Version pinned so the held-out list and image counts are reproducible; override with
# EMOJI_DATASOURCE_VERSION=x.y.z.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/data"
ver="${EMOJI_DATASOURCE_VERSION:-16.0.0}"
PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$data/npm" "$data/raw"
for style in google twitter; do
  tgz="$data/npm/emoji-datasource-$style-$ver.tgz"
  if [ ! -s "$tgz" ]; then
    echo "npm pack emoji-datasource-$style@$ver"
    (cd "$data/npm" && npm pack --silent "emoji-datasource-$style@$ver" >/dev/null 2>"$data/npm/pack-$style.log")
  fi
  rm -rf "$data/raw/$style"
  mkdir -p "$data/raw/$style"
  tar -xzf "$tgz" -C "$data/raw/$style" --strip-components=1 \
      "package/img/$style/64" package/LICENSE package/package.json
  echo "$style: $(ls "$data/raw/$style/img/$style/64" | wc -l) PNGs"
done
"$PY" "$here/dataset.py" prepare --data "$data"
