"""The slot for injectq's generated container (the output of ``injectq-gen``).

The generated module is expected at ``GENERATED_MODULE`` and to expose, per workload key,
a factory ``container_w1()`` ... ``container_w7()`` returning a container with the runtime's
``get`` / ``aget`` / ``scope`` surface; the runtime adapter's workload code is reused as is.
For W6 a cold start re-imports the generated module before the first resolve. While the
module cannot be imported, the column reads "n/a (not generated)".
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

GENERATED_MODULE = "benchmarks.generated_containers"

try:
    _generated = importlib.import_module(GENERATED_MODULE)
except ImportError as exc:
    exc.benchmark_reason = (  # type: ignore[attr-defined]  # read by adapters.load
        f"not generated: {GENERATED_MODULE} does not import ({exc}); "
        "run injectq-gen on benchmarks/injectq_wiring.py to produce it"
    )
    raise

# Imported after the check above, so a missing module reads "not generated".
from benchmarks import wide  # noqa: E402
from benchmarks.adapters.base import Op  # noqa: E402
from benchmarks.adapters.injectq_runtime import InjectQRuntime  # noqa: E402


class InjectQGenerated(InjectQRuntime):
    name = "injectq (generated)"

    def container(self, key: str) -> Any:
        return getattr(_generated, f"container_{key.lower()}")()

    def w6(self) -> Op:
        def cold_start() -> object:
            sys.modules.pop(GENERATED_MODULE, None)
            module = importlib.import_module(GENERATED_MODULE)
            return module.container_w6().get(wide.ROOT)

        return cold_start


ADAPTER = InjectQGenerated()
