#!/usr/bin/python3
"""Exports a training checkpoint to the model contract: <out>.pt, <out>.gates.pt and the <out>.json card.

Usage:
  /usr/bin/python3 training/export_model.py --checkpoint /work/runs/main/last.pt --out models/gatefill-w24.pt \
      [--evaluation /work/runs/main/eval/evaluation.json] [--manifest training/corpus_manifest.json]
  /usr/bin/python3 training/export_model.py --from-model models/gatefill.pt --out models/gatefill.pt \
      --reason "why the same weights are exported again"

--from-model exports an already exported model again with the current code (same weights, read back from
the file; its card's training, data and evaluation records are kept), for changes that keep the function.
"""
import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

import torch  # noqa: E402

from gatefill_train.evaluate import merge_scores  # noqa: E402
from gatefill_train.export import (DERIVED_CARD_FIELDS, export_model, generator_from_checkpoint,  # noqa: E402
                                   generator_from_model, sha256_file, training_card)

DEFAULT_LICENCE = "GPL-3.0-or-later"
DEFAULT_NOTE = ("Trained on photographs under GPL-2+/GPL-3/LGPL-3/GFDL, CC BY, CC BY-SA, CC0 and public-domain "
                "terms (see data.sources and training/corpus_manifest.json); the weights are distributed "
                "under the GPL as the conservative choice for a work derived from that mix.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint")
    source.add_argument("--from-model", help="an exported model (<name>.pt beside <name>.json) to export again")
    ap.add_argument("--reason", help="with --from-model: why, recorded in the card's export record")
    ap.add_argument("--out", required=True, help="path of the TorchScript file, e.g. models/gatefill-w24.pt")
    ap.add_argument("--manifest", default=str(HERE / "corpus_manifest.json"),
                    help="corpus manifest for the card's data sources ('' for none)")
    ap.add_argument("--evaluation", default=None, help="evaluation.json written by training/evaluate_model.py")
    ap.add_argument("--scores", nargs="*", default=[],
                    help="score_fills.py JSON files: figures per hole type and size, stored in the card as "
                         "evaluation.per_hole_type")
    ap.add_argument("--sketch-figures", default=None,
                    help="JSON printed by training/sketch_demo.py, stored in the card as sketch_guidance")
    ap.add_argument("--licence", default=DEFAULT_LICENCE)
    ap.add_argument("--licence-note", default=DEFAULT_NOTE)
    ap.add_argument("--no-freeze", dest="freeze", action="store_false",
                    help="keep the modules unfrozen (frozen: weights inlined, 0-6%% faster in DJL, same outputs)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.from_model:
        reexport(args)
        return
    g, ckpt = generator_from_checkpoint(args.checkpoint)
    evaluation = json.loads(Path(args.evaluation).read_text()) if args.evaluation else None
    if args.scores:
        evaluation = dict(evaluation or {})
        evaluation["per_hole_type"] = {"protocol": "training/score_fills.py on training/make_eval_set.py's set: "
                                                   "composited, [0,1]; detail = Sobel magnitude in the 1-px-eroded "
                                                   "hole, result over original", **merge_scores(args.scores)}
    extra = training_card(ckpt, args.manifest or None, evaluation, args.licence, args.licence_note)
    if args.sketch_figures:
        extra["sketch_guidance"] = {"method": "training/sketch_demo.py (gatefill_train.sketch_check)",
                                    "figures": json.loads(Path(args.sketch_figures).read_text())}
    card = export_model(g, args.out, extra, freeze=args.freeze)
    print(json.dumps({k: card[k] for k in ("file", "sha256", "conv_type", "cnum", "parameters", "sketch")}
                     | {"images_seen": card["training"]["images_seen"],
                        "cpu_hours": card["training"]["cpu_hours"]}, indent=1))


def reexport(args: argparse.Namespace) -> None:
    if not args.reason:
        raise SystemExit("--from-model needs --reason")
    g, old_card = generator_from_model(args.from_model)
    extra = {k: v for k, v in old_card.items() if k not in DERIVED_CARD_FIELDS}
    source = {"sha256": sha256_file(args.from_model), "export": old_card.get("export"), "reason": args.reason}
    card = export_model(g, args.out, extra, freeze=args.freeze, export_extra={"exported_again_from": source})
    print(json.dumps({"file": card["file"], "sha256": card["sha256"], "from": source["sha256"]}, indent=1))


if __name__ == "__main__":
    main()
