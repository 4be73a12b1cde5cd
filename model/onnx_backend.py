"""int8 inference through ONNX Runtime: export once, quantise the linear layers, run.

ONNX Runtime's dynamic int8 is the faster CPU backend (its speed and F1 cost are measured in
the README); torch's own dynamic quantisation is slower and deprecated.

The export is cached so its cost is paid once: in the model folder (``onnx/<weights sha256>/``)
when that is writable, else in ``$CLAIMCODER_HOME/onnx-cache/<weights sha256>/``. Each export
records in its own metadata the full SHA-256 of the weights it came from, a digest of the network's
configuration (``encoder_config``, ``claim_types``) and the recipe that made it (opset, quantisation,
claimcoder version), and beside it (``model-int8.onnx.sha256``) the SHA-256 of the file itself. A cached
file is used only when its bytes match that digest and its record matches the weights and configuration
being loaded, and is exported again otherwise: a damaged, edited or stale export is never run, and a
config.json edited since is checked as on the torch path. The cache is never read or written through a
symbolic link, so a planted link cannot redirect it.

This module imports torch only when it exports: running a cached export needs ONNX Runtime alone.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.util
import json
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from claimcoder.data.errors import UserError
from claimcoder.data.version import __version__

from .config import WEIGHTS_NAME, ModelFileError, claimcoder_home, file_sha256

if TYPE_CHECKING:
    from .config import ClaimCoderConfig
    from .network import ClaimCoderNetwork

INT8_NAME = "model-int8.onnx"
OPSET = 17
#: How the export is made; recorded in every export and compared before one is reused, so change it
#: whenever the export or the quantisation changes.
EXPORT_RECIPE = f"torchscript-opset{OPSET}; dynamic int8 (QInt8 weights, per-channel) by onnxruntime"
#: The keys of the record in the ONNX file's metadata_props.
META_WEIGHTS, META_RECIPE, META_VERSION = "claimcoder.weights_sha256", "claimcoder.export_recipe", "claimcoder.version"
META_NETWORK = "claimcoder.network_sha256"
#: Beside each export: the SHA-256 of its bytes, checked before the file is run.
DIGEST_SUFFIX = ".sha256"


#: Why a cache folder cannot take the export, so the next place is tried.
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EEXIST, errno.ENOTDIR}


class OnnxMissingError(UserError, ModuleNotFoundError):
    """``quantize="int8"`` without the ``onnx`` extra installed."""


def require_onnx() -> None:
    """Check that ONNX Runtime and onnx are installed; ``OnnxMissingError`` says how to install them.

    Called before anything is loaded, so a missing extra is one clear message, not a traceback midway.
    It finds the packages without importing them: onnx is needed only to export, and costs memory.
    """
    for name in ("onnxruntime", "onnx"):
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise OnnxMissingError(f"--quantize int8 needs {name}, which is not installed: "
                                   "pip install 'claimcoder[onnx]'") from None


def network_digest(config: "ClaimCoderConfig") -> str:
    """A digest of what shapes the exported network besides its weights: the encoder's configuration and the
    claim types (an edited ``config.json`` must not run an export made from another)."""
    text = json.dumps({"encoder_config": config.encoder_config, "claim_types": list(config.claim_types)},
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_record(weights_sha256: str, config: "ClaimCoderConfig | None" = None) -> dict[str, str]:
    """What an export of weights with this digest (and network configuration) must carry to be reused."""
    record = {META_WEIGHTS: weights_sha256, META_RECIPE: EXPORT_RECIPE, META_VERSION: __version__}
    if config is not None:
        record[META_NETWORK] = network_digest(config)
    return record


def _digest_file(path: Path) -> Path:
    return path.with_name(path.name + DIGEST_SUFFIX)


def _exportable(network: "ClaimCoderNetwork"):
    """The network with its decoding steps folded in: probabilities and tag ids out."""
    import torch

    class Exportable(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
            type_logits, tag_logits = self.network(input_ids, attention_mask)
            return torch.sigmoid(type_logits), tag_logits.argmax(-1)

    return Exportable()


@contextlib.contextmanager
def _quiet_logger(logger: logging.Logger) -> Iterator[None]:
    """Inside, ``logger`` passes on errors only."""
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def export_int8(network: "ClaimCoderNetwork", directory: Path, record: dict[str, str]) -> Path:
    """Write ``directory/model-int8.onnx`` carrying ``record`` in its metadata (atomically); return its path."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / INT8_NAME
    network = network.cpu().eval()
    with tempfile.TemporaryDirectory(dir=directory, prefix=".export-") as tmp:
        fp32 = Path(tmp) / "model.onnx"
        ids = torch.ones((2, 12), dtype=torch.long)
        mask = torch.ones((2, 12), dtype=torch.long)
        quantized = Path(tmp) / INT8_NAME
        # The tracer's notes on Python branches and the quantizer's advice to pre-process are about the export,
        # not the user's data, and the export is verified against its digest before any use: kept off the terminal.
        with warnings.catch_warnings(), _quiet_logger(logging.getLogger()):
            warnings.simplefilter("ignore")
            torch.onnx.export(_exportable(network), (ids, mask), str(fp32),
                              input_names=["input_ids", "attention_mask"], output_names=["probs", "tags"],
                              opset_version=OPSET, dynamo=False,
                              dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                            "attention_mask": {0: "batch", 1: "seq"},
                                            "probs": {0: "batch"}, "tags": {0: "batch", 1: "seq"}})
            # Per-channel scales keep macro-F1 within about 0.4 points of fp32 on the bundled test split;
            # one scale per tensor cost 2.5 points (bench/backend_quality.py).
            quantize_dynamic(str(fp32), str(quantized), weight_type=QuantType.QInt8, per_channel=True)
        model = onnx.load(str(quantized))
        kept = {p.key: p.value for p in model.metadata_props if p.key not in record}
        onnx.helper.set_model_props(model, {**kept, **record})
        onnx.save(model, str(quantized))
        digest = Path(tmp) / (INT8_NAME + DIGEST_SUFFIX)
        digest.write_text(file_sha256(quantized) + "\n", encoding="ascii")
        os.replace(quantized, target)  # the file first: a crash before its digest lands leaves it unused
        os.replace(digest, _digest_file(target))
    return target


