"""Each page and action of mentoring, for each role (the mentor included), an outsider and an
anonymous visitor. Only the team and the mentor it shares with see the threads: not the
reviewers, not the staff."""

import pytest
from django.urls import reverse

from proposals.mentoring import services
from proposals.models import MentorAssignment, MentorThread
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db

LOGIN = 302
NAMES = [
    "researcher",
    "funding_officer",
    "reviewer",
    "programme_manager",
    "administrator",
    "mentor",
    "finance",
    "outsider",
]


def table(default, **answers):
    return {**dict.fromkeys(NAMES, default), "anonymous": LOGIN, **answers}


def test_only_programme_managers_assign_mentors(client, personas, programme):
    url = reverse("proposals:mentor_assignments")
    assert_access(client, personas, url, table(403, programme_manager=200))


def test_only_mentors_list_the_drafts_shared_with_them(client, personas):
    url = reverse("proposals:mentor_drafts")
    assert_access(client, personas, url, table(403, mentor=200))


@pytest.mark.parametrize("name", ["proposals:mentoring", "proposals:framework_fit"])
def test_a_shared_draft_is_open_to_its_team_and_mentor_only(client, personas, shared, name):
    url = reverse(name, args=[shared.pk])
    assert_access(client, personas, url, table(404, researcher=200, mentor=200))


@pytest.mark.parametrize("name", ["proposals:mentoring", "proposals:framework_fit"])
def test_a_draft_not_shared_is_closed_to_the_mentor(client, personas, draft, name):
    url = reverse(name, args=[draft.pk])
    assert_access(client, personas, url, table(404, researcher=200))


def test_only_the_mentor_shared_with_opens_a_thread(client, personas, shared):
    url = reverse("proposals:mentoring_comment", args=[shared.pk])
    data = {"part": "problem", "text": "ลองระบุกลุ่มเป้าหมาย"}
    expected = table(404, researcher=302, mentor=302)
    assert_access(client, personas, url, expected, method="post", data=data)
    assert list(MentorThread.objects.values_list("opened_by__email", flat=True)) == [
        personas["mentor"].email
    ]


def test_only_the_team_resolves_a_thread(client, personas, shared, mentor):
    thread = services.comment(actor=mentor, proposal=shared, part="method", text="ขยายความ")
    url = reverse("proposals:mentoring_resolve", args=[shared.pk, thread.pk])
    expected = table(404, researcher=302, mentor=302)
    client.force_login(mentor)
    client.post(url)
    thread.refresh_from_db()
    assert not thread.is_resolved
    assert_access(client, personas, url, expected, method="post")
    thread.refresh_from_db()
    assert thread.resolved_by == personas["researcher"]


def test_ending_an_assignment_is_for_the_programme_managers(client, personas, shared):
    assignment = MentorAssignment.objects.get()
    url = reverse("proposals:mentor_assignment_end", args=[assignment.pk])
    assert_access(client, personas, url, table(403, programme_manager=302), method="post")
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
