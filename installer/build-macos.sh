#!/usr/bin/env bash
# Builds the macOS app bundle and .dmg of RePaint Studio with jlink + jpackage, from the same
# jpackage.cfg as Linux and Windows. Written for macOS's bash 3.2 (no mapfile, no ${x,,}).
#
#   installer/build-macos.sh                # RePaint Studio.app and the .dmg
#   installer/build-macos.sh --app-image    # the .app only
#
# Needs: a JDK 17+ with jmods (e.g. Temurin 17; JAVA_HOME or /usr/libexec/java_home), Maven, the
# Xcode command line tools, an Apple silicon Mac (ONNX Runtime 1.29's jar has macOS natives for
# arm64 only), and the default model in models/photo-64. Environment, besides MVN_ARGS,
# SKIP_MAVEN=1 and ALLOW_NO_MODEL=1 as in build-linux.sh:
#   MAC_APP_VERSION     version for the bundle: macOS wants its first number to be 1 or more, so a
#                       0.x POM version needs this set (e.g. MAC_APP_VERSION=1.0.0)
#   MAC_SIGNING_KEY     "Developer ID Application: ..." user name: signs the app (--mac-sign);
#                       unsigned builds run after a right-click > Open. Notarizing is a separate step.
# Output: target/jpackage/image/RePaint Studio.app, target/jpackage/dist/RePaint Studio-<version>.dmg
#
# Not run in this project's CI or on its Linux build machine: see installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

want_dmg=1
for arg in "$@"; do
  case "$arg" in
    --app-image) want_dmg=0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || die "build the macOS app on macOS (jpackage makes installers for the platform it runs on)"
[ "$(uname -m)" = arm64 ] || die "ONNX Runtime's jar has no macOS x86_64 library; build on Apple silicon"

if [ -n "${JAVA_HOME:-}" ]; then JDK="$JAVA_HOME"; else JDK="$(/usr/libexec/java_home -v 17+)"; fi
for tool in java jlink jpackage jar; do
  [ -x "$JDK/bin/$tool" ] || die "$JDK/bin/$tool not found (set JAVA_HOME to a JDK 17+)"
done
[ -d "$JDK/jmods" ] || die "$JDK/jmods is missing; jlink needs a JDK with jmods"

OUT="$ROOT/target/jpackage"
CFG="$OUT/jpackage.cfg"

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  say "Maven package"
  # shellcheck disable=SC2086
  JAVA_HOME="$JDK" mvn -B -q -DskipTests ${MVN_ARGS:-} package
fi
[ -f target/repaint-studio.jar ] && [ -f "$CFG" ] || die "target/repaint-studio.jar or $CFG missing: run without SKIP_MAVEN=1"
VERSION="$(sed -n 's/^--app-version "\(.*\)"$/\1/p' "$CFG")"
APP_VERSION="${MAC_APP_VERSION:-$VERSION}"
case "$APP_VERSION" in
  0|0.*) die "macOS needs a bundle version whose first number is 1 or more; the POM says $VERSION. Set MAC_APP_VERSION (e.g. MAC_APP_VERSION=1.0.0)" ;;
esac

if [ ! -f models/photo-64/model.onnx ]; then
  [ "${ALLOW_NO_MODEL:-0}" = 1 ] || die "models/photo-64/model.onnx is missing (see installer/README.md) or set ALLOW_NO_MODEL=1"
  echo "Warning: packaging without the default model" >&2
fi

rm -rf "$OUT/input" "$OUT/runtime" "$OUT/image" "$OUT/dist"
mkdir -p "$OUT/input/lib"

say "Staging the app folder (JavaFX goes into the runtime, ONNX Runtime keeps osx-aarch64 only)"
cp target/repaint-studio.jar "$OUT/input/"
JFX_PATH=""
for jar in target/lib/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-mac*.jar) JFX_PATH="$JFX_PATH:$ROOT/$jar" ;;
    javafx-*.jar) ;;
    onnxruntime-*.jar) "$JDK/bin/java" installer/tools/StripNatives.java "$jar" "$OUT/input/lib/$name" osx-aarch64 ;;
    *) cp "$jar" "$OUT/input/lib/" ;;
  esac
done
[ -n "$JFX_PATH" ] || die "no javafx-*-mac*.jar in target/lib (build on macOS so Maven picks the mac classifier)"
if [ -d models ]; then
  mkdir -p "$OUT/input/models"
  for m in models/*/; do cp -R "${m%/}" "$OUT/input/models/"; done
fi

# Same modules as build-linux.sh (see the reasons there).
MODULES=java.base,java.desktop,java.logging,java.net.http,java.sql,java.xml,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,javafx.controls,javafx.swing
say "jlink"
"$JDK/bin/jlink" --module-path "$JDK/jmods$JFX_PATH" --add-modules "$MODULES" \
  --strip-debug --no-header-files --no-man-pages \
  --exclude-resources='regex:/javafx\.[a-z]+/[^/]+\.dylib' \
  --output "$OUT/runtime"
# JavaFX's .dylib files go where a jlinked JavaFX keeps them: runtime/lib.
IFS=: read -r -a jfx_jars <<<"${JFX_PATH#:}"
for jar in "${jfx_jars[@]}"; do
  libs="$("$JDK/bin/jar" tf "$jar" | grep '^lib[^/]*\.dylib$' || true)"
  # shellcheck disable=SC2086
  [ -z "$libs" ] || (cd "$OUT/runtime/lib" && "$JDK/bin/jar" xf "$jar" $libs)
done
[ -f "$OUT/runtime/lib/libglass.dylib" ] || die "JavaFX libglass.dylib did not reach runtime/lib"
"$OUT/runtime/bin/java" -Xshare:dump >/dev/null

sign=()
if [ -n "${MAC_SIGNING_KEY:-}" ]; then sign=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_KEY"); fi

say "jpackage app-image"
"$JDK/bin/jpackage" --type app-image @"$CFG" --app-version "$APP_VERSION" @installer/macos/app-image.cfg \
  ${sign[@]+"${sign[@]}"} --input "$OUT/input" --runtime-image "$OUT/runtime" --dest "$OUT/image"
APP="$OUT/image/RePaint Studio.app"
"$APP/Contents/MacOS/RePaint Studio" --version

if [ "$want_dmg" = 1 ]; then
  say "jpackage dmg"
  "$JDK/bin/jpackage" --type dmg @"$CFG" --app-version "$APP_VERSION" @installer/macos/app-image.cfg \
    ${sign[@]+"${sign[@]}"} --input "$OUT/input" --runtime-image "$OUT/runtime" --dest "$OUT/dist"
fi

say "Done"
du -sh "$APP"
[ "$want_dmg" = 0 ] || du -h "$OUT"/dist/*.dmg
