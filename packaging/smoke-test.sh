#!/usr/bin/env bash
# CI smoke test of the packaged app: builds the app image with the fixture model as its bundled model,
# then runs the image's own launcher on a tiny folder (2 photos + masks) and checks the exit code, the
# outputs and the report. Fails loudly (non-zero, with the reason) on any deviation.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models" "$work/images" "$work/masks"
fixture=src/test/resources/fixture-model
[ -f "$fixture/fixture.pt" ] || fail "fixture model missing: $fixture/fixture.pt"
cp "$fixture/fixture.pt" "$fixture/fixture.json" "$work/models/"

start=$(date +%s)
packaging/build-app-image.sh --models "$work/models" --dest "$work/dist"
app="$work/dist/Gatefill/bin/Gatefill"
[ -x "$app" ] || fail "no launcher at $app"
[ -f "$work/dist/Gatefill/lib/app/models/fixture.pt" ] || fail "model not bundled in lib/app/models"

# Two 96x64 photos and masks, written with the standard library only.
/usr/bin/env python3 - "$work" <<'PY'
import struct, sys, zlib
root = sys.argv[1]
def png(path, w, h, px):
    raw = b"".join(b"\x00" + b"".join(bytes(px(x, y)) for x in range(w)) for y in range(h))
    chunk = lambda k, d: struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
for i, name in enumerate(["one", "two"]):
    png(f"{root}/images/{name}.png", 96, 64, lambda x, y: ((x * 3 + y) % 256, (y * 5 + i * 40) % 256, (x ^ y) % 256))
    png(f"{root}/masks/{name}.png", 96, 64,
        lambda x, y: (255, 255, 255) if 20 + 10 * i <= x < 44 + 10 * i and 16 <= y < 36 else (0, 0, 0))
PY

# No --model: the packaged app must find its bundled model by itself.
set +e
DJL_OFFLINE=true "$app" batch --images "$work/images" --masks "$work/masks" --out "$work/out" \
  --format jpg --quality 90 --report "$work/report.json" > "$work/batch.log" 2>&1
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
grep -q '"name" : "fixture"' "$work/report.json" || fail "report does not name the bundled fixture model"
echo "SMOKE TEST PASSED in $(( $(date +%s) - start )) s; image size $(du -sh "$work/dist/Gatefill" | cut -f1)"
