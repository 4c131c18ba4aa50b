"""Every string marked for translation is one ``django-admin makemessages`` can collect.

makemessages reads the source, not the running program: a message must be a
string literal where it is marked. A message built at run time (an f-string,
``%`` or ``+`` inside the call, a variable) is never in the catalogue, so it
stays English in every language; a positional placeholder (``%s``) cannot be
moved by a translation that needs another word order.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "twofold"

#: The marking functions, and which of their arguments are messages.
MESSAGES = {
    "_": (0,),
    "gettext": (0,),
    "gettext_lazy": (0,),
    "gettext_noop": (0,),
    "ngettext": (0, 1),
    "ngettext_lazy": (0, 1),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
#: The one module that translates messages marked elsewhere: a core message's template,
#: marked with gettext_noop where the core writes it.
TRANSLATES_MARKED = "web/translation.py"
_POSITIONAL = re.compile(r"(?<!%)%(?!\(|%)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
_TEMPLATE_TRANSLATE = re.compile(r"\{%\s*(?:translate|trans)\s+(\S+)")


def marked(source: str) -> Iterator[tuple[int, str, ast.expr]]:
    """Each message argument of a marking call in ``source``: (line, function, argument)."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        for index in MESSAGES.get(name, ()):
            if index < len(node.args):
                yield node.lineno, name, node.args[index]


def problems(source: str, where: str) -> list[str]:
    """What makemessages would miss or a translation could not reorder, in ``source``."""
    found = []
    for line, name, argument in marked(source):
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            found.append(f"{where}:{line}: {name}() of {ast.unparse(argument)}, not a literal")
        elif _POSITIONAL.search(argument.value):
            found.append(f"{where}:{line}: {name}({argument.value!r}) has a positional placeholder")
    return found


def test_it_catches_a_message_built_at_run_time() -> None:
    source = (
        'x = _(f"Hello {name}")\ny = gettext("Hi " + name)\nz = ngettext("%s day", "%s days", n)'
    )
    assert problems(source, "example.py") == [
        "example.py:1: _() of f'Hello {name}', not a literal",
        "example.py:2: gettext() of 'Hi ' + name, not a literal",
        "example.py:3: ngettext('%s day') has a positional placeholder",
        "example.py:3: ngettext('%s days') has a positional placeholder",
    ]
    assert problems('_("%(count)d of 100%% done") % {"count": 3}', "example.py") == []


def test_it_finds_every_message_of_the_code_as_a_literal_with_named_placeholders() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        where = str(path.relative_to(SRC))
        if where != TRANSLATES_MARKED:
            found += problems(path.read_text("utf-8"), where)
    assert found == []


def test_it_finds_every_message_of_the_templates_as_a_literal() -> None:
    found = []
    for path in sorted(SRC.rglob("templates/**/*.*")):
        for line, text in enumerate(path.read_text("utf-8").splitlines(), start=1):
            for argument in _TEMPLATE_TRANSLATE.findall(text):
                if argument[0] not in "\"'":
                    found.append(f"{path.relative_to(SRC)}:{line}: translate {argument}")
    assert found == []
