"""Reads of the payment request pages, shaped for them."""

from django.db.models import Count, Min, Sum

from projects.models import Instalment, PaymentRequest, PaymentState
from projects.payments.rules import PAYABLE_PROJECT_STATES

QUEUE_STATES = {"check": PaymentState.SUBMITTED, "pay": PaymentState.CHECKED}


def instalment_for_request(pk):
    """An instalment with its project (and what the project's rules read) and its report."""
    return (
        Instalment.objects.select_related(
            "proposal__call__programme",
            "proposal__call__payment_policy",
            "proposal__award",
            "report",
        )
        .prefetch_related("proposal__team", "proposal__call__programme__managers")
        .get(pk=pk)
    )


def payment_for_page(pk):
    """A payment request with its project, instalment and documents, for its page and its
    predicates."""
    return (
        PaymentRequest.objects.select_related(
            "proposal__call__programme",
            "proposal__call__payment_policy",
            "proposal__award",
            "proposal__lead",
            "instalment__report",
            "created_by",
            "checked_by",
            "decided_by",
        )
        .prefetch_related("documents", "proposal__team", "proposal__call__programme__managers")
        .get(pk=pk)
    )


def queue(name):
    """The requests waiting in queue `name` ("check": submitted, for the officers; "pay":
    checked, for finance), oldest first, with their number of documents: one query. A
    terminated project's requests wait for nobody."""
    return (
        PaymentRequest.objects.filter(
            state=QUEUE_STATES[name], proposal__state__in=PAYABLE_PROJECT_STATES
        )
        .select_related("proposal", "instalment", "checked_by")
        .annotate(document_count=Count("documents"))
        .order_by("submitted_at", "pk")
    )


def queue_summary(name):
    """How many requests wait in queue `name`, the money their instalments ask for and when
    the oldest was submitted: one query, for the dashboards."""
    return (
        queue(name)
        .order_by()
        .aggregate(count=Count("pk"), amount=Sum("instalment__amount"), oldest=Min("submitted_at"))
    )
