"""Each document reads the database a fixed number of times, whatever the number of rows it
prints (team, plan, budget lines, indicators, outputs; reviews; proposals of a call). The HTML
is rendered without WeasyPrint, which reads nothing more."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.roles import Role
from indicators.models import Indicator, OutputType
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    ExpectedOutput,
    IndicatorContribution,
    ProposalMunicipality,
    TeamMember,
)
from reports.pdf import committee_sheet, review_summary
from reports.pdf.proposal import TEMPLATE, proposal_context, proposal_for_print
from reviews.models import Decision, DecisionOutcome
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import count_queries
from tests.proposals.lifecycle.conftest import make_complete_proposal
from tests.reviews.reviewing.scoring_helpers import (
    make_call,
    proposal_in,
    reviewer_user,
    submitted_review,
)

D = Decimal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def html_queries(build_context, template):
    return count_queries(lambda: render_to_string(template, build_context()))


def add_proposal_rows(proposal, count):
    """`count` more rows of every part the proposal document prints."""
    call = proposal.call
    materials = BudgetCategory.objects.get(call=call, code="materials")
    indicator = Indicator.objects.filter(programme=call.programme).first()
    output_type, _created = OutputType.objects.get_or_create(
        code="report-q", defaults={"name_th": "รายงาน", "name_en": "Report"}
    )
    for n in range(count):
        user = UserFactory(roles=[Role.RESEARCHER])
        TeamMember.objects.create(
            proposal=proposal, user=user, email=user.email, name=f"คน {n}",
            accepted_at=timezone.now(),
        )  # fmt: skip
        ProposalMunicipality.objects.create(proposal=proposal, municipality=MunicipalityFactory())
        Activity.objects.create(
            proposal=proposal, position=10 + n, name=f"กิจกรรม {n}", start_month=1, end_month=3,
            weight_percent=D("0"),
        )  # fmt: skip
        BudgetLine.objects.create(
            proposal=proposal, category=materials, fiscal_year=call.fiscal_year,
            description=f"วัสดุ {n}", quantity=D("1"), unit_cost=D("10"),
        )  # fmt: skip
        IndicatorContribution.objects.create(
            proposal=proposal, indicator=indicator, fiscal_year=call.fiscal_year,
            municipality=MunicipalityFactory(), target=D("1"),
        )  # fmt: skip
        ExpectedOutput.objects.create(
            proposal=proposal, output_type=output_type, description=f"ผลผลิต {n}",
            fiscal_year=call.fiscal_year,
        )  # fmt: skip


@pytest.mark.parametrize("blind", [False, True])
def test_the_proposal_reads_the_same_number_of_queries_for_one_row_or_many(db, blind):
    proposal = make_complete_proposal()

    def context():
        return proposal_context(proposal_for_print(proposal), blind=blind)

    few = html_queries(context, TEMPLATE)
    add_proposal_rows(proposal, 12)
    assert html_queries(context, TEMPLATE) == few


def _reviewed_proposal():
    call = make_call()
    proposal = proposal_in(call)
    submitted_review(proposal, reviewer_user(), 70)
    return call, proposal


def test_the_review_summary_reads_the_same_number_of_queries_for_one_review_or_many(db):
    _call, proposal = _reviewed_proposal()

    def context():
        return review_summary.summary_context(review_summary._proposal(proposal))

    template = "reports/pdf/review_summary.html"
    few = html_queries(context, template)
    for score in range(60, 66):
        submitted_review(proposal, reviewer_user(), score)
    assert html_queries(context, template) == few


def test_the_applicant_summary_reads_the_same_number_of_queries_for_one_review_or_many(db):
    _call, proposal = _reviewed_proposal()
    Decision.objects.create(
        proposal=proposal, round=1, outcome=DecisionOutcome.APPROVE,
        approved_amount=D("100000"), comment="ok",
    )  # fmt: skip

    def context():
        return review_summary.applicant_context(review_summary._proposal(proposal))

    template = "reports/pdf/review_summary_applicant.html"
    few = html_queries(context, template)
    for score in range(60, 66):
        submitted_review(proposal, reviewer_user(), score)
    assert html_queries(context, template) == few


def test_the_committee_sheet_reads_the_same_number_of_queries_for_one_proposal_or_many(db):
    call, _proposal = _reviewed_proposal()

    def context():
        return committee_sheet.sheet_context(call, {})

    template = "reports/pdf/committee_sheet.html"
    few = html_queries(context, template)
    reviewer = reviewer_user()
    for score in range(60, 68):
        submitted_review(proposal_in(call), reviewer, score)
    assert html_queries(context, template) == few
