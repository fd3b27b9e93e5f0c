"""Calendar feeds (iCalendar): call deadlines for everyone; each person's review and report due
dates at a private address, made anew on their page (the old address then stops working)."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.models import AuditEntry
from api.calendar import services
from tests.factories import CallFactory
from tests.helpers import assert_access, count_queries
from tests.projects.builders import funded_project, report_of
from tests.reviews.screening.builders import assign

pytestmark = pytest.mark.django_db
PAGE = reverse("api:calendar")
CALLS = reverse("api:calls_feed")


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def feed_url(key):
    return reverse("api:personal_feed", args=[key])


def test_the_feed_page_is_for_everyone_with_a_role(client, personas):
    expected = {**dict.fromkeys(personas, 200), "outsider": 403, "anonymous": 302}
    assert_access(client, personas, PAGE, expected)


def test_call_deadlines_are_public(client, personas):
    call = CallFactory()
    CallFactory(is_published=False)
    assert_access(client, personas, CALLS, dict.fromkeys(personas, 200))
    summaries = events(client.get(CALLS))
    assert len(summaries) == 1 and call.title_th in summaries[0]


def test_a_reviewers_feed_holds_their_open_reviews(client, reviewer, officer):
    project = funded_project(officer)
    assign(project, reviewer)
    key = services.reset_feed(actor=reviewer)
    summaries = events(client.get(feed_url(key)))
    assert len(summaries) == 1 and project.reference in summaries[0]


def test_a_researchers_feed_holds_their_teams_reports(client, researcher, officer):
    project = funded_project(officer, lead=researcher)
    key = services.reset_feed(actor=researcher)
    calendar = Calendar.from_ical(client.get(feed_url(key)).content)
    due = {event["dtstart"].dt for event in calendar.walk("VEVENT")}
    assert report_of(project).due_on in due
    assert all(isinstance(day, datetime.date) for day in due)


def test_a_new_address_stops_the_old_one(client, researcher):
    old = services.reset_feed(actor=researcher)
    assert client.get(feed_url(old)).status_code == 200
    client.force_login(researcher)
    page = client.post(PAGE).content.decode()
    assert 'id="feed-address"' in page
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url("nonsense")).status_code == 404
    assert AuditEntry.objects.filter(action=services.FEED_RESET).count() == 2


def test_the_feed_of_someone_who_left_stops(client, researcher):
    key = services.reset_feed(actor=researcher)
    researcher.is_active = False
    researcher.save()
    assert client.get(feed_url(key)).status_code == 404


def test_feeds_run_a_fixed_number_of_queries(client, researcher, reviewer, officer):
    key = services.reset_feed(actor=reviewer)
    assign(funded_project(officer), reviewer)
    CallFactory()
    few = (
        count_queries(lambda: client.get(feed_url(key))),
        count_queries(lambda: client.get(CALLS)),
    )
    for _ in range(3):
        assign(funded_project(officer), reviewer)
        CallFactory()
    many = (
        count_queries(lambda: client.get(feed_url(key))),
        count_queries(lambda: client.get(CALLS)),
    )
    assert few == many
