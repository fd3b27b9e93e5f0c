"""The grant contract of a funded project (สัญญารับทุน) and its amendments (บันทึกแก้ไขเพิ่มเติม
สัญญา): the programme's template it is written from (every saved text a new version), a call's
rule that the contract must be counter-signed before the project starts, and the contract's
steps (not generated → generated → signed by the team → counter-signed)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.badges import badge_colours
from proposals.models.calls import Call
from proposals.models.proposal import Proposal


class ContractTemplate(models.Model):
    """One version of a programme's contract text, Thai and English, with placeholders
    (`projects.contracts.placeholders`); the newest version is the one contracts use."""

    programme = models.ForeignKey(
        "indicators.Programme",
        on_delete=models.CASCADE,
        related_name="contract_templates",
        verbose_name=_("programme"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    body_th = models.TextField(_("contract text (Thai)"))
    body_en = models.TextField(_("contract text (English)"), blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("contract template")
        verbose_name_plural = _("contract templates")
        ordering = ["programme", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "version"], name="unique_contract_template_version"
            )
        ]

    def __str__(self):
        return f"{self.programme} v{self.version}"


class ContractPolicy(models.Model):
    """A call's rule for contracts; a call without one does not require the contract."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="contract_policy", verbose_name=_("call")
    )
    required = models.BooleanField(
        _("the counter-signed contract is required before the project starts"), default=False
    )

    class Meta:
        verbose_name = _("contract rule")
        verbose_name_plural = _("contract rules")

    def __str__(self):
        return str(self.call)


@badge_colours("secondary", GENERATED="info", SIGNED="primary", COUNTERSIGNED="success")
class ContractState(models.TextChoices):
    NOT_GENERATED = "not_generated", _("Not generated")
    GENERATED = "generated", _("Generated")
    SIGNED = "signed", _("Signed by the team")
    COUNTERSIGNED = "countersigned", _("Counter-signed")


def signed_copy_path(instance, filename):
    return f"projects/{instance.proposal_id}/contract/{filename}"


class SignedCopies(models.Model):
    """The signed copy (the team's) and the counter-signed copy (the officer's) of a
    document, and who uploaded them when."""

    state = FSMField(
        _("state"), default=ContractState.NOT_GENERATED, choices=ContractState.choices,
        protected=True,
    )  # fmt: skip
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_file = models.FileField(_("signed copy"), upload_to=signed_copy_path, blank=True)
    signed_name = models.CharField(_("file name"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed copy uploaded at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    countersigned_file = models.FileField(
        _("counter-signed copy"), upload_to=signed_copy_path, blank=True
    )
    countersigned_name = models.CharField(_("file name"), max_length=255, blank=True)
    countersigned_at = models.DateTimeField(
        _("counter-signed copy uploaded at"), null=True, blank=True
    )
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True

    @transition(
        field=state,
        source=[ContractState.NOT_GENERATED, ContractState.GENERATED],
        target=ContractState.GENERATED,
    )
    def generate(self):
        pass

    @transition(field=state, source=ContractState.GENERATED, target=ContractState.SIGNED)
    def sign(self):
        pass

    @transition(field=state, source=ContractState.SIGNED, target=ContractState.COUNTERSIGNED)
    def countersign(self):
        pass


class Contract(SignedCopies):
    """A funded project's contract: the template version it was written from and its text
    with the placeholders filled in, fixed when it is generated (and generated again only
    until the team signs)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="contract", verbose_name=_("project")
    )
    template = models.ForeignKey(
        ContractTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("template version"),
    )
    body_th = models.TextField(_("contract text (Thai)"), blank=True)
    body_en = models.TextField(_("contract text (English)"), blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self):
        return f"{self.proposal}"

    def get_absolute_url(self):
        return reverse("projects:contract", args=[self.proposal_id])


class Amendment(SignedCopies):
    """An amendment of the contract, written from an approved change request that touches
    it, numbered per contract; generated when the change is approved."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("contract")
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    change = models.OneToOneField(
        "projects.ChangeRequest",
        on_delete=models.PROTECT,
        related_name="amendment",
        verbose_name=_("change request"),
    )

    class Meta:
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_amendment_number")
        ]

    def __str__(self):
        return f"{self.contract} / {self.number}"

    def get_absolute_url(self):
        return reverse("projects:contract", args=[self.proposal_id]) + f"#amendment-{self.number}"
