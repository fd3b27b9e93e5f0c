"""What a payment request needs before it is submitted: the documents its call asks for."""

from django.utils.translation import gettext as _

from projects.contracts import services as contract_services
from projects.models import DEFAULT_PAYMENT_DOCUMENTS, PaymentDocumentKind, PaymentPolicy


def documents_asked(call):
    """The kinds of document `call` asks for with each payment request, in order."""
    try:
        kinds = call.payment_policy.documents
    except PaymentPolicy.DoesNotExist:
        kinds = DEFAULT_PAYMENT_DOCUMENTS
    return [PaymentDocumentKind(kind) for kind in kinds if kind in PaymentDocumentKind.values]


def missing_documents(payment):
    """The kinds asked for that the request has no document of (reads `payment.documents`)."""
    given = {document.kind for document in payment.documents.all()}
    return [kind for kind in documents_asked(payment.proposal.call) if kind not in given]


def payment_problems(payment):
    """Why `payment` cannot be submitted yet, in words (empty: it can): the documents its call
    asks for, and the counter-signed contract where the call requires one."""
    problems = [
        _("Add the %(document)s.") % {"document": kind.label.lower()}
        for kind in missing_documents(payment)
    ]
    if not contract_services.contract_in_force(payment.proposal):
        problems.append(contract_services.not_in_force_message())
    return problems
