#!/usr/bin/env bash
# Builds the Linux app-image and .deb of RePaint Studio with jlink + jpackage (JDK 17).
#
#   installer/build-linux.sh                 # app-image and .deb
#   installer/build-linux.sh --app-image     # app-image only (no dpkg-deb or readelf needed)
#   installer/build-linux.sh --cuda          # the GPU variant (mvn -Pcuda, onnxruntime_gpu): package
#                                            # repaint-studio-cuda; needs the CUDA 12 runtime and cuDNN 9
#                                            # on the user's machine (untested here: no GPU)
#
# Needs: a JDK 17 with jmods (Debian 12: openjdk-17-jdk-headless has them), maven, binutils
# (readelf), dpkg-deb 1.19+ (Debian/Ubuntu) for the .deb, and the default model in models/photo-64
# (not in git: see installer/README.md). Environment:
#   JAVA_HOME          JDK to use (default: the java on PATH; must be 17+ with jmods)
#   MVN_ARGS           extra Maven arguments, e.g. "-o" to build offline
#   SKIP_MAVEN=1       reuse target/repaint-studio.jar, target/lib and target/jpackage/jpackage.cfg
#   ALLOW_NO_MODEL=1   package without models/ (a test build: the app then has no default model)
#   DEB_MAINTAINER     "Name <email>" for the package's Maintainer field
# Output (sizes printed at the end):
#   target/jpackage/image/RePaint Studio/          the app-image (bin/, lib/app, lib/runtime)
#   target/jpackage/dist/repaint-studio_<version>-1_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

want_deb=1
want_cuda=0
for arg in "$@"; do
  case "$arg" in
    --app-image) want_deb=0 ;;
    --cuda) want_cuda=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/!s/^# \{0,1\}//p;}' "$0"; exit 0 ;;
    *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

# --- JDK ------------------------------------------------------------------------------------
if [ -n "${JAVA_HOME:-}" ]; then
  JDK="$JAVA_HOME"
else
  JDK="$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")"
fi
for tool in java jlink jpackage jdeps; do
  [ -x "$JDK/bin/$tool" ] || die "$JDK/bin/$tool not found; install a JDK 17 (Debian: openjdk-17-jdk) or set JAVA_HOME"
done
[ -d "$JDK/jmods" ] || die "$JDK/jmods is missing; jlink needs it (Debian: sudo apt-get install openjdk-17-jmods)"
JDK_MAJOR="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${JDK_MAJOR:-0}" -ge 17 ] || die "JDK 17 or newer needed, $JDK is $JDK_MAJOR"
if [ "$want_deb" = 1 ]; then
  command -v readelf >/dev/null || die "readelf is missing (sudo apt-get install binutils)"
  command -v dpkg-deb >/dev/null || die "dpkg-deb is missing: build the .deb on Debian/Ubuntu, or use --app-image"
fi

case "$(uname -m)" in
  x86_64|amd64) ORT_PLATFORM=linux-x64 ;;
  aarch64|arm64) ORT_PLATFORM=linux-aarch64 ;;
  *) die "no ONNX Runtime build for $(uname -m)" ;;
esac

OUT="$ROOT/target/jpackage"
CFG="$OUT/jpackage.cfg"

# --- Application jar and libraries ----------------------------------------------------------
if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  say "Maven package"
  # shellcheck disable=SC2086
  PROFILE=""; [ "$want_cuda" = 1 ] && PROFILE="-Pcuda"
  JAVA_HOME="$JDK" mvn -B -q -DskipTests $PROFILE ${MVN_ARGS:-} package
fi
[ -f target/repaint-studio.jar ] && [ -d target/lib ] && [ -f "$CFG" ] \
  || die "target/repaint-studio.jar, target/lib or $CFG missing: run without SKIP_MAVEN=1"
VERSION="$(sed -n 's/^--app-version "\(.*\)"$/\1/p' "$CFG")"
[ -n "$VERSION" ] || die "no --app-version in $CFG"

MODEL=models/photo-64
if [ ! -f "$MODEL/model.onnx" ]; then
  [ "${ALLOW_NO_MODEL:-0}" = 1 ] || die "$MODEL/model.onnx is missing: put the default model there (see installer/README.md) or set ALLOW_NO_MODEL=1"
  echo "Warning: packaging without the default model ($MODEL)" >&2
fi

rm -rf "$OUT/input" "$OUT/runtime" "$OUT/image" "$OUT/dist" "$OUT/resources" "$OUT/tmp"
mkdir -p "$OUT/input/lib" "$OUT/tmp"

