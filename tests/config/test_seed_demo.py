import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import Municipality, User
from accounts.roles import Role
from indicators.models import (
    Commitment,
    FiscalYear,
    Funder,
    Indicator,
    IndicatorTarget,
    LedgerStatus,
    Objective,
    Programme,
    Result,
    Technology,
)
from indicators.rollup import indicator_rollup
from projects.demo.specs import PROJECTS
from projects.financial.selectors import refund_standing
from projects.models import Award, Instalment, ProgressReport, RefundState
from proposals.demo import today_calendar
from proposals.models import (
    BudgetCategory,
    Call,
    InstalmentTemplate,
    Proposal,
    ProposalVersion,
    ReportCadence,
    ReviewCriterion,
)
from reviews.models import RebuttalAnswer, Review
from tests.helpers import DEMO_DAYS, demo_day

pytestmark = pytest.mark.django_db


SEEDED = (
    User, Municipality, Funder, Programme, Technology, FiscalYear, Group, Objective,
    Indicator, IndicatorTarget, Call, BudgetCategory, InstalmentTemplate, ReviewCriterion,
    Proposal, ProposalVersion, Award, Instalment, ProgressReport, Commitment, Result,
)  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in SEEDED}


@pytest.mark.parametrize("day", DEMO_DAYS)
def test_seed_demo_loads_the_programme_and_is_idempotent(settings, tmp_path, monkeypatch, day):
    demo_day(monkeypatch, day)
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first["Municipality"] == 16
    assert first["Technology"] == 6
    programme = Programme.objects.get(code="SLC")
    # The demo follows today (issue #13): it asserted [2567, 2568], the years of a demo dated
    # in B.E. 2567 whatever the day, whose open call was of a fiscal year long gone.
    calendar = today_calendar()
    assert sorted(programme.fiscal_years.values_list("year_be", flat=True)) == calendar.years
    assert programme.funder.abbr_en == "PMU-A"
    assert programme.managers.filter(email="manager@example.org").exists()
    assert Municipality.objects.filter(type="city").count() == 7
    assert Technology.objects.filter(kind="soft").count() == 3
    one_stage = Call.objects.filter(has_concept_stage=False).order_by("-opens_at")
    assert [call.state for call in one_stage] == ["open", "closed"]
    # The two-stage call (issue #16): a concept waiting, one invited with its full draft.
    two_stage = Call.objects.get(has_concept_stage=True)
    assert two_stage.state == "open"
    concepts = two_stage.proposals.filter(stage="concept")
    assert sorted(concepts.values_list("state", flat=True)) == ["invited", "submitted"]
    full = two_stage.proposals.get(stage="full")
    assert (full.state, full.concept.state) == ("draft", "invited")
    # Its panel discussed it and agreed (the chair's consensus) before the invitation.
    assert full.concept.panel_comments.count() == 2
    assert full.concept.panel_summaries.get().recommendation == "fund"
    submitted = Proposal.objects.get(reference=f"{calendar.open_code}-0001")
    assert submitted.state == "submitted"
    assert submitted.versions.count() == 1
    assert Proposal.objects.filter(state="draft", lead__email="researcher@example.org").exists()
    # A proposal of the open call in a revision round, answered point by point (the rebuttal).
    revision = Proposal.objects.get(call__code=calendar.open_code, state="revision")
    reviews = Review.objects.filter(assignment__proposal=revision, assignment__round=1)
    assert reviews.filter(state="submitted").count() == 3
    assert RebuttalAnswer.objects.filter(review__in=reviews).count() == 3


@pytest.mark.parametrize("row", DEMO_USERS, ids=[row["email"] for row in DEMO_USERS])
def test_each_demo_user_signs_in_and_lands_on_their_dashboard(client, row):
    call_command("seed_demo", verbosity=0)
    response = client.post(
        reverse("account_login"), {"login": row["email"], "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard_for_role", args=[row["role"].value])
    assert response.status_code == 200


@pytest.mark.parametrize("day", DEMO_DAYS)
def test_seed_demo_funds_projects_at_every_stage_so_that_the_dashboards_have_numbers(
    settings, tmp_path, monkeypatch, day
):
    demo_day(monkeypatch, day)
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    projects = Proposal.objects.filter(call__code=today_calendar().closed_code).order_by(
        "reference"
    )
    assert [project.state for project in projects] == ["closed"] + ["active"] * 4
    # The closed project refunded what its final financial report left unspent.
    standing = refund_standing(projects[0])
    assert standing.state == RefundState.RECORDED
    assert standing.refund.amount == standing.balance > 0
    assert Call.objects.filter(report_cadence=ReportCadence.QUARTERLY).exists()
    municipalities = {
        row.municipality.name_en
        for project in projects
        for row in project.municipalities.select_related("municipality")
    }
    assert len(municipalities) >= 8
    report_states = set(ProgressReport.objects.values_list("state", flat=True))
    assert report_states == {"draft", "submitted", "accepted", "returned"}
    instalment_states = set(Instalment.objects.values_list("state", flat=True))
    assert instalment_states == {"scheduled", "due", "released"}
    # Every released total stays within its award.
    for award in Award.objects.all():
        released = sum(
            i.amount for i in Instalment.objects.filter(proposal=award.proposal, state="released")
        )
        assert released <= award.amount
    # The ledger counts the accepted reports only, and the roll-up shows real numbers.
    accepted = ProgressReport.objects.filter(state="accepted")
    counted = Result.objects.filter(status=LedgerStatus.COUNTED)
    assert set(counted.values_list("report", flat=True)) == {r.ledger_key for r in accepted}
    rollups = indicator_rollup(Programme.objects.get(code="SLC"))
    assert sum(1 for rollup in rollups if rollup.result is not None) >= 8
    assert {rollup.status for rollup in rollups} - {None}
    # Organisations are records (issue #17): every demo person and lead's team row names one,
    # and the 360Giving recipient of each project is its lead's record.
    named = User.objects.exclude(organisation="")
    assert named.exists() and not named.filter(organisation_record__isnull=True).exists()
    assert {u.organisation for u in named} == {u.organisation_record.name for u in named}
    for project in projects:
        lead_row = project.team.get(role="lead")
        assert lead_row.organisation_record_id == project.lead.organisation_record_id is not None


def test_the_leads_of_the_demo_projects_sign_in_through_the_login_form(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    leads = sorted({spec.lead_email for spec in PROJECTS} - {"researcher@example.org"})
    assert leads and all(email.startswith("lead.") for email in leads)
    for email in leads:
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}, follow=True
        )
        landing = reverse("dashboard_for_role", args=[Role.RESEARCHER.value])
        assert response.redirect_chain[-1][0] == landing, email
        client.logout()
