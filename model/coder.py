"""``ClaimCoder``: load a trained model, save it, and predict claims in sentences."""
from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from transformers import AutoTokenizer, PreTrainedTokenizerBase

from claimcoder.data.io import current_umask
from claimcoder.data.schema import Claim, Sentence

from .card import model_card
from .config import WEIGHTS_NAME, ClaimCoderConfig, ModelFileError, find_model
from .config import ModelNotFoundError, default_model_dir  # noqa: F401 - re-exported: callers import them from here
from .network import ClaimCoderNetwork
from .tagging import B_SRC, B_TGT, I_SRC, I_TGT, pair_claims, tags_to_spans


class ClaimCoder:
    """A trained claim coder: ``ClaimCoder.load(path).predict(texts)``."""

    def __init__(self, network: ClaimCoderNetwork, tokenizer: PreTrainedTokenizerBase,
                 config: ClaimCoderConfig, device: str | torch.device = "cpu"):
        self.network = network.to(device).eval()
        self.tokenizer = tokenizer
        self.config = config
        self.device = torch.device(device)
        self._runner = None  # an alternative backend (ONNX Runtime int8), same contract as _forward

    # ----------------------------------------------------------------- loading and saving
    @classmethod
    def load(cls, path: str | os.PathLike | None = None, device: str | None = None,
             quantize: str | None = None) -> "ClaimCoder":
        """Load a model saved by ``save_pretrained``; ``None`` means the default model.

        ``quantize="int8"`` runs inference through ONNX Runtime with int8 linear
        layers (CPU; speed and F1 cost in the README), exported on first use.
        """
        directory = find_model(path)
        config = ClaimCoderConfig.load(directory)
        network = ClaimCoderNetwork(config)
        state = load_file(str(directory / WEIGHTS_NAME))  # safetensors: no pickle involved
        missing, unexpected = network.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise ModelFileError(f"{directory / WEIGHTS_NAME}: weights do not match config.json "
                             f"(missing {missing[:5]}, unexpected {unexpected[:5]})")
        tokenizer = AutoTokenizer.from_pretrained(str(directory), use_fast=True)
        if quantize not in (None, "none", "int8"):
            raise ValueError(f"quantize must be None or 'int8', got {quantize!r}")
        device = device or ("cuda" if torch.cuda.is_available() and not quantize else "cpu")
        coder = cls(network, tokenizer, config, device=device)
        if quantize == "int8":
            from .onnx_backend import OnnxRunner, int8_path

            coder._runner = OnnxRunner(int8_path(network, directory))
        return coder

    from_pretrained = load

    def save_pretrained(self, directory: str | os.PathLike) -> Path:
        """Write config.json, model.safetensors, tokenizer files and README.md, atomically.

        The folder is assembled beside the target and renamed into place, so an
        interrupted save never leaves half a model behind.
        """
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
        os.chmod(tmp, 0o777 & ~current_umask())  # mkdtemp makes 0700
        try:
            self.config.save(tmp)
            state = {k: v.detach().cpu().contiguous() for k, v in self.network.state_dict().items()}
            save_file(state, str(tmp / WEIGHTS_NAME), metadata={"format": "pt"})
            self.tokenizer.save_pretrained(str(tmp))
            (tmp / "README.md").write_text(model_card(self.config), encoding="utf-8")
            if directory.exists():
                old = directory.with_name(f".{directory.name}.old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(directory, old)
                os.replace(tmp, directory)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, directory)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return directory

    # ----------------------------------------------------------------------- inference
    @property
    def claim_types(self) -> list[str]:
        return list(self.config.claim_types)

    #: Most characters in one batch (sentences x longest): bounds activation memory when sentences are long.
    max_batch_chars = 64 * 200

    def _batches(self, texts: Sequence[str], batch_size: int) -> Iterator[tuple[list[int], dict]]:
        """Length-sorted batches of non-empty texts, tokenised with padding to the longest.

        A batch holds up to ``batch_size`` sentences but fewer when they are long
        (``max_batch_chars``), so peak memory stays flat whatever the input.
        """
        order = sorted((i for i, t in enumerate(texts) if t and t.strip()), key=lambda i: len(texts[i]))
        k = 0
        while k < len(order):
            n = 1
            while (k + n < len(order) and n < batch_size
                   and (n + 1) * len(texts[order[k + n]]) <= self.max_batch_chars):
                n += 1
            idx = order[k:k + n]
            k += n
            enc = self.tokenizer([texts[i] for i in idx], padding="longest", truncation=True,
                                 max_length=self.config.max_length, return_offsets_mapping=True,
                                 return_tensors="np")
            yield idx, enc

    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Type probabilities ``[B, T]`` and tag ids ``[B, L, T]`` for one batch."""
        if self._runner is not None:
            return self._runner(input_ids, attention_mask)
        with torch.inference_mode():
            ids = torch.from_numpy(input_ids).to(self.device)
            mask = torch.from_numpy(attention_mask).to(self.device)
            type_logits, tag_logits = self.network(ids, mask)
            return torch.sigmoid(type_logits).float().cpu().numpy(), tag_logits.argmax(-1).cpu().numpy()

    def infer(self, texts: Sequence[str], batch_size: int = 64) -> list[tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
        """Raw outputs per text: ``(type_probs [T], tag_ids [L, T], offsets [L, 2])``; None for empty text.

        Warns once per call when a text is longer than ``max_length`` tokens and was cut.
        """
        out: list = [None] * len(texts)
        truncated = 0
        for idx, enc in self._batches(texts, batch_size):
            probs, tags = self._forward(enc["input_ids"], enc["attention_mask"])
            for row, i in enumerate(idx):
                offsets = enc["offset_mapping"][row]
                n = int(enc["attention_mask"][row].sum())
                if offsets[:n, 1].max(initial=0) < len(texts[i].rstrip()):
                    truncated += 1
                out[i] = (probs[row], tags[row, :n], offsets[:n])
        if truncated:
            warnings.warn(f"{truncated} sentence(s) longer than max_length={self.config.max_length} tokens were "
                          "truncated: claims in the cut part are not found", stacklevel=3)
        return out

    def decode(self, text: str, raw: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
               thresholds: dict[str, float] | None = None) -> list[Claim]:
        """Claims from raw outputs: types over threshold, with their tagged spans."""
        if raw is None:
            return []
        probs, tags, offsets = raw
        thresholds = thresholds or self.config.thresholds
        claims: list[Claim] = []
        offs = [tuple(map(int, o)) for o in offsets]
        for t, ctype in enumerate(self.config.claim_types):
            p = float(probs[t])
            if p < thresholds.get(ctype, 0.5):
                continue
            col = tags[:, t]
            sources = tags_to_spans(col, offs, text, B_SRC, I_SRC)
            targets = tags_to_spans(col, offs, text, B_TGT, I_TGT)
            claims.extend(pair_claims(ctype, p, sources, targets))
        return claims

    def predict(self, texts: str | Sequence[str], batch_size: int = 64) -> Sentence | list[Sentence]:
        """Claims per sentence. A string gives one ``Sentence``; a list gives a list.

        Empty or whitespace-only text gives no claims. Texts longer than the
        model's ``max_length`` tokens are truncated with a warning.
        """
        single = isinstance(texts, str)
        items = [texts] if single else list(texts)
        raws = self.infer(items, batch_size=batch_size)
        out = [Sentence(text=t, claims=self.decode(t, r)) for t, r in zip(items, raws)]
        return out[0] if single else out

    def predict_sentences(self, sentences: Sequence[Sentence], batch_size: int = 64) -> list[Sentence]:
        """Predict for annotated sentences, keeping their ids and meta (for evaluation)."""
        preds = self.predict([s.text for s in sentences], batch_size=batch_size)
        return [Sentence(text=s.text, claims=p.claims, id=s.id, doc_id=s.doc_id, meta=s.meta)
                for s, p in zip(sentences, preds)]

    def predict_proba(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Type probabilities ``[N, T]`` (columns in ``claim_types`` order); zeros for empty text."""
        raws = self.infer(texts, batch_size=batch_size)
        out = np.zeros((len(texts), len(self.config.claim_types)), dtype=np.float32)
        for i, r in enumerate(raws):
            if r is not None:
                out[i] = r[0]
        return out
