"""The network and inference: ``ClaimCoder`` loads a trained model and predicts claims.

This package serves inference and never imports ``claimcoder.training`` or ``claimcoder.eval``.
"""
if __name__ != "claimcoder.model":  # this folder is installed as claimcoder.model only
    raise ImportError("import claimcoder.model, not the 'model' folder directly: pip install -e . first")

from .coder import ClaimCoder, ModelNotFoundError, default_model_dir
from .config import ClaimCoderConfig
from .encoder import DEFAULT_BASE, load_encoder, resolve_base
from .network import ClaimCoderNetwork

__all__ = ["ClaimCoder", "ClaimCoderConfig", "ClaimCoderNetwork", "ModelNotFoundError", "default_model_dir",
           "DEFAULT_BASE", "load_encoder", "resolve_base"]
