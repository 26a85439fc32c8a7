"""The resolver shapes, as source text: each protocol is written here once.

A *shape* is how one key is resolved for a lifetime (transient, singleton, a scope block, a 0.5
``Scope`` object), sync or async, and a binding kind (plain call, generator or context-manager
resource, async factory). :mod:`injectq._runtime.resolvers` composes these snippets into one
function per shape and compiles it; the override path builds values with :data:`PRODUCE` too.
The snippets are plain text with ``{placeholders}``, so a code generator can embed the same text.

Names a composed resolver may use (the parameters of its factory):

``fn`` the class or factory (for an awaitable binding, the awaitable) · ``translate`` turns an
exception into InjectQ's InjectionError · ``store`` the singleton store · ``lock`` held while a
sync singleton is created · ``rk`` the key · ``current()`` the innermost scope block ·
``ambient(name, rk)`` the store of scope ``name`` outside any block · ``name`` the scope ·
``label`` the binding's name for messages · ``pending`` async singletons being created ·
``container_owner`` / ``transient_owner()`` who tears resources down · ``custom`` a 0.5 Scope
object · ``enter`` opens a sync resource as ``(value, teardown item)`` · ``g{i}``, ``a{i}``,
``r{i}`` the sync getter, async getter and key of argument ``i``.

Placeholders (``{name}``, or ``{name:N}`` for a block indented by N spaces; ``{{`` is a brace):
``{call}`` the argument list, ``{produce}`` the value expression of the kind, ``{tag}`` the
release tag of a singleton resource, ``{owner}`` the line choosing the owner, and
``{return_guarded}`` / ``{value_guarded}`` / ``{enter_guarded}``: :data:`GUARD` around
``return {produce}``, ``value = {produce}`` and ``value, item = enter(fn({call}), label)``.
"""

from __future__ import annotations

__all__ = [
    "ARG",
    "ASYNC",
    "ASYNC_PRODUCE",
    "ENTER_AGEN_INLINE",
    "FIND_BLOCK",
    "GUARD",
    "PRODUCE",
    "SYNC",
    "TRY_IN",
]

# -- how a call becomes the value, by binding kind ------------------------------------------
PRODUCE = {
    "class": "fn({call})",
    "factory": "fn({call})",
    "generator": "owner.enter_gen(fn({call}), label{tag})",
    "context_manager": "owner.enter(fn({call}), label{tag})",
    "instance": "fn",
}
ASYNC_PRODUCE = {
    **PRODUCE,
    "async_factory": "await fn({call})",
    "async_generator": "await owner.aenter_agen(fn({call}), label)",
    "async_context_manager": "await owner.aenter(fn({call}), label)",
    "awaitable": "await fn",
}

# -- how an argument is read or built, by how it relates to the plan -------------------------
ARG = {
    "sync": "g{i}()",
    "single": "(store[r{i}] if r{i} in store else g{i}())",  # a built singleton is read
    "same": "(cache[r{i}] if r{i} in cache else g{i}.within(state))",  # this block: hand it over
    "async": "(await a{i}())",
    "async_single": "(store[r{i}] if r{i} in store else await a{i}())",
    "async_same": "(cache[r{i}] if r{i} in cache else await a{i}())",
    "async_within": "(cache[r{i}] if r{i} in cache else await a{i}.within(state))",
    "async_try": (  # this block: built without a coroutine when everything it awaits is ready
        "(cache[r{i}] if r{i} in cache else y{i} if (y{i} := a{i}.try_in(state))"
        " is not MISSING else await a{i}.within(state))"
    ),
}

# -- the pieces every shape shares -------------------------------------------------------------
GUARD = """\
try:
    {statement}
except (InjectQError, RecursionError):  # a chain too deep is reported by the container
    raise
except Exception as error:
    raise translate(error) from error
"""
"""Run ``statement``; any other exception becomes InjectQ's InjectionError for this binding."""

FIND_BLOCK = """\
state = current()
while state is not None and state.name != name:
    state = state.parent
if state is None:
    state = ambient(name, rk)
"""
"""The innermost open block of scope ``name``, else its ambient store (or the strict error)."""

# -- sync shapes (body of ``def get():``; scoped ones also of ``def get_in(state):``) ---------
SYNC = {
    "transient": """\
{owner}{return_guarded}""",
    "singleton": """\
if rk in store:
    return store[rk]
with lock:
    if rk in store:
        return store[rk]
{owner:4}{value_guarded:4}    store[rk] = value
    return value
""",
    "scoped": """\
cache = state.cache
value = cache.get(rk, MISSING)
if value is not MISSING:
    return value
{value_guarded}return cache.setdefault(rk, value)
""",
    "scoped_resource": """\
cache = state.cache
value = cache.get(rk, MISSING)
if value is not MISSING:
    return value
if state.closed:
    state.check_open()
{enter_guarded}if cache.setdefault(rk, value) is value:
    state.admit(item)  # closed at once (and an error) if the block ended meanwhile
    return value
discard(item)  # another thread entered this block's first: keep that one, close ours
return cache[rk]
""",
    "custom": """\
return custom.get(rk, build)
""",
}
"""``custom`` (a 0.5 Scope object) also gets ``def build():`` with the transient body."""

# -- async shapes (body of ``async def aget():``; scoped ones also of ``aget_in(state)``) -----
ASYNC = {
    "transient": """\
{owner}{return_guarded}""",
    "singleton": """\
if rk in store:
    return store[rk]
return await once(pending, store, rk, create)
""",
    "scoped_sync": """\
cache = state.cache
value = cache.get(rk, MISSING)
if value is not MISSING:
    return value
{prepare}value = cache.get(rk, MISSING)
if value is MISSING:  # no await from this check to the store: built exactly once
    if state.closed:
        state.check_open()
    owner = state
{value_guarded:4}    cache[rk] = value
return value
""",
    "scoped": """\
cache = state.cache
value = cache.get(rk, MISSING)
if value is not MISSING:
    return value
pending = state._pending
if pending is None:
    pending = state._pending = {{}}
if rk in pending:  # a cancelled creation: try again in this block
    return await wait_for(pending, rk, lambda: aget_in(state))
if state.closed:
    state.check_open()
pending[rk] = None  # a Waiting is made only if another task waits
owner = state
try:
{produce_block:4}except BaseException as error:
    waiting = pending.pop(rk)
    if waiting is not None:
        waiting.fail(error)
    if isinstance(error, (InjectQError, RecursionError)) or not isinstance(error, Exception):
        raise
    raise translate(error) from error
waiting = pending.pop(rk)
cache[rk] = value
if waiting is not None:
    waiting.done(value)
return value
""",
}
"""``singleton`` also gets ``async def create():`` with the transient body and the container's
owner; ``scoped`` enters an async generator inline (:data:`ENTER_AGEN_INLINE`)."""

ENTER_AGEN_INLINE = """\
agen = fn({call})
value = await anext(agen, MISSING)
if value is MISSING:
    no_value(agen, label)
owner._items.append(item := (AGEN, agen, label, None))
if owner.closed:  # the block ended while this resource was opening
    await owner.refuse(item)
"""
"""An async-generator resource of a scope block, entered without a coroutine of its own."""

TRY_IN = """\
cache = state.cache
value = cache.get(rk, MISSING)
if value is not MISSING:
    return value
{ready}{rest}if state.closed:
    state.check_open()
owner = state
{value_guarded}cache[rk] = value
return value
"""
"""``aget.try_in(state)``: a scoped, synchronously produced value built without awaiting when
every awaited argument is already built (``{ready}`` returns MISSING otherwise)."""
