"""Who may see a progress report and its parts, and what the report page shows."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from indicators.models import Indicator, OutputType
from projects.models import (
    ActivityProgress,
    AwardBudget,
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
    ResultEvidence,
    Spending,
)
from projects.progress.selectors import expected_results
from projects.progress.services import states as report_states
from proposals.models import (
    Activity,
    IndicatorContribution,
    ProgressReportKind,
    Proposal,
    ProposalState,
)
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access, assert_flat_queries, count_queries
from tests.projects.builders import add_member, report_of
from tests.projects.report_builders import complete_report, rich_project

D = Decimal
pytestmark = pytest.mark.django_db

LOGIN = 302


@pytest.fixture
def project(officer, researcher):
    return rich_project(officer, lead=researcher)


@pytest.fixture
def people(personas, project, officer):
    """The personas, the project's lead and co-researcher, the lead of another project and
    the manager of the project's programme."""
    member = add_member(project)
    other = rich_project(officer).lead
    programme_manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    project.call.programme.managers.add(programme_manager)
    return {
        **personas,
        "member": member,
        "other_lead": other,
        "programme_manager": programme_manager,
    }


def _readers(**answers):
    """The answers of the report page: the team and staff who follow the project read it;
    reviewers, other researchers, other managers and people without a role get 404."""
    expected = {
        Role.RESEARCHER.value: 200,  # the project's lead
        Role.FUNDING_OFFICER.value: 200,
        Role.REVIEWER.value: 404,
        Role.PROGRAMME_MANAGER.value: 404,  # manages no programme of this project
        Role.ADMINISTRATOR.value: 200,
        "mentor": 404,
        "finance": 404,
        OUTSIDER: 404,
        ANONYMOUS: LOGIN,
        "member": 200,
        "other_lead": 404,
        "programme_manager": 200,
    }
    return {**expected, **answers}


def test_the_report_page_is_for_the_team_and_the_staff_who_follow_the_project(
    client, people, project
):
    url = reverse("projects:progress_detail", args=[report_of(project).pk])
    assert_access(client, people, url, _readers())


@pytest.mark.parametrize(
    "name", ["progress_narrative", "progress_activities", "progress_spending", "progress_results"]
)
def test_the_editors_are_for_the_team_only(client, people, project, name):
    url = reverse(f"projects:{name}", args=[report_of(project).pk])
    assert_access(
        client,
        people,
        url,
        _readers(
            **{
                Role.FUNDING_OFFICER.value: 403,
                Role.ADMINISTRATOR.value: 403,
                "programme_manager": 403,
            }
        ),
    )


def test_the_outputs_editor_and_evidence_pages_are_for_the_team_only(client, people, project):
    report = complete_report(report_of(project))
    result = IndicatorResult.objects.filter(report=report).first()
    staff_refused = {
        Role.FUNDING_OFFICER.value: 403,
        Role.ADMINISTRATOR.value: 403,
        "programme_manager": 403,
    }
    for url in (
        reverse("projects:progress_outputs", args=[report.pk]),
        reverse("projects:progress_evidence", args=[report.pk, result.pk]),
        reverse("projects:progress_submit", args=[report.pk]),
    ):
        assert_access(client, people, url, _readers(**staff_refused))


def test_accept_and_return_pages_are_for_funding_officers(client, people, project):
    report = report_of(project)
    others_refused = {
        Role.RESEARCHER.value: 403,
        Role.ADMINISTRATOR.value: 403,
        "member": 403,
        "programme_manager": 403,
    }
    for name in ("progress_accept", "progress_return"):
        url = reverse(f"projects:{name}", args=[report.pk])
        assert_access(client, people, url, _readers(**others_refused))


def test_reviewers_see_no_report_even_of_a_project_they_reviewed(client, project, reviewer):
    client.force_login(reviewer)
    for report in project.reports.all():
        response = client.get(reverse("projects:progress_detail", args=[report.pk]))
        assert response.status_code == 404


def test_a_researcher_reads_only_the_reports_of_their_own_project(client, officer, researcher):
    own = rich_project(officer, lead=researcher)
    other = rich_project(officer)
    client.force_login(researcher)
    assert (
        client.get(reverse("projects:progress_detail", args=[report_of(own).pk])).status_code == 200
    )
    for report in other.reports.all():
        url = reverse("projects:progress_detail", args=[report.pk])
        assert client.get(url).status_code == 404


def test_a_report_of_a_terminated_project_is_still_readable_but_not_editable(
    client, project, researcher
):
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.TERMINATED)
    report = report_of(project)
    client.force_login(researcher)
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert page.status_code == 200
    assert not page.context["can_edit"]
    response = client.get(reverse("projects:progress_narrative", args=[report.pk]))
    assert response.status_code == 302


