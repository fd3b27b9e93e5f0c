"""Assigning a whole call at once: every proposal of the call that lacks reviewers in its
current round gets the best-matching reviewers without a conflict, the least loaded first
among good matches, never past a reviewer's maximum, until the call's reviewers per proposal
is met. The plan is computed the same way for the preview and for applying it."""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proposals.models import Call
from reviews.assignment import notices
from reviews.assignment.matching import ReviewerPool, rank_reviewers
from reviews.assignment.selectors import proposals_for_matching
from reviews.assignment.services import ASSIGNABLE_STATES, create_assignment
from reviews.models import AssignmentState


@dataclass
class PlannedProposal:
    proposal: object
    needed: int  # the call's reviewers per proposal
    active: int  # reviewers already asked this round (not declined, conflicted or cancelled)
    candidates: list  # every reviewer, ranked
    picks: list = field(default_factory=list)  # Candidates chosen by the plan
    reasons: list = field(default_factory=list)  # why it stays short, when it does

    @property
    def missing(self):
        return max(self.needed - self.active - len(self.picks), 0)


@dataclass
class Plan:
    call: object
    rows: list  # PlannedProposal of every proposal that lacked reviewers, in reference order
    loads: dict  # {reviewer id: proposals of the call after the plan}
    reviewers: list = field(default_factory=list)  # (user, load before, after, most) of picks

    @property
    def assignments(self):
        return [(row.proposal, pick) for row in self.rows for pick in row.picks]

    @property
    def unfilled(self):
        return [row for row in self.rows if row.missing]

    @property
    def fingerprint(self):
        """Names this exact plan, so that applying it checks nothing changed since the preview."""
        pairs = sorted((proposal.pk, pick.user.pk) for proposal, pick in self.assignments)
        return hashlib.sha256(repr(pairs).encode()).hexdigest()[:16]


def _has_room(candidate, proposal, loads):
    taken = loads.get(candidate.user.pk, set())
    return proposal.pk in taken or len(taken) < candidate.max


def _eligible(candidate, row, loads):
    return (
        not candidate.conflicts
        and candidate.available
        and candidate.assignment_state is None
        and candidate not in row.picks
        and _has_room(candidate, row.proposal, loads)
    )


def _choice_key(candidate, loads):
    """Good matches (a keyword in common) before the rest; among them the least loaded,
    then the better match, then by email: the same input gives the same plan."""
    load = len(loads.get(candidate.user.pk, ()))
    user = candidate.user
    return (candidate.score == 0, load, -candidate.score, user.email, user.pk)


def _reasons(row, loads):
    counts = {"conflict": 0, "unavailable": 0, "full": 0, "asked": 0}
    for candidate in row.candidates:
        if candidate in row.picks:
            continue
        if candidate.assignment_state is not None:
            counts["asked"] += 1
        elif candidate.conflicts:
            counts["conflict"] += 1
        elif not candidate.available:
            counts["unavailable"] += 1
        elif not _has_room(candidate, row.proposal, loads):
            counts["full"] += 1
    texts = {
        "conflict": ngettext(
            "%(count)d reviewer has a conflict of interest",
            "%(count)d reviewers have a conflict of interest",
            counts["conflict"],
        ),
        "unavailable": ngettext(
            "%(count)d reviewer is unavailable",
            "%(count)d reviewers are unavailable",
            counts["unavailable"],
        ),
        "full": ngettext(
            "%(count)d reviewer is at their maximum for this call",
            "%(count)d reviewers are at their maximum for this call",
            counts["full"],
        ),
        "asked": ngettext(
            "%(count)d reviewer was already asked in this round",
            "%(count)d reviewers were already asked in this round",
            counts["asked"],
        ),
    }
    short = ngettext("%(count)d reviewer short.", "%(count)d reviewers short.", row.missing) % {
        "count": row.missing
    }
    details = [texts[key] % {"count": value} for key, value in counts.items() if value]
    if not details:
        details = [_("no other reviewer in the pool: invite more reviewers")]
    return [short, *details]


def call_proposals(call):
    """The call's proposals that take reviewers, in reference order, shaped for matching."""
    return (
        proposals_for_matching()
        .filter(call=call, state__in=ASSIGNABLE_STATES)
        .order_by("sequence", "pk")
    )


def plan_call(call):
    """The assignments that would bring every proposal of the call to the call's number of
    reviewers in its current round. Reads the pool once and every proposal's parts once."""
    pool = ReviewerPool(call)
    loads = {reviewer: set(proposals) for reviewer, proposals in pool.loads.items()}
    rows = []
    for proposal in call_proposals(call):
        needed = proposal.reviewers_needed
        active = sum(
            1
            for user in pool.users
            if pool.states.get((proposal.pk, user.pk, proposal.round)) in AssignmentState.active()
        )
        if active < needed:
            candidates = rank_reviewers(proposal, call=call, pool=pool)
            rows.append(PlannedProposal(proposal, needed, active, candidates))
    # The scarcest proposals (fewest reviewers who could take them) choose first; then one
    # reviewer per proposal per pass, so that no proposal takes every good match at once.
    order = sorted(
        rows,
        key=lambda row: (
            sum(1 for c in row.candidates if _eligible(c, row, loads)),
            row.proposal.sequence or 0,
            row.proposal.pk,
        ),
    )
    while True:
        progressed = False
        for row in order:
            if not row.missing:
                continue
            options = [c for c in row.candidates if _eligible(c, row, loads)]
            if not options:
                continue
            pick = min(options, key=lambda c: _choice_key(c, loads))
            row.picks.append(pick)
            loads.setdefault(pick.user.pk, set()).add(row.proposal.pk)
            progressed = True
        if not progressed:
            break
    for row in rows:
        if row.missing:
            row.reasons = _reasons(row, loads)
    picked = {pick.user.pk: pick for row in rows for pick in row.picks}
    reviewers = [
        (user, pool.load(user), len(loads[user.pk]), picked[user.pk].max)
        for user in pool.users
        if user.pk in picked
    ]
    counts = {key: len(value) for key, value in loads.items()}
    return Plan(call=call, rows=rows, loads=counts, reviewers=reviewers)


@transaction.atomic
def apply_call_plan(*, actor, call, due_date, fingerprint):
    """Create the assignments of the call's plan in one transaction, under the call's lock.
    The plan is computed again under the lock: when it differs from the one previewed
    (`fingerprint`), nothing is created and a ValidationError says so."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    plan = plan_call(locked)
    if plan.fingerprint != fingerprint:
        raise ValidationError(
            _("Assignments changed since the preview: check the new plan and apply it again.")
        )
    created = [
        create_assignment(actor=actor, proposal=proposal, reviewer=pick.user, due_date=due_date)
        for proposal, pick in plan.assignments
    ]
    transaction.on_commit(lambda: notices.send_assigned(created), robust=True)
    return plan, created
