"""The reviews of a round with their answers, numbered as the applicant sees them (never
the reviewers' names), in two queries."""

from reviews.models import Review, ReviewState


def answered_reviews(proposal, round_number):
    """The submitted reviews of `proposal`'s round `round_number`, in the order the decision
    page numbers them, each with `.number` and its answer (`.rebuttal`, when written)."""
    reviews = list(
        Review.objects.filter(
            assignment__proposal=proposal,
            assignment__round=round_number,
            state=ReviewState.SUBMITTED,
        )
        .select_related("rebuttal")
        .order_by("submitted_at", "pk")
    )
    for number, review in enumerate(reviews, start=1):
        review.number = number
        review.answer = getattr(review, "rebuttal", None)
    return reviews
