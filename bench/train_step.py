"""Where a training step's time goes: forward, backward, gradient clipping and the optimizer step.

Runs the default recipe's steps on batches of the bundled train split, with AdamW as PyTorch builds it by
default (a loop over the weights, tensor by tensor, on a CPU) and with its fused kernel (what ``train()``
uses), taking turns in one process so both see the same machine. Timings on a shared machine drift by tens of
percent over an hour; a comparison made in one process does not.

    python bench/train_step.py                  # 80 batches per turn, two turns each
    python bench/train_step.py --batches 200 --turns 3
    python bench/train_step.py --compile        # the encoder eager and under torch.compile (fused AdamW both)
    python bench/train_step.py --freeze-layers 3  # the whole encoder vs the layers above 3 from cached states
"""
from __future__ import annotations

import argparse
import copy
import random
import time

import torch
from torch.utils.data import DataLoader
from transformers.trainer_pt_utils import LengthGroupedSampler

from claimcoder.data.bundled import load_corpus
from claimcoder.data.schema import CODEBOOK_TYPES
from claimcoder.model.config import ClaimCoderConfig
from claimcoder.model.encoder import load_encoder
from claimcoder.model.network import ClaimCoderNetwork
from claimcoder.training import loop
from claimcoder.training.args import TrainingArguments
from claimcoder.training.frozen import check_freeze_layers, lower_part, upper_part

PARTS = ("forward", "backward", "clip", "optimizer")


def _batches(tokenizer, args: TrainingArguments, n: int, seed: int) -> list[dict[str, torch.Tensor]]:
    """``n`` batches drawn at random from the train split's length-grouped batches (as training makes them)."""
    rows = loop._encode(load_corpus("train"), tokenizer, list(CODEBOOK_TYPES), args.max_length)
    sampler = LengthGroupedSampler(args.batch_size, lengths=[len(r["input_ids"]) for r in rows],
                                   generator=torch.Generator().manual_seed(seed))
    batches = list(DataLoader(rows, batch_size=args.batch_size, sampler=sampler,
                              collate_fn=loop._collate(tokenizer.pad_token_id)))
    random.Random(seed).shuffle(batches)
    return batches[:n]


def _turn(network: ClaimCoderNetwork, batches, args: TrainingArguments, fused: bool, warmup: int = 5,
          upper: torch.nn.Module | None = None) -> dict:
    """Mean milliseconds per step for each part, over the batches after ``warmup``."""
    optimizer = (loop._optimizer(network, args, torch.device("cpu")) if fused  # exactly what train() builds
                 else torch.optim.AdamW(loop._param_groups(network, args), foreach=False))
    network.train()
    spent = dict.fromkeys(PARTS, 0.0)
    for i, batch in enumerate(batches):
        t0 = time.perf_counter()
        loss = loop._loss(network, batch, args, upper)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
        t3 = time.perf_counter()
        optimizer.step()
        optimizer.zero_grad()
        t4 = time.perf_counter()
        if i >= warmup:
            for part, seconds in zip(PARTS, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[part] += seconds
    return {part: 1000 * s / (len(batches) - warmup) for part, s in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=80, help="batches per turn (default 80)")
    parser.add_argument("--turns", type=int, default=2, help="turns per optimizer, alternating (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compile", action="store_true",
                        help="compare the encoder eager and under torch.compile (dynamic shapes), fused AdamW both")
    parser.add_argument("--freeze-layers", type=int, default=0, metavar="K",
                        help="compare the whole encoder with the layers above K run from their cached input")
    opts = parser.parse_args()
    args = TrainingArguments()
    encoder, tokenizer = load_encoder(args.base)
    config = ClaimCoderConfig(encoder_config=encoder.config.to_diff_dict() | {"model_type": encoder.config.model_type})
    network = ClaimCoderNetwork(config, encoder=encoder)
    batches = _batches(tokenizer, args, opts.batches + 5, opts.seed)
    mean_len = sum(b["input_ids"].shape[1] for b in batches) / len(batches)
    print(f"{len(batches)} batches of {args.batch_size} (mean padded length {mean_len:.1f}), "
          f"{torch.get_num_threads()} threads, bf16 autocast: {loop.use_bf16(args.bf16, 'cpu')}")
    if opts.compile:
        _compare_compile(network, batches, args, opts.turns)
        return
    if opts.freeze_layers:
        _compare_frozen(network, batches, args, opts.freeze_layers, opts.turns)
        return
    print(f"{'AdamW':<10}" + "".join(f"{p:>11}" for p in PARTS) + f"{'step':>11}  (ms)")
    for _ in range(opts.turns):
        for fused in (False, True):
            _print_row("fused" if fused else "default", _turn(network, batches, args, fused))


def _print_row(name: str, ms: dict) -> None:
    print(f"{name:<10}" + "".join(f"{ms[p]:>11.1f}" for p in PARTS) + f"{sum(ms.values()):>11.1f}", flush=True)


def _compare_compile(network: ClaimCoderNetwork, batches, args: TrainingArguments, turns: int) -> None:
    """Turns of the same steps with the encoder eager and compiled (the compiled module shares its weights);
    the compiling itself is timed apart, on the first batches."""
    eager = network.encoder
    compiled = torch.compile(eager, dynamic=True)
    network.encoder = compiled
    t0 = time.perf_counter()
    for batch in batches[:5]:
        loop._loss(network, batch, args).backward()
    network.zero_grad()
    print(f"compiling and the first 5 steps: {time.perf_counter() - t0:.1f} s")
    print(f"{'encoder':<10}" + "".join(f"{p:>11}" for p in PARTS) + f"{'step':>11}  (ms)")
    for _ in range(turns):
        for name, module in (("eager", eager), ("compiled", compiled)):
            network.encoder = module
            _print_row(name, _turn(network, batches, args, fused=True))


def _compare_frozen(network: ClaimCoderNetwork, batches, args: TrainingArguments, k: int, turns: int) -> None:
    """Turns of the same steps through the whole encoder and through the layers above ``k`` from states computed
    once (``freeze_layers``, as ``train()`` runs it); computing those states is timed apart, as training does it
    once for all epochs."""
    check_freeze_layers(network.encoder, k)
    frozen_args = TrainingArguments(freeze_layers=k)
    frozen = copy.deepcopy(network)
    loop._param_groups(frozen, frozen_args)  # takes the embeddings and lowest layers out of training
    lower = lower_part(frozen.encoder, k).eval()
    t0 = time.perf_counter()
    with torch.no_grad():
        for batch in batches:
            batch["lower"] = lower(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    print(f"the lowest {k} layers once: {1000 * (time.perf_counter() - t0) / len(batches):.1f} ms per batch")
    upper = upper_part(frozen.encoder, k)
    print(f"{'encoder':<10}" + "".join(f"{p:>11}" for p in PARTS) + f"{'step':>11}  (ms)")
    for _ in range(turns):
        _print_row("whole", _turn(network, batches, args, fused=True))
        _print_row(f"above {k}", _turn(frozen, batches, frozen_args, fused=True, upper=upper))


if __name__ == "__main__":
    main()
