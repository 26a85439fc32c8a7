"""A synthetic project of many services, for measuring the generator (used by the benchmarks).

``write_project(root, services)`` writes a deterministic package ``synth_app`` under ``root/src``
and a ``pyproject.toml`` configuring ``injectq-gen`` for it. Service ``i`` depends on services
``i - 1`` and ``i // 2``, so the graph is deep and shares many nodes. Lifetimes mix singletons,
transients (long transient chains under singletons, the validator's worst case) and, for the top
tenth, request-scoped services, which nothing longer-lived depends on. Every tenth class carries no
decorator and is bound by a ``Module`` instead, a few are built by generator resources, and an
``@inject`` function is a root of the graph.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE", "write_project"]

PACKAGE = "synth_app"
PER_MODULE = 50

_PYPROJECT = f"""\
[tool.injectq]
source_roots = ["src"]
scan = ["{PACKAGE}"]
modules = ["{PACKAGE}.wiring:AppModule"]
output = "generated/container.py"
"""


def _deps(index: int) -> list[int]:
    return sorted({k for k in (index - 1, index // 2) if 0 <= k < index})


def _lifetime(index: int, services: int) -> str:
    if index >= services - services // 10:
        return "request"
    return "singleton" if index % 3 == 0 else "transient"


def _is_module_bound(index: int) -> bool:
    return index % 10 == 5


def _is_resource(index: int, services: int) -> bool:
    return index % 10 == 7 and _lifetime(index, services) == "request"


def _class_source(index: int, services: int) -> str:
    deps = _deps(index)
    params = "".join(f", s{k}: Svc{k}" for k in deps)
    body = "".join(f"        self.s{k} = s{k}\n" for k in deps) or "        pass\n"
    lifetime = _lifetime(index, services)
    decorator = ""
    if not _is_module_bound(index) and not _is_resource(index, services):
        decorator = '@scoped("request")\n' if lifetime == "request" else f"@{lifetime}\n"
    source = f"\n\n{decorator}class Svc{index}:\n    def __init__(self{params}) -> None:\n{body}"
    if _is_resource(index, services):
        args = ", ".join(f"s{k}: Svc{k}" for k in deps)
        call = ", ".join(f"s{k}" for k in deps)
        source += (
            f'\n\n@resource("request")\ndef open_svc{index}({args}) -> Iterator[Svc{index}]:\n'
            f"    yield Svc{index}({call})\n"
        )
    return source


def _service_module(indices: range, owners: dict[int, str], services: int) -> str:
    needed = sorted({k for i in indices for k in _deps(i) if k < indices.start})
    lines = [
        "from __future__ import annotations\n\n",
        "from collections.abc import Iterator\n\n",
        "from injectq import resource, scoped, singleton, transient\n",
    ]
    lines += [f"from {PACKAGE}.{owners[k]} import Svc{k}\n" for k in needed]
    lines += [_class_source(i, services) for i in indices]
    return "".join(lines)


def _wiring_module(owners: dict[int, str], services: int) -> str:
    bound = [i for i in range(services) if _is_module_bound(i)]
    lines = ["from __future__ import annotations\n\n", "from injectq import Module, inject\n"]
    lines += [f"from {PACKAGE}.{owners[i]} import Svc{i}\n" for i in bound]
    top = services - 1
    if top not in bound:
        lines.append(f"from {PACKAGE}.{owners[top]} import Svc{top}\n")
    lines += ["\n\nclass AppModule(Module):\n", "    def configure(self) -> None:\n"]
    chain = {"singleton": ".singleton()", "transient": ".transient()", "request": ".scoped()"}
    for i in bound:
        lines.append(f"        self.bind(Svc{i}, Svc{i}){chain[_lifetime(i, services)]}\n")
    if not bound:
        lines.append("        pass\n")
    lines += [
        f"\n\n@inject\ndef handle(top: Svc{top}) -> Svc{top}:\n",
        "    return top\n",
    ]
    return "".join(lines)


def write_project(root: Path, services: int) -> Path:
    """Write a project of ``services`` classes under ``root``; return its ``pyproject.toml``."""
    if services < 1:
        raise ValueError("a synthetic project needs at least one service")
    package = root / "src" / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    owners: dict[int, str] = {}
    for start in range(0, services, PER_MODULE):
        name = f"services_{start // PER_MODULE:03d}"
        indices = range(start, min(services, start + PER_MODULE))
        text = _service_module(indices, owners, services)
        (package / f"{name}.py").write_text(text, encoding="utf-8")
        owners.update((i, name) for i in indices)
    (package / "wiring.py").write_text(_wiring_module(owners, services), encoding="utf-8")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(_PYPROJECT, encoding="utf-8")
    return pyproject
