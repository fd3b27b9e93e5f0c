"""A municipality's programme history in one place: workshops its people attended, the
proposals and funded projects it is part of, the technologies it has taken up and the indicator
results counted there, newest first. Five queries, whatever the number of events."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import LedgerStatus, Result
from projects.models import Adoption, Award
from proposals.models import ProposalMunicipality, ProposalState, Registration

WORKSHOP = "workshop"
PROPOSAL = "proposal"
PROJECT = "project"
TECHNOLOGY = "technology"
RESULT = "result"

KINDS = {
    WORKSHOP: _("Workshop attended"),
    PROPOSAL: _("Proposal submitted"),
    PROJECT: _("Project funded"),
    TECHNOLOGY: _("Technology"),
    RESULT: _("Indicator result"),
}


@dataclass
class Event:
    day: date
    kind: str
    subject: object
    detail: object = None

    @property
    def label(self):
        return KINDS[self.kind]


def _day(value):
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


def timeline(municipality):
    events = []
    attended = (
        Registration.objects.filter(municipality=municipality, attended_at__isnull=False)
        .select_related("workshop")
        .order_by("workshop__starts_on")
    )
    seen = set()
    for row in attended:
        if row.workshop_id not in seen:
            seen.add(row.workshop_id)
            events.append(Event(row.workshop.starts_on, WORKSHOP, row.workshop))
    places = ProposalMunicipality.objects.filter(
        municipality=municipality, proposal__submitted_at__isnull=False
    ).select_related("proposal")
    for row in places:
        proposal = row.proposal
        if proposal.state != ProposalState.WITHDRAWN:
            events.append(Event(_day(proposal.submitted_at), PROPOSAL, proposal))
    awards = Award.objects.filter(
        proposal__municipalities__municipality=municipality
    ).select_related("proposal")
    for award in awards:
        events.append(Event(award.contract_date, PROJECT, award.proposal, award))
    for adoption in Adoption.objects.filter(municipality=municipality).select_related("technology"):
        events.append(Event(adoption.since, TECHNOLOGY, adoption.technology, adoption))
    results = Result.objects.filter(
        municipality=municipality, status=LedgerStatus.COUNTED
    ).select_related("indicator")
    for result in results:
        events.append(Event(result.period_end, RESULT, result.indicator, result))
    events.sort(key=lambda event: (event.day, event.kind), reverse=True)
    return events
