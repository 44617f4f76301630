#!/usr/bin/env bash
# CI smoke test of the packaged app: builds the app image with the fixture model as its bundled model,
# then runs the image's own launcher on a tiny folder (2 photos + masks) and checks the exit code, the
# outputs and the report. Fails loudly (non-zero, with the reason) on any deviation.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
fixture=src/test/resources/fixture-model
[ -f "$fixture/fixture.pt" ] || fail "fixture model missing: $fixture/fixture.pt"
cp "$fixture/fixture.pt" "$fixture/fixture.json" "$work/models/"

start=$(date +%s)
packaging/build-app-image.sh --models "$work/models" --dest "$work/dist"
app="$work/dist/Gatefill/bin/gatefill"
[ -x "$app" ] || fail "no launcher at $app"
[ -f "$work/dist/Gatefill/lib/app/models/fixture.pt" ] || fail "model not bundled in lib/app/models"

packaging/batch-check.sh "$app" "$work" fixture || fail "the app image's batch (above)"
packaging/launcher-check.sh "$app" || fail "the image's bin/gatefill (above)"
echo "SMOKE TEST PASSED in $(( $(date +%s) - start )) s; image size $(du -sh "$work/dist/Gatefill" | cut -f1)"
