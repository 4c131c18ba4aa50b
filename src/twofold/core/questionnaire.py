"""The order in which a questionnaire asks its items, and how it is split into pages.

Every shell that asks the questions (the web pages, ``twofold assess``) walks
the same pages, so a person meets the same items in the same order, under the
same headings, wherever they answer (see docs/decisions/0015-one-questionnaire.md).

One page per domain, so a person thinks about one area of work at a time. On
each page the domain's leadership and management items alternate, so neither
capability is answered as a block, and no item is headed by its practice's
name, which would tell the respondent what it measures. An instrument without
domains is split into pages of its scales, in order. Items are numbered 1…k
across the whole questionnaire, which is how error messages refer to them.
A page's ``id`` is its domain's id (or its scale's), which is how an observer's
comment on the page is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from twofold.core.instrument import Instrument, Item, Scale

__all__ = ["Page", "Question", "page_of", "pages", "question", "questions"]


@dataclass(frozen=True)
class Question:
    """One item as the questionnaire asks it: its number across the whole questionnaire."""

    number: int
    item: Item

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class Page:
    """The items of one domain (or scale), under that domain's name and description."""

    number: int
    id: str
    title: str
    description: str
    questions: tuple[Question, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


def _interleave(scales: list[Scale]) -> list[Item]:
    columns = [scale.items for scale in scales]
    return [item for row in zip_longest(*columns) for item in row if item is not None]


_CACHE: dict[str, tuple[Page, ...]] = {}


def pages(instrument: Instrument) -> tuple[Page, ...]:
    """The questionnaire's pages, in order (cached per ``id@version``)."""
    if instrument.ref not in _CACHE:
        _CACHE[instrument.ref] = _split(instrument)
    return _CACHE[instrument.ref]


def questions(instrument: Instrument) -> tuple[Question, ...]:
    """Every question in the order it is asked."""
    return tuple(q for page in pages(instrument) for q in page.questions)


def _split(instrument: Instrument) -> tuple[Page, ...]:
    groups: list[tuple[str, str, str, list[Item]]] = []
    if instrument.domains:
        for domain in instrument.domains:
            scales = [s for s in instrument.scales if s.domain == domain.id]
            if scales:
                groups.append((domain.id, domain.name, domain.description, _interleave(scales)))
        loose = [s for s in instrument.scales if s.domain is None]
        for scale in loose:
            groups.append((scale.id, scale.name, scale.description, list(scale.items)))
    else:
        groups = [(s.id, s.name, s.description, list(s.items)) for s in instrument.scales]
    result: list[Page] = []
    number = 0
    for index, (page_id, title, description, items) in enumerate(groups, start=1):
        asked = []
        for item in items:
            number += 1
            asked.append(Question(number, item))
        result.append(Page(index, page_id, title, description, tuple(asked)))
    return tuple(result)


def page_of(instrument: Instrument, item_id: str) -> Page:
    """The page that asks ``item_id``."""
    for page in pages(instrument):
        if item_id in page.item_ids:
            return page
    raise KeyError(item_id)


def question(instrument: Instrument, item_id: str) -> Question:
    """The question that asks ``item_id``."""
    for q in questions(instrument):
        if q.id == item_id:
            return q
    raise KeyError(item_id)
