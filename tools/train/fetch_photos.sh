#!/usr/bin/env bash
# Fetch the photo model's training data from Debian and preprocess it into tools/train/data/photo/ (gitignored).
#
#   bash tools/train/fetch_photos.sh
#
# Downloads the packages named in tools/train/photo_sources.txt with `apt-get download` (no installation),
# checks each one's version against the list, unpacks it with `dpkg-deb -x` into data/photo/pkgs/PKG/
# (for ufoai-textures also its texture zip), then runs photo_dataset.py prepare, which applies the source
# list, refuses every file listed in tools/eval/reserved_photos.txt (deleted here already, right after
# unpacking), and writes data/photo/manifest.json and data/photo/cache/*.npy.
# Needs apt sources for Debian bookworm (main), dpkg-deb, unzip and /usr/bin/python3 with numpy + OpenCV.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${PHOTO_DATA:-$here/data/photo}"
PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$data/debs" "$data/pkgs"
grep -v '^\s*#' "$here/photo_sources.txt" | awk 'NF {print $1, $2}' | sort -u | while read -r pkg ver; do
  deb=$(ls "$data/debs/${pkg}_"*.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    (cd "$data/debs" && apt-get download "$pkg=$ver" >/dev/null 2>"$data/debs/$pkg.log") || {
      echo "apt-get download $pkg=$ver failed (see $data/debs/$pkg.log); is Debian bookworm in the apt sources?" >&2
      exit 1
    }
    deb=$(ls "$data/debs/${pkg}_"*.deb | head -1)
  fi
  got=$(dpkg-deb -f "$deb" Version)
  if [ "$got" != "$ver" ]; then
    echo "$deb is version $got, photo_sources.txt pins $ver" >&2
    exit 1
  fi
  rm -rf "$data/pkgs/$pkg"
  mkdir -p "$data/pkgs/$pkg"
  dpkg-deb -x "$deb" "$data/pkgs/$pkg"
  if [ "$pkg" = ufoai-textures ]; then  # the textures are inside a zip; copyright stays in usr/share/doc
    unzip -q -o "$data/pkgs/$pkg"/usr/share/games/ufoai/base/*.pk3 'textures/*' -d "$data/pkgs/$pkg"
    rm -rf "$data/pkgs/$pkg/usr/share/games"
  fi
  # Reserved photos (tools/eval/reserved_photos.txt) are deleted right after unpacking, so they never sit in
  # the training data folder at all; photo_dataset.py prepare refuses them again as a second guard.
  grep -v '^\s*#' "$here/../eval/reserved_photos.txt" | awk -v p="$pkg" 'NF && $1 == p {print $2}' | while read -r glob; do
    find "$data/pkgs/$pkg" -path "$data/pkgs/$pkg/$glob" ! -type d -delete  # files and the symlinks to them
  done
  find "$data/pkgs/$pkg" -depth -type d -empty -delete
  echo "$pkg $ver: $(find "$data/pkgs/$pkg" -type f | wc -l) files"
done
"$PY" "$here/photo_dataset.py" prepare --pkgs "$data/pkgs" --data "$data"
