"""A role's permissions are what its actions check: take one from the role's group and the
people holding the role lose that action (and keep the others)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from projects.models import (
    Instalment,
    InstalmentState,
    PaymentRequest,
    PaymentState,
    ProgressReportState,
)
from projects.payments.services import check_request, pay_request
from projects.progress.services.states import accept_report
from projects.services import ProjectError
from proposals.lifecycle import services as lifecycle
from proposals.models import ProposalState
from reviews.decisions import services as decisions
from reviews.models import ScreeningVerdict
from reviews.screening import services as screening
from tests.projects.builders import funded_project
from tests.projects.pages import put_report
from tests.projects.payment_builders import checked, requested
from tests.reviews.screening.builders import a_call, checklist, submitted

pytestmark = pytest.mark.django_db


def revoke(role, permission):
    """Take `permission` ("app.codename") from the group of `role`."""
    app, codename = permission.split(".")
    Group.objects.get(name=role.value).permissions.remove(
        Permission.objects.get(content_type__app_label=app, codename=codename)
    )


def fresh(user):
    """The user as a new request sees them (permissions are cached on the instance)."""
    return User.objects.get(pk=user.pk)


def _due_instalment(officer):
    project = funded_project(officer)
    due = Instalment.objects.get(proposal=project, number=1)
    assert due.state == InstalmentState.DUE
    return project, due


def test_finance_whose_role_lost_pay_paymentrequest_cannot_pay(client, officer, finance):
    project, due = _due_instalment(officer)
    payment = checked(project, officer)
    client.force_login(finance)
    page = reverse("projects:payment_detail", args=[payment.pk])
    assert client.get(page).context["can_pay"] is True

    revoke(Role.FINANCE, "projects.pay_paymentrequest")

    assert client.get(page).status_code == 404  # finance reads requests through this permission
    with pytest.raises(ProjectError):
        pay_request(
            payment=payment,
            actor=fresh(finance),
            paid_on=due.proposal.award.starts_on,
            payment_reference="TR-0001",
            amount=due.amount,
        )
    assert Instalment.objects.get(pk=due.pk).state == InstalmentState.DUE


def test_an_officer_whose_role_lost_check_paymentrequest_cannot_check(client, officer):
    project, _due = _due_instalment(officer)
    payment = requested(project)
    client.force_login(officer)
    page = reverse("projects:payment_detail", args=[payment.pk])
    assert client.get(page).context["can_check"] is True

    revoke(Role.FUNDING_OFFICER, "projects.check_paymentrequest")

    assert client.get(page).context["can_check"] is False
    response = client.post(reverse("projects:payment_step", args=[payment.pk, "check"]))
    assert response.status_code == 403
    with pytest.raises(ProjectError):
        check_request(payment=payment, actor=fresh(officer))
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.SUBMITTED


def test_an_officer_whose_role_lost_accept_progressreport_cannot_accept_a_report(officer):
    project = funded_project(officer)
    report = put_report(project, "month_6", ProgressReportState.SUBMITTED)

    revoke(Role.FUNDING_OFFICER, "projects.accept_progressreport")

    with pytest.raises(ProjectError):
        accept_report(report=report, actor=fresh(officer))
    assert type(report).objects.get(pk=report.pk).state == ProgressReportState.SUBMITTED


def test_an_officer_whose_role_lost_screen_proposal_cannot_screen(client, officer):
    call = a_call()
    proposal = submitted(call)
    item = checklist(call, 1)[0]
    screen = reverse("reviews:screen", args=[proposal.pk])
    client.force_login(officer)
    assert client.get(screen).status_code == 200

    revoke(Role.FUNDING_OFFICER, "proposals.screen_proposal")

    assert client.get(screen).status_code == 403
    overview = client.get(reverse("reviews:call_overview", args=[call.code]))
    assert [row["screenable"] for row in overview.context["rows"]] == [False]
    with pytest.raises(PermissionDenied):
        screening.save_screening(
            actor=fresh(officer), proposal=proposal, verdicts=[(item, ScreeningVerdict.MET, "")]
        )
    for name in ("screen_pass", "return"):
        with pytest.raises(lifecycle.TransitionNotPermitted):
            lifecycle.transition(proposal=proposal, name=name, actor=fresh(officer), comment="x")
    assert type(proposal).objects.get(pk=proposal.pk).state == ProposalState.SUBMITTED
    # The rest of the role stays: the call's checklist is still theirs to keep.
    items = reverse("reviews:screening_items", args=[call.code])
    assert client.get(items).status_code == 200


def test_a_manager_whose_role_lost_decide_proposal_cannot_decide(client, manager):
    call = a_call()
    call.programme.managers.add(manager)
    proposal = submitted(call, state=ProposalState.IN_REVIEW)
    decide = reverse("reviews:decide", args=[proposal.pk])
    client.force_login(manager)
    assert client.get(decide).status_code == 200

    revoke(Role.PROGRAMME_MANAGER, "proposals.decide_proposal")

    assert client.get(decide).status_code == 403
    with pytest.raises(lifecycle.TransitionNotPermitted):
        decisions.decide(proposal=proposal, outcome="reject", actor=fresh(manager), comment="ไม่ผ่าน")
    assert type(proposal).objects.get(pk=proposal.pk).state == ProposalState.IN_REVIEW
