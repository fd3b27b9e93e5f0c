"""Payment requests of a funded project (ขอเบิกเงินงวด): the team asks for a due instalment
with the documents its call asks for (draft → submitted → (returned) → checked → paid |
rejected); a funding officer checks it and passes it on, finance approves it and records the
payment, or rejects it. The person who checked a request never pays it."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.badges import badge_colours
from projects.models.award import Instalment
from proposals.models.calls import Call
from proposals.models.parts import MONEY
from proposals.models.proposal import Proposal


class PaymentDocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    RECEIPT = "receipt", _("Receipt")
    BANK_PAGE = "bank_page", _("Bank account page")
    OTHER = "other", _("Other supporting document")


# What a call asks for when it says nothing of its own.
DEFAULT_PAYMENT_DOCUMENTS = [PaymentDocumentKind.INVOICE, PaymentDocumentKind.BANK_PAGE]


@badge_colours(
    "secondary",
    SUBMITTED="primary",
    RETURNED="warning",
    CHECKED="info",
    PAID="success",
    REJECTED="danger",
)
class PaymentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned to the team")
    CHECKED = "checked", _("Checked by the officer")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def editable(cls):
        """The team writes the request in these states."""
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def open(cls):
        """Not settled yet: an instalment has at most one such request."""
        return (cls.DRAFT, cls.SUBMITTED, cls.RETURNED, cls.CHECKED)


class PaymentPolicy(models.Model):
    """The documents a call asks for with each payment request; a call without one asks for
    `DEFAULT_PAYMENT_DOCUMENTS`."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="payment_policy", verbose_name=_("call")
    )
    documents = models.JSONField(_("documents asked for"), default=list, blank=True)

    class Meta:
        verbose_name = _("payment request rules")
        verbose_name_plural = _("payment request rules")

    def __str__(self):
        return str(self.call)


class PaymentRequest(models.Model):
    """The team's request for one due instalment, and what the officer and finance made of it.
    `amount_paid` may be less than the instalment, with `shortfall_reason`."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="payment_requests",
        verbose_name=_("project"),
    )
    instalment = models.ForeignKey(
        Instalment,
        on_delete=models.CASCADE,
        related_name="payment_requests",
        verbose_name=_("instalment"),
    )
    state = FSMField(
        _("state"), default=PaymentState.DRAFT, choices=PaymentState.choices, protected=True
    )
    note = models.TextField(_("note to the officer"), blank=True)
    comment = models.TextField(_("reason of the last return or rejection"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    amount_paid = models.DecimalField(
        _("amount paid (baht)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    shortfall_reason = models.TextField(_("why less than the instalment was paid"), blank=True)

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instalment"],
                condition=models.Q(state__in=["draft", "submitted", "returned", "checked", "paid"]),
                name="one_live_payment_request_per_instalment",
            )
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="payment_request_queue")]
        permissions = [
            ("check_paymentrequest", _("Can check, return and pass on payment requests")),
            ("pay_paymentrequest", _("Can approve and record or reject payment requests")),
        ]

    def __str__(self):
        return f"{self.instalment}"

    def get_absolute_url(self):
        return reverse("projects:payment_detail", args=[self.pk])

    @transition(field=state, source=list(PaymentState.editable()), target=PaymentState.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=PaymentState.SUBMITTED, target=PaymentState.RETURNED)
    def return_to_team(self):
        pass

    @transition(field=state, source=PaymentState.SUBMITTED, target=PaymentState.CHECKED)
    def pass_on(self):
        pass

    @transition(field=state, source=PaymentState.CHECKED, target=PaymentState.PAID)
    def pay(self):
        pass

    @transition(field=state, source=PaymentState.CHECKED, target=PaymentState.REJECTED)
    def reject(self):
        pass


def payment_file_path(instance, filename):
    return f"projects/{instance.request.proposal_id}/payments/{filename}"


class PaymentDocument(models.Model):
    """A document of a payment request (an invoice, a receipt, the bank account page…)."""

    request = models.ForeignKey(
        PaymentRequest,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("payment request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentDocumentKind.choices)
    file = models.FileField(_("file"), upload_to=payment_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("payment request document")
        verbose_name_plural = _("payment request documents")
        ordering = ["request", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
