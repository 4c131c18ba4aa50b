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
