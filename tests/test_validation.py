"""validate() and compile(): every problem at once, through auto-built classes too."""

from __future__ import annotations

import warnings

import pytest

from injectq import (
    CircularDependencyError,
    Current,
    DependencyNotFoundError,
    GraphError,
    InjectionError,
    InjectQ,
    Lazy,
    ScopeError,
    ScopeLeakWarning,
)
from injectq._graph import Key, Root, validate
from tests import graphs


def test_validate_passes_on_a_complete_graph(container: InjectQ) -> None:
    """A graph with every dependency bound validates silently."""
    container.bind(graphs.Service, graphs.Service)
    container.validate()


def test_validate_reports_every_problem_at_once(container: InjectQ) -> None:
    """Missing bindings, cycles and scope leaks come together in one GraphError."""
    container.bind(graphs.NeedsMissing, graphs.NeedsMissing)
    container.bind(graphs.CycleA, graphs.CycleA)
    container.bind(graphs.Session, graphs.Session, scope="request")
    container.bind(graphs.LeakySingleton, graphs.LeakySingleton)
    with pytest.raises(GraphError) as info:
        container.validate()
    kinds = {type(p) for p in info.value.problems}
    assert kinds == {DependencyNotFoundError, CircularDependencyError, ScopeError}
    assert isinstance(info.value, InjectionError)
    assert "Dependency validation failed" in str(info.value)


def test_validate_walks_through_auto_built_classes(container: InjectQ) -> None:
    """A missing binding two levels down, behind an auto-built class, is found."""
    container.bind(graphs.Top, graphs.Top)
    with pytest.raises(GraphError) as info:
        container.validate()
    (problem,) = info.value.problems
    assert isinstance(problem, DependencyNotFoundError)
    assert "Middle.__init__(missing: MissingToken)" in str(problem)


def test_scope_leak_through_transients_is_found(container: InjectQ) -> None:
    """A singleton reaching a request-scoped binding through a transient is a leak."""
    container.bind(graphs.Session, graphs.Session, scope="request")
    container.bind(graphs.Via, graphs.Via, scope="transient")
    container.bind(graphs.LeakThroughTransient, graphs.LeakThroughTransient)
    with pytest.raises(GraphError) as info:
        container.validate()
    (problem,) = info.value.problems
    assert isinstance(problem, ScopeError) and "Via.__init__(session: Session)" in str(problem)


def test_transient_dependencies_are_never_a_leak(container: InjectQ) -> None:
    """A scoped service depending on transients and singletons is fine."""
    container.bind(graphs.Session, graphs.Session, scope="request")
    container.bind(graphs.Via, graphs.Via, scope="transient")
    container.validate()


def test_resolution_warns_on_scope_leak_and_strict_raises() -> None:
    """Resolution tolerates a leak with a warning (0.5); strict_scopes=True raises."""
    lenient = InjectQ()
    lenient.bind(graphs.Session, graphs.Session, scope="request")
    lenient.bind(graphs.LeakySingleton, graphs.LeakySingleton)
    with pytest.warns(ScopeLeakWarning):
        lenient.get(graphs.LeakySingleton)
    strict = InjectQ(strict_scopes=True)
    strict.bind(graphs.Session, graphs.Session, scope="request")
    strict.bind(graphs.LeakySingleton, graphs.LeakySingleton)
    with warnings.catch_warnings(), pytest.raises(ScopeError, match="scoped"):
        warnings.simplefilter("error")
        with strict.scope("request"):
            strict.get(graphs.LeakySingleton)


def test_sync_root_needing_async_is_reported() -> None:
    """The validator flags a synchronous root whose subtree awaits an async factory."""
    container = InjectQ()
    container.bind_factory(graphs.Session, graphs.make_session_async)
    container.bind(graphs.Via, graphs.Via)
    from injectq._graph import Root

    problems = validate(
        container._graph(), [Root("sync_handler", (), Key.of(graphs.Via), is_async=False)]
    )
    assert [p.code for p in problems] == ["IQ004"]
    assert "sync_handler" in problems[0].render()


def test_compile_prepares_every_plan(container: InjectQ) -> None:
    """compile() validates and then builds every registered key's plan."""
    container.bind(graphs.Service, graphs.Service)
    container.compile()
    assert graphs.Service in container._plans and graphs.Dependency in container._plans


def test_compile_reports_problems(container: InjectQ) -> None:
    """compile() raises the same GraphError as validate()."""
    container.bind(graphs.NeedsMissing, graphs.NeedsMissing)
    with pytest.raises(GraphError):
        container.compile()


def test_problems_are_sorted_and_stable(container: InjectQ) -> None:
    """Two runs give the same problems in the same order, each with a stable code."""
    container.bind(graphs.NeedsMissing, graphs.NeedsMissing)
    container.bind(graphs.CycleA, graphs.CycleA)
    first = [p.render() for p in validate(container._graph())]
    second = [p.render() for p in validate(container._graph())]
    assert first == second and first[0].startswith("IQ001")


