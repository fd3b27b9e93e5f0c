"""The weekly risk digest: an officer hears of the projects whose contract they recorded, a
manager of their programmes', each in their own language; a week without signals sends none."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import Notification
from accounts.roles import Role
from projects.models import Instalment, InstalmentState
from projects.risk.notices import send_risk_digests
from proposals.models import IndicatorContribution
from tests.factories import UserFactory
from tests.projects.builders import funded_project, report_of

pytestmark = pytest.mark.django_db


def quiet(project):
    Instalment.objects.filter(proposal=project).update(state=InstalmentState.RELEASED)
    IndicatorContribution.objects.filter(proposal=project).delete()
    return project


def test_each_reader_gets_their_projects_in_their_language(
    officer, manager, administrator, django_capture_on_commit_callbacks
):
    project = quiet(funded_project(officer))
    colleague = UserFactory(roles=[Role.FUNDING_OFFICER], preferred_language="en")
    other = quiet(funded_project(colleague))  # recorded by a colleague: not in officer's digest
    project.call.programme.managers.add(manager)
    type(officer).objects.filter(pk=officer.pk).update(preferred_language="en")
    type(manager).objects.filter(pk=manager.pk).update(preferred_language="th")
    late = report_of(project).due_on + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_risk_digests(today=late) == 3
    for_officer = Notification.objects.get(recipient=officer)
    assert "Projects at risk" in for_officer.title and ": 1 project" in for_officer.title
    assert "Report overdue" in for_officer.body and project.reference in for_officer.body
    for_manager = Notification.objects.get(recipient=manager)
    assert "โครงการที่มีความเสี่ยง" in for_manager.title
    assert "รายงานเลยกำหนด" in for_manager.body
    assert project.reference not in Notification.objects.get(recipient=colleague).body
    assert other.reference not in for_officer.body
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [officer.email, manager.email, colleague.email]
    )
    assert not Notification.objects.filter(recipient=administrator).exists()


def test_a_quiet_week_sends_nothing(officer, manager):
    project = quiet(funded_project(officer))
    project.call.programme.managers.add(manager)
    assert send_risk_digests(today=datetime.date(2025, 1, 2)) == 0
    assert not Notification.objects.exists()


def test_the_beat_sends_the_digest_every_monday():
    entry = settings.CELERY_BEAT_SCHEDULE["risk-digests"]
    assert entry["task"] == "projects.tasks.send_risk_digests"
    assert entry["schedule"].day_of_week == {1}
