"""``ClaimCoder``: load a trained model, save it, and predict claims in sentences.

torch and transformers are imported only where the torch network is built or run: an int8 model
whose verified export is cached runs in ONNX Runtime with the ``tokenizers`` library alone, in a
quarter of the memory (torch and transformers together cost some 450 MB of RSS).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimcoder.data.errors import OptionError
from claimcoder.data.io import current_umask
from claimcoder.data.schema import Claim, Sentence

from .card import model_card
from .config import CONFIG_NAME, WEIGHTS_NAME, ClaimCoderConfig, ModelFileError, find_model, position_limit
from .config import weight_shapes
from .config import ModelNotFoundError, default_model_dir  # noqa: F401 - re-exported: callers import them from here
from .onnx_backend import require_onnx
from .tagging import B_SRC, B_TGT, I_SRC, I_TGT, pair_claims, tags_to_spans
from .tokenizer import JsonTokenizer

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedTokenizerBase

    from .network import ClaimCoderNetwork
    from .onnx_backend import OnnxRunner


class ClaimCoder:
    """A trained claim coder: ``ClaimCoder.load(path).predict(texts)``."""

    def __init__(self, network: ClaimCoderNetwork | None, tokenizer: PreTrainedTokenizerBase | JsonTokenizer,
                 config: ClaimCoderConfig, device: str | torch.device = "cpu", *, runner: OnnxRunner | None = None):
        """``network`` may be None only with a ``runner`` (int8 in ONNX Runtime), which then does the forward pass."""
        if network is None and runner is None:
            raise ValueError("ClaimCoder needs a network or an ONNX Runtime runner")
        self._network = network.to(device).eval() if network is not None else None
        self.tokenizer = tokenizer
        self.config = config
        self._device = str(device)
        self._runner = runner  # an alternative backend (ONNX Runtime int8), same contract as _forward
        self.bf16 = False  # bf16 autocast in the forward pass (``quantize="bf16"``)

    @property
    def network(self) -> ClaimCoderNetwork:
        """The torch network; a model loaded with ``quantize="int8"`` has none (ONNX Runtime holds its weights)."""
        if self._network is None:
            raise OptionError("a model loaded with quantize='int8' runs in ONNX Runtime and keeps no torch network: "
                              "load it without quantize to use or save the network")
        return self._network

    @property
    def device(self) -> torch.device:
        """Where the torch network runs (int8 always runs on the CPU)."""
        import torch

        return torch.device(self._device)

    # ----------------------------------------------------------------- loading and saving
    @classmethod
    def load(cls, path: str | os.PathLike | None = None, device: str | None = None,
             quantize: str | None = None, threads: int | None = None) -> "ClaimCoder":
        """Load a model saved by ``save_pretrained``; ``None`` means the default model.

        ``quantize="int8"`` runs inference through ONNX Runtime with int8 linear
        layers (CPU; speed and F1 cost in the README), exported on first use (with torch); once
        the export is cached, loading and predicting import neither torch nor transformers.
        ``quantize="bf16"`` runs torch with bf16 autocast: about twice as fast where the
        hardware has native bf16 (AVX-512 BF16 or AMX CPUs, recent GPUs), with the F1 cost
        in the README; elsewhere it is emulated and slower, so a warning says so.
        Every file is checked before it is used: a bad ``config.json``, weights that do not
        fit it or a corrupt weights file give a ``ModelFileError`` naming the file (and field),
        and nothing is allocated for sizes the weights file does not hold.
        ``threads``: CPU threads for inference (ONNX Runtime's for int8, else ``torch.set_num_threads``,
        which is process-wide); None keeps torch's default of one per physical core.
        """
        if quantize not in (None, "none", "int8", "bf16"):
            raise OptionError(f"quantize must be None, 'int8' or 'bf16', got {quantize!r}")
        if quantize == "int8":
            require_onnx()  # a missing extra is one clear message before anything loads
        if path is not None and not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"ClaimCoder.load() takes a model folder's path (a str or Path) or None for the "
                            f"default model, not {type(path).__name__}")
        directory = find_model(path)
        config = ClaimCoderConfig.load(directory)
        _fit_max_length(config, directory / CONFIG_NAME)
        runner = None
        if quantize == "int8":
            from .onnx_backend import cached_int8_runner

            runner = cached_int8_runner(directory, config, threads)
            if runner is not None and runner.output_widths() != (len(config.claim_types),) * 2:
                runner = None  # config.json no longer fits the exported network: the torch path names the fault
            light = JsonTokenizer.from_dir(directory) if runner is not None else None
            if light is not None:
                _check_vocabulary(light.vocab_size, directory, config)
                return cls(None, light, config, device="cpu", runner=runner)
        import torch

        if threads:
            torch.set_num_threads(threads)
        network = _checked_network(config, directory)
        tokenizer = _load_tokenizer(directory)
        _check_vocabulary(len(tokenizer), directory, config)
        device = device or ("cuda" if torch.cuda.is_available() and quantize != "int8" else "cpu")
        if quantize == "int8":
            from .onnx_backend import exported_int8_runner

            # ONNX Runtime holds its own int8 weights: the fp32 network (90 MB for MiniLM) is not kept
            runner = runner or exported_int8_runner(network, directory, threads)  # no second cache lookup
            return cls(None, tokenizer, config, device="cpu", runner=runner)
        coder = cls(network, tokenizer, config, device=device)
        if quantize == "bf16":
            from .precision import native_bf16

            if not native_bf16(coder.device.type):
                warnings.warn(f"quantize='bf16': this {coder.device.type} has no native bf16 arithmetic, so bf16 is "
                              "emulated and slower than fp32", stacklevel=2)
            coder.bf16 = True
        return coder

    from_pretrained = load

    def save_pretrained(self, directory: str | os.PathLike) -> Path:
        """Write config.json, model.safetensors, tokenizer files and README.md, atomically.

        The folder is assembled beside the target and renamed into place, so an
        interrupted save never leaves half a model behind.
        """
        if self._runner is not None:
            raise OptionError("a model loaded with quantize='int8' keeps only its ONNX Runtime weights: load it "
                              "without quantize to save it")
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
        os.chmod(tmp, 0o777 & ~current_umask())  # mkdtemp makes 0700
        try:
            self.config.save(tmp)
            from safetensors.torch import save_file

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
            yield idx, self._encode([texts[i] for i in idx])

    def _encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        """``input_ids``, ``attention_mask`` and ``offset_mapping`` arrays, padded to the longest text."""
        if isinstance(self.tokenizer, JsonTokenizer):
            return self.tokenizer.encode(texts, self.config.max_length)
        return self.tokenizer(texts, padding="longest", truncation=True, max_length=self.config.max_length,
                              return_offsets_mapping=True, return_tensors="np")

    def _forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Type probabilities ``[B, T]`` and tag ids ``[B, L, T]`` for one batch."""
        if self._runner is not None:
            return self._runner(input_ids, attention_mask)
        import torch

        with torch.inference_mode(), torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.bf16):
            ids = torch.from_numpy(input_ids).to(self.device)
            mask = torch.from_numpy(attention_mask).to(self.device)
            type_logits, tag_logits = self.network(ids, mask)
            return torch.sigmoid(type_logits.float()).cpu().numpy(), tag_logits.argmax(-1).cpu().numpy()

    def infer(self, texts: Sequence[str], batch_size: int = 64) -> list[tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
        """Raw outputs per text: ``(type_probs [T], tag_ids [L, T], offsets [L, 2])``; None for empty text.

        Warns once per call when a text is longer than ``max_length`` tokens and was cut.
        """
        _check_batch_size(batch_size)
        out: list = [None] * len(texts)
        truncated = 0
        for idx, enc in self._batches(texts, batch_size):
            probs, tags = self._forward(enc["input_ids"], enc["attention_mask"])
            for row, i in enumerate(idx):
                offsets = enc["offset_mapping"][row]
                n = int(enc["attention_mask"][row].sum())
                if cut_short(offsets[:n], texts[i], self.config.max_length):
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
        not_text = TypeError(f"predict() takes a string or a list of strings, not {type(texts).__name__}")
        if isinstance(texts, (bytes, bytearray)):
            raise not_text
        try:
            items = [texts] if single else list(texts)  # a list, a tuple, a pandas Series, a generator ...
        except TypeError:
            raise not_text from None
        bad = next((i for i, t in enumerate(items) if not isinstance(t, str)), None)
        if bad is not None:
            raise TypeError(f"predict() takes strings: item {bad} is {type(items[bad]).__name__}")
        for i, text in enumerate(items):  # a lone surrogate (text decoded with errors="surrogateescape", say)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"predict(): item {i} holds {text[exc.start]!r} at character {exc.start}, which is "
                                 "no Unicode character (a lone surrogate): decode the text as UTF-8 first") from None
        if (message := paragraph_warning(items)) is not None:
            warnings.warn(message, stacklevel=2)
        return self._predict(items)[0] if single else self._predict(items, batch_size)

    def _predict(self, items: list[str], batch_size: int = 64) -> list[Sentence]:
        raws = self.infer(items, batch_size=batch_size)
        return [Sentence(text=t, claims=self.decode(t, r)) for t, r in zip(items, raws)]

    def predict_sentences(self, sentences: Sequence[Sentence], batch_size: int = 64) -> list[Sentence]:
        """Predict for annotated sentences, keeping their ids and meta (for evaluation)."""
        preds = self._predict([s.text for s in sentences], batch_size=batch_size)
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


