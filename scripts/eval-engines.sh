#!/bin/bash
# The engines' figures of a release (README, "Detail synthesis" and "Whole photos"): fills every set of
# training/make_eval_set.py's evaluation set with the model, patch and hybrid engines through the real
# Java pipeline and DJL model, and scores them with training/score_fills.py.
#   scripts/eval-engines.sh EVALSET OUT [MODEL]
# EVALSET: make_eval_set.py's --out (with --photo-scale for the whole photos); OUT: score JSON/.md files
# (pipeline_<size>_<hole>.json, pipeline_photo.json); MODEL: a candidate gatefill.pt with its card beside
# it (default: the shipped model). Fills go to OUT/fills. Build first: mvn -q -B package -DskipTests and
# mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 EVALSET OUT [MODEL]" >&2; exit 2; }
SET=$1; OUT=$2; MODEL=${3:-models/gatefill.pt}
[ -f target/test-classpath.txt ] && [ -f target/gatefill.jar ] || { echo "build first (see the header)" >&2; exit 2; }
[ -f "$MODEL" ] || { echo "no model at $MODEL" >&2; exit 2; }
mkdir -p "$OUT"
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
score() {  # score() SETDIR FILLSDIR OUTJSON [score_fills options]
  local set=$1 fills=$2 json=$3; shift 3
  /usr/bin/python3 training/score_fills.py --set "$set" --fills "$fills/model" --name "Gatefill model" \
    --fills "$fills/patch" --name "Gatefill patch" --fills "$fills/hybrid" --name "Gatefill hybrid" "$@" --out "$json" >/dev/null
  grep "^| Gatefill" "${json%.json}.md" | sed "s|^|$(basename "${json%.json}") |"
}
for s in 512/objects 512/strokes 256/objects 256/strokes; do
  [ -d "$SET/$s" ] || continue
  n=${s/\//_}
  for e in model patch hybrid; do
    d=$OUT/fills/$n/$e; rm -rf "$d"
    java -Xmx6g -Dgatefill.eval.model="$MODEL" -cp "$CP" io.gatefill.tools.EvalFills "$SET/$s" "$d" $e
  done
  score "$SET/$s" "$OUT/fills/$n" "$OUT/pipeline_$n.json"
done
if [ -d "$SET/photo/objects" ]; then
  for e in model patch hybrid; do
    d=$OUT/fills/photo/$e; rm -rf "$d"
    java -jar target/gatefill.jar batch --images "$SET/photo/objects/images" --masks "$SET/photo/objects/masks" \
      --out "$d" --engine $e --model "$MODEL" >/dev/null
  done
  score "$SET/photo/objects" "$OUT/fills/photo" "$OUT/pipeline_photo.json" --baselines telea ns
fi
