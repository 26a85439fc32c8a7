"""W9: production cold start, whole processes.

A fresh interpreter imports W6's 200-class app and resolves its root, three ways:

- hand-written: import the hand-written wiring module and call its builder;
- generated: import W6's generated container module, ``Container().get(Node0)``;
- runtime: ``InjectQ(modules=[W6Module]).get(Node0)``.

Beside them, a bare interpreter (``python -c pass``) and ``python -c "import injectq"``.
Every process starts with bytecode caches in place (two warm-up runs of each command, and
``PYTHONDONTWRITEBYTECODE`` removed from the child environment), as an installed application
has them. Rounds alternate the commands (hand-written, generated, ...); each cell is the
median whole-process wall time, and each difference is the median of the per-round
differences, so a noisy round moves both sides of it. The 200 classes live in a module that
imports nothing (``wide_nodes.py``): the hand-written column never imports injectq.

With ``INJECTQ_PURE=1`` injectq uses its pure-Python implementation even when the compiled
accelerator is installed; the generated and runtime commands run both ways.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter_ns

from benchmarks import generate, wide

KEY = "W9"
ROOT_DIR = Path(__file__).resolve().parent.parent
ROUNDS_FULL = 21
ROUNDS_QUICK = 7
GENERATED_TARGET_MS = 10.0
IMPORT_TARGET_MS = 25.0
_NODES = wide.NODES_MODULE
_CONTAINER = generate.module_name("W6")


@dataclass(frozen=True, slots=True)
class Command:
    """One kind of process: a label, its ``-c`` program and whether injectq runs pure."""

    label: str
    code: str
    pure: bool = False


BARE = Command("bare interpreter: `python -c pass`", "pass")
IMPORT = Command("`import injectq`", "import injectq")
HAND = Command(
    "hand-written: import the wiring module, build the root",
    f"from {wide.HANDWIRED_MODULE} import build_by_hand\nbuild_by_hand()",
)
GENERATED = Command(
    "generated: import the container module, `Container().get(Root)`",
    f"from {_CONTAINER} import Container\nfrom {_NODES} import Node0\nContainer().get(Node0)",
)
RUNTIME = Command(
    "runtime: `InjectQ(modules=[W6Module()]).get(Root)`",
    "from injectq import InjectQ\n"
    f"from {wide.SOURCE_MODULE} import Node0, W6Module\n"
    "InjectQ(modules=[W6Module()]).get(Node0)",
)


def _pure(command: Command) -> Command:
    return Command(f"{command.label} (pure)", command.code, pure=True)


COMMANDS = (HAND, GENERATED, BARE, IMPORT, RUNTIME, _pure(GENERATED), _pure(RUNTIME))


def _env(pure: bool) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
    }
    env.pop("INJECTQ_PURE", None)
    if pure:
        env["INJECTQ_PURE"] = "1"
    return env


def run_once(command: Command) -> float:
    """Whole-process wall time of one run, in ms; a failing process raises."""
    env = _env(command.pure)
    start = perf_counter_ns()
    done = subprocess.run(
        [sys.executable, "-c", command.code], cwd=ROOT_DIR, env=env, capture_output=True
    )
    elapsed = (perf_counter_ns() - start) / 1e6
    if done.returncode != 0:
        last = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"{command.label}: exit {done.returncode}: {last}")
    return elapsed


def measure(commands: Sequence[Command], rounds: int) -> dict[Command, list[float]]:
    """Per command, its wall times in ms, one per round; commands alternate within a round."""
    for command in commands:  # warm-up: bytecode caches written, files in the page cache
        run_once(command)
        run_once(command)
    times: dict[Command, list[float]] = {c: [] for c in commands}
    for _ in range(rounds):
        for command in commands:
            times[command].append(run_once(command))
    return times


def _paired(times: dict[Command, list[float]], a: Command, b: Command) -> float:
    return statistics.median(x - y for x, y in zip(times[a], times[b], strict=True))


def _verdict(value: float, target: float) -> str:
    return f"{'meets' if value <= target else 'misses'} the target (≤ {target:g} ms)"


def render(times: dict[Command, list[float]], rounds: int) -> list[str]:
    """The W9 table and the differences the targets are about."""
    median: Callable[[Command], float] = lambda c: statistics.median(times[c])  # noqa: E731
    hand = median(HAND)
    lines = [
        f"## W9: production cold start ({wide.SIZE}-class app, whole process)",
        "",
        f"{rounds} rounds alternating the commands; median wall time per process; bytecode "
        "caches in place.",
        "",
        "| process | median | vs hand-written |",
        "|---|---|---|",
    ]
    for command in COMMANDS:
        if command is BARE or command is HAND:
            ratio = ""
        elif command is IMPORT:
            ratio = f"({_paired(times, IMPORT, BARE):+.1f} ms vs bare)"
        else:
            ratio = f"x{median(command) / hand:.2f}, {_paired(times, command, HAND):+.1f} ms"
        lines.append(f"| {command.label} | {median(command):.1f} ms | {ratio} |")
    gen_diff = _paired(times, GENERATED, HAND)
    import_diff = _paired(times, IMPORT, BARE)
    lines += [
        "",
        f"- generated - hand-written: {gen_diff:+.1f} ms (x{median(GENERATED) / hand:.2f}); "
        + _verdict(gen_diff, GENERATED_TARGET_MS),
        f"- `import injectq` - bare interpreter: {import_diff:+.1f} ms; "
        + _verdict(import_diff, IMPORT_TARGET_MS),
    ]
    return lines


def run(quick: bool) -> list[str]:
    """Generate W6's container if needed, then measure and render W9."""
    reason = generate.generate_all().get("W6")
    if reason is not None:
        return ["## W9: production cold start", "", f"FAIL: W6 not generated: {reason}"]
    rounds = ROUNDS_QUICK if quick else ROUNDS_FULL
    try:
        times = measure(COMMANDS, rounds)
    except RuntimeError as exc:
        return ["## W9: production cold start", "", f"FAIL: {exc}"]
    return render(times, rounds)
