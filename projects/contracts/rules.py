"""Who may see and do what with a project's contract and its amendments: whoever follows the
project reads them; a funding officer generates the contract and uploads the counter-signed
copies; the team uploads the signed copies; the programme's managers and administrators write
the programme's template; funding officers set a call's contract rule."""

from accounts.roles import Role
from accounts.rules import has_role
from projects.models import ContractState
from projects.rules import can_view_project, is_project
from proposals.models import ProposalState
from proposals.rules import is_team_editor


def can_view_contract(user, proposal):
    return can_view_project(user, proposal)


def writes_contract_templates(user, programme):
    """A manager of the programme, or an administrator."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return has_role(user, Role.PROGRAMME_MANAGER) and any(
        manager.pk == user.pk for manager in programme.managers.all()
    )


def can_set_contract_rule(user):
    return user.is_authenticated and has_role(user, Role.FUNDING_OFFICER)


def _open(proposal):
    return is_project(proposal) and proposal.state == ProposalState.ACTIVE


def can_generate_contract(user, contract):
    """A funding officer (re)generates the contract of an active project until it is signed."""
    return (
        has_role(user, Role.FUNDING_OFFICER)
        and _open(contract.proposal)
        and contract.state in (ContractState.NOT_GENERATED, ContractState.GENERATED)
    )


def can_upload_signed(user, document):
    """The team uploads the signed copy of a generated contract or amendment."""
    return (
        document.state == ContractState.GENERATED
        and _open(document.proposal)
        and is_team_editor(user, document.proposal)
    )


def can_upload_countersigned(user, document):
    """A funding officer uploads the counter-signed copy once the team has signed."""
    return (
        document.state == ContractState.SIGNED
        and _open(document.proposal)
        and has_role(user, Role.FUNDING_OFFICER)
    )


def can_download_copy(user, document):
    return can_view_project(user, document.proposal)
