"""The measurement core must stay usable as a library without the web shell."""

from __future__ import annotations

import subprocess
import sys


def test_it_imports_the_core_without_django() -> None:
    code = (
        "import sys, twofold.core.scoring, twofold.core.responses, twofold.core.activities, "
        "twofold.content, twofold.reports.build; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
