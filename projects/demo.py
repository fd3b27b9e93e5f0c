"""Demo funded projects of the closed 2567 call, across several municipalities, at every stage
of their life: reports accepted, submitted, returned and late; instalments released, due and
scheduled; one project completed and closed. Its proposals were approved in the round before
the system existed, so they start at "approved"; from there everything goes through the
services (funding, reports, payments), so that the KPI ledger and every dashboard show real
numbers. Idempotent: a project whose reference exists is left alone."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Municipality, User
from accounts.roles import Role
from accounts.services import set_roles
from indicators.models import FiscalYear, Indicator, OutputType, Technology
from projects import services
from projects.models import (
    ActivityProgress,
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    ProgressReport,
    Spending,
)
from proposals.lifecycle.services import transition
from proposals.models import (
    Activity,
    BudgetCategory,
    BudgetLine,
    IndicatorContribution,
    ProgressReportKind,
    Proposal,
    ProposalMunicipality,
    ProposalState,
    ProposalTechnology,
    Section,
    SectionKey,
    TeamMember,
    TeamRole,
)

D = Decimal
START = datetime.date(2024, 2, 1)
END = datetime.date(2025, 1, 31)

# Shares of the budget by category code, adding up to 100% (institutional fee exactly 10%).
BUDGET_SHARES = [
    ("personnel", "ค่าจ้างผู้ช่วยวิจัย", D("25")),
    ("services", "ค่าจัดประชุมและอบรม", D("30")),
    ("materials", "ค่าวัสดุสำรวจและสื่อ", D("20")),
    ("equipment", "อุปกรณ์ภาคสนาม", D("15")),
    ("institutional_fee", "ค่าธรรมเนียมอุดหนุนสถาบัน", D("10")),
]

# How far each project got: the states its two reports reach and the payments recorded.
ACCEPTED = "accepted"
SUBMITTED = "submitted"
RETURNED = "returned"
DRAFT = "draft"


@dataclass
class DemoProject:
    number: int
    lead_email: str
    lead_name: str
    organisation: str
    title_th: str
    title_en: str
    municipalities: list  # English names; the first is the lead municipality
    technologies: list  # English names; the first is the main one
    amount: Decimal
    # (indicator code, municipality English name or None, target 2567, target 2568)
    commitments: list
    # per report kind: (indicator code, municipality or None, value)
    results: dict
    stages: dict  # report kind -> ACCEPTED / SUBMITTED / RETURNED / DRAFT
    outcome: str = "active"  # or "closed"
    outputs: list = field(default_factory=list)


PROJECTS = [
    DemoProject(
        1,
        "lead.chiangrai@example.org",
        "ผศ.ดร.อรุณี ศรีเชียงราย",
        "มหาวิทยาลัยแม่ฟ้าหลวง (ตัวอย่าง)",
        "แพลตฟอร์มข้อมูลเมืองเชียงรายเพื่อการตัดสินใจของเทศบาล (ตัวอย่าง)",
        "A city data platform for Chiang Rai's decisions (example)",
        ["Chiang Rai"],
        ["GIS database (geographic information system)", "Database system"],
        D("1150000.00"),
        [
            ("KR1.1", None, 1, 0),
            ("KR1.2", "Chiang Rai", 4, 4),
            ("KR1.3", "Chiang Rai", 70, 80),
            ("KR3.3", "Chiang Rai", 40, 20),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR1.1", None, 1),
                ("KR1.2", "Chiang Rai", 3),
                ("KR1.3", "Chiang Rai", 55),
                ("KR3.3", "Chiang Rai", 35),
            ],
            ProgressReportKind.FINAL: [
                ("KR1.1", None, 0),
                ("KR1.2", "Chiang Rai", 5),
                ("KR1.3", "Chiang Rai", 82),
                ("KR3.3", "Chiang Rai", 30),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: ACCEPTED},
        outcome="closed",
        outputs=[("product_prototype", "แพลตฟอร์มข้อมูลเมืองเชียงราย", 1)],
    ),
    DemoProject(
        2,
        "researcher@example.org",
        "",
        "",
        "กองทุนเมืองลำปางเพื่อพื้นที่สาธารณะ (ตัวอย่าง)",
        "A Lampang city fund for public spaces (example)",
        ["Lampang", "Phrae"],
        ["City fund (crowd sourcing and crowd funding mechanism)", "Investment policy"],
        D("980000.00"),
        [
            ("KR2.1", "Lampang", 1, 1),
            ("KR2.2", "Lampang", 400000, 600000),
            ("KR2.2", "Phrae", 200000, 300000),
            ("KR2.3", None, 3, 4),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR2.1", "Lampang", 1),
                ("KR2.2", "Lampang", 250000),
                ("KR2.2", "Phrae", 90000),
                ("KR2.3", None, 2),
            ],
            ProgressReportKind.FINAL: [
                ("KR2.1", "Lampang", 0),
                ("KR2.2", "Lampang", 410000),
                ("KR2.2", "Phrae", 160000),
                ("KR2.3", None, 3),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: SUBMITTED},
    ),
    DemoProject(
        3,
        "lead.kalasin@example.org",
        "ดร.สมชาย ภูผาทอง",
        "มหาวิทยาลัยกาฬสินธุ์ (ตัวอย่าง)",
        "พื้นที่เรียนรู้ของเมืองกาฬสินธุ์และร้อยเอ็ด (ตัวอย่าง)",
        "City learning spaces for Kalasin and Roi Et (example)",
        ["Kalasin", "Roi Et"],
        ["City learning space"],
        D("860000.00"),
        [
            ("KR3.1", "Kalasin", 1, 1),
            ("KR3.1", "Roi Et", 1, 0),
            ("KR3.2", "Kalasin", 800, 1500),
            ("KR3.2", "Roi Et", 500, 1000),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR3.1", "Kalasin", 1),
                ("KR3.1", "Roi Et", 0),
                ("KR3.2", "Kalasin", 640),
                ("KR3.2", "Roi Et", 210),
            ],
        },
        {ProgressReportKind.MONTH_6: ACCEPTED, ProgressReportKind.FINAL: DRAFT},
    ),
    DemoProject(
        4,
        "lead.pakkret@example.org",
        "รศ.ดร.วิไลวรรณ ปากเกร็ด",
        "มหาวิทยาลัยเทคโนโลยีราชมงคลสุวรรณภูมิ (ตัวอย่าง)",
        "ระบบรับเรื่องร้องเรียนและสำรวจความพึงพอใจของเมืองปากเกร็ด (ตัวอย่าง)",
        "Complaints and satisfaction surveys for Pak Kret (example)",
        ["Pak Kret", "Nonthaburi"],
        ["Urban survey system"],
        D("720000.00"),
        [
            ("KR4.1", "Pak Kret", 8, 6),
            ("KR4.2", "Pak Kret", 72, 80),
            ("KR4.2", "Nonthaburi", 70, 78),
            ("KR1.4", "Pak Kret", 1, 1),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR4.1", "Pak Kret", 9),
                ("KR4.2", "Pak Kret", 68),
                ("KR4.2", "Nonthaburi", 74),
                ("KR1.4", "Pak Kret", 1),
            ],
        },
        {ProgressReportKind.MONTH_6: SUBMITTED, ProgressReportKind.FINAL: DRAFT},
    ),
    DemoProject(
        5,
        "lead.thungsong@example.org",
        "นายธนกร ทุ่งสง",
        "มหาวิทยาลัยวลัยลักษณ์ (ตัวอย่าง)",
        "ลดขยะของเทศบาลเมืองทุ่งสงด้วยข้อมูลเมือง (ตัวอย่าง)",
        "Cutting Thung Song's waste with city data (example)",
        ["Thung Song", "Chumphon"],
        ["Database system", "Urban survey system"],
        D("640000.00"),
        [
            ("KR4.3", "Thung Song", 12, 18),
            ("KR4.3", "Chumphon", 6, 10),
            ("KR1.2", "Thung Song", 3, 3),
        ],
        {
            ProgressReportKind.MONTH_6: [
                ("KR4.3", "Thung Song", 7),
                ("KR4.3", "Chumphon", 2),
                ("KR1.2", "Thung Song", 1),
            ],
        },
        {ProgressReportKind.MONTH_6: RETURNED, ProgressReportKind.FINAL: DRAFT},
    ),
]


def seed_projects(*, call, officer, manager, researcher):
    """Fund the demo projects of `call` (the closed 2567 call) and take them as far as their
    stage says. Returns the projects."""
    projects = []
    for spec in PROJECTS:
        reference = f"{call.code}-{spec.number:04d}"
        existing = Proposal.objects.filter(call=call, reference=reference).first()
        if existing is not None:
            projects.append(existing)
            continue
        lead = researcher if spec.lead_email == researcher.email else _lead(spec)
        proposal = _approved_proposal(call, spec, lead, reference)
        services.fund(
            proposal=proposal,
            actor=officer,
            contract_number=f"RDG67-{spec.number:03d}",
            contract_date=START - datetime.timedelta(days=14),
            starts_on=START,
            ends_on=END,
            budget=services.proposed_award_budget(proposal),
        )
        _release(proposal, officer, 1)
        for report in proposal.reports.order_by("period_end"):
            stage = spec.stages.get(report.kind, DRAFT)
            if stage == DRAFT:
                continue
            _write_report(report, spec)
            services.submit_report(report=report, actor=lead)
            _backdate(report, submitted_days=20)
            if stage == ACCEPTED:
                services.accept_report(report=report, actor=officer, comment="ครบถ้วนตามแผน")
                _backdate(report, decided_days=30)
                if report.kind == ProgressReportKind.MONTH_6 and spec.number != 3:
                    _release(proposal, officer, 2)
            elif stage == RETURNED:
                services.return_report(
                    report=report,
                    actor=officer,
                    comment="โปรดแนบภาพถ่ายการชั่งน้ำหนักขยะเป็นหลักฐานของผลลัพธ์ KR4.3",
                )
                _backdate(report, decided_days=30)
        if spec.outcome == "closed":
            _release(proposal, officer, 3)
            transition(proposal=proposal, name="complete", actor=officer)
            transition(proposal=proposal, name="close", actor=officer)
        projects.append(Proposal.objects.get(pk=proposal.pk))
    return projects


def _lead(spec):
    user, created = User.objects.get_or_create(
        email=spec.lead_email,
        defaults={
            "full_name_th": spec.lead_name,
            "organisation": spec.organisation,
            "preferred_language": "th",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        set_roles(actor=None, user=user, roles={Role.RESEARCHER})
    return user


def _municipality(name_en):
    return Municipality.objects.get(name_en=name_en) if name_en else None


def _approved_proposal(call, spec, lead, reference):
    years = {year.year_be: year for year in FiscalYear.objects.filter(year_be__in=(2567, 2568))}
    proposal = Proposal.objects.create(
        call=call,
        lead=lead,
        sequence=spec.number,
        reference=reference,
        title_th=spec.title_th,
        title_en=spec.title_en,
        duration_months=12,
        start_month=START,
        keywords="เมืองน่าอยู่, smart city",
        summary_th=f"{spec.title_th}: นำเทคโนโลยีจากงานวิจัยไปใช้กับเทศบาล",
        summary_en=f"{spec.title_en}: bringing research technology to the municipality.",
        round=1,
        submitted_at=timezone.make_aware(datetime.datetime(2024, 1, 15, 10, 0)),
        approved_amount=spec.amount,
    )
    TeamMember.objects.create(
        proposal=proposal,
        user=lead,
        email=lead.email,
        name=lead.display_name,
        organisation=lead.organisation,
        role=TeamRole.LEAD,
        effort_percent=D("50"),
        accepted_at=proposal.created_at,
    )
    Section.objects.bulk_create(
        Section(proposal=proposal, key=key, text=f"{key.label} ({spec.title_th})")
        for key in SectionKey
    )
    for position, name in enumerate(spec.municipalities):
        ProposalMunicipality.objects.create(
            proposal=proposal,
            municipality=_municipality(name),
            is_lead=position == 0,
            role="พื้นที่ดำเนินการ",
        )
    for name in spec.technologies:
        ProposalTechnology.objects.create(
            proposal=proposal, technology=Technology.objects.get(name_en=name), planned_use="ใช้"
        )
    for position, (name, start, end, weight) in enumerate(
        [
            ("สำรวจและเก็บข้อมูลร่วมกับเทศบาล", 1, 6, D("50")),
            ("ใช้งานจริงและถ่ายทอดให้เทศบาล", 6, 12, D("50")),
        ]
    ):
        Activity.objects.create(
            proposal=proposal,
            position=position,
            name=name,
            start_month=start,
            end_month=end,
            weight_percent=weight,
        )
    for code, description, share in BUDGET_SHARES:
        BudgetLine.objects.create(
            proposal=proposal,
            category=BudgetCategory.objects.get(call=call, code=code),
            fiscal_year=call.fiscal_year,
            description=description,
            quantity=D(1),
            unit_cost=(spec.amount * share / 100).quantize(D("0.01")),
        )
    for code, municipality, *targets in spec.commitments:
        indicator = Indicator.objects.get(programme=call.programme, code=code)
        for year_be, target in zip((2567, 2568), targets, strict=True):
            if target:
                IndicatorContribution.objects.create(
                    proposal=proposal,
                    indicator=indicator,
                    fiscal_year=years[year_be],
                    municipality=_municipality(municipality),
                    target=D(target),
                    means_of_verification="รายงานผลและหลักฐานภาพถ่าย",
                )
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.APPROVED)
    return Proposal.objects.get(pk=proposal.pk)


def _write_report(report, spec):
    report.narrative = "ดำเนินกิจกรรมตามแผน เทศบาลร่วมเก็บข้อมูลและใช้ผลในการประชุมสภาเมือง (ข้อมูลตัวอย่าง)"
    report.problems = "ฝนตกหนักทำให้การสำรวจภาคสนามล่าช้า 2 สัปดาห์ แก้โดยเพิ่มทีมสำรวจ"
    report.save(update_fields=["narrative", "problems"])
    final = report.kind == ProgressReportKind.FINAL
    for activity in report.proposal.activities.all():
        ActivityProgress.objects.create(
            report=report,
            activity=activity,
            percent=D(100) if final or activity.position == 0 else D(40),
        )
    for code, description, share in BUDGET_SHARES:
        Spending.objects.create(
            report=report,
            category=BudgetCategory.objects.get(call=report.proposal.call, code=code),
            amount=(spec.amount * share / 200).quantize(D("0.01")),
            note=description,
        )
    programme = report.proposal.call.programme
    for code, municipality, value in spec.results.get(report.kind, []):
        IndicatorResult.objects.create(
            report=report,
            indicator=Indicator.objects.get(programme=programme, code=code),
            municipality=_municipality(municipality),
            value=D(value),
            evidence_url=f"https://example.org/evidence/{spec.number}/{report.kind}/{code}",
            note="หลักฐาน: รายงานการประชุมและภาพถ่าย",
        )
    if final:
        for code, description, quantity in spec.outputs:
            DeliveredOutput.objects.create(
                report=report,
                output_type=OutputType.objects.get(code=code),
                description=description,
                quantity=quantity,
            )


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _backdate(report, *, submitted_days=None, decided_days=None):
    """Put the demo's report on the dates it would have had: submitted and decided some days
    after its period ended, its instalments due from the day it was accepted."""
    if submitted_days is not None:
        submitted = report.period_end + datetime.timedelta(days=submitted_days)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=_at(submitted))
    if decided_days is not None:
        decided = report.period_end + datetime.timedelta(days=decided_days)
        ProgressReport.objects.filter(pk=report.pk).update(decided_at=_at(decided))
        Instalment.objects.filter(report=report, due_since__isnull=False).update(due_since=decided)


def _release(proposal, officer, number):
    instalment = proposal.instalments.get(number=number)
    report = instalment.report
    paid_on = (report.period_end if report else START) + datetime.timedelta(days=45)
    services.release_instalment(
        instalment=instalment,
        actor=officer,
        paid_on=min(paid_on, timezone.localdate()),
        payment_reference=f"KTB-{proposal.reference}-{number}",
    )
