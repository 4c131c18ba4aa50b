"""A pseudo-translation that shows which words on a page went through gettext.

While :func:`pseudo_translated` is active, every string gettext (and ngettext,
pgettext, the template tags and the lazy variants, which all end there) hands
back is wrapped in ⟦…⟧. A page or an email is then read the way a person
reads it (text nodes and the attributes shown to people) and every word left
outside the markers is a word no translation could reach, unless it is data:
a name, an email address, a number, a link, or text from Twofold's content
files, which are translated as files per language rather than by gettext.

    with pseudo_translated():
        html = client.get("/").content.decode()
    assert untranslated_html(html, Allowed.from_database()) == []
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from html.parser import HTMLParser
from importlib.resources import files
from typing import Any

from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import _trans, trans_real  # type: ignore[attr-defined]

OPEN, CLOSE = "⟦", "⟧"

#: Attributes whose values people read or hear: tooltips, names given to screen
#: readers, hints in empty fields, images' text, and the words the stylesheet
#: (``data-label``) and the scripts (``data-copied``) put on the page.
READ_ATTRIBUTES = frozenset(
    {"title", "aria-label", "aria-valuetext", "placeholder", "alt", "data-label", "data-copied"}
)
#: Elements inside a line of text: a run of text goes on through them.
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small"}
    | {"span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)
#: Inputs whose ``value`` is the button's text.
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})

#: The content files whose texts reach pages as they are: an instrument's
#: questions, practices and answers, the report's narrative, the activities.
CONTENT_FILES = (
    "instruments/tlmi-1.0.json",
    "narrative-en.json",
    "questionnaire-en.json",
    "activities-1.0.json",
)
#: Keys of the content files that hold identifiers, not words.
IDENTIFIER_KEYS = frozenset(
    {"schema", "id", "language", "version", "practice", "kind", "domain", "capability", "profile"}
)
#: The product's own name, which is never translated.
PRODUCT = "Twofold"

_URL = re.compile(r"https?://\S+|/[\w./?=&%#-]*/(?=\s|$)")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: Tokens, hashes and the like: long runs of letters and digits with no space.
_CODE = re.compile(r"\b[\w-]*\d[\w-]*\b|\b[\w-]{20,}\b")
_LETTER = re.compile(r"[^\W\d_]")


def _wrap(text: Any) -> Any:
    if not text:
        return text
    wrapped = f"{OPEN}{text}{CLOSE}"
    return mark_safe(wrapped) if isinstance(text, SafeData) else wrapped


@contextmanager
def pseudo_translated() -> Iterator[None]:
    """Every translated string comes back as ⟦string⟧ until the block ends."""
    real: dict[str, Callable[..., Any]] = {
        "gettext": trans_real.gettext,
        "ngettext": trans_real.ngettext,
        "pgettext": trans_real.pgettext,
        "npgettext": trans_real.npgettext,
    }
    before = {name: _trans.__dict__.get(name) for name in real}

    def wrapping(function: Callable[..., Any]) -> Callable[..., Any]:
        return lambda *args: _wrap(function(*args))

    for name, function in real.items():
        setattr(_trans, name, wrapping(function))
    try:
        yield
    finally:
        for name, function in before.items():
            if function is None:
                delattr(_trans, name)
            else:
                setattr(_trans, name, function)


class Allowed:
    """What may stand outside the markers: data, and the texts of the content files."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self._compiled: re.Pattern[str] | None = None

    def add(self, *texts: object) -> Allowed:
        """Allow these strings (and every string inside them, if containers)."""
        for text in texts:
            self.words.update(_strings(text))
        self._compiled = None
        return self

    def add_html(self, html: str) -> Allowed:
        """Allow the text of ``html`` (a chart drawn by the report package, say)."""
        reader = _Reader()
        reader.feed(html)
        reader.close()
        return self.add([chunk for chunk in reader.text if chunk], reader.attributes)

    def leftover(self, run: str) -> str:
        """``run`` if it holds words of its own, beyond data; else empty."""
        # Data first: a stored text (an audit summary) may hold an address.
        rest = _CODE.sub(" ", _EMAIL.sub(" ", self._pattern().sub(" ", _URL.sub(" ", run))))
        return " ".join(run.split()) if _LETTER.search(rest) else ""

    def _pattern(self) -> re.Pattern[str]:
        """The data and the content texts as one pattern, longest first.

        At each place in a run the longest text that fits is taken, so a
        sentence of a content file is not cut short by a name inside it.
        """
        if self._compiled is None:
            texts = [(len(word), re.escape(word)) for word in self.words]
            bodies = sorted([*texts, *content_texts()], reverse=True)
            self._compiled = re.compile(rf"(?<!\w)(?:{'|'.join(b for _, b in bodies)})(?!\w)")
        return self._compiled


def _strings(value: object) -> Iterator[str]:
    """Every string in ``value``: itself, or those in its items, fields and attributes."""
    if isinstance(value, str):
        if value.strip():
            yield value.strip()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _strings(getattr(value, name))


def _content_texts(value: object, key: str = "") -> Iterator[str]:
    if key in IDENTIFIER_KEYS:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _content_texts(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _content_texts(item, "" if isinstance(item, dict) else key)


@cache
def content_texts() -> tuple[tuple[int, str], ...]:
    """Every text of the content files as a pattern, with its length.

    ``{name}`` in a text stands for anything: a report fills it in.
    """
    folder = files("twofold.content")
    texts = {PRODUCT}
    for name in CONTENT_FILES:
        texts.update(_content_texts(json.loads(folder.joinpath(name).read_text("utf-8"))))
    return tuple(
        (len(text), ".+?".join(map(re.escape, re.split(r"\{\w+\}", text)))) for text in texts
    )


class _Reader(HTMLParser):
    """A page as a person reads it: text in document order, and the attributes they read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str | None] = []  # None: a tag that ends a run of text
        self.attributes: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        if tag not in INLINE:
            self.text.append(None)
        values = dict(attrs)
        self.attributes += [v for k, v in attrs if k in READ_ATTRIBUTES and v]
        if tag == "input" and values.get("type") in BUTTON_INPUTS and values.get("value"):
            self.attributes.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1
        if tag not in INLINE:
            self.text.append(None)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def unmarked_runs(chunks: Iterable[str | None]) -> Iterator[str]:
    """The runs of text outside every ⟦…⟧, which may span tags (``None`` ends a run)."""
    depth = 0
    run: list[str] = []
    for chunk in chunks:
        if chunk is None:
            if run:
                yield "".join(run)
            run = []
            continue
        for character in chunk:
            if character == OPEN:
                depth += 1
                if depth == 1 and run:
                    yield "".join(run)
                    run = []
            elif character == CLOSE:
                depth = max(0, depth - 1)
            elif depth == 0:
                run.append(character)
    if run:
        yield "".join(run)


def untranslated_text(text: str, allowed: Allowed) -> list[str]:
    """The words of plain ``text`` (an email, a subject) that were not translated."""
    found = []
    for line in text.splitlines():
        for run in unmarked_runs([line]):
            if rest := allowed.leftover(run):
                found.append(rest)
    return found


def untranslated_html(html: str, allowed: Allowed) -> list[str]:
    """The words of a page, shown or read out, that were not translated."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    found = [allowed.leftover(run) for run in unmarked_runs(reader.text)]
    for value in reader.attributes:
        found += [allowed.leftover(run) for run in unmarked_runs([value])]
    return [words for words in found if words]
