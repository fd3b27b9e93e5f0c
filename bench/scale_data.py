"""The programme bench/scale.py measures: the demo (seed_demo) and, in its programme SLC, five
calls (SCALE1…SCALE5) sharing `total` proposals of 500 researchers, grown with bulk_create.

Every tenth proposal is a funded project (active, a few completed) with its decision, award,
approved budget, three instalments, three progress reports and KPI-ledger rows (commitments and
results of three indicators in its lead municipality, each fiscal year of the programme). Of the
others, two in ten are submitted, three in review and four decided (one approved, three
rejected); every proposal past submission has two submitted reviews of 50 reviewers. Each
proposal has one to three budget lines, one or two partner municipalities (the first the lead)
and a technology. `grow(total)` adds only what is missing, so the programme can be built at
1,000 and then grown to 10,000.
"""

import contextlib
import datetime
import io
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Municipality, Region, User
from accounts.roles import Role
from indicators.models import Commitment, LedgerStatus, Programme, Result, Technology
from projects.models import (
    Award,
    AwardBudget,
    Instalment,
    InstalmentState,
    ProgressReport,
    ProgressReportState,
)
from proposals.demo import _bangkok, _seed_call, today_calendar
from proposals.models import (
    BudgetCategory,
    BudgetLine,
    Call,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
)
from reviews.models import Assignment, AssignmentState, Decision, Review, ReviewState

CALLS = 5
PREFIX = "SCALE"
RESEARCHERS = 500
REVIEWERS = 50
TOWNS = 60
BATCH = 1000
# By the last digit of a proposal's number in its call.
STATE_BY_DIGIT = {
    0: ProposalState.ACTIVE,
    1: ProposalState.SUBMITTED,
    2: ProposalState.SUBMITTED,
    3: ProposalState.IN_REVIEW,
    4: ProposalState.IN_REVIEW,
    5: ProposalState.IN_REVIEW,
    6: ProposalState.APPROVED,
    7: ProposalState.REJECTED,
    8: ProposalState.REJECTED,
    9: ProposalState.REJECTED,
}
TITLES = (
    "ระบบฐานข้อมูลเมืองด้วย GIS เพื่อการวางแผนพัฒนาเมืองน่าอยู่",
    "การสำรวจเมืองแบบมีส่วนร่วมสำหรับเทศบาล",
    "กองทุนเมืองเพื่อการพัฒนาพื้นที่สาธารณะ",
    "พื้นที่เรียนรู้ของเมืองสำหรับเยาวชนและผู้สูงอายุ",
)


def count():
    return Proposal.objects.filter(call__code__startswith=PREFIX).count()


def prepare():
    """The demo and what the bench's calls share, made once."""
    call_command("migrate", verbosity=0)
    if not Programme.objects.filter(code="SLC").exists():
        with contextlib.redirect_stdout(io.StringIO()):  # its e-mails, on the console
            call_command("seed_demo")
    Programme.objects.filter(code="SLC").update(public_portfolio=True)
    _people()
    _towns()
    return [_call(number) for number in range(1, CALLS + 1)]


def _people():
    if User.objects.filter(email__startswith="scale.researcher").exists():
        return
    researchers = User.objects.bulk_create(
        User(
            email=f"scale.researcher{n}@example.org",
            full_name_th=f"นักวิจัยทดสอบ {n}",
            full_name_en=f"Scale researcher {n}",
            organisation=f"มหาวิทยาลัยทดสอบ {n % 40}",
            password="!",
        )
        for n in range(RESEARCHERS)
    )
    reviewers = User.objects.bulk_create(
        User(email=f"scale.reviewer{n}@example.org", full_name_th=f"ผู้ทรง {n}", password="!")
        for n in range(REVIEWERS)
    )
    Group.objects.get(name=Role.RESEARCHER.value).user_set.add(*researchers)
    Group.objects.get(name=Role.REVIEWER.value).user_set.add(*reviewers)


def _towns():
    have = Municipality.objects.count()
    regions = Region.values
    Municipality.objects.bulk_create(
        Municipality(
            name_th=f"เทศบาลเมืองทดสอบ {n}",
            name_en=f"Scale Town {n}",
            type="town",
            province_th=f"จังหวัดทดสอบ {n % 40}",
            province_en=f"Scale Province {n % 40}",
            region=regions[n % len(regions)],
        )
        for n in range(have + 1, TOWNS + 1)
    )


