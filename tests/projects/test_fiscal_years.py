"""No result lands in a fiscal year nobody can see (issue #13, item 1): funding a project that
runs past the programme's fiscal years adds the years it needs (the fund page says so first,
the programme's managers are asked to set their targets, the framework page lists the years
to fill), and the dashboard's year filter offers every year with ledger rows.

Fiscal year N (B.E.) runs from 1 October N−544 to 30 September N−543: a project of 1 January
– 31 December 2027 runs in fiscal years 2570 (to 30 September 2027) and 2571."""

import datetime
import importlib
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from indicators import ledger
from indicators.demo import seed_framework, seed_programme
from indicators.models import FiscalYear, Indicator
from projects.funding import services as funding_services
from tests.factories import UserFactory
from tests.helpers import freeze_now
from tests.projects.builders import approved_proposal

pytestmark = pytest.mark.django_db

START, END = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_now(monkeypatch, datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Bangkok")))


def years_of(programme):
    return sorted(programme.fiscal_years.values_list("year_be", flat=True))


def fund_page(client, officer, proposal, **dates):
    client.force_login(officer)
    form = client.get(reverse("projects:fund", args=[proposal.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(contract_number="RDG70-001", contract_date="2026-12-01", **dates)
    return {key: "" if value is None else str(value) for key, value in data.items()}


def test_the_fund_page_says_which_years_funding_adds(client, officer):
    proposal = approved_proposal()
    programme = proposal.call.programme
    assert years_of(programme) == [2568, 2569]
    data = fund_page(client, officer, proposal, starts_on="2027-01-01", ends_on="2027-12-31")

    response = client.post(reverse("projects:fund", args=[proposal.pk]), {**data, "preview": "1"})

    assert response.context["period_years"] == [2570, 2571]
    assert response.context["years_to_add"] == [2570, 2571]
    page = response.content.decode()
    assert "ปีงบประมาณ 2570, 2571 ยังไม่เป็นปีของแผนงาน" in page
    assert years_of(programme) == [2568, 2569]  # a preview changes nothing


def test_funding_adds_the_years_the_project_runs_in(
    client, officer, django_capture_on_commit_callbacks
):
    proposal = approved_proposal()
    programme = proposal.call.programme
    manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    programme.managers.add(manager)

    with django_capture_on_commit_callbacks(execute=True):
        funding_services.fund(
            proposal=proposal,
            actor=officer,
            contract_number="RDG70-001",
            contract_date=datetime.date(2026, 12, 1),
            starts_on=START,
            ends_on=END,
            budget=funding_services.proposed_award_budget(proposal),
        )

    assert years_of(programme) == [2568, 2569, 2570, 2571]
    entry = AuditEntry.objects.get(action="programme.fiscal_years_added")
    assert entry.data == {"years": [2570, 2571], "because": proposal.reference}
    award_entry = AuditEntry.objects.get(action="project.award")
    assert award_entry.data["fiscal_years_added"] == [2570, 2571]
    (notice,) = Notification.objects.filter(recipient=manager)
    assert notice.url == reverse("indicators:targets", args=[programme.code])
    assert "2570, 2571" in notice.title


def test_a_project_within_the_years_adds_none(officer):
    proposal = approved_proposal()
    funding_services.fund(
        proposal=proposal,
        actor=officer,
        contract_number="RDG68-001",
        contract_date=datetime.date(2024, 12, 20),
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 9, 30),
        budget=funding_services.proposed_award_budget(proposal),
    )
    assert years_of(proposal.call.programme) == [2568, 2569]
    assert not AuditEntry.objects.filter(action="programme.fiscal_years_added").exists()


@pytest.fixture
def framework(manager):
    return seed_framework(seed_programme(managers=[manager]))


def _result_in(programme, year_be):
    ledger.record_results(
        programme=programme,
        report="projects.progressreport:1",
        source="proposals.proposal:1",
        source_label="SLC-2570-0001",
        period="month_6",
        period_end=datetime.date(2027, 6, 30),
        rows=[
            {
                "indicator": Indicator.objects.get(programme=programme, code="KR1.1"),
                "fiscal_year": FiscalYear.objects.get_or_create(year_be=year_be)[0],
                "value": Decimal(3),
            }
        ],
    )


def test_the_year_filter_lists_every_year_with_ledger_rows(client, officer, framework):
    _result_in(framework, 2570)  # a year the programme (2567–2568) does not have
    client.force_login(officer)
    url = reverse("indicators:dashboard", args=[framework.code])

    page = client.get(url).content.decode()
    assert '<option value="2570">2570</option>' in page

    response = client.get(url, {"fiscal_year": "2570"})
    rollups = [
        rollup for section in response.context["sections"] for rollup, _url in section["rows"]
    ]
    kr11 = next(rollup for rollup in rollups if rollup.indicator.code == "KR1.1")
    assert kr11.result == Decimal(3)


def test_the_framework_page_lists_the_years_to_fill(client, manager, framework):
    framework.fiscal_years.add(FiscalYear.objects.get_or_create(year_be=2571)[0])
    client.force_login(manager)

    response = client.get(reverse("indicators:programme_detail", args=[framework.code]))

    assert [year.year_be for year in response.context["years_to_fill"]] == [2571]
    assert "ปีงบประมาณ 2571 มีตัวชี้วัดที่ยังไม่มีค่าเป้าหมาย" in response.content.decode()


def test_the_migration_gives_existing_programmes_the_years_of_their_projects_and_ledger(
    officer, framework
):
    proposal = approved_proposal()
    funding_services.fund(
        proposal=proposal,
        actor=officer,
        contract_number="RDG68-001",
        contract_date=datetime.date(2024, 12, 20),
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        budget=funding_services.proposed_award_budget(proposal),
    )
    proposal.call.programme.fiscal_years.clear()
    _result_in(framework, 2570)
    migration = importlib.import_module("projects.migrations.0004_programme_years_cover_projects")

    migration.cover(apps, None)

    assert years_of(proposal.call.programme) == [2568, 2569]
    assert years_of(framework) == [2567, 2568, 2570]
