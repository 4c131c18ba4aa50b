"""create_organisation and choose_organisation: short names that are clear and never clash."""

from __future__ import annotations

import pytest

from twofold.web.organisations.models import Organisation
from twofold.web.organisations.services import (
    OrganisationError,
    choose_organisation,
    create_organisation,
)


def test_it_makes_the_short_name_from_the_name(db: None) -> None:
    organisation = create_organisation("  Acme Widgets Ltd. ")
    assert (organisation.name, organisation.slug) == ("Acme Widgets Ltd.", "acme-widgets-ltd")


def test_it_makes_a_plain_short_name_from_accented_letters(db: None) -> None:
    assert create_organisation("Société Générale").slug == "societe-generale"


def test_it_takes_a_short_name_given_in_any_case(db: None) -> None:
    assert create_organisation("Acme Widgets", slug="ACME").slug == "acme"


def test_it_refuses_a_short_name_that_is_taken(db: None) -> None:
    create_organisation("Acme")
    with pytest.raises(OrganisationError) as caught:
        create_organisation("ACME")
    assert str(caught.value) == "the short name 'acme' is taken by Acme; choose another"
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "slug", "message"),
    [
        ("   ", None, "the name is empty"),
        ("日本", None, "no short name can be made from '日本'; give one"),
        ("Acme", "acme ltd", "the short name 'acme ltd' must be lower-case letters"),
        ("Acme", "-acme", "the short name '-acme' must be lower-case letters"),
        ("Acme", "a" * 61, "at most 60 characters"),
        ("A" * 201, None, "the name must be one line of at most 200 characters"),
        ("Acme\nLtd", None, "the name must be one line"),
    ],
)
def test_it_refuses_a_name_or_short_name_it_cannot_use(
    db: None, name: str, slug: str | None, message: str
) -> None:
    with pytest.raises(OrganisationError, match=message[:40].replace("(", r"\(")):
        create_organisation(name, slug=slug)
    assert not Organisation.objects.exists()


def test_it_chooses_the_only_organisation_when_none_is_named(db: None) -> None:
    acme = create_organisation("Acme")
    assert choose_organisation(None) == acme


def test_it_asks_which_organisation_when_there_are_several(db: None) -> None:
    create_organisation("Acme")
    create_organisation("Globex")
    with pytest.raises(OrganisationError) as caught:
        choose_organisation(None)
    assert str(caught.value) == "there are 2 organisations; choose one of: acme, globex"
    assert choose_organisation("globex").name == "Globex"


def test_it_lists_the_short_names_when_one_is_unknown(db: None) -> None:
    create_organisation("Acme")
    with pytest.raises(OrganisationError) as caught:
        choose_organisation("initech")
    assert str(caught.value) == "no organisation is called 'initech'; choose one of: acme"


def test_it_says_when_there_is_no_organisation_yet(db: None) -> None:
    with pytest.raises(OrganisationError, match="there is no organisation yet"):
        choose_organisation(None)
