"""0.5's ``injectq.decorators``: the decorators and the resource helpers.

0.5's submodule paths ``injectq.decorators.inject``, ``.singleton`` and ``.resource`` work, as
aliases of the private modules registered in ``sys.modules`` only. A real submodule named like a
function would replace that function on this package as soon as it was imported
(``from injectq.decorators.resource import ResourceError`` would turn
``injectq.decorators.resource`` into a module); ``.pyi`` stubs give type checkers the same paths.
"""

import sys

from . import _inject, _resource, _singleton
from ._inject import Inject, inject
from ._resource import async_managed_resource, get_resource_manager, managed_resource, resource
from ._singleton import register_as, scoped, singleton, transient

for _path, _module in (("inject", _inject), ("singleton", _singleton), ("resource", _resource)):
    sys.modules.setdefault(f"{__name__}.{_path}", _module)
del _path, _module

__all__ = [
    "Inject",
    "async_managed_resource",
    "get_resource_manager",
    "inject",
    "managed_resource",
    "register_as",
    "resource",
    "scoped",
    "singleton",
    "transient",
]
