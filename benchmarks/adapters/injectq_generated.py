"""injectq's generated container: the output of ``injectq-gen`` for ``injectq_wiring.py``.

Importing this adapter runs the generator once per workload (``benchmarks.generate``) into
the gitignored ``benchmarks/_generated/``. Each workload then uses the generated module's
``Container`` through the same public API as the runtime column (``get``, ``aget``,
``scope``, ``inject(container=c)``); the runtime adapter's workload code is reused as is.

W6: a cold start drops the generated module from ``sys.modules``, imports it again (from the
bytecode cache written at generation, as in production; the user classes are already
imported) and makes the first resolve on a new ``Container``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

if importlib.util.find_spec("injectq_codegen") is None:  # pragma: no cover - codegen extra
    _missing = ImportError("injectq_codegen is not installed")
    _missing.benchmark_reason = (  # type: ignore[attr-defined]  # read by adapters.load
        "not generated: injectq_codegen is not importable (pip install '.[codegen]')"
    )
    raise _missing

from benchmarks import generate, wide
from benchmarks.adapters.base import Op
from benchmarks.adapters.injectq_runtime import InjectQRuntime

_STATUS = generate.generate_all()


class InjectQGenerated(InjectQRuntime):
    name = "injectq (generated)"

    def container(self, key: str) -> Any:
        reason = _STATUS.get(key)
        if reason is not None:
            raise RuntimeError(reason)
        return importlib.import_module(generate.module_name(key)).Container()

    def w6(self) -> Op:
        reason = _STATUS.get("W6")
        if reason is not None:
            raise RuntimeError(reason)
        name = generate.module_name("W6")
        modules = sys.modules
        import_module = importlib.import_module
        root = wide.ROOT

        def cold_start() -> object:
            del modules[name]
            return import_module(name).Container().get(root)

        import_module(name)
        return cold_start


ADAPTER = InjectQGenerated()