# What the page shows ----------------------------------------------------------------------------


def _english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_page_lists_the_gaps_with_links_to_the_parts_that_fix_them(client, project, researcher):
    report = report_of(project)
    first, second = [town.name_en for _indicator, town in expected_results(project) if town]
    client.force_login(_english(researcher))
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    problems = [(p.message, p.url) for p in page.context["problems"]]
    narrative_url = reverse("projects:progress_narrative", args=[report.pk])
    activities_url = reverse("projects:progress_activities", args=[report.pk])
    results_url = reverse("projects:progress_results", args=[report.pk])
    assert problems == [
        ("Write the progress narrative.", narrative_url),
        ("Give the progress of the activity “สำรวจ”.", activities_url),
        ("Give the progress of the activity “ถ่ายทอด”.", activities_url),
        ("Give the result for KR1.1 Cities.", results_url),
        (f"Give the result for KR2.1 Open data in {first}.", results_url),
        (f"Give the result for KR2.1 Open data in {second}.", results_url),
        ("Give the result for KR3.1 Layers updated.", results_url),
    ]
    assert not page.context["ready"]
    assert reverse("projects:progress_submit", args=[report.pk]) not in page.content.decode()


def test_a_complete_report_offers_the_submit_button(client, project, researcher):
    report = complete_report(report_of(project))
    client.force_login(researcher)
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert page.context["ready"]
    assert reverse("projects:progress_submit", args=[report.pk]) in page.content.decode()


def test_overdue_is_shown_while_the_team_holds_the_report(client, project, researcher):
    report = report_of(project)
    ProgressReport.objects.filter(pk=report.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(researcher)
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert page.context["overdue"]
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReportState.SUBMITTED)
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert not page.context["overdue"]


def test_a_returned_report_shows_the_officers_comment(client, project, researcher, officer):
    report = complete_report(report_of(project))
    report_states.submit_report(report=report, actor=researcher)
    report_states.return_report(report=report, actor=officer, comment="แนบภาพถ่ายเพิ่ม")
    client.force_login(researcher)
    page = client.get(reverse("projects:progress_detail", args=[report.pk]))
    assert "แนบภาพถ่ายเพิ่ม" in page.content.decode()
    assert page.context["can_edit"]


def test_spending_is_set_against_the_approved_budget_and_earlier_accepted_reports(
    client, project, researcher, officer
):
    award = project.award
    materials = next(
        cell.category
        for cell in AwardBudget.objects.filter(award=award)
        if cell.category.code == "materials"
    )
    approved = sum(
        cell.amount for cell in AwardBudget.objects.filter(award=award, category=materials)
    )
    first = complete_report(report_of(project))
    Spending.objects.create(report=first, category=materials, amount=D("100000.00"))
    report_states.submit_report(report=first, actor=researcher)
    report_states.accept_report(report=first, actor=officer)
    final = report_of(project, ProgressReportKind.FINAL)
    Spending.objects.create(report=final, category=materials, amount=approved)
    client.force_login(researcher)
    page = client.get(reverse("projects:progress_detail", args=[final.pk]))
    row = next(r for r in page.context["spending"].rows if r.category == materials)
    assert (row.approved, row.earlier, row.this_report, row.remaining, row.over) == (
        approved,
        D("100000.00"),
        approved,
        D("-100000.00"),
        D("100000.00"),
    )
    assert page.context["spending"].overspent == [row]
    assert "100,000.00" in page.content.decode()


def test_results_show_their_evidence_files_and_links(client, project, researcher, officer):
    report = complete_report(report_of(project))
    result = IndicatorResult.objects.filter(report=report).first()
    ResultEvidence.objects.create(
        result=result,
        file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 evidence"),
        original_name="ภาพถ่ายการประชุม.pdf",
        size=17,
    )
    client.force_login(officer)
    body = client.get(reverse("projects:progress_detail", args=[report.pk])).content.decode()
    assert "ภาพถ่ายการประชุม.pdf" in body
    assert "https://example.org/evidence" in body


def test_evidence_downloads_only_for_those_who_read_the_report(client, people, project):
    report = complete_report(report_of(project))
    result = IndicatorResult.objects.filter(report=report).first()
    evidence = ResultEvidence.objects.create(
        result=result,
        file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 evidence"),
        original_name="minutes.pdf",
        size=17,
    )
    url = reverse("projects:progress_evidence_download", args=[report.pk, evidence.pk])
    assert_access(client, people, url, _readers())
    client.force_login(people["member"])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