say "Staging the app folder (JavaFX goes into the runtime, ONNX Runtime keeps $ORT_PLATFORM only)"
cp target/repaint-studio.jar "$OUT/input/"
JAVAFX_JARS=()
for jar in target/lib/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-linux.jar) JAVAFX_JARS+=("$jar") ;;                 # modules for jlink
    javafx-*.jar) ;;                                              # empty placeholder jars
    onnxruntime-*.jar|onnxruntime_gpu-*.jar) "$JDK/bin/java" installer/tools/StripNatives.java "$jar" "$OUT/input/lib/$name" "$ORT_PLATFORM" ;;
    *) cp "$jar" "$OUT/input/lib/" ;;
  esac
done
[ ${#JAVAFX_JARS[@]} -gt 0 ] || die "no javafx-*-linux.jar in target/lib"
if [ -d models ]; then
  mkdir -p "$OUT/input/models"
  # Only model folders (not stray files); nothing hidden.
  for m in models/*/; do cp -r "${m%/}" "$OUT/input/models/"; done
fi

# --- Runtime image ------------------------------------------------------------------------
# Modules: what jdeps finds in the app and its libraries (java.base, java.desktop, java.logging,
# java.net.http, java.sql, java.xml, jdk.unsupported; javafx.swing needs jdk.unsupported.desktop),
# plus jdk.crypto.ec, which jdeps cannot see: HTTPS model downloads negotiate ECDHE/ECDSA.
# java.prefs and java.datatransfer come in with java.desktop.
MODULES=java.base,java.desktop,java.logging,java.net.http,java.sql,java.xml,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,javafx.controls,javafx.swing
say "Checking the module list against jdeps"
JFX_PATH="$(IFS=:; echo "${JAVAFX_JARS[*]}")"
found="$("$JDK/bin/jdeps" -q --multi-release 17 --ignore-missing-deps --print-module-deps --recursive \
  --module-path "$JFX_PATH" --class-path "$OUT/input/lib/*" "$OUT/input/repaint-studio.jar" 2>/dev/null | tail -1)"
for m in ${found//,/ }; do
  case ",$MODULES,java.prefs,java.datatransfer,javafx.base,javafx.graphics," in
    *",$m,"*) ;;
    *) die "jdeps says the app needs module $m: add it to MODULES in $0" ;;
  esac
done
echo "jdeps: $found"

say "jlink"
# No --compress=2: a zip-compressed module image made the window appear about 0.7 s later
# (5.9 s against 5.2 s here) to save 32 MB on disk; the .deb is compressed anyway.
# The JavaFX jars carry their .so files as resources; they go to runtime/lib instead, where
# JavaFX loads them from (nothing is extracted to ~/.openjfx at run time).
"$JDK/bin/jlink" --module-path "$JDK/jmods:$JFX_PATH" --add-modules "$MODULES" \
  --strip-debug --no-header-files --no-man-pages \
  --exclude-resources='regex:/javafx\.[a-z]+/[^/]+\.so' \
  --output "$OUT/runtime"
for jar in "${JAVAFX_JARS[@]}"; do
  mapfile -t libs < <("$JDK/bin/jar" tf "$jar" | grep '^lib[^/]*\.so$' || true)
  [ ${#libs[@]} -eq 0 ] || (cd "$OUT/runtime/lib" && "$JDK/bin/jar" xf "$ROOT/$jar" "${libs[@]}")
done
ls "$OUT/runtime/lib/libglass.so" "$OUT/runtime/lib/libprism_es2.so" >/dev/null
# Sound and the JVM splash screen are never used; without them the package needs neither
# libasound2 nor libgif7.
rm -f "$OUT/runtime/lib/libjsound.so" "$OUT/runtime/lib/libsplashscreen.so"
# jlink leaves out the JDK's class data sharing archive; restore it for a faster start.
"$OUT/runtime/bin/java" -Xshare:dump >/dev/null

# --- App image ----------------------------------------------------------------------------
say "jpackage app-image"
"$JDK/bin/jpackage" --type app-image @"$CFG" @installer/linux/app-image.cfg \
  --input "$OUT/input" --runtime-image "$OUT/runtime" --dest "$OUT/image"
APP="$OUT/image/RePaint Studio"
[ -x "$APP/bin/RePaint Studio" ] || die "jpackage made no launcher"
"$APP/bin/RePaint Studio" --version

# --- .deb -----------------------------------------------------------------------------------
# jpackage makes the app-image; the .deb around it is assembled here and built with dpkg-deb,
# the Debian way: the menu entry, the icons and a /usr/bin command are files the package owns, and
# dpkg's triggers (desktop-file-utils, hicolor-icon-theme) refresh the MIME and icon caches. There
# are no maintainer scripts, so nothing can be left behind. (jpackage 17's own deb instead runs
# xdg-desktop-menu in postinst/prerm: it depends on xdg-utils, its desktop entry has no %F so
# "Open with" passes no file, and install and removal both fail on a system without an XDG menu
# folder: see installer/README.md.)
if [ "$want_deb" = 1 ]; then
  PKG=repaint-studio; [ "$want_cuda" = 1 ] && PKG=repaint-studio-cuda
  RELEASE=1
  ARCH="$(dpkg --print-architecture)"

  say "Package dependencies (libraries the app's native code links to directly)"
  # Every shared library that an ELF file of the app names as NEEDED, mapped to its package, as
  # dpkg-shlibdeps does (jpackage would take ldd's whole transitive closure). ONNX Runtime's
  # libraries are inside its jar: scanned too. GTK 3 comes from libglassgtk3.so.
  scan="$OUT/tmp/scan"; mkdir -p "$scan"
  # The CUDA variant's provider libraries are loaded only when a GPU is asked for, and CUDA and
  # cuDNN come from NVIDIA, not from a Debian package: they are left out of Depends.
  (cd "$scan" && "$JDK/bin/jar" xf "$OUT/input/lib/"onnxruntime*.jar ai/onnxruntime/native \
    && find . -name 'libonnxruntime_providers_cuda*' -o -name 'libonnxruntime_providers_tensorrt*' | xargs -r rm -f)
  elves=()
  while IFS= read -r -d '' f; do
    [ "$(head -c 4 "$f" | tail -c 3)" = ELF ] && elves+=("$f")
  done < <(find "$APP" "$scan" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print0)
  own="$(for f in "${elves[@]}"; do basename "$f"; readelf -d "$f" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p'; done | sort -u)"
  needed="$(for f in "${elves[@]}"; do readelf -d "$f" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'; done | sort -u)"
  deps=()
  for lib in $needed; do
    grep -qxF "$lib" <<<"$own" && continue
    path="$(/sbin/ldconfig -p | awk -v l="$lib" '$1 == l && p == "" { p = $NF } END { print p }')"
    [ -n "$path" ] || die "library $lib (needed by the app) is not installed here, so its package is unknown"
    pkg="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null)" \
      || die "no package owns $path ($lib)"
    deps+=("$(sed -n '1s/:.*//p' <<<"$pkg")")
  done
  DEPENDS="$(printf '%s\n' "${deps[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')"
  echo "Depends: $DEPENDS"

  say "Assembling and building the .deb"
  tree="$OUT/tmp/deb"
  mkdir -p "$tree/DEBIAN" "$tree/opt" "$tree/usr/bin" "$tree/usr/share/applications" "$tree/usr/share/doc/$PKG"
  cp -a "$APP" "$tree/opt/$PKG"
  ln -s "/opt/$PKG/bin/RePaint Studio" "$tree/usr/bin/$PKG"
  cp installer/linux/repaint-studio.desktop "$tree/usr/share/applications/$PKG.desktop"
  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$tree/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "icons/repaint-studio-$size.png" "$tree/usr/share/icons/hicolor/${size}x${size}/apps/$PKG.png"
  done
  mkdir -p "$tree/usr/share/icons/hicolor/scalable/apps"
  cp icons/repaint-studio.svg "$tree/usr/share/icons/hicolor/scalable/apps/$PKG.svg"
  cp installer/linux/copyright "$tree/usr/share/doc/$PKG/copyright"
  chmod -R u+rwX,go+rX,go-w "$tree"
  summary="$(sed -n 's/^--description "\(.*\)"$/\1/p' "$CFG")"
  vendor="$(sed -n 's/^--vendor "\(.*\)"$/\1/p' "$CFG")"
  installed_kb="$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"
  sed -e "s|@VERSION@|$VERSION|" -e "s|@RELEASE@|$RELEASE|" -e "s|@ARCH@|$ARCH|" \
      -e "s|@MAINTAINER@|${DEB_MAINTAINER:-$vendor}|" -e "s|@INSTALLED_SIZE@|$installed_kb|" \
      -e "s|@DEPENDS@|$DEPENDS|" -e "s|@SUMMARY@|$summary|" installer/linux/control > "$tree/DEBIAN/control"
  mkdir -p "$OUT/dist"
  dpkg-deb --root-owner-group -Zxz --build "$tree" "$OUT/dist/${PKG}_${VERSION}-${RELEASE}_${ARCH}.deb"
  rm -rf "$tree"
fi

# --- Sizes --------------------------------------------------------------------------------
say "Done"
printf '%-44s %s\n' "app-image ($APP)" "$(du -sh "$APP" | cut -f1)"
printf '%-44s %s\n' "  runtime (lib/runtime)" "$(du -sh "$APP/lib/runtime" | cut -f1)"
printf '%-44s %s\n' "  app (lib/app: jars + models)" "$(du -sh "$APP/lib/app" | cut -f1)"
if [ "$want_deb" = 1 ]; then
  for deb in "$OUT"/dist/*.deb; do
    printf '%-44s %s (%s bytes)\n' "$(basename "$deb")" "$(du -h "$deb" | cut -f1)" "$(stat -c %s "$deb")"
  done
fi
