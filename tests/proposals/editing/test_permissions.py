"""Who may open, save and download on every editing page: each role, an outsider, an
anonymous visitor, the proposal's lead and a co-researcher who accepted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from proposals.models import ProposalAttachment, ProposalMunicipality, TeamMember
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_access, status_for
from tests.proposals.editing.posting import URL_NAMES, rows_data

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the sign-in page
PAGES = [*URL_NAMES.values(), "proposals:edit_attachments"]


def table(team, officer, others=404):
    """The answer for the team (lead and member), funding officers, and everyone else."""
    return {
        "researcher": others,
        "funding_officer": officer,
        "reviewer": others,
        "programme_manager": others,
        "administrator": others,
        "mentor": others,
        "finance": others,
        "outsider": others,
        "anonymous": LOGIN,
        "lead": team,
        "member": team,
    }


@pytest.mark.parametrize("url_name", PAGES)
def test_the_team_and_officers_open_each_page_others_do_not_find_it(
    client, people, proposal, url_name
):
    url = reverse(url_name, args=[proposal.pk])
    assert_access(client, people, url, table(team=200, officer=200))


@pytest.mark.parametrize("key", URL_NAMES)
def test_only_the_team_saves_each_part(client, people, proposal, key):
    url = reverse(URL_NAMES[key], args=[proposal.pk])
    data = rows_data(proposal, key)
    assert_access(client, people, url, table(team=302, officer=403), method="post", data=data)


def test_only_the_team_saves_attachments(client, people, proposal):
    url = reverse("proposals:edit_attachments", args=[proposal.pk])
    assert_access(client, people, url, table(team=302, officer=403), method="post")


def test_a_refused_save_changes_nothing(client, officer, proposal):
    town = MunicipalityFactory()
    data = rows_data(
        proposal,
        "municipalities",
        new=[{"municipality": town.pk, "contribution_kind": "none", "contribution_amount": "0"}],
    )
    client.force_login(officer)
    url = reverse("proposals:edit_municipalities", args=[proposal.pk])
    assert client.post(url, data).status_code == 403
    assert not ProposalMunicipality.objects.exists()


def test_attachment_downloads(client, people, proposal, settings, tmp_path, kinds):
    settings.MEDIA_ROOT = tmp_path
    attachment = ProposalAttachment(proposal=proposal, kind=kinds[0], original_name="a.pdf", size=9)
    attachment.file.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    url = reverse("proposals:attachment_download", args=[proposal.pk, attachment.pk])
    assert_access(client, people, url, table(team=200, officer=200))


def test_the_programmes_manager_reads_but_does_not_save(client, proposal):
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    proposal.call.programme.managers.add(manager)
    for url_name in PAGES:
        url = reverse(url_name, args=[proposal.pk])
        assert status_for(client, manager, url) == 200
        assert status_for(client, manager, url, method="post") == 403


def test_a_co_researcher_who_has_not_accepted_does_not_find_the_pages(client, proposal):
    pending = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(proposal=proposal, user=pending, email=pending.email)
    for url_name in PAGES:
        assert status_for(client, pending, reverse(url_name, args=[proposal.pk])) == 404


def test_a_co_researcher_who_declined_does_not_find_the_pages(client, proposal):
    declined = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=proposal,
        user=declined,
        email=declined.email,
        accepted_at=timezone.now(),
        declined_at=timezone.now(),
    )
    url = reverse("proposals:edit_budget", args=[proposal.pk])
    assert status_for(client, declined, url) == 404


def test_an_unknown_proposal_is_not_found(client, proposal):
    url = reverse("proposals:edit_budget", args=[proposal.pk + 1000])
    assert status_for(client, proposal.lead, url) == 404
