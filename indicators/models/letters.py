"""A programme's official letters (หนังสือภายนอก, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ):
how they are headed and signed (its letterhead, set by its managers), and the register of the
letters it sent (ทะเบียนหนังสือส่ง), which gives each letter its number once."""

from types import SimpleNamespace

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.thai import localized
from indicators.models.programmes import Programme

# The parts of a letterhead that a letter keeps as they were when it was sent.
LETTERHEAD_FIELDS = (
    "code_th",
    "code_en",
    "office_th",
    "office_en",
    "signatory_name_th",
    "signatory_name_en",
    "signatory_position_th",
    "signatory_position_en",
    "contact_unit_th",
    "contact_unit_en",
    "contact_phone",
    "contact_email",
)


class Letterhead(models.Model):
    """Who a programme's letters come from and who signs them."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="letterhead", verbose_name=_("programme")
    )
    code_th = models.CharField(
        _("letter code (Thai)"),
        max_length=40,
        blank=True,
        help_text=_("Before the number in ที่, e.g. อว 0000.01 (the number follows a slash)."),
    )
    code_en = models.CharField(
        _("letter code (English)"),
        max_length=40,
        blank=True,
        help_text=_("Before the number in “Our ref.”, e.g. PMU-A/SLC."),
    )
    office_th = models.TextField(
        _("issuing office and address (Thai)"),
        blank=True,
        help_text=_("Printed at the top right of a letter, one line per line."),
    )
    office_en = models.TextField(_("issuing office and address (English)"), blank=True)
    signatory_name_th = models.CharField(_("signatory's name (Thai)"), max_length=200, blank=True)
    signatory_name_en = models.CharField(
        _("signatory's name (English)"), max_length=200, blank=True
    )
    signatory_position_th = models.CharField(
        _("signatory's position (Thai)"), max_length=300, blank=True
    )
    signatory_position_en = models.CharField(
        _("signatory's position (English)"), max_length=300, blank=True
    )
    contact_unit_th = models.CharField(
        _("unit in charge (Thai)"),
        max_length=300,
        blank=True,
        help_text=_("ส่วนราชการเจ้าของเรื่อง: the unit a reader contacts, printed at the bottom."),
    )
    contact_unit_en = models.CharField(_("unit in charge (English)"), max_length=300, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=100, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return str(self.programme)

    def snapshot(self):
        return {field: getattr(self, field) for field in LETTERHEAD_FIELDS}


class OutgoingLetter(models.Model):
    """One letter a programme sent, with its number: numbers run on through a calendar year
    (B.E.) and start again at 1 with the next, as a register of letters sent does. `source`
    names what sent it by an opaque key ("reviews.decision:12"), as the ledger's rows do, so
    that indicators never imports the apps above it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="letters", verbose_name=_("programme")
    )
    year_be = models.PositiveIntegerField(_("year (B.E.)"))
    number = models.PositiveIntegerField(_("number"))
    sent_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=300)
    recipient = models.CharField(_("to"), max_length=300)
    source = models.CharField(_("sent for"), max_length=100, unique=True)
    letterhead = models.JSONField(_("letterhead when sent"), default=dict)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter sent")
        verbose_name_plural = _("letters sent")
        ordering = ["programme", "-year_be", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year_be", "number"], name="unique_letter_number"
            )
        ]

    def __str__(self):
        return f"{self.programme.code} {self.number}/{self.year_be}"

    def head(self, field):
        return self.letterhead.get(field, "")

    @property
    def reference(self):
        """ที่ …/number (in Thai) or Our ref. …/number, with the letter code when sent."""
        code = bilingual_value(self.letterhead, "code")
        return f"{code}/{self.number}" if code else str(self.number)


def bilingual_value(values, field):
    """`<field>_th` or `<field>_en` of a dict for the active language, the other one when
    it is empty (as `bilingual` does for a model)."""
    return localized(SimpleNamespace(**values), field) or ""
