"""Which reviewers suit a proposal: expertise keywords against the proposal's keywords, its
technologies and the smart-city dimensions of its indicators, with the conflicts of interest
that exclude a reviewer (including those they declared when bidding), their bids of interest
and their load in the call.

The pool of a call (reviewers, profiles, loads, assignments) is read once, in a fixed number
of queries, and may be shared by the ranking of every proposal of the call.
"""

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from indicators.models import Dimension
from reviews.assignment.selectors import (
    call_assignments,
    call_bids,
    call_loads,
    proposal_bids_read,
    proposal_loads,
    reviewers_read,
)
from reviews.models import Assignment, AssignmentState, BidChoice, ReviewerProfile

# Below this length a keyword only matches a whole word ("IT" is not in "city").
MIN_CONTAINED = 3
DEFAULT_MAX_PER_CALL = ReviewerProfile._meta.get_field("max_per_call").default
# A bid of interest weighs as much as this many matching keywords.
INTEREST_WEIGHT = 2

_SEPARATORS = re.compile(r"[,;\n\r]+")
_SPACES = re.compile(r"\s+")


def normalise(text):
    """Trimmed, case-folded, with runs of spaces made one."""
    return _SPACES.sub(" ", (text or "").strip()).casefold()


def split_keywords(text):
    """The keywords of a text separated by commas, semicolons or line breaks."""
    return [word.strip() for word in _SEPARATORS.split(text or "") if word.strip()]


def keywords_match(keyword, term):
    """Both normalised: equal, or one contains the other (Thai has no spaces between
    words); a keyword shorter than MIN_CONTAINED must appear as a whole word."""
    if not keyword or not term:
        return False
    if keyword == term:
        return True
    short, long = sorted((keyword, term), key=len)
    if len(short) >= MIN_CONTAINED:
        return short in long
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def reviewer_keywords(user):
    """The reviewer's keywords as written: the profile's (Thai, English) then the user's."""
    profile = getattr(user, "reviewer_profile", None)
    texts = [profile.keywords_th, profile.keywords_en] if profile else []
    words = []
    for text in [*texts, user.expertise_keywords]:
        words += split_keywords(text)
    return words


def _dimension_labels(code):
    labels = []
    for language in ("th", "en"):
        with translation.override(language):
            labels.append(str(Dimension.Code(code).label))
    return labels


def proposal_terms(proposal):
    """The normalised words a reviewer's expertise is matched against: the proposal's
    keywords, its technologies' names (Thai and English) and the smart-city dimensions
    (codes and labels) of the indicators it contributes to. Reads prefetched parts."""
    terms = split_keywords(proposal.keywords)
    for used in proposal.technologies.all():
        terms += [used.technology.name_th, used.technology.name_en]
    codes = {
        dimension.code
        for contribution in proposal.contributions.all()
        for dimension in contribution.indicator.dimensions.all()
    }
    for code in sorted(codes):
        terms += [code, *_dimension_labels(code)] if code in Dimension.Code.values else [code]
    return list(dict.fromkeys(normalise(term) for term in terms if normalise(term)))


def matched_keywords(keywords, terms):
    """The keywords (as written, each once) that match at least one term."""
    matched, seen = [], set()
    for keyword in keywords:
        key = normalise(keyword)
        if key and key not in seen and any(keywords_match(key, term) for term in terms):
            matched.append(keyword)
        seen.add(key)
    return matched


def conflict_reasons(user, proposal):
    """Why `user` may not review `proposal` (empty when nothing stands in the way): being
    its lead or on its team (by account, by email, or by their ORCID iD on another account of
    the team), or sharing an organisation with a team member or a partner municipality. Reads
    the proposal's prefetched team (with its accounts) and municipalities."""
    reasons = []
    email = normalise(user.email)
    members = [member for member in proposal.team.all() if member.declined_at is None]
    if proposal.lead_id == user.pk:
        reasons.append(_("Lead researcher of this proposal"))
    elif any(member.user_id == user.pk or normalise(member.email) == email for member in members):
        reasons.append(_("Member of the proposing team"))
    elif orcid_on_team(user, proposal, members):
        # The same researcher under another account (ORCID sets the iD, so it is theirs).
        reasons.append(_("ORCID iD %(orcid)s is on the proposing team") % {"orcid": user.orcid})
    organisation = normalise(user.organisation)
    if not organisation:
        return reasons
    # The team's organisations as written on the team, and the lead's own account: the same
    # record, or the same name (rows typed before the records, or not linked).
    others = [
        (member.name or member.email, member.organisation, member.organisation_record_id)
        for member in members
        if member.user_id != user.pk and normalise(member.email) != email
    ]
    lead_rows = [m for m in members if m.user_id == proposal.lead_id]
    lead_organisation = normalise(proposal.lead.organisation)
    if proposal.lead_id != user.pk and all(
        normalise(m.organisation) != lead_organisation for m in lead_rows
    ):
        lead = proposal.lead
        others.append((lead.display_name, lead.organisation, lead.organisation_record_id))
    record = user.organisation_record_id
    for name, other, other_record in others:
        if normalise(other) == organisation or (record and other_record == record):
            reason = _("Same organisation as team member %(name)s (%(organisation)s)") % {
                "name": name,
                "organisation": other,
            }
            if reason not in reasons:
                reasons.append(reason)
    for partner in proposal.municipalities.all():
        names = {normalise(partner.municipality.name_th), normalise(partner.municipality.name_en)}
        if any(name and name in organisation for name in names):
            reasons.append(
                _("Organisation is the partner municipality %(name)s")
                % {"name": partner.municipality.name}
            )
    return reasons