def test_near_miss_hint_for_named_binding(container: InjectQ) -> None:
    """A missing unnamed key that is bound under a name gets a hint."""
    container.bind(graphs.MissingToken, graphs.MissingToken, name="primary")
    container.bind(graphs.NeedsMissing, graphs.NeedsMissing)
    problems = validate(container._graph())
    assert any("bound under name 'primary'" in (p.hint or "") for p in problems)


def _validated(container: InjectQ, code: str) -> str:
    """The rendering validate() gives the one problem of ``code`` in ``container``'s graph."""
    (problem,) = [p for p in validate(container._graph()) if p.code == code]
    return problem.render()


def test_resolution_reports_a_cycle_as_the_validator_does(container: InjectQ) -> None:
    """A cycle met while resolving carries the validator's IQ002 finding, path included."""
    container.bind(graphs.CycleA, graphs.CycleA)
    container.bind(graphs.CycleB, graphs.CycleB)
    with pytest.raises(CircularDependencyError) as info:
        container.get(graphs.CycleA)
    assert str(info.value).startswith("Circular dependency detected: tests.graphs.CycleA")
    assert info.value.problem.render() == _validated(container, "IQ002")


def test_resolution_reports_a_missing_binding_as_the_validator_does(container: InjectQ) -> None:
    """A missing dependency found while resolving carries the validator's IQ001 path."""
    container.bind(graphs.Top, graphs.Top)
    with pytest.raises(DependencyNotFoundError) as info:
        container.get(graphs.Top)
    assert str(info.value).startswith("No binding found for type: tests.graphs.MissingToken")
    assert info.value.problem.code == "IQ001"
    assert info.value.problem.path == next(
        p.path for p in validate(container._graph()) if p.code == "IQ001"
    )


def test_resolution_warns_of_a_scope_leak_as_the_validator_reports_it() -> None:
    """The leak warning of resolution and the IQ003 problem of validate() are one text."""
    lenient = InjectQ()
    lenient.bind(graphs.Session, graphs.Session, scope="request")
    lenient.bind(graphs.Via, graphs.Via, scope="transient")
    lenient.bind(graphs.LeakThroughTransient, graphs.LeakThroughTransient)
    with pytest.warns(ScopeLeakWarning) as caught:
        lenient.get(graphs.LeakThroughTransient)
    assert str(caught[0].message) == _validated(lenient, "IQ003")


def test_scope_leak_warning_points_at_the_calling_code() -> None:
    """The ScopeLeakWarning of resolution is attributed to the user's line, not to injectq."""
    lenient = InjectQ()
    lenient.bind(graphs.Session, graphs.Session, scope="request")
    lenient.bind(graphs.LeakySingleton, graphs.LeakySingleton)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lenient.get(graphs.LeakySingleton)
    leaks = [w for w in caught if issubclass(w.category, ScopeLeakWarning)]
    assert [w.filename for w in leaks] == [__file__]


def _sync_root_problems(container: InjectQ, key: object) -> list[str]:
    root = Root("sync_handler", (), Key.of(key), is_async=False)
    return [p.code for p in validate(container._graph(), [root])]


def test_sync_constructor_of_an_async_singleton_is_valid() -> None:
    """A sync root may need an async *singleton*: aget builds it first, get reads it after."""
    container = InjectQ()
    container.bind_factory(graphs.Session, graphs.make_session_async, scope="singleton")
    container.bind(graphs.Via, graphs.Via)
    assert _sync_root_problems(container, graphs.Via) == []


def test_sync_root_needing_an_async_transient_through_a_singleton_is_reported() -> None:
    """IQ004 stays for an async non-singleton, even below a sync singleton."""
    container = InjectQ()
    container.bind_factory(graphs.Session, graphs.make_session_async, scope="transient")
    container.bind(graphs.Via, graphs.Via, scope="singleton")
    assert _sync_root_problems(container, graphs.Via) == ["IQ004"]


def test_lazy_scoped_in_a_singleton_is_a_leak_and_current_is_not() -> None:
    """Lazy[K] keeps the first K it resolves; Current[K] resolves K again on every call."""

    class Keeps:
        def __init__(self, session: Lazy[graphs.Session]) -> None:
            self.session = session

    class Asks:
        def __init__(self, session: Current[graphs.Session]) -> None:
            self.session = session

    container = InjectQ()
    container.bind(graphs.Session, graphs.Session, scope="request")
    container.bind(Keeps, Keeps)
    container.bind(Asks, Asks)
    leaks = [p for p in validate(container._graph()) if p.code == "IQ003"]
    assert [p.key.short for p in leaks] == ["Keeps"]
    assert "Current[Session]" in (leaks[0].hint or "")


def test_paths_start_at_the_binding_nothing_depends_on_whatever_the_names(
    container: InjectQ,
) -> None:
    """The missing key's path starts at Top (nothing needs it), not at Middle (sorts first)."""
    container.bind(graphs.Middle, graphs.Middle)
    container.bind(graphs.Top, graphs.Top)
    (problem,) = validate(container._graph())
    assert [step.owner for step in problem.path] == ["Top.__init__", "Middle.__init__"]
    assert all(step.location for step in problem.path)  # the file:line of each hop
