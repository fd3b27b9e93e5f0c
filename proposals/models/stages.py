"""The stages of a two-stage call: a short concept proposal first, then the full proposal of
the concepts invited; the concept's form is the narrative sections the call chooses, each
with its word limit. (`ProposalStage` lives beside the call, which criteria import.)"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.models.calls import Call
from proposals.models.parts import SectionKey


class ConceptSection(models.Model):
    """A narrative section a concept proposal writes, at most `word_limit` words."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="concept_sections", verbose_name=_("call")
    )
    key = models.CharField(_("section"), max_length=20, choices=SectionKey.choices)
    word_limit = models.PositiveIntegerField(
        _("word limit"), default=300, validators=[MinValueValidator(20)]
    )

    class Meta:
        verbose_name = _("concept section")
        verbose_name_plural = _("concept sections")
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="unique_concept_section")
        ]

    def __str__(self):
        return self.get_key_display()
