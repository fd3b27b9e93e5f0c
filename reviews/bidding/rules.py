"""Who bids: the members of the reviewer pool, on the proposals of a call that wait for their
reviewers."""

from reviews.reviewing.rules import is_reviewer


def can_bid(user):
    return is_reviewer(user)