def orcid_on_team(user, proposal, members):
    """Whether `user`'s authenticated ORCID iD belongs to the proposal's lead or to the
    account of a member who has not declined."""
    if not user.orcid:
        return False
    accounts = [proposal.lead, *(member.user for member in members if member.user_id)]
    return any(account.orcid == user.orcid for account in accounts)


@dataclass(eq=False)
class Candidate:
    """A reviewer as seen for one proposal (compared by identity)."""

    user: object
    score: int
    matched: list
    load: int  # proposals of the call the reviewer already reviews (active assignments)
    max: int  # the most proposals per call they take
    available: bool
    conflicts: list = field(default_factory=list)
    # This round's assignment state for this proposal, whatever it is (None: not asked).
    assignment_state: str | None = None
    # Already counted in `load` (an active assignment of an earlier round).
    counted: bool = False
    bid: str | None = None  # the reviewer's bid on this proposal (BidChoice), if any

    @property
    def has_room(self):
        return self.counted or self.load < self.max

    @property
    def assignable(self):
        return (
            not self.conflicts
            and self.available
            and self.has_room
            and self.assignment_state is None
        )


class ReviewerPool:
    """The reviewers of a call with their keywords, limits, loads and bids, read in three
    queries (the reviewers with their profiles, the call's assignments and its bids)."""

    def __init__(self, call):
        self.call = call
        self.users = reviewers_read()
        self.keywords = {user.pk: reviewer_keywords(user) for user in self.users}
        self._read_assignments()

    def _read_assignments(self):
        rows = list(call_assignments(self.call))
        self.loads = proposal_loads(rows)
        self.states = {(p, r, n): state for p, r, n, state in rows}
        self.bids = {(p, r): choice for p, r, choice in call_bids(self.call)}

    def limits(self, user):
        profile = getattr(user, "reviewer_profile", None)
        if profile is None:
            return DEFAULT_MAX_PER_CALL, True
        return profile.max_per_call, profile.is_available

    def load(self, user):
        return len(self.loads.get(user.pk, ()))

    def counts(self, user, proposal):
        """Whether `user`'s load counts `proposal`."""
        return proposal.pk in self.loads.get(user.pk, ())

    def candidate(self, user, proposal, terms):
        maximum, available = self.limits(user)
        matched = matched_keywords(self.keywords[user.pk], terms)
        bid = self.bids.get((proposal.pk, user.pk))
        conflicts = conflict_reasons(user, proposal)
        if bid == BidChoice.CONFLICT:
            conflicts.append(_("Declared a conflict of interest when bidding"))
        return Candidate(
            user=user,
            # Interest counts like matching expertise: bids and keywords rank together.
            score=len(matched) + (INTEREST_WEIGHT if bid == BidChoice.INTEREST else 0),
            matched=matched,
            load=self.load(user),
            max=maximum,
            available=available,
            bid=bid,
            conflicts=conflicts,
            assignment_state=self.states.get((proposal.pk, user.pk, proposal.round)),
            counted=self.counts(user, proposal),
        )


class ProposalPool(ReviewerPool):
    """The pool as the ranking of one proposal needs it: each reviewer's load in the call
    counted by the database and kept with the call's review statistics (`call_loads`), and
    the proposal's own `assignments` (every round's; its page reads them anyway) and bids.
    A call's thousands of assignments stay in the database."""

    def __init__(self, proposal, assignments=None):
        self.proposal = proposal
        if assignments is None:
            assignments = list(Assignment.objects.filter(proposal=proposal))
        self.assignments = assignments
        super().__init__(proposal.call)

    def _read_assignments(self):
        self._loads = call_loads(self.call)
        active = AssignmentState.active()
        self._counted = {item.reviewer_id for item in self.assignments if item.state in active}
        self.states = {
            (item.proposal_id, item.reviewer_id, item.round): item.state
            for item in self.assignments
            if item.round == self.proposal.round
        }
        bids = proposal_bids_read(self.call.pk, self.proposal.pk)
        self.bids = {(p, r): choice for p, r, choice in bids}

    def load(self, user):
        return self._loads.get(user.pk, 0)

    def counts(self, user, proposal):
        return proposal.pk == self.proposal.pk and user.pk in self._counted


def ranking_key(candidate):
    """Reviewers without a conflict first, then the best match, the least loaded, by email."""
    user = candidate.user
    return (bool(candidate.conflicts), -candidate.score, candidate.load, user.email, user.pk)


def rank_reviewers(proposal, call=None, pool=None, assignments=None):
    """Every reviewer of the pool as a Candidate for `proposal`, best first. Pass a
    `pool` (ReviewerPool) to rank several proposals of one call on one read of it; the
    proposal's parts are read from its prefetches (see selectors.proposals_for_matching)."""
    pool = pool or ProposalPool(proposal, assignments)
    terms = proposal_terms(proposal)
    candidates = [pool.candidate(user, proposal, terms) for user in pool.users]
    return sorted(candidates, key=ranking_key)
