"""The resolver shapes, as source text: each protocol is written here once.

A *shape* is how one key is resolved for a lifetime (transient, singleton, a scope block, a 0.5
``Scope`` object), sync or async, and a binding kind (plain call, generator or context-manager
resource, async factory). :mod:`injectq._runtime.resolvers` composes these snippets into one
function per shape and compiles it; the override path builds values with :data:`PRODUCE` too.
``injectq-gen`` fills the same snippets with the names of a generated module, so a generated
container runs the very text the runtime compiles.

Names a filled snippet uses (the parameters of a compiled resolver's factory; a generated
``wire()`` binds the same names): ``store`` the singleton store · ``lock`` held while a sync
singleton is created · ``drop`` forgets a key's creation lock (``drop(key, None)``: a new
lock is made if ever needed again, and a thread already waiting finds the value published) ·
``pending`` async singletons being created · ``once`` creates one exactly
once · ``current()`` the innermost scope block · ``MISSING`` · ``no_value`` ·
``wait_for`` · ``AGEN``.
Locals: ``value``, ``state``, ``cache``, ``owner`` (who tears a resource
down), ``item``, ``agen``, ``error``.

Placeholders (``{name}``, or ``{name:N}`` for a block indented by N spaces; ``{{`` is a brace):
``{key}`` the key as code · ``{lock}`` the lock a sync singleton is created under (its key's) ·
``{retry}`` the function that builds a scoped value with its block in hand · ``{fn}`` the class
or factory (for an instance, its value) ·
``{drop}`` the line forgetting a singleton's creation lock once it is published ·
``{label}`` the binding's name for messages · ``{call}`` the argument list · ``{produce}`` the
value expression of the kind · ``{tag}`` the release tag of a singleton resource · ``{owner}``
the line choosing the owner (empty when the kind opens no resource) · ``{annotation}`` the
value's type annotation (generated code is typed; empty at runtime) ·
``{returned}`` / ``{produced}`` / ``{kept}``: the lines ``return {produce}``,
``value = {produce}`` and ``return`` :data:`KEEP` (generated code adds a type-ignore comment
where it calls untyped code). A failing constructor's exception is not translated here:
``get``/``aget`` do that once (see ``failures``).
"""

from __future__ import annotations

import re
import textwrap

__all__ = [
    "ARG",
    "ASYNC",
    "ASYNC_PRODUCE",
    "AWAIT_IN_BLOCK",
    "CREATE_IN_BLOCK",
    "ENTER_AGEN_INLINE",
    "FIND_BLOCK",
    "HOLD",
    "KEEP",
    "PRODUCE",
    "SYNC",
    "TRY_IN",
    "fill",
]

_FIELD = re.compile(r"\{\{|\}\}|\{(\w+)(?::(\d+))?\}")


