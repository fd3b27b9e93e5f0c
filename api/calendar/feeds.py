"""iCalendar (RFC 5545) files of the feeds, made with the icalendar library: one all-day event
per review or report due date, a timed event at each call's closing moment."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//SLC Grants//Calendar//TH"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _event(uid, summary, start, url, description=""):
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('//')[-1].split('/')[0]}")
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    if isinstance(start, datetime.datetime):
        event.add("dtstart", start)
        event.add("dtend", start)
    else:
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(days=1))
    event.add("url", settings.SITE_URL.rstrip("/") + url)
    if description:
        event.add("description", description)
    return event


def calls_calendar(calls):
    calendar = _calendar(_("Calls for proposals: deadlines"))
    for call in calls:
        calendar.add_component(
            _event(
                f"call-{call.pk}",
                _("Call closes: %(title)s") % {"title": call.title_th or call.title_en},
                call.closes_at,
                call.get_absolute_url(),
                call.code,
            )
        )
    return calendar.to_ical()


def personal_calendar(assignments, reports):
    calendar = _calendar(_("My due dates"))
    for assignment in assignments:
        proposal = assignment.proposal
        calendar.add_component(
            _event(
                f"review-{assignment.pk}",
                _("Review due: %(reference)s") % {"reference": proposal.reference or proposal.pk},
                assignment.due_date,
                reverse("reviews:my_assignments"),
            )
        )
    for report in reports:
        calendar.add_component(
            _event(
                f"report-{report.pk}",
                _("Progress report due: %(reference)s %(kind)s")
                % {"reference": report.proposal.reference, "kind": report.get_kind_display()},
                report.due_on,
                report.get_absolute_url(),
            )
        )
    return calendar.to_ical()
