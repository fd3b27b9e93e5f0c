"""In-app notifications and their emails: the service, the page behind the bell, the badge, and
who hears of each transition (only once it has committed)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.models import Notification
from accounts.notifications.services import notify
from accounts.roles import Role
from proposals.lifecycle import services
from proposals.models import Proposal, ProposalState, TeamMember
from tests.factories import UserFactory
from tests.helpers import assert_access, assert_flat_queries

# A registered kind whose programme has no text of its own: the default words.
ANY_KIND = "proposal.submit"

pytestmark = pytest.mark.django_db

S = ProposalState


def test_notify_writes_one_row_per_person_in_their_language(django_capture_on_commit_callbacks):
    thai = UserFactory(preferred_language="th")
    english = UserFactory(preferred_language="en")
    unset = UserFactory(preferred_language="")
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            kind=ANY_KIND,
            recipients=[thai, english, unset, thai, gone, None],
            title=gettext_lazy("Calls for proposals"),
            body=lambda: translation.get_language(),
            url="/calls/",
        )
    assert len(rows) == 3
    by_person = {row.recipient: row for row in Notification.objects.all()}
    assert (by_person[thai].title, by_person[thai].body) == ("ประกาศรับข้อเสนอโครงการ", "th")
    assert (by_person[english].title, by_person[english].body) == ("Calls for proposals", "en")
    assert by_person[unset].body == "th"  # Thai first
    assert by_person[thai].url == "/calls/"
    assert by_person[thai].read_at is None


def test_notify_emails_each_person_after_the_commit(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://grants.example.org"
    person = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=ANY_KIND,
            recipients=[person],
            title="Ready",
            body="Your proposal is ready.",
            url="/p/1/",
        )
        assert mail.outbox == []
    (email,) = mail.outbox
    assert email.to == [person.email]
    assert email.subject.endswith("Ready")
    assert "Your proposal is ready." in email.body
    assert "https://grants.example.org/p/1/" in email.body


# The page behind the bell.

LOGIN = 302


def test_the_notification_page_is_for_every_signed_in_person(client, personas):
    expected = {name: 200 for name in personas}
    expected["anonymous"] = LOGIN
    assert_access(client, personas, reverse("notifications"), expected)


def test_each_person_sees_only_their_own_newest_first(client, researcher, officer):
    notify(kind=ANY_KIND, recipients=[researcher], title="เก่า", body="", url="/")
    notify(kind=ANY_KIND, recipients=[researcher], title="ใหม่", body="", url="/")
    notify(kind=ANY_KIND, recipients=[officer], title="ของคนอื่น", body="", url="/")
    client.force_login(researcher)
    page = client.get(reverse("notifications")).content.decode()
    assert "ของคนอื่น" not in page
    assert page.index("ใหม่") < page.index("เก่า")
    bell = f'active" aria-current="page" href="{reverse("notifications")}"'
    assert bell in page  # the bell is the current page here, and only here
    assert bell not in client.get(reverse("home")).content.decode()


def test_the_page_runs_as_many_queries_with_many_notifications(client, researcher):
    def make(n):
        for i in range(n):
            notify(kind=ANY_KIND, recipients=[researcher], title=f"เรื่อง {i}", body="", url="/")

    assert_flat_queries(client, researcher, reverse("notifications"), make, few=1, many=20)


def test_marking_one_read(client, researcher):
    (first,) = notify(kind=ANY_KIND, recipients=[researcher], title="หนึ่ง", body="", url="/calls/")
    (second,) = notify(kind=ANY_KIND, recipients=[researcher], title="สอง", body="", url="/")
    client.force_login(researcher)
    response = client.post(reverse("notification_read", args=[first.pk]))
    assert response.status_code == 302
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, researcher):
    (row,) = notify(kind=ANY_KIND, recipients=[researcher], title="หนึ่ง", body="", url="/calls/")
    client.force_login(researcher)
    response = client.post(reverse("notification_read", args=[row.pk]), {"open": "1"})
    assert response.url == "/calls/"
    assert Notification.objects.get(pk=row.pk).read_at is not None


def test_nobody_marks_another_persons_notification(client, researcher, officer):
    (row,) = notify(kind=ANY_KIND, recipients=[officer], title="ของเจ้าหน้าที่", body="", url="/")
    client.force_login(researcher)
    assert client.post(reverse("notification_read", args=[row.pk])).status_code == 404
    assert Notification.objects.get(pk=row.pk).read_at is None


def test_marking_needs_a_post(client, researcher):
    (row,) = notify(kind=ANY_KIND, recipients=[researcher], title="หนึ่ง", body="", url="/")
    client.force_login(researcher)
    assert client.get(reverse("notification_read", args=[row.pk])).status_code == 405
    assert client.get(reverse("notifications_read_all")).status_code == 405


def test_marking_all_read_touches_only_ones_own(client, researcher, officer):
    notify(kind=ANY_KIND, recipients=[researcher, officer], title="ทุกคน", body="", url="/")
    notify(kind=ANY_KIND, recipients=[researcher], title="อีกเรื่อง", body="", url="/")
    client.force_login(researcher)
    client.post(reverse("notifications_read_all"))
    assert not Notification.objects.filter(recipient=researcher, read_at=None).exists()
    assert Notification.objects.filter(recipient=officer, read_at=None).count() == 1


def test_anonymous_visitors_cannot_mark_anything(client, researcher):
    (row,) = notify(kind=ANY_KIND, recipients=[researcher], title="หนึ่ง", body="", url="/")
    assert client.post(reverse("notification_read", args=[row.pk])).status_code == LOGIN
    assert client.post(reverse("notifications_read_all")).status_code == LOGIN
    assert Notification.objects.get(pk=row.pk).read_at is None


# The bell's badge.


def notification_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    queries = [q["sql"] for q in context.captured_queries if "accounts_notification" in q["sql"]]
    return response.content.decode(), queries


def test_the_bell_shows_the_unread_count_with_one_query(client, researcher):
    notify(kind=ANY_KIND, recipients=[researcher], title="หนึ่ง", body="", url="/")
    notify(kind=ANY_KIND, recipients=[researcher], title="สอง", body="", url="/")
    read, *_ = notify(kind=ANY_KIND, recipients=[researcher], title="สาม", body="", url="/")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    client.force_login(researcher)
    page, queries = notification_queries(client, reverse("home"))
    assert len(queries) == 1
    assert 'badge rounded-pill text-bg-warning">2<' in page
    assert reverse("notifications") in page


def test_the_bell_shows_no_badge_when_all_is_read(client, researcher):
    client.force_login(researcher)
    page, queries = notification_queries(client, reverse("home"))
    assert len(queries) == 1
    assert "badge rounded-pill text-bg-warning" not in page


def test_anonymous_visitors_have_no_bell_and_no_query(client):
    page, queries = notification_queries(client, reverse("home"))
    assert queries == []
    assert reverse("notifications") not in page


# Who hears of a transition.


@pytest.fixture
def team(complete_proposal):
    """The lead, a co-researcher who accepted (reading English) and one still invited."""
    co_researcher = UserFactory(roles=[Role.RESEARCHER], preferred_language="en")
    invitee = UserFactory(roles=[Role.RESEARCHER])
    TeamMember.objects.create(
        proposal=complete_proposal,
        user=co_researcher,
        email=co_researcher.email,
        accepted_at=timezone.now(),
    )
    TeamMember.objects.create(proposal=complete_proposal, user=invitee, email=invitee.email)
    return {"lead": complete_proposal.lead, "co": co_researcher, "invitee": invitee}


@pytest.fixture
def officers(db):
    return [UserFactory(roles=[Role.FUNDING_OFFICER]) for _ in range(2)]


def put_in_state(proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    return Proposal.objects.get(pk=proposal.pk)


def recipients():
    return {row.recipient for row in Notification.objects.all()}


def test_a_submission_notifies_the_team_and_the_officers_after_the_commit(
    complete_proposal, team, officers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(proposal=complete_proposal, name="submit", actor=team["lead"])
        assert not Notification.objects.exists()
        assert mail.outbox == []
    assert recipients() == {team["lead"], team["co"], *officers}
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        user.email for user in [team["lead"], team["co"], *officers]
    )
    reference = Proposal.objects.get(pk=complete_proposal.pk).reference
    (english,) = [email for email in mail.outbox if email.to == [team["co"].email]]
    assert english.subject.endswith(f"Proposal {reference} was submitted")
    row = Notification.objects.get(recipient=team["co"])
    assert row.url == reverse("proposals:proposal_detail", args=[complete_proposal.pk])


def test_a_refused_transition_notifies_nobody(
    complete_proposal, team, officers, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.TransitionError),
    ):
        services.transition(proposal=complete_proposal, name="return", actor=officers[0])
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("name", "state", "actor"),
    [
        ("return", S.SUBMITTED, "officer"),
        ("screen_pass", S.SUBMITTED, "officer"),
        ("request_revision", S.IN_REVIEW, "manager"),
        ("approve", S.IN_REVIEW, "manager"),
        ("reject", S.IN_REVIEW, "manager"),
        ("fund", S.APPROVED, "officer"),
        ("complete", S.ACTIVE, "officer"),
        ("close", S.COMPLETED, "officer"),
        ("terminate", S.ACTIVE, "manager"),
    ],
)
def test_decisions_notify_the_team_only(
    name, state, actor, complete_proposal, team, officers, django_capture_on_commit_callbacks
):
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    complete_proposal.call.programme.managers.add(manager)
    proposal = put_in_state(complete_proposal, state)
    actors = {"officer": officers[0], "manager": manager}
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(proposal=proposal, name=name, actor=actors[actor], comment="เหตุผล")
    assert recipients() == {team["lead"], team["co"]}
    assert len(mail.outbox) == 2
    assert all("เหตุผล" in row.body for row in Notification.objects.all())


def test_withdrawing_a_draft_notifies_nobody(
    complete_proposal, team, officers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(proposal=complete_proposal, name="withdraw", actor=team["lead"])
    assert not Notification.objects.exists()


def test_withdrawing_a_submitted_proposal_notifies_the_officers(
    complete_proposal, team, officers, django_capture_on_commit_callbacks
):
    proposal = put_in_state(complete_proposal, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(proposal=proposal, name="withdraw", actor=team["lead"], comment="ขอถอน")
    assert recipients() == set(officers)
