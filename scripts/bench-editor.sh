#!/usr/bin/env bash
# Brush latency benchmark on a 6000x4000 document (overlay update included); writes docs/bench/editor.md.
# JavaFX runs headless (Monocle, software pipeline) so the overlay tile upload is measured too.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -Xmx6g -Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless \
  -Djava.awt.headless=true -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.gatefill.bench.BrushBenchmark "${1:-docs/bench/editor.md}"
