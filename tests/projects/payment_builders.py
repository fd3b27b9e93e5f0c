"""Payment requests for the tests: PDFs to attach, a request of a due instalment by its lead,
and an instalment paid through the whole request (requested, checked, paid)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from projects.models import Instalment, PaymentDocumentKind
from projects.payments import services
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEFAULT_KINDS = (PaymentDocumentKind.INVOICE, PaymentDocumentKind.BANK_PAGE)


def pdf(name="invoice.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def documents(kinds=DEFAULT_KINDS):
    return {kind: pdf(f"{kind.value}.pdf") for kind in kinds}


def instalment(project, number):
    return Instalment.objects.get(proposal=project, number=number)


def requested(project, number=1, *, submit=True):
    """The lead's request of instalment `number`, with the default documents."""
    return services.request_payment(
        instalment=instalment(project, number),
        actor=project.lead,
        note="",
        documents=documents(),
        submit=submit,
    )


def checked(project, officer, number=1):
    return services.check_request(payment=requested(project, number), actor=officer)


def pay_instalment(
    item, *, officer, finance=None, paid_on=None, reference="TR-0001", amount=None, **extra
):
    """Pay `item` through the whole request: the lead requests it, `officer` checks it,
    `finance` (a new finance person when not given) pays it."""
    finance = finance or UserFactory(roles=[Role.FINANCE])
    payment = services.request_payment(
        instalment=item, actor=item.proposal.lead, note="", documents=documents()
    )
    payment = services.check_request(payment=payment, actor=officer)
    return services.pay_request(
        payment=payment,
        actor=finance,
        paid_on=paid_on or datetime.date.today(),
        payment_reference=reference,
        amount=item.amount if amount is None else amount,
        **extra,
    )
