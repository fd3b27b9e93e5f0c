"""A funded project's progress report, and the letter that requests the instalment it releases.

The progress report prints what its page shows (projects.progress.selectors):
the narrative and problems, the work plan's progress, spending against the approved budget,
indicator results with their evidence (file names, with the address that downloads each, and
links), outputs delivered, the instalments paid on it and the officer's decision.

The instalment request is the team's official letter (reports/pdf/letters.py) asking the
programme to pay instalment N: the contract, the amount in figures and in words, what was
released before and what remains, the report it relies on, the lead's signature, then the
funding officer's check and the approval. Instalments are paid on a report (6-month, final…) or, the
first one, on the signed contract, which has no report. So there are two documents:
"instalment-request" about a progress report (its instalments, once it is accepted) and
"instalment-request-contract" about the project (its instalments paid on the contract).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.services import absolute_url
from core.numbers import ZERO
from core.thai import format_date, format_money
from indicators.letters import letterhead_of
from projects import rules as project_rules
from projects.models import (
    Award,
    Instalment,
    InstalmentState,
    PaymentRequest,
    PaymentState,
    ProgressReport,
    ProgressReportState,
)
from projects.payments.rules import pays_requests
from projects.progress import selectors
from projects.selectors import released_total
from projects.selectors.page import lead_municipality
from proposals.models import ProgressReportKind, Proposal
from reports.pdf.common import DocumentUnavailable, amount_words, filename, issuer
from reports.pdf.letters import OfficialLetter, addressee_position
from reports.pdf.render import render_pdf

LABEL = gettext_lazy("Progress report")
REQUEST_LABEL = gettext_lazy("Instalment request")
CONTRACT_REQUEST_LABEL = gettext_lazy("Instalment request on the contract")


def _signed_in(user):
    return user is not None and user.is_authenticated


# Who -----------------------------------------------------------------------------------------


def may_have_progress_report(user, report):
    """The report page's readers: the team, funding officers, the programme's managers and
    administrators."""
    return _signed_in(user) and project_rules.can_view_report(user, report)


def _live(instalments):
    return instalments.exclude(state=InstalmentState.CANCELLED).order_by("number")


def requested_on_report(report):
    """The instalments paid on `report` that are still to be paid or were paid (not
    cancelled), in order."""
    return list(_live(Instalment.objects.filter(report=report)))


def _on_contract(proposal):
    return _live(
        Instalment.objects.filter(
            proposal=proposal, report__isnull=True, report_kind=ProgressReportKind.CONTRACT
        )
    )


def contract_instalments(proposal):
    """The project's instalments paid on the signed contract (not cancelled), in order."""
    return list(_on_contract(proposal))


def _requested(instalments):
    """Whether the team has sent a payment request of one of `instalments`."""
    return (
        PaymentRequest.objects.filter(instalment__in=instalments)
        .exclude(state=PaymentState.DRAFT)
        .exists()
    )


def may_have_instalment_request(user, report):
    """The report's readers, once the report is accepted and an instalment is paid on it;
    finance, once the team has requested such an instalment."""
    instalments = _live(Instalment.objects.filter(report=report))
    if _signed_in(user) and pays_requests(user):
        return report.state == ProgressReportState.ACCEPTED and _requested(instalments)
    if not (
        may_have_progress_report(user, report) and report.state == ProgressReportState.ACCEPTED
    ):
        return False
    known = getattr(report, "page_instalments", None)  # read by the report's page
    if known is not None:
        return any(item.state != InstalmentState.CANCELLED for item in known)
    return instalments.exists()


def may_have_contract_request(user, proposal):
    """The project's readers (as its page), once the contract is recorded and an instalment
    is paid on it (one query more than the page's rule); finance, once the team has
    requested such an instalment."""
    on_contract = _on_contract(proposal).filter(proposal__award__isnull=False)
    if _signed_in(user) and pays_requests(user):
        return _requested(on_contract)
    if not (_signed_in(user) and project_rules.can_view_project(user, proposal)):
        return False
    known = getattr(proposal, "contract_instalments", None)  # read by the project page
    return bool(known) if known is not None else on_contract.exists()