def cache_folders(model_dir: Path, weights_sha256: str) -> list[tuple[Path, Path]]:
    """Where the export of these weights may live, first choice first, as ``(cache root, folder)``."""
    return [(model_dir / "onnx", model_dir / "onnx" / weights_sha256),
            (claimcoder_home() / "onnx-cache", claimcoder_home() / "onnx-cache" / weights_sha256)]


def _refuse_links(root: Path, folder: Path) -> None:
    """Refuse a cache whose root, folder or file is a symbolic link (it could point anywhere)."""
    for path in (root, folder, folder / INT8_NAME, _digest_file(folder / INT8_NAME)):
        if path.is_symlink():
            raise ModelFileError(f"{path}: is a symbolic link; claimcoder does not read or write its ONNX cache "
                                 "through links. Remove the link (the export is made again on first use)")


def _open_verified(path: Path, record: dict[str, str], threads: int | None = None) -> "OnnxRunner | None":
    """A runner on ``path`` when its bytes match the digest beside it and it is a readable ONNX model whose
    metadata matches ``record``; else None (bit rot or an edit inside the file changes its digest)."""
    if not path.is_file():
        return None
    try:
        if _digest_file(path).read_text(encoding="ascii").strip() != file_sha256(path):
            return None
    except (OSError, UnicodeDecodeError):
        return None
    try:
        runner = OnnxRunner(path, threads)
    except Exception:  # noqa: BLE001 - any unreadable or foreign file is simply not a usable export
        return None
    found = runner.session.get_modelmeta().custom_metadata_map
    return runner if all(found.get(k) == v for k, v in record.items()) else None


