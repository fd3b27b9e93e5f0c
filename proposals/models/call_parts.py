"""What a call asks of proposals and reviewers beside its budget rules: review criteria, the
attachments a proposal must carry, and the call's own documents."""

from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.thai import bilingual
from proposals.models.calls import Call, ProposalStage


class ReviewCriterion(models.Model):
    """A criterion reviewers score a proposal on, with its weight in the total of 100."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # A two-stage call scores its concepts on criteria of their own.
    stage = models.CharField(
        _("stage"), max_length=10, choices=ProposalStage.choices, default=ProposalStage.FULL
    )
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    guidance_th = models.TextField(_("guidance (Thai)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    guidance = bilingual("guidance")

    def clean(self):
        if (
            self.scale_min is not None
            and self.scale_max is not None
            and self.scale_min >= self.scale_max
        ):
            raise ValidationError({"scale_max": _("The highest score must exceed the lowest.")})


class RequiredAttachment(models.Model):
    """A kind of file applicants attach to a proposal (e.g. a letter of intent of the city)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="required_attachments", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("attachment kind")
        verbose_name_plural = _("attachment kinds")
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.name

    name = bilingual("name")

    description = bilingual("description")


def call_document_path(instance, filename):
    return f"calls/{instance.call.code}/{filename}"


class CallDocument(models.Model):
    """A document applicants download: the call text, a proposal template, a budget form…"""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="documents", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    file = models.FileField(_("file"), upload_to=call_document_path)

    class Meta:
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.title

    title = bilingual("title")

    @property
    def filename(self):
        return PurePosixPath(self.file.name).name
