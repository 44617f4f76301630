#!/usr/bin/env bash
# Builds the self-contained Gatefill app image (and optionally a .deb) with JDK 17's jpackage:
#   packaging/build-app-image.sh [--deb] [--no-cds] [--models DIR] [--dest DIR]
# The image holds a jlinked runtime, target/gatefill.jar + target/lib and the models folder. The jar
# lands in <image>/lib/app/, the models in <image>/lib/app/models/, which is the first place
# engine.ModelFiles.locateDefault() looks (models/ beside the jar), so the packaged app finds its
# default model without any extra setting. A class-data sharing archive (lib/app/gatefill.jsa) of the
# classes one small inpaint loads is dumped by the image's own runtime and mapped at every start.
# bin/gatefill (packaging/gatefill-command.sh) is the command to run: it starts the image's JVM with
# Gatefill.cfg's settings without the native launcher's package-manager queries (see the script), so
# the runtime keeps its bin/java (jlink without --strip-native-commands).
# --deb packages that same image (scripts and control from packaging/deb/; the menu entry is
# packaging/gatefill.desktop); DPKG_DEB_COMPRESSOR_TYPE/LEVEL choose its compression (default xz).
set -euo pipefail
cd "$(dirname "$0")/.."

deb=false
cds=true
models=models
dest=target/app-image
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=true ;;
    --no-cds) cds=false ;;
    --models) models="$2"; shift ;;
    --dest) dest="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
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
        --jlink-options "--strip-debug --no-man-pages --no-header-files"
        "${java_options[@]}")

jpackage --type app-image --dest "$dest" "${common[@]}"
image="$dest/Gatefill"

if $cds; then
  # A class list of one real run (the model's engine when a model is bundled; JAVA_TOOL_OPTIONS reaches
  # the JVM behind jpackage's launcher), kept in the image, then the archive dumped from it in place by
  # lib/gatefill-cds.sh (the .deb's postinst runs that again under /opt/gatefill).
  train=$(mktemp -d)
  /usr/bin/env python3 packaging/make-test-folder.py "$train"
  engine=patch
  ls "$image"/lib/app/models/*.pt >/dev/null 2>&1 && engine=hybrid
  JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$image/lib/app/gatefill.classlist" DJL_OFFLINE=true "$image/bin/Gatefill" \
    inpaint --image "$train/images/one.png" --mask "$train/masks/one.png" --out "$train/out.png" --engine "$engine" \
    > "$train/log" 2>&1 || { cat "$train/log" >&2; echo "error: the class-list run failed" >&2; exit 1; }
  cp packaging/gatefill-cds.sh "$image/lib/gatefill-cds.sh"
  CDS_LOG="$train/dump.log" "$image/lib/gatefill-cds.sh" \
    || { tail -20 "$train/dump.log" >&2; echo "error: CDS dump failed" >&2; exit 1; }
  rm -rf "$train"
  # jpackage expands $APPDIR to lib/app at each start.
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/gatefill.jsa|' "$image/lib/app/Gatefill.cfg"
  grep -q 'SharedArchiveFile' "$image/lib/app/Gatefill.cfg" || { echo "error: launcher cfg not updated" >&2; exit 1; }
fi
cp packaging/gatefill-command.sh "$image/bin/gatefill"
chmod 755 "$image/bin/gatefill"
echo "App image: $image ($(du -sh "$image" | cut -f1)); run $image/bin/gatefill (editor, or a command)"

if $deb; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    # The menu entry postinst registers where there is a menu (name with the vendor prefix xdg wants).
    cp packaging/gatefill.desktop "$image/lib/gatefill-Gatefill.desktop"
    rm -f "$dest"/gatefill_*.deb
    # The archive only works where it was dumped: postinst dumps the package's own under /opt/gatefill.
    [ -f "$image/lib/app/gatefill.jsa" ] && mv "$image/lib/app/gatefill.jsa" "$dest/gatefill.jsa.image"
    jpackage --type deb --dest "$dest" --app-image "$image" --name Gatefill --app-version "${version%%-*}" \
      --vendor "Gatefill" --linux-package-name gatefill --linux-app-category graphics \
      --resource-dir packaging/deb \
      --description "Photo editor that removes objects with a gated-convolution inpainting model"
    rm -f "$image/lib/gatefill-Gatefill.desktop"
    [ -f "$dest/gatefill.jsa.image" ] && mv "$dest/gatefill.jsa.image" "$image/lib/app/gatefill.jsa"
    ls -la "$dest"/gatefill_*.deb
  else
    echo "error: --deb needs dpkg-deb and fakeroot" >&2
    exit 1
  fi
fi
