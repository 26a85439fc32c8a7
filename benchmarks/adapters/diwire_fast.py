"""diwire in its fastest documented configuration: strict mode, compiled, ``LockMode.NONE``.

The same wiring as the "diwire" column (``diwire.py``), with no locking around the creation of
singletons and scoped values. Every workload here runs on one thread (W5 on one event loop),
so the operations verified are the same.
"""

from __future__ import annotations

from diwire import LockMode

from benchmarks.adapters.diwire import Diwire


class DiwireFast(Diwire):
    name = "diwire (fast)"
    lock_mode = LockMode.NONE


ADAPTER = DiwireFast()
