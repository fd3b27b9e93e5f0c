"""Reviews as the pages and documents show them: a review's scores and comments per criterion,
and every review of a proposal grouped by round (the review summary page and its PDF)."""

from reviews.models import Assignment, Review


def score_blocks(criteria, review):
    """[{criterion, score, comment}] of a review (or blank ones), in the order of `criteria`."""
    rows = {row.criterion_id: row for row in review.scores.all()} if review else {}
    return [
        {
            "criterion": criterion,
            "score": getattr(rows.get(criterion.pk), "score", None),
            "comment": getattr(rows.get(criterion.pk), "comment", ""),
        }
        for criterion in criteria
    ]


def review_rounds(proposal, criteria):
    """Every round of `proposal`'s review, newest first: [{round, current, entries}], where
    each entry is {assignment, review (None before the reviewer saves one), blocks (see
    `score_blocks`)}, in the order the reviewers were assigned. Two queries."""
    assignments = (
        Assignment.objects.filter(proposal=proposal)
        .select_related("reviewer")
        .order_by("-round", "assigned_at", "pk")
    )
    reviews = {
        review.assignment_id: review
        for review in Review.objects.filter(assignment__proposal=proposal)
        .prefetch_related("scores")
        .order_by()
    }
    rounds = []
    for assignment in assignments:
        assignment.proposal = proposal  # what the rules read of it, without a query
        if not rounds or rounds[-1]["round"] != assignment.round:
            rounds.append(
                {"round": assignment.round, "current": assignment.round == proposal.round,
                 "entries": []}
            )  # fmt: skip
        review = reviews.get(assignment.pk)
        if review is not None:
            review.assignment = assignment
        rounds[-1]["entries"].append(
            {"assignment": assignment, "review": review, "blocks": score_blocks(criteria, review)}
        )
    return rounds
