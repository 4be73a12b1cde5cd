"""int8 inference through ONNX Runtime: export once, quantise the linear layers, run.

ONNX Runtime's dynamic int8 is the faster CPU backend (its speed and F1 cost are measured in
the README); torch's own dynamic quantisation is slower and deprecated.
The exported files are cached in the model folder (``onnx/``) so the cost is paid once.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import torch

from .config import WEIGHTS_NAME, file_sha256
from .network import ClaimCoderNetwork


#: Changes whenever the export or quantisation recipe does, so old cached exports are not reused.
EXPORT_RECIPE = "int8-per-channel-1"


class _Exportable(torch.nn.Module):
    """The network with its decoding steps folded in: probabilities and tag ids out."""

    def __init__(self, network: ClaimCoderNetwork):
        super().__init__()
        self.network = network

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        type_logits, tag_logits = self.network(input_ids, attention_mask)
        return torch.sigmoid(type_logits), tag_logits.argmax(-1)


def export_int8(network: ClaimCoderNetwork, directory: Path) -> Path:
    """Write ``model-int8.onnx`` into ``directory`` (atomically) and return its path."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "model-int8.onnx"
    network = network.cpu().eval()
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        fp32 = Path(tmp) / "model.onnx"
        ids = torch.ones((2, 12), dtype=torch.long)
        mask = torch.ones((2, 12), dtype=torch.long)
        torch.onnx.export(_Exportable(network), (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                          output_names=["probs", "tags"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "probs": {0: "batch"}, "tags": {0: "batch", 1: "seq"}})
        quantized = Path(tmp) / "model-int8.onnx"
        # Per-channel scales keep macro-F1 within about 0.4 points of fp32 on the bundled test split;
        # one scale per tensor cost 2.5 points (bench/int8_quality.py).
        quantize_dynamic(str(fp32), str(quantized), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(quantized, target)
    return target


def int8_path(network: ClaimCoderNetwork, model_dir: Path) -> Path:
    """The cached int8 model for ``model_dir``, exporting it on first use.

    It lives in ``model_dir/onnx/`` when that folder is writable, else in the
    claimcoder cache, keyed by a digest of the weights so a retrained model never
    reuses a stale export.
    """
    digest = f"{file_sha256(model_dir / WEIGHTS_NAME)[:16]}-{EXPORT_RECIPE}"
    candidates = [model_dir / "onnx" / digest]
    from .coder import default_model_dir

    candidates.append(default_model_dir().parent.parent / "onnx-cache" / digest)
    for folder in candidates:
        if (folder / "model-int8.onnx").is_file():
            return folder / "model-int8.onnx"
    for folder in candidates:
        try:
            return export_int8(network, folder)
        except PermissionError:
            continue
    raise PermissionError(f"cannot write the ONNX export into {candidates[0]} or {candidates[1]}")


class OnnxRunner:
    """Runs the exported int8 model; same inputs and outputs as ``ClaimCoder._forward``."""

    def __init__(self, path: Path):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()  # as many as torch was given
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        probs, tags = self.session.run(None, {"input_ids": input_ids.astype(np.int64),
                                              "attention_mask": attention_mask.astype(np.int64)})
        return probs, tags