# --------------------------------------------------------------------------- checked loading
#: A full stop after a lowercase letter or digit, then a capital: most sentence breaks, few abbreviations
#: ("U.S. Senator" and "Mr. Smith" do not match), so pysbd runs on few single sentences.
_SENTENCE_BREAK = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bNo)(?<!\bvs)"
                             r"(?<!\bGen)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bCol)(?<!\bLt)(?<!\bProf)"
                             r"(?<=[a-z0-9])[.!?][\"”’')\]]*\s+[\"“‘(]?[A-Z]")


def cut_short(offsets: np.ndarray, text: str, max_length: int) -> bool:
    """Whether a text's encoding (``offsets`` of its tokens, special ones included) was cut at ``max_length``:
    it fills the length and its last token ends before the text does (a zero-width space or soft hyphen the
    tokenizer drops at the end of a short sentence is no cut)."""
    return len(offsets) >= max_length and int(offsets[:, 1].max(initial=0)) < len(text.rstrip())


def _check_batch_size(batch_size: Any) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number, 1 or more, got {batch_size!r}")


def paragraph_warning(texts: Sequence[str]) -> str | None:
    """A warning when a text holds several sentences, else None: the model reads one sentence at a time, and
    in a paragraph it often finds no claim at all (each sentence alone would give its claims)."""
    maybe = [i for i, t in enumerate(texts) if _SENTENCE_BREAK.search(t)]  # cheap: most texts never reach pysbd
    if not maybe:
        return None
    from claimcoder.data.articles import split_sentences

    several = [i for i in maybe if len(split_sentences(texts[i])) > 1]
    if not several:
        return None
    return (f"{len(several)} text(s) hold more than one sentence (the first is item {several[0]}): the model codes "
            "one sentence per text and misses claims in a paragraph; split the text into sentences first, or "
            "score whole articles with `claimcoder score`")


