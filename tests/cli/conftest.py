"""Fixtures for CLI tests: a runner and small response files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.core.tiny import tiny_definition


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(tiny_definition()))
    return path


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n")
    return path
