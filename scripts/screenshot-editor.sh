#!/usr/bin/env bash
# Screenshots of the real editor under Xvfb with a window manager (openbox), window frames included:
# the editor with a photo and a painted mask (docs/screenshots/editor.png) and the Batch window
# opened with Ctrl+B (docs/screenshots/batch.png). Needs xvfb openbox xdotool x11-utils imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
out="${1:-docs/screenshots/editor.png}"
batch_out="${2:-docs/screenshots/batch.png}"
mkdir -p "$(dirname "$out")" "$(dirname "$batch_out")"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  openbox > target/screenshot-openbox.log 2>&1 &
  wm=$!
  for i in $(seq 1 100); do xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break; sleep 0.1; done
  java -Dprism.order=sw -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.gatefill.tools.ScreenshotHarness\$Main > target/screenshot.log 2>&1 &
  pid=$!
  for i in $(seq 1 240); do grep -q READY target/screenshot.log && break; sleep 0.5; done
  win=$(xdotool search --onlyvisible --name "Gatefill\$" | tail -1)
  import -window "$win" -frame "$0"
  xdotool windowactivate --sync "$win" key ctrl+b
  for i in $(seq 1 60); do batch=$(xdotool search --onlyvisible --name "^Batch" | tail -1) && [ -n "$batch" ] && break; sleep 0.5; done
  sleep 1 # its first layout and the window manager frame
  import -window "$batch" -frame "$1"
  kill $pid $wm' "$out" "$batch_out"
echo "wrote $out and $batch_out"
