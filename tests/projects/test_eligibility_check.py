"""The system's eligibility check that projects provide: no overdue progress report on a
project of the applicant's teams."""

import datetime

import pytest
from django.utils import timezone

from projects.checks import no_overdue_report
from projects.models import ProgressReport
from proposals.models import ProgressReportKind
from tests.factories import UserFactory
from tests.projects.builders import add_member, funded_project

pytestmark = pytest.mark.django_db


def test_an_overdue_report_of_the_team_makes_its_members_ineligible(officer, researcher):
    project = funded_project(officer)
    member = add_member(project, researcher)
    ProgressReport.objects.filter(proposal=project).update(
        due_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    assert no_overdue_report(project.lead) == ""
    assert no_overdue_report(member) == ""
    ProgressReport.objects.filter(proposal=project, kind=ProgressReportKind.MONTH_6).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert project.reference in no_overdue_report(project.lead)
    assert project.reference in no_overdue_report(member)
    assert no_overdue_report(UserFactory()) == ""
