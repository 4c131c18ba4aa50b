"""twofold org create and list: an organisation from the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from twofold.cli.main import cli
from twofold.web.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_creates_an_organisation_with_a_short_name_made_from_its_name(
    runner: CliRunner,
) -> None:
    result = runner.invoke(cli, ["org", "create", "Acme Widgets Ltd"])
    assert result.exit_code == 0, result.output
    assert "created Acme Widgets Ltd (acme-widgets-ltd)" in result.stdout
    assert "twofold people import FILE --org acme-widgets-ltd" in result.stdout
    assert Organisation.objects.get().slug == "acme-widgets-ltd"


def test_it_takes_the_short_name_given(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["org", "create", "Acme Widgets Ltd", "--slug", "acme"])
    assert result.exit_code == 0, result.output
    assert Organisation.objects.get().slug == "acme"


def test_it_refuses_a_short_name_that_is_taken(runner: CliRunner) -> None:
    runner.invoke(cli, ["org", "create", "Acme"])
    result = runner.invoke(cli, ["org", "create", "ACME"])
    assert result.exit_code == 2
    assert "--slug: the short name 'acme' is taken by Acme; choose another" in result.stderr
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["  "], "NAME: the name is empty"),
        (["日本"], "--slug: no short name can be made from '日本'; give one"),
        (["Acme", "--slug", "acme ltd"], "--slug: the short name 'acme ltd' must be lower-case"),
    ],
)
def test_it_says_which_input_it_cannot_use(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(cli, ["org", "create", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not Organisation.objects.exists()


def test_it_lists_organisations_with_their_headcount(runner: CliRunner) -> None:
    from tests.web.org_fixtures import make_world

    make_world()
    result = runner.invoke(cli, ["org", "list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["acme    Acme    7 people", "globex  Globex  1 person"]


def test_it_says_how_to_start_when_there_is_no_organisation(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["org", "list"])
    assert result.exit_code == 0
    assert result.stdout == "no organisations yet; create one with `twofold org create NAME`\n"
