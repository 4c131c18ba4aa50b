"""Every page and form of the site, as a request in the matrix's world (see page.py)."""

from __future__ import annotations

from tests.web.matrix.organisation_pages import ORGANISATION_PAGES
from tests.web.matrix.page import Page
from tests.web.matrix.site_pages import SITE_PAGES

PAGES: list[Page] = SITE_PAGES + ORGANISATION_PAGES

assert len({p.id for p in PAGES}) == len(PAGES), "two rows with one name"
