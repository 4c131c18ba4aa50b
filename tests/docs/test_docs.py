"""The user docs name every setting and every API route the code has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (ROOT / "src/twofold/web/settings.py").read_text()
SETTING_NAMES = sorted(set(re.findall(r'env_\w+\("([A-Z_]+)"', SETTINGS)) | {"TWOFOLD_HOME"})


@pytest.mark.parametrize("name", SETTING_NAMES)
def test_it_documents_every_setting(name: str) -> None:
    assert f"`{name}`" in (ROOT / "docs/configuration.md").read_text()


def test_it_documents_every_api_route() -> None:
    from twofold.web.api import api

    documented = (ROOT / "docs/api.md").read_text()
    paths = api.get_openapi_schema()["paths"]
    for path, operations in paths.items():
        for method in operations:
            assert f"`{method.upper()} {path}`" in documented, f"{method.upper()} {path}"


STATS_MODULES = [
    "agreement",
    "change",
    "covariance",
    "icc",
    "norms",
    "omega",
    "patterns",
    "raters",
    "reliability",
    "scale_moments",
]


@pytest.mark.parametrize("module", STATS_MODULES)
def test_it_documents_every_public_statistic(module: str) -> None:
    import importlib

    documented = "".join(p.read_text() for p in (ROOT / "docs").glob("statistics-*.md"))
    public = importlib.import_module(f"twofold.core.stats.{module}").__all__
    missing = [name for name in public if f"`{name}`" not in documented]
    assert missing == [], f"twofold.core.stats.{module}: {missing} not in docs/statistics-*.md"
