"""The README's tour, read from the README itself, and a type check of it as user code.

``python -m tests.readme_tour`` (part of ``make typecheck``) runs mypy with the project's settings
(``--strict``) on the python block under "## A short tour" and reports errors at their README
lines. ``test_readme.py`` runs the same block, so the two cannot drift apart.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_TOUR = re.compile(r"^## A short tour\n.*?^```python\n(.*?)^```", re.S | re.M)


def tour() -> tuple[str, int]:
    """The tour's source and the README line its first line is on."""
    text = README.read_text(encoding="utf-8")
    found = _TOUR.search(text)
    if found is None:
        raise LookupError("README.md has no python block under '## A short tour'")
    return found.group(1), text.count("\n", 0, found.start(1)) + 1


def typecheck() -> int:
    """Run mypy on the tour as a user's module; print its report in README lines; its status."""
    from mypy import api

    source, first = tour()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "readme_tour.py"
        path.write_text(source, encoding="utf-8")
        out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(path)])
    located = re.compile(rf"^{re.escape(str(path))}:(\d+):", re.M)
    out = located.sub(lambda line: f"README.md:{int(line.group(1)) + first - 1}:", out)
    sys.stdout.write(f"mypy on the tour in README.md:\n{out}")
    sys.stderr.write(err)
    return status


if __name__ == "__main__":
    sys.exit(typecheck())
