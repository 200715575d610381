"""The playground worker's Python modules (``playground/src/runners/*.py``) run in CPython here,
as Pyodide imports them: top-level modules beside each other."""

from __future__ import annotations

import sys
from pathlib import Path

RUNNERS = Path(__file__).resolve().parents[2] / "playground" / "src" / "runners"
sys.path.insert(0, str(RUNNERS))
