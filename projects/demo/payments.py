"""The demo's payments, through the real services: each paid instalment was requested by the
lead with the documents the call asks for, checked by the officer and paid by finance; one
due instalment waits in the officers' queue."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projects.models import PaymentRequest
from projects.payments import checks
from projects.payments import services as payment_services
from proposals.demo_proposals import DEMO_PDF


def _documents(proposal):
    return {
        kind: SimpleUploadedFile(f"{kind.value}.pdf", DEMO_PDF, content_type="application/pdf")
        for kind in checks.documents_asked(proposal.call)
    }


def request_instalment(instalment, *, note=""):
    """The lead requests `instalment` with a demo PDF for each document asked for."""
    proposal = instalment.proposal
    return payment_services.request_payment(
        instalment=instalment, actor=proposal.lead, note=note, documents=_documents(proposal)
    )


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def pay_instalment(instalment, *, officer, finance, paid_on, reference):
    """Request, check and pay `instalment` in full, and date the request as it would have
    been: sent and checked in the days before the payment, decided on its day."""
    payment = request_instalment(instalment)
    payment = payment_services.check_request(payment=payment, actor=officer)
    payment = payment_services.pay_request(
        payment=payment,
        actor=finance,
        paid_on=paid_on,
        payment_reference=reference,
        amount=instalment.amount,
    )
    sent = max(paid_on - datetime.timedelta(days=5), instalment.due_since or paid_on)
    PaymentRequest.objects.filter(pk=payment.pk).update(
        submitted_at=_at(sent, 9),
        checked_at=_at(min(sent + datetime.timedelta(days=2), paid_on), 11),
        decided_at=_at(paid_on, 14),
    )
    return payment
