"""The organisations tests share the world of ``tests/web/org_fixtures.py``."""

from tests.web.org_fixtures import org_world

__all__ = ["org_world"]