# The progress report ----------------------------------------------------------------------------


def report_for_print(report):
    """The report with its project, contract, funder and the people named on it."""
    return ProgressReport.objects.select_related(
        "proposal__call__programme__funder",
        "proposal__lead",
        "proposal__award",
        "submitted_by",
        "decided_by",
    ).get(pk=report.pk)


def _award(proposal):
    try:
        return proposal.award
    except Award.DoesNotExist:
        return None


def evidence_rows(report):
    """The report's result rows, each evidence file with the address that downloads it (for
    whoever may read the report, after signing in)."""
    rows = selectors.result_rows(report)
    for row in rows:
        row.files = [
            (
                evidence,
                absolute_url(
                    reverse("projects:progress_evidence_download", args=[report.pk, evidence.pk])
                ),
            )
            for evidence in row.evidence
        ]
    return rows


def report_context(report):
    """What the report's page shows, read the same way (a fixed number of queries)."""
    proposal = report.proposal
    return {
        "report": report,
        "proposal": proposal,
        "award": _award(proposal),
        "issuer": issuer(proposal.call.programme),
        "activities": selectors.activity_rows(report),
        "spending": selectors.spending_table(report),
        "results": evidence_rows(report),
        "outputs": selectors.outputs_of(report),
        "instalments": selectors.instalments_on(report),
        "decided": report.state in (ProgressReportState.ACCEPTED, ProgressReportState.RETURNED),
    }


def report_key(report):
    """`SLC-2567-0001-month-6`: the project's reference and the report's kind."""
    return f"{report.proposal.reference}-{report.kind.replace('_', '-')}"


def build_progress_report(report):
    """(file name, PDF bytes) of a progress report, in whatever state it is."""
    report = report_for_print(report)
    content = render_pdf(
        "reports/pdf/progress_report.html",
        report_context(report),
        title=report.get_kind_display(),
        reference=report.proposal.reference,
    )
    return filename(report_key(report), "progress-report"), content


# The instalment request -------------------------------------------------------------------------


def money_phrase(amount):
    """`950,000.00 บาท (เก้าแสนห้าหมื่นบาทถ้วน)` in Thai, `950,000.00 baht` in English."""
    text = _("%(amount)s baht") % {"amount": format_money(amount)}
    words = amount_words(amount)
    return f"{text} ({words})" if words else text


def request_context(proposal, award, requested, report=None):
    """The letter's figures: the approved budget, what was released before this request, the
    amount requested (in figures and words) and what remains once it is paid."""
    amount = sum((instalment.amount for instalment in requested), ZERO)
    before = released_total(proposal, excluding=requested)
    payment = payment_request_of(requested)
    return {
        "letter": request_letter(proposal, award, requested, report, payment),
        "payment": payment,
        "PaymentState": PaymentState,
        "proposal": proposal,
        "programme": proposal.call.programme,
        "issuer": issuer(proposal.call.programme),
        "award": award,
        "report": report,
        "lead_municipality": lead_municipality(proposal),
        "instalments": requested,
        "numbers": ", ".join(str(instalment.number) for instalment in requested),
        "amount": amount,
        "amount_words": amount_words(amount),
        "amount_phrase": money_phrase(amount),
        "approved_phrase": money_phrase(award.amount),
        "released_before": before,
        "remaining": award.amount - before - amount,
        "today": timezone.localdate(),
    }


def payment_request_of(requested):
    """The team's payment request (projects.payments) of the `requested` instalments that
    the letter follows: the first one sent and not rejected, with its documents and the
    people who checked and decided it; None before the team has sent one."""
    return (
        PaymentRequest.objects.filter(instalment__in=[item.pk for item in requested])
        .exclude(state__in=(PaymentState.DRAFT, PaymentState.REJECTED))
        .select_related("checked_by", "decided_by")
        .prefetch_related("documents")
        .order_by("instalment__number", "-pk")
        .first()
    )


