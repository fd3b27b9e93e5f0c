"""Reads of the change request pages, shaped for them."""

from django.db.models import Count

from core.compiled import CompiledRead
from projects.models import ChangeRequest
from proposals.models import Proposal


def project_for_changes(pk):
    """A project with what its change pages and their predicates read (404 when unknown)."""
    return (
        Proposal.objects.select_related("call__programme", "award", "lead")
        .prefetch_related("team", "call__budget_categories")
        .get(pk=pk)
    )


def project_changes(proposal):
    """Every change request of `proposal`, newest first, with its number of files: one
    query whatever their number."""
    return (
        ChangeRequest.objects.filter(proposal=proposal)
        .select_related("created_by", "decided_by")
        .annotate(file_count=Count("attachments"))
        .order_by("-number")
    )


# The project page's read of them, its SQL compiled once (core.compiled): a list by its pk.
project_changes_read = CompiledRead(project_changes)


def change_for_page(pk):
    """A change request with its project and files, for its page and its predicates."""
    return (
        ChangeRequest.objects.select_related(
            "proposal__call__programme",
            "proposal__award",
            "proposal__lead",
            "created_by",
            "recommended_by",
            "decided_by",
            "amendment",
        )
        .prefetch_related(
            "attachments",
            "proposal__team",
            "proposal__call__budget_categories",
        )
        .get(pk=pk)
    )
