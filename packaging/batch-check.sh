#!/usr/bin/env bash
# Runs a packaged Gatefill's batch on a tiny folder and checks what it wrote; shared by smoke-test.sh
# (the app image's launcher) and check-deb.sh (the installed `gatefill` on the PATH):
#   packaging/batch-check.sh LAUNCHER WORKDIR [MODEL_NAME]
# Writes WORKDIR/{images,masks,out,report.json,batch.log}; exits non-zero with the reason on any
# deviation. No --model: the package must find its bundled model (named MODEL_NAME, default fixture).
set -euo pipefail
launcher=$1
work=$2
model=${3:-fixture}
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "BATCH CHECK FAILED: $*" >&2; exit 1; }

/usr/bin/env python3 "$here/make-test-folder.py" "$work"
set +e
DJL_OFFLINE=true "$launcher" batch --images "$work/images" --masks "$work/masks" --out "$work/out" \
  --format jpg --quality 90 --report "$work/report.json" --verbose > "$work/batch.log" 2>&1
code=$?
set -e
cat "$work/batch.log"
[ "$code" -eq 0 ] || fail "batch exited with $code (expected 0)"
for name in one two; do
  f="$work/out/$name.jpg"
  [ -s "$f" ] || fail "missing output $f"
  [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' \n')" = "ffd8" ] || fail "$f is not a JPEG"
done
[ -z "$(find "$work/out" -name '*.part')" ] || fail "temporary .part files left behind"
grep -q '"done" : 2' "$work/report.json" || fail "report does not say 2 done: $(cat "$work/report.json")"
grep -q "\"name\" : \"$model\"" "$work/report.json" || fail "report does not name the bundled model $model"
grep -q '"load_background_ms"' "$work/report.json" || fail "report has no timing parts"
echo "batch check passed: $launcher"
