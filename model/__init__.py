"""The network and inference: ``ClaimCoder`` loads a trained model and predicts claims.

This package serves inference and never imports ``claimcoder.training``, ``claimcoder.eval`` or
``claimcoder.scoring``.
Names load on first use: ``ClaimCoderConfig``, ``find_model`` and ``model_fingerprint`` need no torch.
"""
if __name__ != "claimcoder.model":  # this folder is installed as claimcoder.model only
    raise ImportError("import claimcoder.model, not the 'model' folder directly: pip install -e . first")

from importlib import import_module
from typing import Any

_EXPORTS = {"ClaimCoder": ".coder", "ModelNotFoundError": ".config", "default_model_dir": ".config",
            "find_model": ".config", "model_fingerprint": ".config", "ClaimCoderConfig": ".config",
            "ClaimCoderNetwork": ".network", "DEFAULT_BASE": ".encoder", "load_encoder": ".encoder",
            "resolve_base": ".encoder"}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'claimcoder.model' has no attribute {name!r}")
