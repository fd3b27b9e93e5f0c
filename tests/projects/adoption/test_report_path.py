"""Accepted progress reports move technology adoption, end to end through the real services
(fund, submit, accept), worked out by hand: the 6-month report piloting, the final report
adopted, a second project's final report in a city that already adopted it scaled up (the
default plan of the tests has no contract report: `stage_after` covers its "interested")."""

import pytest

from accounts.models import AuditEntry
from projects.adoption.services import record_stage, stage_after
from projects.models import Adoption, AdoptionStage, ProgressReport
from projects.progress.services import states as report_states
from proposals.models import ProgressReportKind, ProposalMunicipality
from tests.projects.builders import funded_project, report_of
from tests.projects.report_builders import complete_report

pytestmark = pytest.mark.django_db

S = AdoptionStage


def accept(project, kind, researcher, officer):
    report = complete_report(report_of(project, kind))
    report_states.submit_report(report=report, actor=researcher)
    report_states.accept_report(report=ProgressReport.objects.get(pk=report.pk), actor=officer)
    return ProgressReport.objects.get(pk=report.pk)


@pytest.mark.parametrize(
    ("current", "target", "reached"),
    [
        ("", S.INTERESTED, S.INTERESTED),
        ("", S.ADOPTED, S.ADOPTED),
        (S.INTERESTED, S.PILOTING, S.PILOTING),
        (S.PILOTING, S.PILOTING, None),  # the 12-month report after the 6-month one
        (S.PILOTING, S.ADOPTED, S.ADOPTED),
        (S.ADOPTED, S.PILOTING, None),  # never back
        (S.ADOPTED, S.ADOPTED, S.SCALED),  # a second final report: scaled up
        (S.SCALED, S.ADOPTED, None),
        (S.DROPPED, S.ADOPTED, None),  # dropped stays dropped
    ],
)
def test_the_stage_a_report_reaches(current, target, reached):
    assert stage_after(current, target) == reached


def test_accepted_reports_move_a_city_from_piloting_to_scaled_up(officer, researcher):
    first = funded_project(officer, lead=researcher)
    city = first.municipalities.get().municipality
    technology = first.technologies.get().technology

    def adoption():
        return Adoption.objects.get(municipality=city, technology=technology)

    six = accept(first, ProgressReportKind.MONTH_6, researcher, officer)
    assert (adoption().stage, adoption().since) == (S.PILOTING, six.period_end)
    final = accept(first, ProgressReportKind.FINAL, researcher, officer)
    assert (adoption().stage, adoption().since) == (S.ADOPTED, final.period_end)

    # A second project brings the same technology to the same city (and one city more).
    second = funded_project(officer, lead=researcher)
    ProposalMunicipality.objects.create(proposal=second, municipality=city)
    elsewhere = second.municipalities.exclude(municipality=city).get().municipality
    accept(second, ProgressReportKind.MONTH_6, researcher, officer)
    assert adoption().stage == S.ADOPTED  # piloting would be a step back
    assert Adoption.objects.get(municipality=elsewhere).stage == S.PILOTING
    accept(second, ProgressReportKind.FINAL, researcher, officer)
    assert adoption().stage == S.SCALED
    assert Adoption.objects.get(municipality=elsewhere).stage == S.ADOPTED
    assert set(adoption().projects.all()) == {first, second}

    steps = [
        (entry.from_state, entry.to_state)
        for entry in AuditEntry.objects.filter(
            action="adoption.advanced", object_id=str(adoption().pk)
        ).order_by("pk")
    ]
    assert steps == [
        ("", S.PILOTING),
        (S.PILOTING, S.ADOPTED),
        (S.ADOPTED, S.SCALED),
    ]


def test_a_project_does_not_scale_up_what_only_it_adopted(officer, researcher):
    """An officer records the city adopted the technology through this very project; its own
    final report then finds nothing new: adopted stays adopted (scaling needs another project
    or an adoption the officer recorded without it)."""
    project = funded_project(officer, lead=researcher)
    city = project.municipalities.get().municipality
    technology = project.technologies.get().technology
    record_stage(
        actor=officer,
        municipality=city,
        technology=technology,
        stage=S.ADOPTED,
        since=project.award.starts_on,
        projects=[project],
    )
    accept(project, ProgressReportKind.FINAL, researcher, officer)
    adoption = Adoption.objects.get(municipality=city, technology=technology)
    assert adoption.stage == S.ADOPTED
    assert stage_after(S.ADOPTED, S.ADOPTED, elsewhere=False) is None
