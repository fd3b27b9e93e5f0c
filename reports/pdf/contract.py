"""The contract of a funded project (สัญญารับทุน), its amendments (บันทึกแก้ไขเพิ่มเติมสัญญา)
and a change request with its decision, in the reader's language.

The contract prints the text fixed when it was generated (the programme's template with its
placeholders filled in), then the parties, the amount in figures and in Thai words, the
instalments, the reports due and the signature blocks. An amendment lists what the approved
change request changed, before and after, numbered per contract."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.bahttext import baht_text
from core.thai import is_thai
from projects.changes import rules as change_rules
from projects.contracts import differences
from projects.contracts import rules as contract_rules
from projects.models import Amendment, ChangeRequest, Contract, ContractState
from reports.pdf.common import DocumentUnavailable, filename, issuer
from reports.pdf.render import render_pdf

LABEL = gettext_lazy("Grant contract")
AMENDMENT_LABEL = gettext_lazy("Contract amendment")
CHANGE_LABEL = gettext_lazy("Change request and decision")


def _signed_in(user):
    return user is not None and user.is_authenticated


def _contract_of(proposal):
    known = getattr(proposal, "_contract", False)
    if known is False and type(proposal).contract.is_cached(proposal):  # fetched with it
        contract = getattr(proposal, "contract", None)
        generated = contract is not None and contract.state != ContractState.NOT_GENERATED
        known = proposal._contract = contract if generated else None
    if known is False:
        known = proposal._contract = (
            Contract.objects.filter(proposal=proposal)
            .exclude(state=ContractState.NOT_GENERATED)
            .first()
        )
    return known


def may_have_contract(user, proposal):
    """Whoever follows the project, once its contract is generated."""
    return (
        _signed_in(user)
        and contract_rules.can_view_contract(user, proposal)
        and _contract_of(proposal) is not None
    )


def has_amendment(change):
    """Whether the change request amended the contract (read from the page's object when it
    was loaded with its amendment)."""
    try:
        return change.amendment is not None
    except Amendment.DoesNotExist:
        return False


def may_have_amendment(user, change):
    return _signed_in(user) and change_rules.can_view_change(user, change) and has_amendment(change)


def may_have_change_request(user, change):
    return _signed_in(user) and change_rules.can_view_change(user, change)


def _parties(proposal):
    lead = proposal.lead
    return {
        "funder": proposal.call.programme.funder.name,
        "lead": lead.formal_name,
        "organisation": lead.organisation,
    }


def contract_context(contract):
    proposal = contract.proposal
    award = proposal.award
    thai = is_thai(get_language())
    return {
        "contract": contract,
        "proposal": proposal,
        "award": award,
        "programme": proposal.call.programme,
        "issuer": issuer(proposal.call.programme),
        "parties": _parties(proposal),
        "body": contract.body_th if thai else (contract.body_en or contract.body_th),
        "amount_words": baht_text(award.amount),
        "instalments": list(proposal.instalments.order_by("number")),
        "reports": list(proposal.reports.order_by("period_end", "pk")),
    }


def build_contract(proposal):
    """(file name, PDF bytes) of the project's contract; DocumentUnavailable before it is
    generated."""
    contract = (
        Contract.objects.select_related(
            "proposal__call__programme__funder", "proposal__lead", "proposal__award"
        )
        .filter(proposal_id=proposal.pk)
        .exclude(state=ContractState.NOT_GENERATED)
        .first()
    )
    if contract is None:
        raise DocumentUnavailable(_("The contract of this project has not been generated yet."))
    key = contract.proposal.reference
    content = render_pdf(
        "reports/pdf/contract.html",
        contract_context(contract),
        title=_("Grant contract"),
        reference=contract.proposal.award.contract_number,
    )
    return filename(key, "contract"), content


def _change(change):
    return ChangeRequest.objects.select_related(
        "proposal__call__programme__funder", "proposal__lead", "proposal__award", "decided_by"
    ).get(pk=change.pk)


def build_amendment(change):
    """(file name, PDF bytes) of the amendment written from an approved change request."""
    change = _change(change)
    amendment = Amendment.objects.filter(change=change).select_related("contract").first()
    if amendment is None:
        raise DocumentUnavailable(_("This change request did not amend the contract."))
    proposal = change.proposal
    context = {
        "amendment": amendment,
        "change": change,
        "proposal": proposal,
        "award": proposal.award,
        "issuer": issuer(proposal.call.programme),
        "parties": _parties(proposal),
        "rows": differences.change_rows(change),
    }
    content = render_pdf(
        "reports/pdf/contract_amendment.html",
        context,
        title=_("Contract amendment no. %(number)s") % {"number": amendment.number},
        reference=proposal.award.contract_number,
    )
    return filename(proposal.reference, f"amendment-{amendment.number}"), content


def build_change_request(change):
    """(file name, PDF bytes) of a change request: what it asks and why, before and after,
    and its decision so far."""
    change = _change(change)
    proposal = change.proposal
    context = {
        "change": change,
        "proposal": proposal,
        "award": proposal.award,
        "issuer": issuer(proposal.call.programme),
        "rows": differences.change_rows(change),
    }
    content = render_pdf(
        "reports/pdf/change_request.html",
        context,
        title=_("Change request %(number)s") % {"number": change.number},
        reference=proposal.reference,
    )
    return filename(proposal.reference, f"change-{change.number}"), content
