"""Change requests of a funded project (คำขอเปลี่ยนแปลงโครงการ): what its team asks to change
after the award (draft → submitted → (returned) → recommended → approved | rejected), the files
that support it, and the call's rules for them."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.badges import badge_colours
from proposals.models.calls import Call
from proposals.models.proposal import Proposal


class ChangeKind(models.TextChoices):
    BUDGET = "budget", _("Budget reallocation")
    EXTENSION = "extension", _("No-cost extension")
    COMMITMENTS = "commitments", _("Indicator commitments")
    TEAM = "team", _("Team and partner municipalities")


@badge_colours(
    "secondary",
    SUBMITTED="primary",
    RETURNED="warning",
    RECOMMENDED="info",
    APPROVED="success",
    REJECTED="danger",
    WITHDRAWN="light",
)
class ChangeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned to the team")
    RECOMMENDED = "recommended", _("Recommended by the officer")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the team")

    @classmethod
    def editable(cls):
        """The team writes the request in these states."""
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def pending(cls):
        """Not decided yet: a project has at most one such request of each kind."""
        return (cls.DRAFT, cls.SUBMITTED, cls.RETURNED, cls.RECOMMENDED)


class ChangePolicy(models.Model):
    """A call's rules for change requests; a call without one follows the defaults."""

    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="change_policy", verbose_name=_("call")
    )
    max_extension_months = models.PositiveSmallIntegerField(
        _("longest extension (months)"), default=6, validators=[MaxValueValidator(36)]
    )
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=1)
    officer_share_percent = models.DecimalField(
        # Translators: xgettext:no-python-format
        _("reallocation an officer approves alone (% of the approved amount)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    officer_approves_extensions = models.BooleanField(
        _("an officer approves extensions alone"), default=False
    )

    class Meta:
        verbose_name = _("change request rules")
        verbose_name_plural = _("change request rules")

    def __str__(self):
        return str(self.call)


class ChangeRequest(models.Model):
    """One change the team asks for, with its reason. By kind: `budget` holds the proposed
    grid ({"<category id>:<fiscal year B.E.>": "amount"}), `new_ends_on` the proposed end,
    `targets` the proposed commitments ({"<indicator id>:<year B.E.>:<municipality id or 0>":
    "target"}), `team` the proposed team ({"effort": {"<member id>": "%"}, "remove": [member
    ids], "lead": member id, "municipalities": [municipality ids]}). On approval `before` and
    `after` keep what the change replaced and what it set."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("project"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    state = FSMField(
        _("state"), default=ChangeState.DRAFT, choices=ChangeState.choices, protected=True
    )
    reason = models.TextField(_("reason"))
    new_ends_on = models.DateField(_("new project end"), null=True, blank=True)
    budget = models.JSONField(_("proposed budget"), default=dict, blank=True)
    targets = models.JSONField(_("proposed targets"), default=dict, blank=True)
    team = models.JSONField(_("proposed team"), default=dict, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment of the last decision"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["proposal", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="unique_change_request_number"
            )
        ]
        permissions = [
            ("recommend_changerequest", _("Can check, return and recommend change requests")),
            ("decide_changerequest", _("Can approve or reject recommended change requests")),
        ]

    def __str__(self):
        return f"{self.proposal} / {self.number}"

    def get_absolute_url(self):
        return reverse("projects:change_detail", args=[self.pk])

    def recorded_day(self, side, key):
        """A day kept in `before` or `after` (ISO text there), as a date."""
        value = getattr(self, side).get(key)
        return datetime.date.fromisoformat(value) if value else None

    @property
    def ended_before(self):
        return self.recorded_day("before", "ends_on")

    @property
    def ends_after(self):
        return self.recorded_day("after", "ends_on")

    @property
    def final_report_due_after(self):
        return self.recorded_day("after", "final_report_due_on")

    @transition(field=state, source=list(ChangeState.editable()), target=ChangeState.SUBMITTED)
    def submit(self):
        pass

    @transition(
        field=state,
        source=[ChangeState.DRAFT, ChangeState.SUBMITTED, ChangeState.RETURNED],
        target=ChangeState.WITHDRAWN,
    )
    def withdraw(self):
        pass

    @transition(field=state, source=ChangeState.SUBMITTED, target=ChangeState.RETURNED)
    def return_to_team(self):
        pass

    @transition(field=state, source=ChangeState.SUBMITTED, target=ChangeState.RECOMMENDED)
    def recommend(self):
        pass

    @transition(
        field=state,
        source=[ChangeState.SUBMITTED, ChangeState.RECOMMENDED],
        target=ChangeState.APPROVED,
    )
    def approve(self):
        pass

    @transition(
        field=state,
        source=[ChangeState.SUBMITTED, ChangeState.RECOMMENDED],
        target=ChangeState.REJECTED,
    )
    def reject(self):
        pass


def change_file_path(instance, filename):
    return f"projects/{instance.change.proposal_id}/changes/{filename}"


class ChangeAttachment(models.Model):
    """A file that supports a change request (a letter, a revised plan, quotations…)."""

    change = models.ForeignKey(
        ChangeRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("change request"),
    )
    file = models.FileField(_("file"), upload_to=change_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("change request file")
        verbose_name_plural = _("change request files")
        ordering = ["change", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
