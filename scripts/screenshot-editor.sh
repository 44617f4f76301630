#!/usr/bin/env bash
# Screenshot of the real editor window under Xvfb with a photo and a painted mask: docs/screenshots/editor.png.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
out="${1:-docs/screenshots/editor.png}"
mkdir -p "$(dirname "$out")"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  java -Dprism.order=sw -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.gatefill.tools.ScreenshotHarness\$Main > target/screenshot.log 2>&1 &
  pid=$!
  for i in $(seq 1 120); do grep -q READY target/screenshot.log && break; sleep 0.5; done
  import -window root -crop 1280x820+0+0 +repage "$0"
  kill $pid' "$out"
echo "wrote $out"
