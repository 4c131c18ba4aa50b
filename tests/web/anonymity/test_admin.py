"""Attack: read raters' answers through Django's admin, as a superuser.

Every page of every registered model is opened (its list and each object's
own page) before and after release, and searched for what must never show:
a response set's answers or comments (the participant's own included) and
the link tokens that would open them.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from tests.web import release_fixtures as make

from twofold.web.accounts.models import Role
from twofold.web.assessments.models import Assessment, ResponseSet
from twofold.web.campaigns.models import Invitation, InvitationStatus, ReleasedResponse
from twofold.web.campaigns.release import release_participants

pytestmark = pytest.mark.django_db

SECRET = "Quokka-zephyr-7731 talks over everyone"
OWN_SECRET = "Marmoset-lantern-0420 my own weak spot"
# A pattern no page shows by chance: the item ids exist only in answers.
PATTERN = make.answers(3, env1=1, env2=5, env3=2, pln1=None)


@pytest.fixture
def seeded():
    org = make.organisation()
    hr = make.account(org, Role.ADMIN, "hr@example.org")
    campaign = make.campaign(org)
    ada = make.participant(campaign, "Ada Lovelace")
    ResponseSet.objects.filter(pk=ada.assessment.self_response_set().pk).update(
        answers=PATTERN, comments={"strength": OWN_SECRET}
    )
    make.raters(
        ada, "peers", 3, given=PATTERN, comments={"strength": SECRET, "domains": {"d": SECRET}}
    )
    make.rater(
        ada, "others", "Olly Other", given=PATTERN, comments={"change": SECRET}, submitted=False
    )
    make.rater(ada, "others", "Dee Clined", status=InvitationStatus.DECLINED)
    return hr, ada


@pytest.fixture
def superuser() -> Client:
    user = get_user_model().objects.create_superuser("root@example.org", "root@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def _secrets() -> list[str]:
    tokens = [*ResponseSet.objects.values_list("respond_token", flat=True)]
    tokens += Invitation.objects.values_list("token", flat=True)
    tokens += Assessment.objects.values_list("report_token", flat=True)
    return [SECRET, OWN_SECRET, "env1", "pln1", *tokens]


def _every_admin_page(client: Client) -> dict[str, str]:
    pages = {}
    for model, _ in admin.site._registry.items():
        meta = model._meta
        listing = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        pages[listing] = client.get(listing)
        for pk in model._default_manager.values_list("pk", flat=True):
            page = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])
            pages[page] = client.get(page)
    for url, response in pages.items():
        assert response.status_code == 200, url
    return {url: response.content.decode() for url, response in pages.items()}


def _assert_nothing_shows(client: Client) -> None:
    secrets = _secrets()
    pages = _every_admin_page(client)
    assert any("/responseset/" in url for url in pages)  # the pages were really visited
    for url, html in pages.items():
        for secret in secrets:
            assert secret not in html, (url, secret)


def test_it_shows_no_answers_comments_or_links_before_release(seeded, superuser) -> None:
    _assert_nothing_shows(superuser)


def test_it_shows_no_answers_comments_or_links_after_release(seeded, superuser) -> None:
    hr, ada = seeded
    release_participants([ada], hr)
    assert ReleasedResponse.objects.exists()
    _assert_nothing_shows(superuser)


def test_it_does_not_list_released_responses(seeded) -> None:
    assert ReleasedResponse not in admin.site._registry


def test_it_shows_an_invitation_by_status_and_who_only(seeded, superuser) -> None:
    _, ada = seeded
    invitation = ada.invitations.filter(response_set__isnull=False).first()
    url = reverse("admin:campaigns_invitation_change", args=[invitation.pk])
    html = superuser.get(url).content.decode()
    assert invitation.name in html
    assert invitation.email in html
    assert "Invited" in html
    assert "response" not in html.lower().split('id="content"')[1].split("</form>")[0]


def test_it_refuses_to_change_or_delete_a_response_set(seeded, superuser) -> None:
    target = ResponseSet.objects.exclude(rater_role="self").first()
    change = reverse("admin:assessments_responseset_change", args=[target.pk])
    delete = reverse("admin:assessments_responseset_delete", args=[target.pk])
    assert superuser.post(change, {"rater_role": "manager", "answers": "{}"}).status_code == 403
    assert superuser.post(delete, {"post": "yes"}).status_code == 403
    listing = reverse("admin:assessments_responseset_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    superuser.post(listing, bulk)
    # Deleting an assessment would delete its response sets with it.
    assessment = reverse("admin:assessments_assessment_delete", args=[target.assessment_id])
    assert superuser.post(assessment, {"post": "yes"}).status_code == 403
    target.refresh_from_db()
    assert target.rater_role == "peers"
    assert target.answers == PATTERN


@pytest.mark.parametrize(
    "query",
    [
        "?answers__env1=1",
        "?answers__env1__lt=2",
        "?comments__icontains=Quokka",
        "?respond_token__startswith=a",
        "?submitted_at__isnull=False",
    ],
)
def test_it_refuses_to_filter_by_what_was_answered(seeded, superuser, query) -> None:
    # Counting the rows that match a guess would reveal what someone wrote.
    response = superuser.get(reverse("admin:assessments_responseset_changelist") + query)
    assert response.status_code == 400


def test_it_offers_no_search_of_answers(seeded, superuser) -> None:
    listing = reverse("admin:assessments_responseset_changelist")
    everything = superuser.get(listing).content.decode()
    searched = superuser.get(listing + "?q=Quokka").content.decode()
    assert "5 response sets" in everything
    assert "5 response sets" in searched


def test_its_view_on_site_shortcut_hands_out_no_link(seeded, superuser) -> None:
    """The admin's /admin/r/<type>/<id>/ would redirect to an assessment's report link."""
    from django.contrib.contenttypes.models import ContentType

    for model in (Assessment, ResponseSet, Invitation):
        kind = ContentType.objects.get_for_model(model)
        for pk in model._default_manager.values_list("pk", flat=True):
            response = superuser.get(f"/admin/r/{kind.pk}/{pk}/")
            assert response.status_code == 404
            assert "Location" not in response