def test_the_report_page_runs_the_same_queries_with_few_and_many_results(
    client, officer, researcher
):
    """Each new row is a committed indicator with its result, an evidence file, an activity
    with its progress, spending and an output."""
    project = rich_project(officer, lead=researcher)
    report = complete_report(report_of(project))
    programme, year = project.call.programme, project.call.fiscal_year
    categories = list(project.call.budget_categories.filter(allowed=True))
    output_type = OutputType.objects.create(code="dataset-q", name_th="ชุดข้อมูล", name_en="Data")
    numbers = iter(range(1000))

    def add_rows(count):
        for _ in range(count):
            n = next(numbers)
            indicator = Indicator.objects.create(
                programme=programme,
                objective=programme.objectives.first(),
                code=f"Q{n}",
                name_th=f"ตัวชี้วัด {n}",
                name_en=f"Indicator {n}",
            )
            IndicatorContribution.objects.create(
                proposal=project, indicator=indicator, fiscal_year=year, target=D(1)
            )
            result = IndicatorResult.objects.create(report=report, indicator=indicator, value=D(n))
            ResultEvidence.objects.create(
                result=result,
                file=SimpleUploadedFile(f"e{n}.pdf", b"%PDF-1.4"),
                original_name=f"e{n}.pdf",
                size=8,
            )
            activity = Activity.objects.create(
                proposal=project, position=10 + n, name=f"กิจกรรม {n}", start_month=1,
                end_month=2, weight_percent=D(0),
            )  # fmt: skip
            ActivityProgress.objects.create(report=report, activity=activity, percent=D(10))
            Spending.objects.update_or_create(
                report=report, category=categories[n % len(categories)],
                defaults={"amount": D(n)},
            )  # fmt: skip
            DeliveredOutput.objects.create(
                report=report, output_type=output_type, description=f"ผลผลิต {n}"
            )

    url = reverse("projects:progress_detail", args=[report.pk])
    assert_flat_queries(client, researcher, url, add_rows, few=1, many=12)
    queries = assert_flat_queries(client, officer, url, add_rows, few=1, many=12)
    assert queries == 11


def test_an_accepted_report_offers_its_instalment_request_from_the_instalments_it_shows(
    client, project, researcher, officer
):
    """The Documents menu knows the report's instalments from the page: no query of its own."""
    report = complete_report(report_of(project))
    report_states.submit_report(report=report, actor=researcher)
    report_states.accept_report(report=report, actor=officer)
    assert Instalment.objects.filter(report=report).exists()
    url = reverse("projects:progress_detail", args=[report.pk])
    client.force_login(officer)
    queries = count_queries(lambda: client.get(url))
    assert "/instalment-request/" in client.get(url).content.decode()
    assert queries == 11  # 12 when the menu asked whether an instalment is paid on it
    Instalment.objects.filter(report=report).update(state=InstalmentState.CANCELLED)
    assert "/instalment-request/" not in client.get(url).content.decode()


def test_every_action_answers_each_person_and_a_draft_stays_untouched(client, people, project):
    """Submitting an incomplete draft is refused (back to the page with the gaps); accepting or
    returning a draft is refused on the officer's page; anyone else is refused outright."""
    report = report_of(project)
    team_only = {
        Role.FUNDING_OFFICER.value: 403,
        Role.ADMINISTRATOR.value: 403,
        "programme_manager": 403,
        Role.RESEARCHER.value: 302,
        "member": 302,
    }
    officers_only = {
        Role.FUNDING_OFFICER.value: 200,
        Role.RESEARCHER.value: 403,
        Role.ADMINISTRATOR.value: 403,
        "member": 403,
        "programme_manager": 403,
    }
    actions = {
        "progress_submit": team_only,
        "progress_accept": officers_only,
        "progress_return": officers_only,
    }
    for name, answers in actions.items():
        url = reverse(f"projects:{name}", args=[report.pk])
        assert_access(client, people, url, _readers(**answers), method="post")
    assert ProgressReport.objects.get(pk=report.pk).state == ProgressReportState.DRAFT


def test_only_the_team_removes_evidence(client, people, project):
    report = complete_report(report_of(project))
    result = IndicatorResult.objects.filter(report=report).first()
    evidence = ResultEvidence.objects.create(
        result=result, file=SimpleUploadedFile("x.pdf", b"%PDF-1.4"), original_name="x.pdf", size=8
    )
    url = reverse("projects:progress_evidence_delete", args=[report.pk, evidence.pk])
    others = {name: user for name, user in people.items() if name not in ("member",)}
    others[Role.RESEARCHER.value] = people["other_lead"]  # the lead of another project
    expected = _readers(
        **{
            Role.RESEARCHER.value: 404,
            Role.FUNDING_OFFICER.value: 403,
            Role.ADMINISTRATOR.value: 403,
            "programme_manager": 403,
        }
    )
    expected.pop("member")
    assert_access(client, others, url, expected, method="post")
    assert ResultEvidence.objects.filter(pk=evidence.pk).exists()