def fill(template: str, **values: str) -> str:
    """Fill ``{name}`` (and ``{name:N}``, a block indented by N) placeholders; ``{{`` is ``{``."""

    def field(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in ("{{", "}}"):
            return text[0]
        value = values[match.group(1)]
        indent = match.group(2)
        return textwrap.indent(value, " " * int(indent)) if indent else value

    return _FIELD.sub(field, template)


# -- how a call becomes the value, by binding kind ------------------------------------------
PRODUCE = {
    "class": "{fn}({call})",
    "factory": "{fn}({call})",
    "generator": "owner.enter_gen({fn}({call}), {label}{tag})",
    "context_manager": "owner.enter({fn}({call}), {label}{tag})",
    "instance": "{fn}",
}
ASYNC_PRODUCE = {
    **PRODUCE,
    "async_factory": "await {fn}({call})",
    "async_generator": "await owner.aenter_agen({fn}({call}), {label})",
    "async_context_manager": "await owner.aenter({fn}({call}), {label})",
    "awaitable": "await {fn}",
}

# -- how an argument is read or built, by how it relates to the plan -------------------------
# g{i}/a{i}: the argument's sync/async getter; w{i}/t{i}: that getter's ``within`` and
# ``try_in`` (given as names of their own: no attribute lookup per call); r{i}: its key.
ARG = {
    "sync": "g{i}()",
    "single": "(store[r{i}] if r{i} in store else g{i}())",  # a built singleton is read
    "same": "(cache[r{i}] if r{i} in cache else w{i}(state))",  # this block: hand it over
    "async": "(await a{i}())",
    "async_single": "(store[r{i}] if r{i} in store else await a{i}())",
    "async_same": "(cache[r{i}] if r{i} in cache else await a{i}())",
    "async_within": "(cache[r{i}] if r{i} in cache else await w{i}(state))",
    "async_try": (  # this block: built without a coroutine when everything it awaits is ready
        "(cache[r{i}] if r{i} in cache else y{i} if (y{i} := t{i}(state))"
        " is not MISSING else await w{i}(state))"
    ),
}

# -- the pieces every shape shares -------------------------------------------------------------
KEEP = {
    "generator": "state.keep_gen({key}, {fn}({call}), {label})",
    "context_manager": "state.keep_cm({key}, {fn}({call}), {label})",
}
"""Open a sync resource of scope block ``state`` and publish its value there: the value the
block keeps (``Block.keep_gen``: the one open/publish/register protocol, compiled). Generated
code also writes it inline, where a dependant reads the resource from the block in hand."""

FIND_BLOCK = """\
state = current()
while state is not None and state.name != {scope}:
    state = state.parent
if state is None:
    state = {ambient}
"""
"""The innermost open block of scope ``{scope}``, else its ambient store (or the strict error)."""

# -- where a singleton is held: the runtime's store, or a generated slot (or list cell) ------
HOLD = {
    "store": {
        "built": "{key} in store",
        "missing": "{key} not in store",
        "read": "store[{key}]",
        "publish": "store[{key}] = value\n",
    },
    "slot": {
        "built": "{slot} is not None",
        "missing": "{slot} is None",
        "read": "{slot}",
        "publish": "{slot} = store[{key}] = value\n",
    },
    "cell": {
        "built": "{slot}",
        "missing": "not {slot}",
        "read": "{slot}[0]",
        "publish": "{slot}.append(value)\nstore[{key}] = value\n",
    },
}
"""How a singleton is tested (``built``, ``missing``), read and published once created."""

# -- sync shapes (body of ``def get():``; scoped ones also of ``def get_in(state):``) ---------
SYNC = {
    "transient": """\
{owner}{returned}""",
    "singleton": """\
{declare}if {built}:
    return {read}
with {lock}:
    if {missing}:
{owner:8}{produced:8}{publish:8}{drop:8}return {read}
""",
    "scoped": """\
cache = state.cache
value{annotation} = cache.get({key}, MISSING)
if value is not MISSING:
    return value
{produced}value = cache.setdefault({key}, value)
return value
""",
    "scoped_resource": """\
cache = state.cache
value{annotation} = cache.get({key}, MISSING)
if value is not MISSING:
    return value
{kept}""",
    "custom": """\
return custom.get(rk, build)
""",
}
"""``singleton``: ``{declare}`` declares a generated slot ``nonlocal``; ``{built}``,
``{missing}``, ``{read}`` and ``{publish}`` come from :data:`HOLD`. ``custom`` (a 0.5 Scope
object) also gets ``def build():`` with the transient body."""

# -- async shapes (body of ``async def aget():``; scoped ones also of ``aget_in(state)``) -----
ASYNC = {
    "transient": """\
{owner}{returned}""",
    "singleton": """\
{declare}if {built}:
    return {read}
value = await once(pending, store, {key}, {create})
{remember}return value
""",
    "scoped_sync": """\
cache = state.cache
value{annotation} = cache.get({key}, MISSING)
if value is not MISSING:
    return value
{prepare}value = cache.get({key}, MISSING)
if value is MISSING:  # no await from this check to the store: built exactly once
    if state.closed:
        state.check_open()
{owner:4}{produced:4}    cache[{key}] = value
return value
""",
    "scoped": """\
cache = state.cache
value{annotation} = cache.get({key}, MISSING)
if value is not MISSING:
    return value
{created}return value
""",
}
"""``singleton`` (``{declare}``, ``{built}`` as in sync; ``{remember}`` keeps the value in a
generated slot) also gets ``async def {create}():`` with the transient body and the container's
owner; ``scoped``'s ``{created}`` is :data:`CREATE_IN_BLOCK` (into ``value``)."""

CREATE_IN_BLOCK = """\
if state.claim({key}):  # else another task is creating it: share it
{owner:4}    try:
{produce_block:8}    except BaseException as error:
        state.not_created({key}, error)
        raise
    state.created({key}, {value})
else:  # (if that creation is cancelled, try again here)
    {value} = await wait_for(state.pending(), {key}, lambda: {retry}(state))
"""
"""Create an awaited value of block ``state`` once however many tasks race for it, into the
local ``{value}`` (``Block.claim``, ``created``, ``not_created``: the protocol, compiled);
``{produce_block}`` assigns it (an async generator is entered inline, :data:`ENTER_AGEN_INLINE`).
A scoped getter runs it; generated code also runs it inline, where a dependant awaits the value
with the block in hand (:data:`AWAIT_IN_BLOCK`)."""

AWAIT_IN_BLOCK = """\
{value} = cache.get({key}, MISSING)
if {value} is MISSING:
{created:4}"""
"""The value of ``{key}`` in block ``state`` (``cache`` its instances), created there if new."""

ENTER_AGEN_INLINE = """\
agen = {fn}({call})
{value} = await anext(agen, MISSING)
if {value} is MISSING:
    no_value(agen, {label})
owner._items.append(item := (AGEN, agen, {label}, None))
if owner.closed:  # the block ended while this resource was opening
    await owner.refuse(item)
"""
"""An async-generator resource of a scope block, entered without a coroutine of its own."""

TRY_IN = """\
cache = state.cache
value{annotation} = cache.get({key}, MISSING)
if value is not MISSING:
    return value
{ready}{rest}if state.closed:
    state.check_open()
{owner}{produced}cache[{key}] = value
return value
"""
"""``aget.try_in(state)``: a scoped, synchronously produced value built without awaiting when
every awaited argument is already built (``{ready}`` returns a "not ready" marker otherwise)."""
