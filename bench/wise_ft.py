"""Ablation of weight-space ensembling with the pretrained encoder (WiSE-FT, Wortsman et al. 2022).

A fine-tuned encoder is mixed with the weights it started from, ``alpha * fine-tuned + (1 - alpha) * pretrained``
(heads kept), to see whether text unlike the corpus is read better by a model that forgets less of its
pretraining. Each mix gets thresholds tuned on the bundled dev split, which alone chooses alpha; each is saved so
other files can be scored with ``claimcoder evaluate FILE --compare``.

    python bench/wise_ft.py --model DIR --out DIR [--alphas 1.0,0.9,0.8]

Prints the dev metrics per alpha and writes the mixed models to OUT/a<alpha>.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimcoder.data import bundled
from claimcoder.eval.evaluator import PRIMARY_METRIC, DevEvaluator
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.encoder import load_encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="a trained claimcoder model folder")
    parser.add_argument("--out", required=True, type=Path, help="where the mixed models go")
    parser.add_argument("--alphas", default="1.0,0.9,0.8,0.7,0.6", help="weights of the fine-tuned encoder")
    args = parser.parse_args()

    coder = ClaimCoder.load(args.model)
    tuned = {k: v.detach().clone() for k, v in coder.network.encoder.state_dict().items()}
    pretrained = load_encoder(coder.config.base_encoder)[0].state_dict()
    dev = bundled.load_corpus("dev")
    for alpha in (float(a) for a in args.alphas.split(",")):
        mixed = {k: (alpha * v.float() + (1 - alpha) * pretrained[k].float()).to(v.dtype)
                 if v.is_floating_point() and k in pretrained else v for k, v in tuned.items()}
        coder.network.encoder.load_state_dict(mixed)
        coder.network.eval()
        metrics = DevEvaluator()(coder, dev)  # thresholds tuned on dev for this mix
        coder.save_pretrained(args.out / f"a{alpha}")
        print(json.dumps({"alpha": alpha, PRIMARY_METRIC: round(metrics[PRIMARY_METRIC], 4),
                          "macro_f1": round(metrics["macro_f1"], 4), "claim_f1": round(metrics["claim"]["f1"], 4)}))


if __name__ == "__main__":
    main()
