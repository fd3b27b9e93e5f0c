"""Payment requests through their services: every step, who may take it, what each refuses
(not due, over the budget, the wrong person, the checker paying, bad input), the audit
entries, the notifications and the reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEntry, Notification
from accounts.roles import Role
from projects.models import (
    InstalmentState,
    PaymentDocumentKind,
    PaymentPolicy,
    PaymentRequest,
    PaymentState,
)
from projects.payments import reminders, services
from proposals.models import ProgressReportKind
from tests.factories import UserFactory
from tests.projects.builders import add_member, funded_project
from tests.projects.pages import accept
from tests.projects.payment_builders import (
    checked,
    documents,
    instalment,
    pay_instalment,
    pdf,
    requested,
)

D = Decimal
pytestmark = pytest.mark.django_db


def messages_of(error):
    return [str(message) for message in error.value.messages]


@pytest.fixture
def english():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("th")


@pytest.fixture
def project(officer):
    return funded_project(officer)


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def pay(payment, finance, **data):
    values = {
        "paid_on": timezone.localdate(),
        "payment_reference": "TR-0001",
        "amount": payment.instalment.amount,
        **data,
    }
    return services.pay_request(payment=payment, actor=finance, **values)


# The whole way ------------------------------------------------------------------------------


def test_a_request_goes_from_the_team_through_the_officer_to_finance(project, officer, finance):
    payment = requested(project, submit=False)
    assert payment.state == PaymentState.DRAFT
    payment = services.submit_request(payment=payment, actor=project.lead)
    assert payment.state == PaymentState.SUBMITTED
    payment = services.check_request(payment=payment, actor=officer, comment="ครบ")
    assert (payment.state, payment.checked_by) == (PaymentState.CHECKED, officer)
    payment = pay(payment, finance, payment_reference="KTB-1")
    first = instalment(project, 1)
    assert (payment.state, payment.decided_by, payment.amount_paid) == (
        PaymentState.PAID,
        finance,
        D("360000.00"),
    )
    assert (first.state, first.payment_reference, first.released_by, first.paid_amount) == (
        InstalmentState.RELEASED,
        "KTB-1",
        finance,
        None,
    )
    assert actions()[-3:] == ["payment_request.check", "instalment.release", "payment_request.pay"]


def test_each_step_writes_one_audit_entry_with_its_states(project, officer, finance):
    payment = checked(project, officer)
    pay(payment, finance)
    entries = AuditEntry.objects.filter(action__startswith="payment_request.").order_by("pk")
    steps = [(e.action, e.from_state, e.to_state) for e in entries if e.from_state != e.to_state]
    assert steps == [
        ("payment_request.create", "", "draft"),
        ("payment_request.submit", "draft", "submitted"),
        ("payment_request.check", "submitted", "checked"),
        ("payment_request.pay", "checked", "paid"),
    ]


def test_finance_may_pay_less_with_a_reason(project, officer, finance):
    payment = pay(checked(project, officer), finance, amount=D("300000"), shortfall_reason="หัก")
    first = instalment(project, 1)
    assert (payment.amount_paid, payment.shortfall_reason) == (D("300000.00"), "หัก")
    assert (first.paid_amount, first.amount_released) == (D("300000.00"), D("300000.00"))
    from projects.selectors import released_total

    assert released_total(project) == D("300000.00")


def test_paying_less_without_a_reason_is_refused(project, officer, finance, english):
    payment = checked(project, officer)
    with pytest.raises(ValidationError) as error:
        pay(payment, finance, amount=D("300000"))
    assert messages_of(error) == ["Say why less than the instalment is paid."]
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.CHECKED
    assert instalment(project, 1).state == InstalmentState.DUE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paid_on": None}, "Give the payment date."),
        ({"paid_on": datetime.date(2999, 1, 1)}, "The payment date cannot be in the future."),
        ({"payment_reference": "  "}, "Give the payment reference (e.g. the transfer number)."),
        ({"amount": D("0")}, "Give the amount paid."),
        (
            {"amount": D("360000.01")},
            "The amount paid cannot be more than the instalment, 360,000.00 baht.",
        ),
    ],
)
def test_bad_payments_are_refused_and_change_nothing(
    project, officer, finance, english, data, message
):
    payment = checked(project, officer)
    with pytest.raises(ValidationError) as error:
        pay(payment, finance, **data)
    assert messages_of(error) == [message]
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.CHECKED
    assert instalment(project, 1).state == InstalmentState.DUE
    assert not AuditEntry.objects.filter(action="payment_request.pay").exists()


def test_a_payment_over_the_approved_budget_is_refused(project, officer, finance, english):
    award = project.award
    award.amount = D("300000.00")
    award.save(update_fields=["amount"])
    payment = checked(project, officer)
    with pytest.raises(ValidationError) as error:
        pay(payment, finance)
    assert messages_of(error) == [
        "Releasing 360,000.00 baht would pay more than the approved 300,000.00 baht."
    ]
    assert instalment(project, 1).state == InstalmentState.DUE


# Separation of duties ----------------------------------------------------------------------


def test_the_person_who_checked_a_request_may_not_pay_it(project, english):
    both = UserFactory(roles=[Role.FUNDING_OFFICER, Role.FINANCE])
    payment = checked(project, both)
    for step in (
        lambda: pay(payment, both),
        lambda: services.reject_request(payment=payment, actor=both, comment="no"),
    ):
        with pytest.raises(ValidationError) as error:
            step()
        assert messages_of(error) == [
            "You checked this request: another person of finance must approve and pay it."
        ]
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.CHECKED
    other = UserFactory(roles=[Role.FINANCE])
    assert pay(payment, other).state == PaymentState.PAID


def test_an_officer_cannot_pay_and_finance_cannot_check(project, officer, finance, english):
    payment = requested(project)
    with pytest.raises(ValidationError) as error:
        services.check_request(payment=payment, actor=finance)
    assert messages_of(error) == ["You may not check this request."]
    payment = services.check_request(payment=payment, actor=officer)
    with pytest.raises(ValidationError) as error:
        pay(payment, officer)
    assert messages_of(error) == ["You may not approve or reject this request."]


# Due or not ----------------------------------------------------------------------------------


def test_an_instalment_not_yet_due_cannot_be_requested(project, english):
    with pytest.raises(ValidationError) as error:
        requested(project, 2)
    assert messages_of(error) == [
        "This instalment waits for the 6-month progress report to be accepted."
    ]
    assert not PaymentRequest.objects.exists()


def test_once_its_report_is_accepted_the_instalment_is_requested(project, officer, finance):
    accept(project, ProgressReportKind.MONTH_6, officer)
    payment = checked(project, officer, 2)
    assert pay(payment, finance).instalment.state == InstalmentState.RELEASED


def test_an_instalment_is_requested_once_until_a_rejection(project, officer, finance, english):
    payment = checked(project, officer)
    with pytest.raises(ValidationError) as error:
        requested(project)
    assert messages_of(error) == ["This instalment is already requested."]
    services.reject_request(payment=payment, actor=finance, comment="บัญชีไม่ตรง")
    again = requested(project)
    assert again.state == PaymentState.SUBMITTED
    with pytest.raises(ValidationError):
        pay_instalment(instalment(project, 1), officer=officer)  # already requested


def test_a_paid_instalment_cannot_be_requested_again(project, officer, english):
    pay_instalment(instalment(project, 1), officer=officer)
    with pytest.raises(ValidationError) as error:
        requested(project)
    assert messages_of(error) == ["You may not request this instalment."]


# The team's part ---------------------------------------------------------------------------


def test_only_the_team_requests(project, officer, english):
    member = add_member(project)
    assert services.start_request(instalment=instalment(project, 1), actor=member).pk
    for person in (officer, UserFactory(roles=[Role.FINANCE]), UserFactory(roles=[])):
        with pytest.raises(ValidationError):
            services.start_request(instalment=instalment(project, 2), actor=person)


def test_a_request_without_the_documents_asked_is_not_submitted(project, english):
    payment = services.start_request(instalment=instalment(project, 1), actor=project.lead)
    with pytest.raises(ValidationError) as error:
        services.submit_request(payment=payment, actor=project.lead)
    assert messages_of(error) == ["Add the invoice.", "Add the bank account page."]
    services.attach_document(
        payment=payment, actor=project.lead, kind=PaymentDocumentKind.INVOICE, upload=pdf()
    )
    with pytest.raises(ValidationError) as error:
        services.submit_request(payment=payment, actor=project.lead)
    assert messages_of(error) == ["Add the bank account page."]


def test_the_call_sets_the_documents_asked(project, officer, english):
    services.set_payment_documents(
        call=project.call, actor=officer, documents=[PaymentDocumentKind.RECEIPT]
    )
    assert PaymentPolicy.objects.get(call=project.call).documents == ["receipt"]
    payment = services.start_request(instalment=instalment(project, 1), actor=project.lead)
    with pytest.raises(ValidationError) as error:
        services.submit_request(payment=payment, actor=project.lead)
    assert messages_of(error) == ["Add the receipt."]
    assert AuditEntry.objects.filter(action="payment_policy.set").count() == 1


def test_only_officers_set_the_documents_asked(project, finance, researcher):
    for person in (finance, researcher):
        with pytest.raises(ValidationError):
            services.set_payment_documents(call=project.call, actor=person, documents=[])
    assert not PaymentPolicy.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_saved(project, english):
    fake = pdf("fake.pdf")
    fake.file.write(b"")
    bad = {PaymentDocumentKind.INVOICE: pdf(), PaymentDocumentKind.BANK_PAGE: pdf("x.pdf")}
    bad[PaymentDocumentKind.BANK_PAGE].file.seek(0)
    bad[PaymentDocumentKind.BANK_PAGE].file.truncate()
    bad[PaymentDocumentKind.BANK_PAGE].file.write(b"GIF89a")
    bad[PaymentDocumentKind.BANK_PAGE].size = 6
    bad[PaymentDocumentKind.BANK_PAGE].file.seek(0)
    with pytest.raises(ValidationError) as error:
        services.request_payment(
            instalment=instalment(project, 1), actor=project.lead, note="", documents=bad
        )
    assert "is not a PDF file" in " ".join(messages_of(error))
    assert not PaymentRequest.objects.exists()


def test_a_returned_request_is_mended_and_sent_again(project, officer, english):
    payment = requested(project)
    with pytest.raises(ValidationError) as error:
        services.return_request(payment=payment, actor=officer, comment=" ")
    assert messages_of(error) == ["Say what the team must fix."]
    payment = services.return_request(payment=payment, actor=officer, comment="แนบใบเสร็จ")
    assert (payment.state, payment.comment) == (PaymentState.RETURNED, "แนบใบเสร็จ")
    services.attach_document(
        payment=payment, actor=project.lead, kind=PaymentDocumentKind.RECEIPT, upload=pdf()
    )
    payment = services.submit_request(payment=payment, actor=project.lead)
    assert (payment.state, payment.comment) == (PaymentState.SUBMITTED, "")


def test_a_rejection_needs_a_reason(project, officer, finance, english):
    payment = checked(project, officer)
    with pytest.raises(ValidationError) as error:
        services.reject_request(payment=payment, actor=finance, comment="")
    assert messages_of(error) == ["Say why the request is rejected."]
    payment = services.reject_request(payment=payment, actor=finance, comment="ชื่อบัญชีผิด")
    assert (payment.state, payment.decided_by) == (PaymentState.REJECTED, finance)
    assert instalment(project, 1).state == InstalmentState.DUE


def test_a_second_step_on_a_settled_request_changes_nothing(project, officer, finance, english):
    payment = pay(checked(project, officer), finance)
    with pytest.raises(ValidationError) as error:
        pay(payment, UserFactory(roles=[Role.FINANCE]))
    assert messages_of(error) == ["This request is “Paid”: nothing was changed."]
    with pytest.raises(ValidationError):
        services.check_request(payment=payment, actor=officer)


def test_a_role_without_its_permission_takes_no_step(project, officer, finance):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name=Role.FINANCE.value)
    group.permissions.remove(Permission.objects.get(codename="pay_paymentrequest"))
    payment = checked(project, officer)
    finance = type(finance).objects.get(pk=finance.pk)
    with pytest.raises(ValidationError):
        pay(payment, finance)


def test_a_terminated_project_takes_no_request(project, officer):
    from proposals.models import Proposal, ProposalState

    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.TERMINATED)
    with pytest.raises(ValidationError):
        requested(Proposal.objects.get(pk=project.pk))


# Notifications -----------------------------------------------------------------------------


def notified(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_each_step_tells_the_people_concerned(
    project, officer, finance, django_capture_on_commit_callbacks
):
    lead = project.lead
    lead.preferred_language = "en"
    lead.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        payment = requested(project)
    assert len(notified(officer)) == 1
    assert notified(finance) == []
    with django_capture_on_commit_callbacks(execute=True):
        payment = services.check_request(payment=payment, actor=officer)
    assert len(notified(finance)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        pay(payment, finance, amount=D("300000"), shortfall_reason="หักค่าธรรมเนียม")
    last = notified(lead)[-1]
    assert "Instalment 1 of" in str(last.body)
    assert "300,000.00 baht" in str(last.body)
    assert "หักค่าธรรมเนียม" in str(last.body)


# Reminders ---------------------------------------------------------------------------------


def test_a_due_instalment_nobody_requested_is_reminded_weekly(
    project, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_payment_reminders(today) == 1
    assert len(notified(project.lead)) == 1
    assert reminders.send_payment_reminders(today) == 0
    assert reminders.send_payment_reminders(today + datetime.timedelta(days=6)) == 0
    assert reminders.send_payment_reminders(today + datetime.timedelta(days=7)) == 1


def test_a_requested_instalment_is_not_reminded(project):
    requested(project, submit=False)
    assert reminders.send_payment_reminders() == 0


def test_the_documents_asked_default_to_an_invoice_and_the_bank_page(project):
    from projects.payments.checks import documents_asked

    assert documents_asked(project.call) == [
        PaymentDocumentKind.INVOICE,
        PaymentDocumentKind.BANK_PAGE,
    ]
    assert set(documents()) == set(documents_asked(project.call))