def _brief(exc: BaseException, limit: int = 300) -> str:
    """A library's error message, cut short (some list every model type transformers knows)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + " ..."


def _fit_max_length(config: ClaimCoderConfig, config_path: Path) -> None:
    """Cut ``max_length`` to the encoder's position table, with a warning naming the file and field.

    Past the table, a long sentence would index a position the encoder does not have and stop a
    whole scoring run; cut to it, the model runs and only that sentence's tail is lost (and warned).
    """
    limit = position_limit(config.encoder_config)
    if limit is not None and config.max_length > limit:
        warnings.warn(f"{config_path}: field 'max_length' is {config.max_length}, past the encoder's position table "
                      f"(encoder_config.max_position_embeddings): sentences are cut at {limit} tokens", stacklevel=3)
        config.max_length = limit


def _checked_network(config: ClaimCoderConfig, directory: Path) -> ClaimCoderNetwork:
    """The network of ``config`` with the weights of ``directory``, built only once they are known to fit.

    The network is first built on the meta device (no memory) and its tensor shapes compared with
    the weights file's header, so a config with absurd sizes fails before anything is allocated.
    """
    import torch
    from safetensors.torch import load_file

    from .network import ClaimCoderNetwork

    config_path, weights = directory / CONFIG_NAME, directory / WEIGHTS_NAME
    in_file = weight_shapes(weights)
    try:
        with torch.device("meta"):
            skeleton = ClaimCoderNetwork(config)
    except Exception as exc:  # noqa: BLE001 - transformers rejects a bad encoder config in many ways
        raise ModelFileError(f"{config_path}: field 'encoder_config': transformers cannot build a "
                             f"{config.encoder_config.get('model_type')!r} encoder from it: {_brief(exc)}") from None
    wanted = {name: tuple(t.shape) for name, t in skeleton.state_dict().items()}
    missing, unexpected = sorted(set(wanted) - set(in_file)), sorted(set(in_file) - set(wanted))
    if missing or unexpected:
        raise ModelFileError(f"{weights}: weights do not match {config_path} (field 'encoder_config' builds other "
                             f"tensors: missing {missing[:5]}, unexpected {unexpected[:5]})")
    for name, shape in wanted.items():
        if in_file[name] != shape:
            field = "encoder_config" if name.startswith("encoder.") else "claim_types"
            raise ModelFileError(f"{weights}: tensor {name!r} has shape {list(in_file[name])}, but "
                                 f"{config_path} (field {field!r}) needs {list(shape)}")
    network = ClaimCoderNetwork(config)
    state = load_file(str(weights))  # safetensors: no pickle involved
    broken = next((name for name, t in state.items() if t.is_floating_point() and not torch.isfinite(t).all()), None)
    if broken is not None:  # NaN scores pass no "below the threshold" test: every claim type would fire
        raise ModelFileError(f"{weights}: tensor {broken!r} holds NaN or infinite values")
    try:
        network.load_state_dict(state)
        with torch.inference_mode():  # a config the encoder cannot run with fails here, not mid-job
            network.eval()(torch.zeros((1, 2), dtype=torch.long), torch.ones((1, 2), dtype=torch.long))
    except Exception as exc:  # noqa: BLE001
        raise ModelFileError(f"{weights}: cannot run the model of {config_path} (field 'encoder_config') with these "
                             f"weights: {_brief(exc)}") from None
    return network


def _check_vocabulary(size: int, directory: Path, config: ClaimCoderConfig) -> None:
    """``ModelFileError`` unless the tokenizer's vocabulary fits the encoder's: without ``tokenizer.json`` (and
    no vocab.txt), transformers builds a tokenizer of a handful of tokens that reads every word as unknown,
    and the model silently finds nothing; another model's tokenizer would index words the encoder lacks."""
    vocab = config.encoder_config.get("vocab_size")
    if isinstance(vocab, int) and size < vocab // 2:  # more tokens than embeddings can be a model's own affair
        raise ModelFileError(f"{directory}: the tokenizer has {size} tokens, but {directory / CONFIG_NAME} (field "
                             f"'encoder_config.vocab_size') says the encoder has {vocab}: tokenizer.json is missing "
                             "or not this model's (copy the whole model folder)")


def _load_tokenizer(directory: Path) -> PreTrainedTokenizerBase:
    """The model folder's tokenizer (a fast one: spans need character offsets)."""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(directory), use_fast=True)
    except Exception as exc:  # noqa: BLE001 - missing or corrupt tokenizer files fail in many ways
        raise ModelFileError(f"{directory}: cannot load the tokenizer files (tokenizer.json, "
                             f"tokenizer_config.json): {_brief(exc)}") from None
    if not getattr(tokenizer, "is_fast", False):
        raise ModelFileError(f"{directory}: the tokenizer is not a fast tokenizer (spans need character offsets)")
    return tokenizer
