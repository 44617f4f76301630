#!/usr/bin/env bash
# The 24-megapixel PNG in and out through `gatefill inpaint --verbose` (default hybrid engine, the shipped
# model), median of each part (start, decode, load, fill, encode) and of the wall time over RUNS runs
# (default 5), rounds interleaved so machine load hits each variant alike: the image's bin/gatefill (the
# JVM started directly, C1 only for inpaint), its bin/Gatefill (jpackage's launcher, both JIT compilers,
# as before), bin/gatefill with -Xshare:off (no class-data archive), `java -jar target/gatefill.jar`, and
# BEFORE_JAR (an older target/gatefill.jar, wall time only) when set.
# Then the PNG encoders side by side (io.gatefill.core.io.PngEncodeBenchmark). Writes docs/bench/inpaint.md.
#   [RUNS=5] [BEFORE_JAR=/path/gatefill.jar] scripts/bench-inpaint.sh [OUT.md]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/bench/inpaint.md}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DJL_OFFLINE=true
/usr/bin/python3 scripts/make-bench-photo.py "$work"
packaging/build-app-image.sh --dest "$work/dist" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
image="$work/dist/Gatefill"
load_start=$(cut -d' ' -f1 /proc/loadavg)

run() { # NAME COMMAND...: one inpaint, its wall time and Timing line appended to $work/NAME.txt
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  local verbose=--verbose
  [ "$name" = before ] && verbose=  # the older jar has no --verbose
  "$@" inpaint --image "$work/photo.png" --mask "$work/mask.png" --out "$work/$name.png" --overwrite $verbose \
    > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  t1=$(date +%s%N)
  echo "wall $(( (t1 - t0) / 1000000 )) $(grep '^Timing:' "$work/$name.log" || true)" >> "$work/$name.txt"
}
variants="command both noshare jar"
[ -n "${BEFORE_JAR:-}" ] && variants="$variants before"
for r in $(seq "$runs"); do
  for v in $variants; do
    case $v in
      command) run command "$image/bin/gatefill" ;;
      both) run both "$image/bin/Gatefill" ;;
      noshare) JAVA_TOOL_OPTIONS=-Xshare:off run noshare "$image/bin/gatefill" ;;
      jar) run jar java -Xmx4g -jar target/gatefill.jar ;;
      before) run before java -Xmx4g -jar "$BEFORE_JAR" ;;
    esac
  done
done
load_end=$(cut -d' ' -f1 /proc/loadavg)

mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -Xmx6g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.gatefill.core.io.PngEncodeBenchmark "$work/photo.png" "$runs" "$work/encoders.md"

/usr/bin/python3 - "$work" "$out" "$runs" "$load_start" "$load_end" "$variants" <<'PY'
import re, statistics, sys
from pathlib import Path
import cv2, numpy as np
work, out, runs, l0, l1, variants = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6].split()
label = {"command": "`bin/gatefill` (now: the JVM started directly, C1 only for inpaint, CDS archive)",
         "both": "`bin/Gatefill` (jpackage's native launcher, C1 and C2, CDS archive: as before)",
         "noshare": "`bin/gatefill` with -Xshare:off (no CDS archive)",
         "jar": "`java -jar target/gatefill.jar`", "before": "`java -jar` of BEFORE_JAR (no --verbose)"}
photo = cv2.imread(str(work / "photo.png"), cv2.IMREAD_UNCHANGED)
# Machines of one kind differ (session 7: an Intel CPU with AVX-512, session 8: an AMD EPYC without): name it.
models = [l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')]
cpu = f"{len(models)} x {models[0] if models else 'unknown CPU'}" + (" (AVX-512)" if 'avx512f' in open('/proc/cpuinfo').read() else " (AVX2, no AVX-512)")
mask = cv2.imread(str(work / "mask.png"), cv2.IMREAD_GRAYSCALE) >= 128
parts = ["start", "decode", "load", "beside", "fill", "encode", "total"]
patterns = {p: rf"{p} ([0-9.]+) s" for p in parts}
patterns["beside"] = r"\(loaded in ([0-9.]+) s beside decoding\)"
rows = []
for v in variants:
    result = cv2.imread(str(work / f"{v}.png"), cv2.IMREAD_UNCHANGED)  # a second decoder, OpenCV's libpng
    assert result is not None and result.shape[:2] == photo.shape[:2], v
    assert np.array_equal(result[..., :3][~mask], photo[..., :3][~mask]), f"{v}: pixels outside the hole changed"
    walls, timed = [], {p: [] for p in parts}
    for line in (work / f"{v}.txt").read_text().splitlines():
        walls.append(int(line.split()[1]) / 1000)
        for p in parts:
            m = re.search(patterns[p], line)
            if m:
                timed[p].append(float(m.group(1)))
    med = {p: f"{statistics.median(x):.2f}" if x else "–" for p, x in timed.items()}
    rows.append(f"| {label[v]} | " + " | ".join(med[p] for p in parts) + f" | **{statistics.median(walls):.2f}** |")
text = f"""# 24 MP PNG in and out through `gatefill inpaint`

`scripts/bench-inpaint.sh`: a 6000x4000 RGB photo (`scripts/make-bench-photo.py`: the test photo scaled
up, with sensor-like grain; PNG, {(work / 'photo.png').stat().st_size / 1e6:.1f} MB) and a 600-px disc hole,
`inpaint --verbose` with the default hybrid engine and the shipped model, median seconds over {runs} runs
per row, rows interleaved, on {cpu}. Load average {l0} at the start, {l1} at the end. Every output was
read back by OpenCV: outside the hole its pixels equal the photo's. "start" is process start to the
command's first line (launcher, JVM, classes); the model loads on its own thread while the files
decode: "load" is the wait for it after decoding, "beside" the load itself (not part of the total);
"total" the sum of the parts, "wall" the whole process as the shell saw it.

| launcher | start | decode | load | beside | fill | encode | total | wall |
|---|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + "\n\n## PNG encoders\n\n" + (work / "encoders.md").read_text()
out.write_text(text)
print(text)
PY
