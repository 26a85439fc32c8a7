"""``python -m injectq_codegen`` runs the ``injectq-gen`` command."""

from __future__ import annotations

import sys

from ._cli import main

sys.exit(main())
