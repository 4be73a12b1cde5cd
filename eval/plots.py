"""PNG figures for the report: reliability diagram, PR curves, confusion, learning curve.

Figures are drawn on ``matplotlib.figure.Figure`` with the Agg canvas directly, so
nothing here touches pyplot's global state or the user's chosen backend.
"""
from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np


def _figure(n_panels: int, width: float = 4.2, height: float = 4.0):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * max(n_panels, 1), height), dpi=100)
    FigureCanvasAgg(fig)
    axes = [fig.add_subplot(1, max(n_panels, 1), i + 1) for i in range(max(n_panels, 1))]
    return fig, axes


def _save(fig, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None})
    return path


def reliability_diagram(calibrations: Mapping[str, dict[str, Any]], path: str | Path) -> Path:
    """Observed rate against mean score per bin, one panel per type, one line per system."""
    types = list(next(iter(calibrations.values()))["per_type"])
    fig, axes = _figure(len(types))
    for ax, t in zip(axes, types):
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1, label="perfect")
        for name, cal in calibrations.items():
            rows = [r for r in cal["per_type"][t]["bins"] if r["count"]]
            ax.plot([r["mean_score"] for r in rows], [r["observed_rate"] for r in rows], marker="o",
                    label=f"{name} (ECE {cal['per_type'][t]['ece']:.3f})")
        ax.set(title=t, xlabel="mean predicted score", ylabel="observed rate", xlim=(0, 1), ylim=(0, 1))
        ax.legend(fontsize=7, loc="upper left")
    return _save(fig, Path(path))


def pr_curves(curves: Mapping[str, dict[str, Any]], path: str | Path,
              operating: Mapping[str, dict[str, Any]] | None = None) -> Path:
    """Precision-recall curves per type, one line per system; dots mark operating points."""
    types = list(next(iter(curves.values())))
    fig, axes = _figure(len(types))
    for ax, t in zip(axes, types):
        for name, c in curves.items():
            if not c.get(t):
                continue
            line, = ax.plot(c[t]["recall"], c[t]["precision"], drawstyle="steps-post",
                            label=f"{name} (AP {c[t]['average_precision']:.3f})")
            if operating and name in operating and t in operating[name]:
                m = operating[name][t]
                ax.plot([m["recall"]], [m["precision"]], marker="o", color=line.get_color())
        ax.set(title=t, xlabel="recall", ylabel="precision", xlim=(0, 1.02), ylim=(0, 1.02))
        ax.legend(fontsize=7, loc="lower left")
    return _save(fig, Path(path))


def wrap_label(text: str, width: int = 16, lines: int = 2) -> str:
    """A label on at most ``lines`` lines, broken between words only (an ellipsis after a whole word if it
    does not fit): labels in pictures are never cut inside a word."""
    return textwrap.fill(" ".join(str(text).split()), width=width,
                         max_lines=lines, placeholder=" …", break_long_words=False, break_on_hyphens=False)


def confusion_matrix(conf: dict[str, Any], path: str | Path, title: str = "") -> Path:
    """Heat map of the gold-by-predicted label matrix (co-occurrence counts)."""
    labels, m = conf["labels"], np.asarray(conf["matrix"])
    fig, (ax,) = _figure(1, width=5.2, height=4.6)
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(labels)), [wrap_label(lb) for lb in labels], rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), [wrap_label(lb) for lb in labels])
    ax.set(xlabel="predicted", ylabel="gold", title=title or "sentences by gold and predicted label")
    top = m.max() if m.size else 0
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, str(m[i, j]), ha="center", va="center", color="white" if m[i, j] > top / 2 else "black")
    return _save(fig, Path(path))


def learning_curve(curve: dict[str, Any], path: str | Path) -> Path:
    """Macro-F1 (with its 95% interval) against training sentences, one line per system."""
    fig, (ax,) = _figure(1, width=6.0, height=4.2)
    x = curve["n_train_sentences"]
    for name, row in curve["systems"].items():
        y = np.asarray(row["macro_f1"])
        line, = ax.plot(x, y, marker="o", label=name)
        cis = [c for c in row["ci"] if c]
        if len(cis) == len(x):
            ax.fill_between(x, [c[0] for c in cis], [c[1] for c in cis], alpha=0.15, color=line.get_color())
    ax.set(xlabel="training sentences", ylabel="macro-F1", ylim=(0, 1), title="learning curve")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _save(fig, Path(path))