def request_letter(proposal, award, requested, report=None, payment=None):
    """The request as an official letter from the project team to the programme: the team
    numbers it in its own registry (ที่ is left blank) and addresses it to the programme's
    signatory; the lead signs it. Once the team has sent its payment request, the letter
    bears the day it was sent and lists its documents among the enclosures."""
    programme = proposal.call.programme
    lead = proposal.lead
    town = lead_municipality(proposal)
    office = lead.organisation or (town.name if town else "")
    numbers = ", ".join(str(instalment.number) for instalment in requested)
    subject = ngettext(
        "Request for payment of instalment %(numbers)s of project %(reference)s",
        "Request for payment of instalments %(numbers)s of project %(reference)s",
        len(requested),
    ) % {"numbers": numbers, "reference": proposal.reference}
    if report is not None:
        enclosure = f"{report.get_kind_display()} ({format_date(report.period_start)} – "
        enclosure += f"{format_date(report.period_end)})"
    else:
        enclosure = _("A copy of the signed contract")
    enclosures = [enclosure]
    sent_on = timezone.localdate()
    if payment is not None:
        enclosures += [
            f"{document.get_kind_display()} ({document.original_name})"
            for document in payment.documents.all()
        ]
        sent_on = timezone.localdate(payment.submitted_at) if payment.submitted_at else sent_on
    return OfficialLetter(
        number="",
        office=office,
        date=sent_on,
        subject=subject,
        addressee=addressee_position(letterhead_of(programme).snapshot(), programme),
        closing=_("Yours faithfully,"),
        references=[
            _("Grant contract no. %(number)s of %(date)s")
            % {"number": award.contract_number, "date": format_date(award.contract_date)}
        ],
        enclosures=enclosures,
        signatory_name=lead.formal_name,
        signatory_position=str(_("Lead researcher")),
        contact_unit=office,
        contact_phone=lead.phone,
        contact_email=lead.email,
    )


def _project(pk):
    return (
        Proposal.objects.select_related("call__programme__funder", "lead", "award")
        .prefetch_related("municipalities__municipality")
        .get(pk=pk)
    )


def _render_request(context, key):
    content = render_pdf(
        "reports/pdf/instalment_request.html",
        context,
        title=_("Instalment request"),
        reference=context["proposal"].reference,
    )
    return filename(key, "instalment-request"), content


def build_instalment_request(report):
    """(file name, PDF bytes) of the letter requesting the instalments paid on `report`;
    DocumentUnavailable before the report is accepted or when nothing is paid on it."""
    report = ProgressReport.objects.get(pk=report.pk)
    if report.state != ProgressReportState.ACCEPTED:
        raise DocumentUnavailable(
            _("The instalment can be requested once this report has been accepted.")
        )
    requested = requested_on_report(report)
    if not requested:
        raise DocumentUnavailable(_("No instalment is paid on this report."))
    proposal = _project(report.proposal_id)
    award = _award(proposal)
    if award is None:
        raise DocumentUnavailable(_("No contract was recorded for this project."))
    report.proposal = proposal
    return _render_request(request_context(proposal, award, requested, report), report_key(report))


def build_contract_request(proposal):
    """(file name, PDF bytes) of the letter requesting the instalments paid on the signed
    contract; DocumentUnavailable without a contract or such an instalment."""
    proposal = _project(proposal.pk)
    award = _award(proposal)
    if award is None:
        raise DocumentUnavailable(_("No contract was recorded for this project."))
    requested = contract_instalments(proposal)
    if not requested:
        raise DocumentUnavailable(_("No instalment of this project is paid on the contract."))
    key = f"{proposal.reference}-contract"
    return _render_request(request_context(proposal, award, requested), key)