def cached_int8_runner(model_dir: Path, config: "ClaimCoderConfig", threads: int | None = None) -> "OnnxRunner | None":
    """An ``OnnxRunner`` on a verified cached export of ``model_dir``'s weights, or None when there is none.

    Needs no torch: the export is matched to the weights by their SHA-256 and to ``config`` by its network
    digest, so the network is not built.
    """
    require_onnx()
    record = export_record(file_sha256(model_dir / WEIGHTS_NAME), config)
    places = cache_folders(model_dir, record[META_WEIGHTS])
    for root, folder in places:
        _refuse_links(root, folder)
    for _, folder in places:
        runner = _open_verified(folder / INT8_NAME, record, threads)
        if runner is not None:
            return runner
    return None


def exported_int8_runner(network: "ClaimCoderNetwork", model_dir: Path, threads: int | None = None) -> "OnnxRunner":
    """An ``OnnxRunner`` on a fresh export of ``network`` (saved in ``model_dir``), for when
    ``cached_int8_runner`` found no usable one: a cached export whose record does not match the weights
    (stale, from another model, planted, unreadable) is replaced.
    """
    record = export_record(file_sha256(model_dir / WEIGHTS_NAME), network.config)
    places = cache_folders(model_dir, record[META_WEIGHTS])
    reasons = []
    for _, folder in places:
        try:
            path = export_int8(network, folder, record)
        except OSError as exc:
            if exc.errno not in _UNWRITABLE:
                raise
            reasons.append(f"{folder}: {exc.strerror}")
            continue
        runner = _open_verified(path, record, threads)
        if runner is None:
            raise ModelFileError(f"{path}: the ONNX export just written does not carry its record {record}")
        return runner
    raise ModelFileError("cannot write the int8 ONNX export (" + "; ".join(reasons) + "): make the model folder or "
                         "$CLAIMCODER_HOME writable")


def default_threads() -> int:
    """The threads an inference may use when the caller does not say: torch's rule, without torch.

    When torch is already loaded its current setting wins (the caller may have set it). Otherwise,
    as torch does: ``MKL_NUM_THREADS`` or ``OMP_NUM_THREADS`` when set, else one thread per
    physical core (torch counts them with cpuinfo; hyperthread siblings share one core's arithmetic
    units, so more threads only contend). Unlike torch, only the cores this process may run on are
    counted (``sched_getaffinity``): the same on an unrestricted machine, and no oversubscription
    under ``taskset`` or a container's cpuset.
    """
    if "torch" in sys.modules:
        return sys.modules["torch"].get_num_threads()
    for name in ("MKL_NUM_THREADS", "OMP_NUM_THREADS"):  # torch lets MKL's override OpenMP's
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return int(value)
    return _physical_cores()


def _physical_cores() -> int:
    """Physical cores among the CPUs this process may run on (Linux sysfs; elsewhere the logical count)."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))
    cores = set()
    for cpu in cpus:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            cores.add(tuple((topology / name).read_text().strip() for name in ("physical_package_id", "core_id")))
        except OSError:  # no sysfs topology: count logical CPUs
            return max(1, len(cpus))
    return max(1, len(cores))


class OnnxRunner:
    """Runs the exported int8 model; same inputs and outputs as ``ClaimCoder._forward``."""

    def __init__(self, path: Path, threads: int | None = None):
        import onnxruntime as ort

        self.path = Path(path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def output_widths(self) -> tuple[int | None, ...]:
        """The last dimension of each output (the number of claim types), None where it is not fixed."""
        return tuple(out.shape[-1] if isinstance(out.shape[-1], int) else None for out in self.session.get_outputs())

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        probs, tags = self.session.run(None, {"input_ids": input_ids.astype(np.int64),
                                              "attention_mask": attention_mask.astype(np.int64)})
        return probs, tags
