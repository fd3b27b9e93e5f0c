"""The one write of bidding: a pool member's bids on a call's proposals, saved together."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from proposals.models import Call
from reviews.bidding import rules, selectors
from reviews.models import Bid, BidChoice

# The readable names of this module's audit actions (registered by the app's extensions.py).
AUDIT_ACTIONS = [("bids.saved", gettext_lazy("Bids saved"), None)]


@transaction.atomic
def save_bids(*, actor, call, choices):
    """Save `actor`'s bids on `call`'s proposals: `choices` maps a proposal id to a
    BidChoice; a neutral bid removes the bid. Refused (PermissionDenied) for anyone outside
    the reviewer pool; ValidationError for a proposal not open to bidding, an unknown
    choice, or interest in a proposal whose team holds the actor (by account or ORCID iD),
    and then nothing is saved. Returns the number of bids changed."""
    if not rules.can_bid(actor):
        raise PermissionDenied
    Call.objects.select_for_update().get(pk=call.pk)  # one saving of a call's bids at a time
    open_ids = {proposal.pk for proposal in selectors.bidding_proposals(call)}
    if set(choices) - open_ids:
        raise ValidationError(_("A proposal that takes no bids was sent."))
    if set(choices.values()) - set(BidChoice.values):
        raise ValidationError(_("Unknown bid."))
    own = selectors.own_proposals(actor, call)
    if any(choices[pk] == BidChoice.INTEREST for pk in own & set(choices)):
        raise ValidationError(
            _("You are on the team of a proposal you marked of interest: you may not review it.")
        )
    existing = selectors.bids_of(actor, call)
    changed = {
        pk: choice for pk, choice in choices.items() if existing.get(pk, "neutral") != choice
    }
    for proposal_id, choice in changed.items():
        if choice == BidChoice.NEUTRAL:
            Bid.objects.filter(reviewer=actor, proposal_id=proposal_id).delete()
        else:
            Bid.objects.update_or_create(
                reviewer=actor, proposal_id=proposal_id, defaults={"choice": choice}
            )
    if changed:
        audit.record(
            actor=actor,
            action="bids.saved",
            obj=call,
            data={"bids": {str(pk): choice for pk, choice in changed.items()}},
        )
    return len(changed)