def _call(number):
    code = f"{PREFIX}{number}"
    call = Call.objects.filter(code=code).first()
    if call:
        return call
    programme = Programme.objects.get(code="SLC")
    calendar = today_calendar()
    opens = timezone.localdate() - datetime.timedelta(days=400 - 60 * number)
    return _seed_call(
        programme,
        code,
        calendar.closed_year if number < CALLS else calendar.open_year,
        {
            "title_th": f"ประกาศทดสอบขนาด {number}",
            "title_en": f"Scale call {number}",
            "opens_at": _bangkok(opens, 9),
            "closes_at": _bangkok(opens + datetime.timedelta(days=45), 16),
            "total_budget": Decimal("2000000000"),
            "ceiling_per_proposal": Decimal("1000000"),
        },
    )


class _Shared:
    """What every batch draws from, read once."""

    def __init__(self):
        self.programme = Programme.objects.get(code="SLC")
        self.researchers = list(User.objects.filter(email__startswith="scale.researcher"))
        self.reviewers = list(User.objects.filter(email__startswith="scale.reviewer"))
        self.officer = User.objects.get(email="officer@example.org")
        self.manager = User.objects.get(email="manager@example.org")
        self.towns = list(Municipality.objects.order_by("pk"))
        self.technologies = list(Technology.objects.order_by("pk"))
        self.indicators = list(self.programme.indicators.order_by("code"))
        self.years = list(self.programme.fiscal_years.order_by("year_be"))
        self.today = timezone.localdate()
        self.now = timezone.now()


def grow(calls, total):
    """Add proposals until the calls hold `total` between them."""
    shared = _Shared()
    each = total // len(calls)
    for call in calls:
        have = call.proposals.count()
        categories = list(BudgetCategory.objects.filter(call=call).order_by("position"))
        for start in range(have + 1, each + 1, BATCH):
            with transaction.atomic():
                _batch(call, range(start, min(start + BATCH, each + 1)), categories, shared)


def _batch(call, numbers, categories, shared):
    rng = random.Random(call.pk * 100000 + numbers[0])
    proposals = Proposal.objects.bulk_create(
        Proposal(
            call=call,
            sequence=n,
            reference=f"{call.code}-{n:05d}",
            lead=shared.researchers[(n * 7 + call.pk) % len(shared.researchers)],
            state=ProposalState.COMPLETED if n % 40 == 0 else STATE_BY_DIGIT[n % 10],
            round=1,
            title_th=f"{TITLES[n % len(TITLES)]} ลำดับที่ {n}",
            title_en=f"Scale proposal {call.code} {n}",
            duration_months=12,
            submitted_at=shared.now - datetime.timedelta(minutes=n),
            approved_amount=Decimal("900000.00") if n % 10 in (0, 6) else None,
        )
        for n in numbers
    )
    if proposals and proposals[0].pk is None:  # SQLite before 3.35 gives no ids back
        proposals = list(call.proposals.filter(sequence__in=numbers).order_by("sequence"))
    leads = _parts(rng, proposals, categories, shared)
    _reviews(rng, [p for p in proposals if p.state != ProposalState.SUBMITTED], shared)
    funded = [p for p in proposals if p.state in ProposalState.funded()]
    _projects(rng, funded, categories, leads, shared)


def _parts(rng, proposals, categories, shared):
    lines, partners, used, leads = [], [], [], {}
    year = shared.years[0]
    for proposal in proposals:
        for category in rng.sample(categories, rng.randint(1, min(3, len(categories)))):
            amount = Decimal(rng.randrange(10000, 300000))
            lines.append(
                BudgetLine(
                    proposal=proposal,
                    category=category,
                    fiscal_year=year,
                    description="ค่าใช้จ่าย",
                    quantity=Decimal(1),
                    unit_cost=amount,
                    amount=amount,
                )
            )
        for position, town in enumerate(rng.sample(shared.towns, rng.randint(1, 2))):
            partners.append(
                ProposalMunicipality(proposal=proposal, municipality=town, is_lead=position == 0)
            )
            if position == 0:
                leads[proposal.pk] = town
        used.append(
            ProposalTechnology(proposal=proposal, technology=rng.choice(shared.technologies))
        )
    BudgetLine.objects.bulk_create(lines)
    ProposalMunicipality.objects.bulk_create(partners)
    ProposalTechnology.objects.bulk_create(used)
    return leads


