"""Whether this hardware computes bf16 natively: where it does, bf16 autocast is about twice as fast.

Training (bf16 autocast by default) and inference (``quantize="bf16"``) share this one check.
On a CPU without AVX-512 BF16 or AMX, bf16 is emulated and slower than fp32.
"""
from __future__ import annotations

import functools

import torch


def native_bf16(device_type: str) -> bool:
    """True where ``device_type`` ("cpu" or "cuda") has native bf16 arithmetic."""
    if device_type == "cuda":
        return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    return _cpu_has_native_bf16()


@functools.lru_cache(maxsize=1)
def _cpu_has_native_bf16() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = f.read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags
