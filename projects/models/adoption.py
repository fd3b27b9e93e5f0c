"""Technology adoption across the cities: for each municipality and catalogue technology, the
stage it has reached, since when, on what evidence, from which provider and through which
projects. It lives in projects because funded projects and their accepted reports move it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.badges import badge_colours
from indicators.models import Technology
from proposals.models import Proposal


@badge_colours(
    "light",
    INTERESTED="info",
    PILOTING="warning",
    ADOPTED="success",
    SCALED="primary",
    DROPPED="secondary",
)
class AdoptionStage(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    PILOTING = "piloting", _("Piloting")
    ADOPTED = "adopted", _("Adopted")
    SCALED = "scaled", _("Scaled up")
    DROPPED = "dropped", _("Dropped")

    @classmethod
    def rank(cls, stage):
        """The order stages move forward in (dropped stands apart, at the end)."""
        return list(cls.values).index(stage)


class Adoption(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    technology = models.ForeignKey(
        Technology, on_delete=models.PROTECT, related_name="+", verbose_name=_("technology")
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=AdoptionStage.choices, default=AdoptionStage.INTERESTED
    )
    since = models.DateField(_("since"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    provider = models.CharField(_("provider"), max_length=300, blank=True)
    projects = models.ManyToManyField(
        Proposal, blank=True, related_name="adoptions", verbose_name=_("projects involved")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("technology adoption")
        verbose_name_plural = _("technology adoptions")
        ordering = ["municipality__name_th", "technology__name_th"]
        permissions = [("record_adoption", "Record a city's adoption of a technology")]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "technology"], name="one_adoption_per_city_and_technology"
            )
        ]

    def __str__(self):
        return f"{self.municipality} · {self.technology}"
