"""Demo funded projects of the closed call, across several municipalities, at every stage of
their life: reports accepted, submitted, returned and late; instalments released, due and
scheduled; one project completed and closed. Its proposals were approved in the round before
the system existed, so they start at "approved"; from there everything goes through the
services (funding, reports, payments), so that the KPI ledger and every dashboard show real
numbers. Their dates follow the demo's calendar (`proposals.demo.DemoCalendar`): twelve months
that ended a few months before today, the contract signed two weeks before the start, each
report submitted 20 days after its period ended and decided 10 days later, each instalment
paid 15 days after it fell due (after the contract, or after its report was accepted).
Idempotent: a project whose reference exists is left alone."""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.demo import ready_to_sign_in
from accounts.models import Municipality, User
from accounts.roles import Role
from accounts.services import set_roles
from indicators.models import FiscalYear, Indicator, OutputType, Technology
from projects.demo.specs import ACCEPTED, BUDGET_SHARES, DRAFT, PROJECTS, RETURNED, D
from projects.financial import services as financial_services
from projects.financial.selectors import refund_standing
from projects.funding import services as funding_services
from projects.instalments import services as instalment_services
from projects.models import (
    ActivityProgress,
    DeliveredOutput,
    IndicatorResult,
    Instalment,
    ProgressReport,
    Spending,
)
from projects.progress.services import states as report_states
from proposals.demo import today_calendar
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

SUBMITTED_AFTER = datetime.timedelta(days=20)  # after the period ends
DECIDED_AFTER = datetime.timedelta(days=30)
PAID_AFTER = datetime.timedelta(days=45)


def seed_projects(*, call, officer, manager, researcher, calendar=None):
    """Fund the demo projects of `call` (the closed call) and take them as far as their stage
    says. Returns the projects."""
    calendar = calendar or today_calendar()
    start, end = calendar.project_start, calendar.project_end
    projects = []
    for spec in PROJECTS:
        reference = f"{call.code}-{spec.number:04d}"
        existing = Proposal.objects.filter(call=call, reference=reference).first()
        if existing is not None:
            projects.append(existing)
            continue
        lead = researcher if spec.lead_email == researcher.email else _lead(spec)
        proposal = _approved_proposal(call, spec, lead, reference, start, end)
        funding_services.fund(
            proposal=proposal,
            actor=officer,
            contract_number=f"RDG{call.fiscal_year.year_be % 100}-{spec.number:03d}",
            contract_date=start - datetime.timedelta(days=14),
            starts_on=start,
            ends_on=end,
            budget=funding_services.proposed_award_budget(proposal),
        )
        _release(proposal, officer, 1)
        for report in proposal.reports.order_by("period_end"):
            stage = spec.stages.get(report.kind, DRAFT)
            if stage == DRAFT:
                continue
            _write_report(report, spec)
            report_states.submit_report(report=report, actor=lead)
            _backdate(report, submitted=True)
            if stage == ACCEPTED:
                report_states.accept_report(report=report, actor=officer, comment="ครบถ้วนตามแผน")
                _backdate(report, decided=True)
                if report.kind == ProgressReportKind.MONTH_6 and spec.number != 3:
                    _release(proposal, officer, 2)
            elif stage == RETURNED:
                report_states.return_report(
                    report=report,
                    actor=officer,
                    comment="โปรดแนบภาพถ่ายการชั่งน้ำหนักขยะเป็นหลักฐานของผลลัพธ์ KR4.3",
                )
                _backdate(report, decided=True)
        if spec.outcome == "closed":
            _release(proposal, officer, 3)
            transition(proposal=proposal, name="complete", actor=officer)
            _refund(proposal, officer)
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
    ready_to_sign_in(user)  # the README says the leads sign in with the demo password
    if created:
        set_roles(actor=None, user=user, roles={Role.RESEARCHER})
    # Verified, like the other demo users, so that a lead can sign in as the README says.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _municipality(name_en):
    return Municipality.objects.get(name_en=name_en) if name_en else None


def _approved_proposal(call, spec, lead, reference, start, end):
    # A project's two years: the fiscal year it starts in and the one it ends in.
    years = [
        FiscalYear.objects.get_or_create(year_be=FiscalYear.year_be_of(day))[0]
        for day in (start, end)
    ]
    submitted = call.closes_at - datetime.timedelta(days=5)
    proposal = Proposal.objects.create(
        call=call,
        lead=lead,
        sequence=spec.number,
        reference=reference,
        title_th=spec.title_th,
        title_en=spec.title_en,
        duration_months=12,
        start_month=start,
        keywords="เมืองน่าอยู่, smart city",
        summary_th=f"{spec.title_th}: นำเทคโนโลยีจากงานวิจัยไปใช้กับเทศบาล",
        summary_en=f"{spec.title_en}: bringing research technology to the municipality.",
        round=1,
        submitted_at=submitted,
        approved_amount=spec.amount,
    )
    TeamMember.objects.create(
        proposal=proposal,
        user=lead,
        email=lead.email,
        name=lead.display_name,
        organisation=lead.organisation,
        organisation_record_id=lead.organisation_record_id,
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
        for year, target in zip(years, targets, strict=True):
            if target:
                IndicatorContribution.objects.create(
                    proposal=proposal,
                    indicator=indicator,
                    fiscal_year=year,
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
    spent = D(spec.final_spending_percent if final else 100) / 100
    for code, description, share in BUDGET_SHARES:
        Spending.objects.create(
            report=report,
            category=BudgetCategory.objects.get(call=report.proposal.call, code=code),
            amount=(spec.amount * share / 200 * spent).quantize(D("0.01")),
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


def _backdate(report, *, submitted=False, decided=False):
    """Put the demo's report on the dates it would have had: submitted and decided some days
    after its period ended, its instalments due from the day it was accepted."""
    if submitted:
        day = report.period_end + SUBMITTED_AFTER
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=_at(day))
    if decided:
        day = report.period_end + DECIDED_AFTER
        ProgressReport.objects.filter(pk=report.pk).update(decided_at=_at(day))
        Instalment.objects.filter(report=report, due_since__isnull=False).update(due_since=day)


def _refund(proposal, officer):
    """Record the refund of what the final financial report left unspent, a week after the
    last instalment was paid (or today, if sooner)."""
    balance = refund_standing(proposal).balance
    if not balance:
        return
    paid_on = (
        proposal.instalments.exclude(paid_on=None)
        .order_by("-paid_on")
        .values_list("paid_on", flat=True)[0]
    )
    financial_services.record_refund(
        proposal=proposal,
        actor=officer,
        amount=balance,
        refunded_on=min(paid_on + datetime.timedelta(days=7), timezone.localdate()),
        reference=f"RF-{proposal.reference}",
    )


def _release(proposal, officer, number):
    """Pay instalment `number` 15 days after it fell due: after its report was accepted, or
    after the contract was signed."""
    instalment = proposal.instalments.select_related("report").get(number=number)
    report = instalment.report
    if report is None:
        paid_on = proposal.award.contract_date + (PAID_AFTER - DECIDED_AFTER)
    else:
        paid_on = report.period_end + PAID_AFTER
    instalment_services.release_instalment(
        instalment=instalment,
        actor=officer,
        paid_on=min(paid_on, timezone.localdate()),
        payment_reference=f"KTB-{proposal.reference}-{number}",
    )
