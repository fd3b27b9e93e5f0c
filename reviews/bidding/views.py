"""The bidding page of a call, for the members of the reviewer pool."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from proposals.models import Call
from reviews.bidding import rules, selectors, services
from reviews.models import BidChoice


@login_required
def bids(request, code):
    if not rules.can_bid(request.user):
        raise PermissionDenied
    call = get_object_or_404(Call, code=code, is_published=True)
    proposals = selectors.bidding_proposals(call)
    if request.method == "POST":
        choices = {
            proposal.pk: request.POST.get(f"bid-{proposal.pk}", BidChoice.NEUTRAL)
            for proposal in proposals
        }
        try:
            services.save_bids(actor=request.user, call=call, choices=choices)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your bids are saved."))
            return redirect("reviews:bids", code=call.code)
    mine = selectors.bids_of(request.user, call)
    own = selectors.own_proposals(request.user, call)
    for proposal in proposals:
        proposal.bid = mine.get(proposal.pk, BidChoice.NEUTRAL)
        proposal.own = proposal.pk in own
    return render(
        request,
        "reviews/bidding/bids.html",
        {"call": call, "proposals": proposals, "choices": BidChoice.choices},
    )
