"""Reads of the contract pages: a project with what its contract page shows, and its
contract and amendments."""

from projects.models import Amendment, Contract
from proposals.models import Proposal


def project_for_contract(pk):
    """The project with its award, call, programme and team (for the permission checks)."""
    return (
        Proposal.objects.select_related("call__programme__funder", "lead", "award")
        .prefetch_related("team", "call__programme__managers")
        .get(pk=pk)
    )


def contract_of(proposal):
    """The project's contract or None (before it is first generated)."""
    return Contract.objects.select_related("template").filter(proposal=proposal).first()


def amendments_of(contract):
    """The contract's amendments with the change requests they come from, in order."""
    if contract is None:
        return []
    return list(
        Amendment.objects.filter(contract=contract).select_related("change").order_by("number")
    )
