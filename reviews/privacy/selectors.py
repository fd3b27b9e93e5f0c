"""What the review work holds about a person, for the copy of their data: their reviewer
profile, the assignments they were given and the reviews they wrote, with their scores."""

from accounts.privacy.exports import Section
from reviews.models import Assignment, ReviewerProfile


def reviews_section(user):
    records = []
    profile = ReviewerProfile.objects.filter(user=user).first()
    if profile is not None:
        records.append(
            {
                "reviewer_profile": {
                    "keywords_th": profile.keywords_th,
                    "keywords_en": profile.keywords_en,
                    "max_per_call": profile.max_per_call,
                    "is_available": profile.is_available,
                }
            }
        )
    assignments = (
        Assignment.objects.filter(reviewer=user)
        .select_related("proposal", "review")
        .prefetch_related("review__scores__criterion")
    )
    for assignment in assignments:
        review = getattr(assignment, "review", None)
        records.append(
            {
                "proposal": assignment.proposal.reference,
                "round": assignment.round,
                "state": assignment.state,
                "assigned_at": assignment.assigned_at,
                "answered_at": assignment.responded_at,
                "declared_no_conflict_at": assignment.coi_declared_at,
                "conflict_declared": assignment.conflict_note,
                "review": None
                if review is None
                else {
                    "state": review.state,
                    "recommendation": review.recommendation,
                    "budget": review.budget_verdict,
                    "comments_to_applicant": review.comments_to_applicant,
                    "confidential_comments": review.confidential_comments,
                    "total_score": review.total_score,
                    "submitted_at": review.submitted_at,
                    "scores": [
                        {
                            "criterion": str(score.criterion),
                            "score": score.score,
                            "comment": score.comment,
                        }
                        for score in review.scores.all()
                    ],
                },
            }
        )
    return Section(records=records)
