"""The organisations tests share the world of ``tests/web/org_fixtures.py``."""

from tests.web.org_fixtures import login_path, org_world

__all__ = ["login_path", "org_world"]