def _reviews(rng, proposals, shared):
    assignments = [
        Assignment(
            proposal=proposal,
            reviewer=reviewer,
            round=1,
            state=AssignmentState.SUBMITTED,
            due_date=shared.today,
            coi_declared_at=shared.now,
            responded_at=shared.now,
        )
        for proposal in proposals
        for reviewer in rng.sample(shared.reviewers, 2)
    ]
    Review.objects.bulk_create(
        Review(
            assignment=assignment,
            state=ReviewState.SUBMITTED,
            total_score=Decimal(rng.randrange(4000, 10000)) / 100,
            recommendation="fund",
            submitted_at=shared.now,
        )
        for assignment in Assignment.objects.bulk_create(assignments)
    )
    decided = [p for p in proposals if p.state != ProposalState.IN_REVIEW]
    Decision.objects.bulk_create(
        Decision(
            proposal=proposal,
            round=1,
            outcome="reject" if proposal.state == ProposalState.REJECTED else "approve",
            approved_amount=proposal.approved_amount,
            comment="ผลการพิจารณา",
            decided_by=shared.manager,
        )
        for proposal in decided
    )


def _projects(rng, projects, categories, leads, shared):
    starts = shared.today - datetime.timedelta(days=200)
    awards = Award.objects.bulk_create(
        Award(
            proposal=project,
            contract_number=f"C-{project.reference}",
            contract_date=starts,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=365),
            amount=Decimal("900000.00"),
            funded_by=shared.officer,
        )
        for project in projects
    )
    AwardBudget.objects.bulk_create(
        AwardBudget(award=award, category=category, fiscal_year=year, amount=Decimal("150000"))
        for award in awards
        for category in categories[:3]
        for year in shared.years[:2]
    )
    kinds = [("month_6", 0, 182), ("month_12", 182, 365), ("final", 0, 365)]
    states = [
        ProgressReportState.ACCEPTED,
        ProgressReportState.SUBMITTED,
        ProgressReportState.DRAFT,
    ]
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(
            proposal=project,
            kind=kind,
            period_start=starts + datetime.timedelta(days=first),
            period_end=starts + datetime.timedelta(days=last),
            due_on=starts + datetime.timedelta(days=last + 30),
            state=state,
            submitted_at=shared.now if state != ProgressReportState.DRAFT else None,
        )
        for project in projects
        for (kind, first, last), state in zip(kinds, states, strict=True)
    )
    Instalment.objects.bulk_create(
        Instalment(
            proposal=project,
            number=number,
            percent=Decimal(percent),
            amount=Decimal("9000") * percent,
            report_kind=kinds[number - 1][0],
            report=reports[3 * index + number - 1],
            state=state,
            paid_on=starts + datetime.timedelta(days=15) if state == "released" else None,
        )
        for index, project in enumerate(projects)
        for number, percent, state in [
            (1, 40, InstalmentState.RELEASED),
            (2, 40, InstalmentState.DUE),
            (3, 20, InstalmentState.SCHEDULED),
        ]
    )
    _ledger(rng, projects, reports, leads, shared)


def _ledger(rng, projects, reports, leads, shared):
    commitments, results = [], []
    for index, project in enumerate(projects):
        report = reports[3 * index]
        for indicator in rng.sample(shared.indicators, min(3, len(shared.indicators))):
            for year in shared.years:
                common = {
                    "programme": shared.programme,
                    "indicator": indicator,
                    "fiscal_year": year,
                    "municipality": leads[project.pk] if indicator.per_municipality else None,
                    "technology": rng.choice(shared.technologies),
                    "source": f"proposals.proposal:{project.pk}",
                    "source_label": project.reference,
                    "status": LedgerStatus.COUNTED,
                }
                value = Decimal(1) if indicator.aggregation == "count_yes" else rng.randint(1, 40)
                commitments.append(Commitment(value=value, **common))
                results.append(
                    Result(
                        value=value,
                        period="month_6",
                        period_end=report.period_end,
                        report=report.ledger_key,
                        **common,
                    )
                )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    Result.objects.bulk_create(results, batch_size=2000)
