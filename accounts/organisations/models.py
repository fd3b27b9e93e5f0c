"""An organisation people work for, as a record with the identifier open data names it by."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.organisations.identifiers import validate_org_id


class Organisation(models.Model):
    """An organisation people work for (a university, a municipality's office), with the
    identifier open data names it by: an org-id (https://org-id.guide), e.g. a Thai juristic
    person's registration number as TH-DBD-…, entered by an administrator; blank until then."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    identifier = models.CharField(
        _("identifier (org-id)"),
        max_length=100,
        blank=True,
        help_text=_("As listed at org-id.guide, e.g. TH-DBD-0994000158378."),
        validators=[validate_org_id],
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        app_label = "accounts"

    def __str__(self):
        return self.name
