"""Who may request, check and pay a due instalment: the team requests it while payments may be
recorded (an active or completed project); a funding officer checks it, returns it or passes
it on; finance approves and records the payment, or rejects it. Finance reads every request,
and nothing else of the project; the person who checked a request never pays it."""

from accounts.roles import Role
from accounts.rules import has_role
from projects.models import InstalmentState, PaymentState
from projects.rules import can_view_project
from proposals.models import ProposalState
from proposals.rules import is_team_editor

PAYABLE_PROJECT_STATES = (ProposalState.ACTIVE, ProposalState.COMPLETED)


def is_payable(proposal):
    """Payments are requested and recorded while the project is active or completed."""
    return proposal.state in PAYABLE_PROJECT_STATES


def checks_payments(user):
    """Funding officers whose role holds the permission to check payment requests."""
    return has_role(user, Role.FUNDING_OFFICER) and user.has_perm("projects.check_paymentrequest")


def pays_requests(user):
    """Finance, whose role holds the permission to approve and record payments."""
    return has_role(user, Role.FINANCE) and user.has_perm("projects.pay_paymentrequest")


def can_view_payment(user, payment):
    """The project's readers, and finance."""
    if not user.is_authenticated:
        return False
    return pays_requests(user) or can_view_project(user, payment.proposal)


def can_request_payment(user, instalment):
    """The team asks for an instalment that is due (or whose report is accepted and period
    ended: it falls due on the request) of a project payments may be recorded on."""
    proposal = instalment.proposal
    return (
        instalment.state in (InstalmentState.SCHEDULED, InstalmentState.DUE)
        and is_payable(proposal)
        and is_team_editor(user, proposal)
    )


def can_edit_payment(user, payment):
    """The team writes a draft or returned request."""
    return (
        payment.state in PaymentState.editable()
        and is_payable(payment.proposal)
        and is_team_editor(user, payment.proposal)
    )


def can_submit_payment(user, payment):
    return can_edit_payment(user, payment)


def can_check_payment(user, payment):
    """An officer returns or passes on a submitted request."""
    return (
        payment.state == PaymentState.SUBMITTED
        and is_payable(payment.proposal)
        and checks_payments(user)
    )


def checked_it(user, payment):
    """Whether `user` is the person who checked `payment` (who may then not pay it)."""
    return payment.checked_by_id is not None and payment.checked_by_id == user.pk


def can_pay_payment(user, payment):
    """Finance pays or rejects a checked request, unless they checked it themselves."""
    return (
        payment.state == PaymentState.CHECKED
        and is_payable(payment.proposal)
        and pays_requests(user)
        and not checked_it(user, payment)
    )


def can_open_queue(user, queue):
    """The officers' queue of submitted requests, finance's queue of checked ones."""
    return checks_payments(user) if queue == "check" else pays_requests(user)
