"""The questions a call asks before a proposal is started: answered by the applicant (yes or
no, one of a list) or checked by the system (a check another app provides)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.thai import bilingual
from proposals.models.calls import Call


class EligibilityKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no (yes is eligible)")
    CHOICE = "choice", _("One of a list")
    SYSTEM = "system", _("Checked by the system")


def option_lines(text):
    """The options of a list written one per line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def option_numbers(text):
    """The option numbers written as "1, 3" (None when one is not a number)."""
    parts = [part.strip() for part in (text or "").replace(" ", ",").split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        return None
    return sorted({int(part) for part in parts})


class EligibilityQuestion(models.Model):
    """One condition of a call, asked or checked before a proposal is started; `reason` says
    why someone is not eligible when it fails."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="eligibility_questions", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=EligibilityKind.choices, default=EligibilityKind.YES_NO
    )
    text_th = models.CharField(_("question (Thai)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500)
    options_th = models.TextField(
        _("options (Thai)"), blank=True, help_text=_("One of a list: one option per line.")
    )
    options_en = models.TextField(
        _("options (English)"), blank=True, help_text=_("The same options, in the same order.")
    )
    eligible_options = models.CharField(
        _("eligible options"),
        max_length=100,
        blank=True,
        help_text=_("One of a list: the numbers of the options that are eligible, e.g. 1, 3."),
    )
    system_check = models.CharField(_("system check"), max_length=40, blank=True)
    reason_th = models.TextField(_("reason when not eligible (Thai)"), blank=True)
    reason_en = models.TextField(_("reason when not eligible (English)"), blank=True)

    class Meta:
        verbose_name = _("eligibility question")
        verbose_name_plural = _("eligibility questions")
        ordering = ["call", "position", "id"]

    def __str__(self):
        return self.text

    text = bilingual("text")

    reason = bilingual("reason")

    @property
    def options(self):
        """[(number, Thai, English)] of a list's options."""
        thai, english = option_lines(self.options_th), option_lines(self.options_en)
        return [
            (number, label, english[number - 1] if number <= len(english) else label)
            for number, label in enumerate(thai, start=1)
        ]

    @property
    def eligible_numbers(self):
        return option_numbers(self.eligible_options) or []

    def clean(self):
        errors = {}
        if self.kind == EligibilityKind.CHOICE:
            thai, english = option_lines(self.options_th), option_lines(self.options_en)
            numbers = option_numbers(self.eligible_options)
            if len(thai) < 2:
                errors["options_th"] = _("A list needs at least two options, one per line.")
            elif len(english) != len(thai):
                errors["options_en"] = _("Give as many English options as Thai ones.")
            if not numbers:
                errors["eligible_options"] = _(
                    "Give the numbers of the eligible options, e.g. 1, 3."
                )
            elif 0 in numbers or (thai and max(numbers) > len(thai)):
                errors["eligible_options"] = _("There is no option with one of these numbers.")
        if self.kind == EligibilityKind.SYSTEM and not self.system_check:
            errors["system_check"] = _("Choose what the system checks.")
        if errors:
            raise ValidationError(errors)
