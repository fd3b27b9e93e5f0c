"""The cache of a call's review statistics (`statistics.review_statistics`), under a version
per call that every change to what they are worked out from replaces, so that a page never
shows stale figures.

The statistics of a call of thousands of reviews take tens of milliseconds of exact decimal
arithmetic (every reviewer's leniency, then every proposal's figures), and the ranking, the
review summary, the decision page and the review summary's PDF all ask for them; they change
only when one of these does: a review (submitted, reopened, its total or recommendation), an
assignment (its round, its reviewer), a proposal (its round, its stage), a budget line (the
requested amounts) or the call (its disagreement threshold). The ranking, kept under the same
versions, also reads the chairs' panel summaries and the call's budget. The receivers below
catch their saves and deletes (deleting a person or a proposal deletes these rows one by one,
with their signals); no code of the project updates them in bulk.

The versions are those of `core.versioned_cache`, one per call. Only a cache shared by every
process keeps the statistics (Redis, or the default files: config/settings.py): a process's
own cache (the tests' memory) would not hear of a change made in another, so without one the
figures are worked out on every request. Entries also expire after `CACHE_SECONDS`, which
bounds what a write that bypasses the models (a bulk load) can leave.
"""

from django.db.models.signals import post_delete, post_save

from core.versioned_cache import VersionedCache

CACHE_SECONDS = 600
KEPT_IN_PROCESS = 16
STATISTICS = VersionedCache(
    "review-statistics", CACHE_SECONDS, in_process=KEPT_IN_PROCESS, shared_only=True
)


def version(call_id):
    """The current version of the call's cached statistics."""
    return STATISTICS.version(call_id)


def cached(call_id, parts, compute):
    """What `compute()` works out of the call's reviews (its statistics of a stage: `parts` is
    (stage,); its ranking: ("ranking", the stage, the options); its reviewers' loads), from the
    cache or kept there. Each process also keeps the last it read while their version stands:
    a hit costs one small read instead of unpickling a call's thousands of figures (30-60 ms
    at 2,000 proposals, most of it the garbage collector's passes over the new objects).
    Read-only: no page changes what it is given."""
    return STATISTICS.get_or_compute(call_id, parts, compute)


def forget(call_id):
    """Drop the call's cached statistics now, and again once the transaction commits."""
    STATISTICS.forget(call_id)


def _call_of_proposal(instance):
    """The call of `instance`'s proposal: from the proposal already read with it, or one
    query."""
    from proposals.models import Proposal

    if type(instance).proposal.is_cached(instance):
        return instance.proposal.call_id
    rows = Proposal.objects.filter(pk=instance.proposal_id).values_list("call_id", flat=True)
    return rows.first()


def _call_of_review(review):
    from reviews.models import Assignment, Review

    if Review.assignment.is_cached(review):
        return _call_of_proposal(review.assignment)
    rows = Assignment.objects.filter(pk=review.assignment_id)
    return rows.values_list("proposal__call_id", flat=True).first()


def _forget_call(call_id):
    if call_id is not None:
        forget(call_id)


def _call_changed(sender, instance, **kwargs):
    forget(instance.pk)


def _proposal_changed(sender, instance, **kwargs):
    forget(instance.call_id)


def _part_changed(sender, instance, **kwargs):
    """A budget line, an assignment or a panel's summary: its proposal's call (read again
    when the proposal is being deleted with it, and then forgotten by the proposal's own
    receiver)."""
    _forget_call(_call_of_proposal(instance))


def _review_changed(sender, instance, **kwargs):
    _forget_call(_call_of_review(instance))


def connect():
    """Connect the receivers (reviews' AppConfig.ready)."""
    from proposals.models import BudgetLine, Call, Proposal
    from reviews.models import Assignment, PanelSummary, Review

    for signal in (post_save, post_delete):
        signal.connect(_call_changed, sender=Call, dispatch_uid="review-statistics-call")
        signal.connect(
            _proposal_changed, sender=Proposal, dispatch_uid="review-statistics-proposal"
        )
        for model in (BudgetLine, Assignment, PanelSummary):
            uid = f"review-statistics-{model.__name__}"
            signal.connect(_part_changed, sender=model, dispatch_uid=uid)
        signal.connect(_review_changed, sender=Review, dispatch_uid="review-statistics-review")
