"""Reminders of due instalments nobody has requested: the team hears of each once it falls
due, then once a week while it waits for a request. Run daily by the Celery beat
(`projects.tasks.send_payment_reminders`); running it twice a day sends nothing twice."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from projects.models import Instalment, InstalmentState, PaymentRequest, PaymentState
from projects.payments import notices
from projects.payments.rules import PAYABLE_PROJECT_STATES

EVERY_DAYS = 7


def waiting_for_request(today):
    """Due instalments of payable projects with no live request, not reminded this week."""
    live = PaymentRequest.objects.filter(instalment=OuterRef("pk")).exclude(
        state=PaymentState.REJECTED
    )
    recent = today - datetime.timedelta(days=EVERY_DAYS)
    return (
        Instalment.objects.filter(
            state=InstalmentState.DUE, proposal__state__in=PAYABLE_PROJECT_STATES
        )
        .exclude(Exists(live))
        .exclude(request_reminded_on__gt=recent)
        .select_related("proposal__lead", "proposal__call")
        .prefetch_related("proposal__team__user")
        .order_by("due_since", "pk")
    )


@transaction.atomic
def send_payment_reminders(today=None):
    """Remind each team of its due instalments not requested yet. Returns how many."""
    today = today or timezone.localdate()
    instalments = list(waiting_for_request(today).select_for_update(of=("self",)))
    for instalment in instalments:
        instalment.request_reminded_on = today
        instalment.save(update_fields=["request_reminded_on"])
        transaction.on_commit(
            lambda instalment=instalment: notices.payment_reminder(instalment), robust=True
        )
    return len(instalments)
