"""Incubation events of a programme: proposal-development workshops and field visits, who
registered and who came, their materials, and which workshops a proposal's team attended.

They live in proposals (not indicators, where programmes are) because a workshop can be
linked to a call and a proposal records the workshops its team attended: both are proposals'
models, and an app refers only to the apps below it.
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.thai import bilingual
from indicators.models import Programme
from proposals.models.calls import Call
from proposals.models.proposal import Proposal

# Letters and digits that cannot be mistaken for one another when read off a screen.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_attendance_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class WorkshopKind(models.TextChoices):
    WORKSHOP = "workshop", _("Proposal-development workshop")
    FIELD_VISIT = "field_visit", _("Field visit")


class Workshop(models.Model):
    """A workshop or a field visit the programme runs for the cities' teams."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("programme")
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("call"),
        help_text=_("The call the workshop prepares proposals for, if any."),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=WorkshopKind.choices, default=WorkshopKind.WORKSHOP
    )
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place_th = models.CharField(_("place (Thai)"), max_length=300)
    place_en = models.CharField(_("place (English)"), max_length=300, blank=True)
    agenda_th = models.TextField(_("agenda (Thai)"), blank=True)
    agenda_en = models.TextField(_("agenda (English)"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The most people who may register; leave empty for no limit."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities invited")
    )
    teams = models.ManyToManyField(
        Proposal,
        blank=True,
        related_name="workshop_invitations",
        verbose_name=_("teams invited"),
    )
    attendance_code = models.CharField(
        _("attendance code"), max_length=CODE_LENGTH, default=new_attendance_code
    )
    outcome_th = models.TextField(_("outcome (Thai)"), blank=True)
    outcome_en = models.TextField(_("outcome (English)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-starts_on", "id"]
        permissions = [("manage_workshop", "Run workshops and record attendance")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")),
                name="workshop_starts_before_it_ends",
            ),
        ]

    def __str__(self):
        return self.title_th

    def get_absolute_url(self):
        return reverse("proposals:workshop_detail", args=[self.pk])

    title = bilingual("title")
    place = bilingual("place")
    agenda = bilingual("agenda")
    outcome = bilingual("outcome")

    @property
    def is_past(self):
        return self.ends_on < timezone.localdate()

    @property
    def is_today(self):
        return self.starts_on <= timezone.localdate() <= self.ends_on

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})
        if self.call_id and self.programme_id and self.call.programme_id != self.programme_id:
            raise ValidationError({"call": _("The call belongs to another programme.")})


class Registration(models.Model):
    """One person registered for a workshop, and whether they came."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("workshop")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_registrations",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team (proposal)"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    attendance_by_code = models.BooleanField(_("checked in with the code"), default=False)

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person"], name="one_registration_per_person"
            )
        ]

    def __str__(self):
        return f"{self.workshop} · {self.person}"

    @property
    def attended(self):
        return self.attended_at is not None


def material_path(instance, filename):
    return f"workshops/{instance.workshop_id}/{filename}"


class WorkshopMaterial(models.Model):
    """Slides, handouts or a link shared at a workshop."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="materials", verbose_name=_("workshop")
    )
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workshop material")
        verbose_name_plural = _("workshop materials")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="workshop_material_file_or_link",
            )
        ]

    def __str__(self):
        return self.title_th

    title = bilingual("title")

    @property
    def filename(self):
        return PurePosixPath(self.file.name).name if self.file else ""


class AttendedWorkshop(models.Model):
    """A workshop a proposal's team says it attended (shown with the proposal)."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="attended_workshops",
        verbose_name=_("proposal"),
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="+", verbose_name=_("workshop")
    )

    class Meta:
        verbose_name = _("workshop attended")
        verbose_name_plural = _("workshops attended")
        ordering = ["workshop__starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "workshop"], name="one_attendance_per_proposal"
            )
        ]

    def __str__(self):
        return f"{self.proposal} · {self.workshop}"
