"""twofold.core.messages: English text that keeps what another language needs."""

from __future__ import annotations

import copy
import pickle

from twofold.core.messages import Message, gettext_noop

LOOP = gettext_noop("lines %(lines)s: the managers form a loop (%(chain)s)")


def test_it_is_the_english_text_wherever_a_string_is_expected() -> None:
    problem = Message(LOOP, lines="2, 5", chain="a → b → a")
    assert problem == "lines 2, 5: the managers form a loop (a → b → a)"
    assert isinstance(problem, str)
    assert sorted([problem, "line 1: no 'name' column"])[0] == "line 1: no 'name' column"


def test_it_keeps_its_template_and_values() -> None:
    problem = Message(LOOP, lines="2, 5", chain="a → b → a")
    assert problem.template == LOOP
    assert problem.values == {"lines": "2, 5", "chain": "a → b → a"}


def test_it_survives_a_copy_and_a_pickle_whole() -> None:
    problem = Message(gettext_noop("'%(email)s' is not 100%% an address"), email="50%@x")
    for again in (copy.deepcopy(problem), pickle.loads(pickle.dumps(problem))):
        assert again == "'50%@x' is not 100% an address"
        assert again.template == problem.template
        assert again.values == problem.values


def test_it_leaves_a_marked_text_as_it_is() -> None:
    assert gettext_noop("no such file") == "no such file"
