"""Reads that follow a proposal's stage."""


def stage_criteria(proposal):
    """The review criteria of `proposal`'s stage, in order (a two-stage call scores its
    concepts on their own criteria), from the call's criteria as fetched."""
    return [
        criterion for criterion in proposal.call.criteria.all() if criterion.stage == proposal.stage
    ]


def call_criteria(call, stage):
    """The criteria of `call` for `stage`, in order."""
    return [criterion for criterion in call.criteria.all() if criterion.stage == stage]
