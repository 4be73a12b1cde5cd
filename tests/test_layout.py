"""The package layout: every module imports, layers import one way only, and no import cycles.

Layers, lowest first: ``data`` (imports none of the others), ``model`` (data), then
``training``, ``eval`` and ``scoring`` side by side (model and data only, never each
other). The facade (``claimcoder``, ``claimcoder.api``, ``claimcoder.cli``) sits on top
and may import anything; no layer imports the facade. Imports are read statically
(``ast``), including the ones inside functions, so a lazy import counts too.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

LAYERS = ("data", "model", "training", "eval", "scoring")
ALLOWED = {
    "data": {"data"},
    "model": {"model", "data"},
    "training": {"training", "model", "data"},
    "eval": {"eval", "model", "data"},
    "scoring": {"scoring", "model", "data"},
}


def _modules() -> dict[str, Path]:
    """Every module of claimcoder (name -> source file), the layer folders included."""
    found: dict[str, Path] = {}
    roots = [importlib.import_module("claimcoder")]
    for layer in LAYERS:
        try:
            roots.append(importlib.import_module(f"claimcoder.{layer}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"claimcoder.{layer}":
                raise
    for pkg in roots:
        if getattr(pkg, "__file__", None):
            found[pkg.__name__] = Path(pkg.__file__)
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if pkg.__name__ == "claimcoder" and info.name.split(".")[1] in LAYERS:
                continue
            spec = importlib.util.find_spec(info.name)
            if spec is not None and spec.origin and spec.origin.endswith(".py"):
                found[info.name] = Path(spec.origin)
    return found


MODULES = _modules()


def _layer(module: str) -> str:
    """``data``, ``model``, ... for a claimcoder module; ``facade`` for the top package and its own modules."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "facade"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(module: str, path: Path, top_level_only: bool = False) -> set[str]:
    """The claimcoder modules ``module`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out: set[str] = set()

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node):
                if not top_level_only:
                    visit(node.body)
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                out.update(a.name for a in node.names if a.name.split(".")[0] == "claimcoder")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != "claimcoder":
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    out.add(sub if sub in MODULES else target)
            if top_level_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            body = [n for field in ("body", "orelse", "finalbody", "handlers") for n in getattr(node, field, [])
                    if isinstance(n, ast.AST)]
            if body and not isinstance(node, (ast.Import, ast.ImportFrom)):
                visit(body)

    visit(tree.body)
    return out - {module}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports(module):
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:  # an optional extra that is not installed (ray, onnxruntime)
        if (exc.name or "").split(".")[0] == "claimcoder":
            raise
        pytest.skip(f"optional dependency {exc.name} not installed")


def test_layers_import_one_way_only():
    wrong = []
    for module, path in MODULES.items():
        layer = _layer(module)
        if layer == "facade":
            continue
        for target in sorted(_imports(module, path)):
            if _layer(target) not in ALLOWED[layer]:
                wrong.append(f"{module} imports {target} ({layer}/ may import only {', '.join(sorted(ALLOWED[layer]))})")
    assert not wrong, "\n".join(wrong)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_no_import_cycles():
    # between modules, at import time (module-level imports, TYPE_CHECKING blocks aside)
    graph = {m: {t for t in _imports(m, p, top_level_only=True) if t in MODULES} for m, p in MODULES.items()}
    assert not _cycles(graph), _cycles(graph)
    # between layers, counting every import (lazy ones too)
    layers: dict[str, set[str]] = {}
    for m, p in MODULES.items():
        layers.setdefault(_layer(m), set()).update(_layer(t) for t in _imports(m, p) if _layer(t) != _layer(m))
    assert not _cycles(layers), _cycles(layers)


def test_the_checker_sees_a_wrong_way_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from claimcoder.training import train\n    from ..eval import metrics\n")
    assert _imports("claimcoder.model.bad", bad) == {"claimcoder.training", "claimcoder.eval.metrics"}
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
