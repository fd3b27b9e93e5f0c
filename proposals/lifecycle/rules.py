"""The lifecycle's permission table: which transition exists, who may press it, when a comment
is required. Views, the action buttons, the service and the tests all read this one table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import can_proceed

from accounts.roles import Role
from accounts.rules import has_role
from proposals.models import ProposalState
from proposals.rules import is_team_editor
from proposals.stages.checks import step_fits_stage


def team(user, proposal):
    return is_team_editor(user, proposal)


def lead(user, proposal):
    return user.is_authenticated and proposal.lead_id == user.pk


def funding_officer(user, proposal):
    return has_role(user, Role.FUNDING_OFFICER)


def programme_manager(user, proposal):
    """A programme manager of the proposal's programme (not any programme's)."""
    return has_role(user, Role.PROGRAMME_MANAGER) and user.manages(proposal.call.programme_id)


def screener(user, proposal):
    """A funding officer whose role holds the permission to screen proposals."""
    return funding_officer(user, proposal) and user.has_perm("proposals.screen_proposal")


def decider(user, proposal):
    """A manager of the proposal's programme whose role holds the permission to decide."""
    return programme_manager(user, proposal) and user.has_perm("proposals.decide_proposal")


ALWAYS = "always"
AFTER_SUBMISSION = "after_submission"
NEVER = "never"


@dataclass(frozen=True)
class Step:
    name: str
    method: str  # the django-fsm transition method of Proposal
    who: Callable  # (user, proposal) -> bool
    label: str
    description: str  # what will happen, on the confirmation page
    done: str  # the notification's title, with %(proposal)s
    comment: str = NEVER
    style: str = "primary"

    def needs_comment(self, from_state):
        if self.comment == AFTER_SUBMISSION:
            return from_state != ProposalState.DRAFT
        return self.comment == ALWAYS


STEPS = {
    step.name: step
    for step in [
        Step(
            "submit",
            "submit",
            team,
            _("Submit"),
            _(
                "The proposal goes to the funding officers for screening and the team can no "
                "longer edit it. The first submission gives it its reference number."
            ),
            _("Proposal %(proposal)s was submitted"),
            style="success",
        ),
        Step(
            "return",
            "return_to_applicant",
            screener,
            _("Return to the applicant"),
            _("The proposal goes back to draft so that the team can complete it."),
            _("Proposal %(proposal)s was returned to the team"),
            comment=ALWAYS,
            style="warning",
        ),
        Step(
            "screen_pass",
            "screen_pass",
            screener,
            _("Pass screening"),
            _("The proposal passes screening and goes to review."),
            _("Proposal %(proposal)s passed screening and is in review"),
        ),
        Step(
            "approve",
            "approve",
            decider,
            _("Approve"),
            _("The proposal is approved for funding."),
            _("Proposal %(proposal)s was approved"),
            style="success",
        ),
        Step(
            "invite",
            "invite",
            decider,
            _("Invite to the full stage"),
            _(
                "The concept is invited: its team gets a full proposal that starts from the "
                "concept's content, to complete and submit by the call's deadline."
            ),
            _("Concept %(proposal)s is invited to the full stage"),
            style="success",
        ),
        Step(
            "request_revision",
            "request_revision",
            decider,
            _("Request a revision"),
            _("The team revises the proposal and resubmits it."),
            _("A revision of proposal %(proposal)s is requested"),
            comment=ALWAYS,
            style="warning",
        ),
        Step(
            "reject",
            "reject",
            decider,
            _("Reject"),
            _("The proposal is rejected. This is final."),
            _("Proposal %(proposal)s was not approved"),
            comment=ALWAYS,
            style="danger",
        ),
        Step(
            "resubmit",
            "resubmit",
            team,
            _("Resubmit"),
            _("The revised proposal goes back to review and the team can no longer edit it."),
            _("Proposal %(proposal)s was resubmitted"),
            style="success",
        ),
        Step(
            "fund",
            "fund",
            funding_officer,
            _("Fund the project"),
            _("The approved proposal becomes an active project."),
            _("Proposal %(proposal)s is funded: the project is active"),
            style="success",
        ),
        Step(
            "complete",
            "complete",
            funding_officer,
            _("Mark as completed"),
            _("The project's work is finished."),
            _("Project %(proposal)s is completed"),
        ),
        Step(
            "close",
            "close",
            funding_officer,
            _("Close the project"),
            _("The project is closed. This is final."),
            _("Project %(proposal)s is closed"),
            style="secondary",
        ),
        Step(
            "terminate",
            "terminate",
            programme_manager,
            _("Terminate the project"),
            _("The project stops before its end. This is final."),
            _("Project %(proposal)s was terminated"),
            comment=ALWAYS,
            style="danger",
        ),
        Step(
            "withdraw",
            "withdraw",
            lead,
            pgettext_lazy("proposal action", "Withdraw"),
            _("The proposal is withdrawn. This is final."),
            _("Proposal %(proposal)s was withdrawn"),
            comment=AFTER_SUBMISSION,
            style="danger",
        ),
    ]
}


def state_allows(proposal, name):
    """The proposal's state and stage have this transition (whoever asks): a concept is
    invited or rejected, a full proposal approved, revised or rejected."""
    return step_fits_stage(proposal, name) and can_proceed(
        getattr(proposal, STEPS[name].method), check_conditions=False
    )


def target_state(proposal, name):
    method = getattr(proposal, STEPS[name].method)
    return ProposalState(method._django_fsm.next_state(proposal.state))


def may_press(user, proposal, name):
    """`user`'s role lets them press this transition of this proposal (in any state)."""
    return STEPS[name].who(user, proposal)


def may_transition(user, proposal, name):
    """`user` may press this transition now: the role fits and the state has it."""
    return state_allows(proposal, name) and may_press(user, proposal, name)


def available_steps(user, proposal):
    """The transitions `user` may press in the proposal's current state, in table order."""
    if not user.is_authenticated:
        return []
    return [step for name, step in STEPS.items() if may_transition(user, proposal, name)]


def can_use_register(user):
    """Funding officers and programme managers read the register of submitted proposals."""
    return has_role(user, Role.FUNDING_OFFICER) or has_role(user, Role.PROGRAMME_MANAGER)
