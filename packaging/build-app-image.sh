#!/usr/bin/env bash
# Builds the self-contained Gatefill app image (and optionally a .deb) with JDK 17's jpackage:
#   packaging/build-app-image.sh [--deb] [--models DIR] [--dest DIR]
# The image holds a jlinked runtime, target/gatefill.jar + target/lib and the models folder. The jar
# lands in <image>/lib/app/, the models in <image>/lib/app/models/, which is the first place
# engine.ModelFiles.locateDefault() looks (models/ beside the jar), so the packaged app finds its
# default model without any extra setting.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=false
models=models
dest=target/app-image
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=true ;;
    --models) models="$2"; shift ;;
    --dest) dest="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

command -v jpackage >/dev/null || { echo "error: jpackage (JDK 17+) not found on PATH" >&2; exit 1; }
jdk_major=$(jpackage --version | cut -d. -f1)
[ "$jdk_major" -ge 17 ] || { echo "error: jpackage $jdk_major is too old; JDK 17+ needed" >&2; exit 1; }

mvn -q -B -ntp package -DskipTests

version=$(unzip -p target/gatefill.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
version=${version:-0.1.0}
input=target/jpackage-input
rm -rf "$input" "$dest/Gatefill"
mkdir -p "$input/models" "$dest"
cp target/gatefill.jar "$input/"
cp -r target/lib "$input/lib"
if [ -d "$models" ]; then
  cp -r "$models"/. "$input/models/"
fi
if ! ls "$input"/models/*.pt >/dev/null 2>&1; then
  echo "warning: no *.pt model in $models; the app will ask for --model until one is put in lib/app/models/" >&2
fi

java_options=()
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  java_options+=(--java-options "$line")
done < packaging/launcher.properties

common=(--name Gatefill --app-version "${version%%-*}" --vendor "Gatefill" --input "$input"
        --main-jar gatefill.jar --main-class io.gatefill.Main --icon packaging/gatefill.png
        "${java_options[@]}")

jpackage --type app-image --dest "$dest" "${common[@]}"
echo "App image: $dest/Gatefill ($(du -sh "$dest/Gatefill" | cut -f1)); run $dest/Gatefill/bin/Gatefill"

if $deb; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    jpackage --type deb --dest "$dest" "${common[@]}" --linux-package-name gatefill \
      --linux-shortcut --linux-menu-group "Graphics" --linux-app-category graphics \
      --description "Photo editor that removes objects with a gated-convolution inpainting model"
    ls -la "$dest"/*.deb
  else
    echo "error: --deb needs dpkg-deb and fakeroot" >&2
    exit 1
  fi
fi
