"""Ten people (or one impatient person) pressing the same button at the same moment, through
the real pages, each press in its own thread and database connection: the step applies once
and every other press gets the page's ordinary "already done" answer, never a server error.

On SQLite (a file, as the test settings make it) the presses wait for the one writer in turn
(transactions begin IMMEDIATE, config/settings.py); on PostgreSQL the row lock orders them.
Both run here: CI runs the suite on each."""

import datetime
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.models import (
    Instalment,
    PaymentRequest,
    PaymentState,
    ProgressReport,
    ProgressReportState,
)
from projects.progress.services import states as report_states
from proposals.models import Proposal, ProposalState
from tests.factories import UserFactory
from tests.projects.builders import funded_project, report_of
from tests.projects.payment_builders import checked, requested
from tests.projects.report_builders import complete_report, rich_project
from tests.proposals.lifecycle.conftest import make_complete_proposal

pytestmark = pytest.mark.django_db(transaction=True)

PRESSES = 10


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def press_together(user, url, data):
    """POST `data` to `url` as `user` from PRESSES threads released at once; the responses
    (or the exception a thread met) in order."""
    clients = []
    for _ in range(PRESSES):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(PRESSES)
    answers = [None] * PRESSES

    def press(index):
        try:
            start.wait(timeout=30)
            answers[index] = clients[index].post(url, data)
        except Exception as error:  # reported by the assertion below, not lost in a thread
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(index,)) for index in range(PRESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def assert_once(answers, *, done, already):
    """One press redirected (done), every other one answered 200 with an `already` text."""
    codes = [getattr(answer, "status_code", answer) for answer in answers]
    assert sorted(codes, key=str) == sorted([302] + [200] * (PRESSES - 1), key=str), codes
    winner = next(answer for answer in answers if answer.status_code == 302)
    assert winner.url == done
    for answer in answers:
        if answer.status_code == 200:
            page = answer.content.decode()
            assert any(text in page for text in already), page


def test_ten_acceptances_of_one_report_accept_it_once(officer, researcher):
    english(officer)
    project = rich_project(officer, lead=researcher)
    report = report_of(project)
    complete_report(report)
    report_states.submit_report(report=report, actor=researcher)
    url = reverse("projects:progress_accept", args=[report.pk])
    answers = press_together(officer, url, {"accept-comment": "ครบถ้วน"})
    assert_once(
        answers,
        done=reverse("projects:progress_detail", args=[report.pk]),
        already=[
            "This report is “Accepted”: nothing was changed.",
            "The report is “Accepted”: only a submitted report is accepted or returned.",
        ],
    )
    assert ProgressReport.objects.get(pk=report.pk).state == ProgressReportState.ACCEPTED
    assert AuditEntry.objects.filter(action="progress_report.accept").count() == 1


def test_ten_terminations_of_one_project_terminate_it_once(officer, manager):
    english(manager)
    project = funded_project(officer)
    project.call.programme.managers.add(manager)
    url = reverse("proposals:proposal_transition", args=[project.pk, "terminate"])
    answers = press_together(manager, url, {"comment": "ยุติโครงการ"})
    assert_once(
        answers,
        done=reverse("proposals:proposal_detail", args=[project.pk]),
        already=["This proposal is already “Terminated”: nothing was changed."],
    )
    assert Proposal.objects.get(pk=project.pk).state == ProposalState.TERMINATED
    assert AuditEntry.objects.filter(action="proposal.terminate").count() == 1
    # Its unpaid instalments were cancelled once, each.
    cancelled = AuditEntry.objects.filter(action="instalment.cancel").count()
    assert cancelled == Instalment.objects.filter(proposal=project).count()


def test_ten_submissions_of_one_proposal_submit_it_once():
    proposal = make_complete_proposal()
    lead = english(proposal.lead)
    url = reverse("proposals:proposal_transition", args=[proposal.pk, "submit"])
    answers = press_together(lead, url, {})
    assert_once(
        answers,
        done=reverse("proposals:proposal_detail", args=[proposal.pk]),
        already=["This proposal is already “Submitted”: nothing was changed."],
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.state, stored.round) == (ProposalState.SUBMITTED, 1)
    assert AuditEntry.objects.filter(action="proposal.submit").count() == 1


def test_ten_payments_of_one_request_pay_it_once(officer):
    finance = english(UserFactory(roles=[Role.FINANCE]))
    project = funded_project(officer)
    payment = checked(project, officer)
    url = reverse("projects:payment_pay", args=[payment.pk])
    data = {
        "paid_on": datetime.date.today().isoformat(),
        "payment_reference": "TR-1",
        "amount": "360000.00",
    }
    answers = press_together(finance, url, data)
    assert_once(
        answers,
        done=payment.get_absolute_url(),
        already=["This request is “Paid”: nothing was changed."],
    )
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.PAID
    assert AuditEntry.objects.filter(action="payment_request.pay").count() == 1
    assert AuditEntry.objects.filter(action="instalment.release").count() == 1


def test_ten_checks_of_one_request_check_it_once(officer):
    project = funded_project(officer)
    payment = requested(project)
    url = reverse("projects:payment_step", args=[payment.pk, "check"])
    answers = press_together(officer, url, {"comment": ""})
    assert [getattr(answer, "status_code", answer) for answer in answers] == [302] * PRESSES
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.CHECKED
    assert AuditEntry.objects.filter(action="payment_request.check").count() == 1
