"""What the stages of a two-stage call ask: concepts are taken until the concept deadline,
each concept writes the sections its call chooses within their word limits, and each
decision fits its stage (a concept is invited or rejected; a full proposal approved, revised
or rejected)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals.models import ProposalStage, SectionKey

# The steps that belong to one stage only.
STEP_STAGES = {
    "invite": ProposalStage.CONCEPT,
    "approve": ProposalStage.FULL,
    "request_revision": ProposalStage.FULL,
    "fund": ProposalStage.FULL,
}


def step_fits_stage(proposal, name):
    return STEP_STAGES.get(name, proposal.stage) == proposal.stage


def accepting_concepts(call, moment=None):
    """A two-stage call takes concepts from its opening to its concept deadline."""
    moment = moment or timezone.now()
    return (
        call.has_concept_stage
        and call.is_published
        and call.opens_at <= moment < call.concept_closes_at
    )


def word_count(text):
    return len((text or "").split())


def concept_sections(proposal):
    """[(ConceptSection, Section)] of a concept, in the order the call lists them."""
    written = {section.key: section for section in proposal.sections.all()}
    return [(part, written.get(part.key)) for part in proposal.call.concept_sections.all()]


def concept_problems(proposal, *, resubmitting=False):
    """What blocks submitting a concept, as (code, message, url): its title, each chosen
    section written and within its word limit, and the concept deadline (lifecycle.checks
    makes them its Problems)."""
    found = []
    general = reverse("proposals:edit_general", args=[proposal.pk])
    sections = reverse("proposals:edit_sections", args=[proposal.pk])
    if not (proposal.title_th.strip() and proposal.title_en.strip()):
        found.append(("general_title", _("Give the title in Thai and in English."), general))
    for part, section in concept_sections(proposal):
        label = SectionKey(part.key).label
        words = word_count(section.text if section else "")
        if not words:
            message = _("The section “%(section)s” is empty.") % {"section": label}
            found.append((f"section:{part.key}", message, sections))
        elif words > part.word_limit:
            message = _("“%(section)s” has %(words)d words; the call allows %(limit)d.") % {
                "section": label,
                "words": words,
                "limit": part.word_limit,
            }
            found.append((f"section_words:{part.key}", message, sections))
    if not resubmitting and not accepting_concepts(proposal.call):
        message = _("The call %(code)s no longer takes concept proposals.") % {
            "code": proposal.call.code
        }
        found.append(("call_closed", message, proposal.call.get_absolute_url()))
    return found
