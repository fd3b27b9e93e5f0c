"""The one write of the stages: a concept invited to the full stage gets its full proposal,
which starts from the concept's content (run by the lifecycle's `invite`, in its
transaction, after the concept's row is locked)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import Proposal, ProposalStage, Section, SectionKey, TeamMember

COPIED_FIELDS = (
    "title_th",
    "title_en",
    "kind",
    "duration_months",
    "start_month",
    "keywords",
    "summary_th",
    "summary_en",
    "eligibility_answers",
)
MEMBER_FIELDS = (
    "user_id",
    "email",
    "name",
    "organisation",
    "organisation_record_id",
    "role",
    "effort_percent",
    "invited_at",
    "accepted_at",
    "declined_at",
)


def _describe_full(data):
    return _("From the concept %(concept)s.") % {"concept": data.get("concept", "")}


# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [
    (
        "proposal.full_started",
        gettext_lazy("Full proposal started from its concept"),
        _describe_full,
    ),
]


@transaction.atomic
def start_full_proposal(*, proposal, actor):
    """The full proposal of the invited concept `proposal`: a draft of the same call, led by
    the same lead, with the concept's general part, team (as they stood) and sections; the
    sections the concept did not write start empty. Returns it (or the one already made)."""
    if proposal.stage != ProposalStage.CONCEPT:
        raise ValueError("only a concept proposal is invited to the full stage")
    existing = Proposal.objects.filter(concept=proposal).first()
    if existing is not None:
        return existing
    full = Proposal.objects.create(
        call=proposal.call,
        lead=proposal.lead,
        stage=ProposalStage.FULL,
        concept=proposal,
        **{name: getattr(proposal, name) for name in COPIED_FIELDS},
    )
    TeamMember.objects.bulk_create(
        TeamMember(proposal=full, **{name: getattr(member, name) for name in MEMBER_FIELDS})
        for member in proposal.team.all()
    )
    written = {section.key: section.text for section in proposal.sections.all()}
    Section.objects.bulk_create(
        Section(proposal=full, key=key, text=written.get(key, "")) for key in SectionKey.values
    )
    audit.record(
        actor=actor,
        action="proposal.full_started",
        obj=full,
        to_state=full.state,
        data={"concept": proposal.reference, "concept_id": proposal.pk},
    )
    return full
