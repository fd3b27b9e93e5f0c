"""The payment request pages: the team's request form, a request's page, its steps, its
documents, the officers' and finance's queues and a call's documents asked for. A permission
table for every page and action and every person around a project, query counts, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.models import (
    Instalment,
    InstalmentState,
    PaymentDocument,
    PaymentRequest,
    PaymentState,
)
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, assert_access, assert_flat_queries, status_for
from tests.projects.builders import funded_project
from tests.projects.pages import expect, people_around
from tests.projects.payment_builders import checked, instalment, pdf, requested

D = Decimal
pytestmark = pytest.mark.django_db

# Who reads a request: the project's readers and finance.
READERS = {
    "funding_officer": 200,
    "administrator": 200,
    "finance": 200,
    "lead": 200,
    "team_member": 200,
    "own_manager": 200,
}


@pytest.fixture
def project(officer):
    return funded_project(officer)


@pytest.fixture
def people(project, personas):
    return people_around(project, personas)


def english(*users):
    for user in users:
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def step_url(payment, step):
    return reverse("projects:payment_step", args=[payment.pk, step])


def assert_each(client, people, url_of, expected, *, reset, method="post", data=None):
    """Like `assert_access`, each person on the object as `reset()` leaves it (so that one
    person's step does not change what the next one meets)."""
    missing = set(people) - set(expected)
    assert not missing, f"no expected answer for {sorted(missing)}"
    actual = {}
    for name, user in people.items():
        target = reset()
        actual[name] = status_for(client, user, url_of(target), method=method, data=data)
    assert actual == {name: expected[name] for name in people}


# Permissions ----------------------------------------------------------------------------------


def test_the_request_form_is_the_teams(client, project, people):
    url = reverse("projects:payment_new", args=[instalment(project, 1).pk])
    others = {"funding_officer": 403, "administrator": 403, "own_manager": 403}
    assert_access(client, people, url, expect(404, lead=200, team_member=200, **others))


def test_only_the_team_posts_a_request(client, project, people):
    """Each person posts their own files (an upload is read once)."""
    url = reverse("projects:payment_new", args=[instalment(project, 1).pk])
    others = {"funding_officer": 403, "administrator": 403, "own_manager": 403}
    actual = {}
    for name, user in people.items():
        PaymentRequest.objects.all().delete()
        client.logout()
        if user is not None:
            client.force_login(user)
        files = {"document_invoice": pdf(), "document_bank_page": pdf("bank.pdf")}
        actual[name] = client.post(url, {"note": "", **files}).status_code
    assert actual == expect(404, lead=302, team_member=302, **others)


def test_a_request_is_read_by_the_projects_readers_and_finance(client, project, people):
    payment = requested(project)
    url = payment.get_absolute_url()
    assert_access(client, people, url, expect(404, **READERS))


def test_a_document_is_downloaded_by_whoever_reads_the_request(client, project, people):
    payment = requested(project)
    document = payment.documents.first()
    url = reverse("projects:payment_document", args=[payment.pk, document.pk])
    assert_access(client, people, url, expect(404, **READERS))


def _submitted(project):
    def reset():
        PaymentRequest.objects.all().delete()
        return requested(project)

    return reset


@pytest.mark.parametrize("step", ["check", "return"])
def test_only_officers_check_or_return(client, project, people, step):
    readers = {**READERS, "funding_officer": 302}
    readers = {name: 403 if code == 200 else code for name, code in readers.items()}
    assert_each(
        client,
        people,
        lambda payment: step_url(payment, step),
        expect(404, **readers),
        reset=_submitted(project),
        data={"comment": "แนบใบเสร็จ"},
    )


def _checked(project, officer):
    def reset():
        PaymentRequest.objects.all().delete()
        return checked(project, officer)

    return reset


def test_only_finance_rejects(client, project, people, officer):
    readers = {name: 403 for name in READERS} | {"finance": 302}
    assert_each(
        client,
        people,
        lambda payment: step_url(payment, "reject"),
        expect(404, **readers),
        reset=_checked(project, officer),
        data={"comment": "บัญชีผิด"},
    )


def test_only_finance_pays(client, project, people, officer):
    readers = {name: 403 for name in READERS} | {"finance": 302}
    data = {
        "paid_on": timezone.localdate().isoformat(),
        "payment_reference": "KTB-1",
        "amount": "360000.00",
    }

    def reset():
        PaymentRequest.objects.all().delete()
        Instalment.objects.filter(proposal=project, number=1).update(
            state=InstalmentState.DUE, paid_on=None, payment_reference="", released_by=None
        )
        return checked(project, officer)

    assert_each(
        client,
        people,
        lambda payment: reverse("projects:payment_pay", args=[payment.pk]),
        expect(404, **readers),
        reset=reset,
        data=data,
    )


def test_only_the_team_submits_and_adds_documents(client, project, people):
    def reset():
        PaymentRequest.objects.all().delete()
        return requested(project, submit=False)

    readers = {name: 403 for name in READERS} | {"lead": 302, "team_member": 302}
    assert_each(
        client, people, lambda p: step_url(p, "submit"), expect(404, **readers), reset=reset
    )
    actual = {}
    for name, user in people.items():
        payment = reset()
        client.logout()
        if user is not None:
            client.force_login(user)
        url = reverse("projects:payment_attach", args=[payment.pk])
        actual[name] = client.post(url, {"kind": "receipt", "file": pdf()}).status_code
    assert actual == expect(404, **readers)


@pytest.mark.parametrize(("queue", "who"), [("check", "funding_officer"), ("pay", "finance")])
def test_each_queue_is_its_roles(client, personas, queue, who):
    url = reverse("projects:payment_queue", args=[queue])
    names = [role.value for role in Role] + ["outsider"]
    expected = {**dict.fromkeys(names, 404), ANONYMOUS: 302, who: 200}
    assert_access(client, personas, url, expected)


def test_an_unknown_queue_request_or_step_is_not_found(client, project, officer, finance):
    payment = requested(project)
    client.force_login(officer)
    assert client.get(reverse("projects:payment_queue", args=["other"])).status_code == 404
    assert client.get(reverse("projects:payment_detail", args=[999])).status_code == 404
    assert client.post(step_url(payment, "explode")).status_code == 404
    assert client.get(reverse("projects:payment_new", args=[999])).status_code == 404


def test_the_documents_asked_are_the_officers(client, project, personas):
    url = reverse("projects:payment_documents_asked", args=[project.call.code])
    names = [role.value for role in Role] + ["outsider"]
    expected = {**dict.fromkeys(names, 404), ANONYMOUS: 302, "funding_officer": 200}
    assert_access(client, personas, url, expected)


# What the pages do ---------------------------------------------------------------------------


def test_the_team_requests_through_the_form(client, project):
    client.force_login(project.lead)
    url = reverse("projects:payment_new", args=[instalment(project, 1).pk])
    form = client.get(url).context["form"]
    assert list(form.fields) == ["note", "document_invoice", "document_bank_page"]
    response = client.post(
        url,
        {"note": "งวดแรก", "document_invoice": pdf(), "document_bank_page": pdf("bank.pdf")},
    )
    payment = PaymentRequest.objects.get()
    assert response.url == payment.get_absolute_url()
    assert (payment.state, payment.note, payment.documents.count()) == (
        PaymentState.SUBMITTED,
        "งวดแรก",
        2,
    )


def test_a_request_without_a_document_names_the_field_and_saves_nothing(client, project):
    english(project.lead)
    client.force_login(project.lead)
    url = reverse("projects:payment_new", args=[instalment(project, 1).pk])
    response = client.post(url, {"note": "x", "document_invoice": pdf()})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["document_bank_page"]
    assert not PaymentRequest.objects.exists()


def test_a_request_for_an_instalment_not_due_is_refused_with_why(client, project):
    english(project.lead)
    client.force_login(project.lead)
    url = reverse("projects:payment_new", args=[instalment(project, 2).pk])
    response = client.post(url, {"document_invoice": pdf(), "document_bank_page": pdf("bank.pdf")})
    assert response.context["form"].non_field_errors() == [
        "This instalment waits for the 6-month progress report to be accepted."
    ]
    assert not PaymentRequest.objects.exists()
    assert not PaymentDocument.objects.exists()


def test_finance_pays_less_with_a_reason_through_the_page(client, project, officer, finance):
    english(finance)
    payment = checked(project, officer)
    client.force_login(finance)
    page = client.get(payment.get_absolute_url())
    assert page.context["can_pay"] is True
    assert page.context["pay_form"]["amount"].value() == D("360000.00")
    url = reverse("projects:payment_pay", args=[payment.pk])
    data = {"paid_on": timezone.localdate().isoformat(), "payment_reference": "KTB-9"}
    response = client.post(url, {**data, "amount": "350000"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Say why less than the instalment is paid."
    ]
    response = client.post(url, {**data, "amount": "abc"})
    assert list(response.context["form"].errors) == ["amount"]
    response = client.post(url, {**data, "amount": "350000", "shortfall_reason": "ค่าปรับ"})
    assert response.status_code == 302
    paid = PaymentRequest.objects.get(pk=payment.pk)
    assert (paid.state, paid.amount_paid, paid.shortfall_reason) == (
        PaymentState.PAID,
        D("350000.00"),
        "ค่าปรับ",
    )
    html = client.get(payment.get_absolute_url()).content.decode()
    assert "350,000.00" in html and "KTB-9" in html


def test_the_project_page_counts_what_finance_paid_not_the_instalment(
    client, project, officer, finance
):
    """Paid 350,000 of an instalment of 360,000: the project page's paid figure (and so the
    unspent balance it gives the financial report) is 350,000."""
    payment = checked(project, officer)
    client.force_login(finance)
    url = reverse("projects:payment_pay", args=[payment.pk])
    data = {"paid_on": timezone.localdate().isoformat(), "payment_reference": "KTB-10"}
    client.post(url, {**data, "amount": "350000", "shortfall_reason": "ค่าปรับ"})
    client.force_login(officer)
    page = client.get(reverse("projects:project", args=[project.pk]))
    assert page.context["released"] == D("350000.00")


def test_a_person_with_both_roles_is_told_why_they_may_not_pay(client, project):
    both = UserFactory(roles=[Role.FUNDING_OFFICER, Role.FINANCE])
    english(both)
    payment = checked(project, both)
    client.force_login(both)
    page = client.get(payment.get_absolute_url())
    assert (page.context["can_pay"], page.context["awaits_other_payer"]) == (False, True)
    message = "You checked this request: another person of finance must approve and pay it."
    assert message in page.content.decode()
    response = client.post(
        reverse("projects:payment_pay", args=[payment.pk]),
        {
            "paid_on": timezone.localdate().isoformat(),
            "payment_reference": "KTB-1",
            "amount": "360000",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    response = client.post(step_url(payment, "reject"), {"comment": "x"}, follow=True)
    assert message in response.content.decode()
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.CHECKED


def test_an_officer_returns_with_a_reason_and_the_team_sends_it_again(client, project, officer):
    english(officer)
    payment = requested(project)
    client.force_login(officer)
    response = client.post(step_url(payment, "return"), {"comment": " "}, follow=True)
    assert "Say what the team must fix." in response.content.decode()
    client.post(step_url(payment, "return"), {"comment": "แนบใบเสร็จ"})
    assert PaymentRequest.objects.get(pk=payment.pk).state == PaymentState.RETURNED
    client.force_login(project.lead)
    url = reverse("projects:payment_attach", args=[payment.pk])
    response = client.post(url, {"kind": "receipt", "file": pdf("receipt.pdf")})
    assert response.status_code == 302
    client.post(step_url(payment, "submit"))
    again = PaymentRequest.objects.get(pk=payment.pk)
    assert (again.state, again.documents.count()) == (PaymentState.SUBMITTED, 3)


def test_a_bad_document_is_refused_with_the_field_named(client, project):
    english(project.lead)
    payment = requested(project, submit=False)
    client.force_login(project.lead)
    url = reverse("projects:payment_attach", args=[payment.pk])
    response = client.post(url, {"kind": "nonsense", "file": pdf()}, follow=True)
    assert "Kind of document:" in response.content.decode()
    assert payment.documents.count() == 2


def test_the_officer_sets_the_documents_asked(client, project, officer):
    client.force_login(officer)
    url = reverse("projects:payment_documents_asked", args=[project.call.code])
    assert client.get(url).context["form"]["documents"].value() == ["invoice", "bank_page"]
    response = client.post(url, {"documents": ["receipt"]})
    assert response.status_code == 302
    client.force_login(project.lead)
    form_url = reverse("projects:payment_new", args=[instalment(project, 1).pk])
    assert list(client.get(form_url).context["form"].fields) == ["note", "document_receipt"]
    assert AuditEntry.objects.filter(action="payment_policy.set").count() == 1


def test_pages_speak_thai_with_buddhist_era_dates(client, project, officer, finance):
    payment = checked(project, officer)
    PaymentRequest.objects.filter(pk=payment.pk).update(
        checked_at=timezone.make_aware(datetime.datetime(2025, 1, 15, 10))
    )
    client.force_login(finance)
    with translation.override("th"):
        html = client.get(payment.get_absolute_url()).content.decode()
    assert "คำขอเบิกเงินงวดที่ 1" in html
    assert "2568" in html


# Query counts --------------------------------------------------------------------------------


def _many_requests(project, state):
    """Rows for the queue: a new instalment of `project` per request, each with a document."""
    made = []

    def make(count):
        for _ in range(count):
            number = Instalment.objects.filter(proposal=project).count() + 1
            item = Instalment.objects.create(
                proposal=project,
                number=number,
                percent=D("1"),
                amount=D("1000"),
                report_kind="contract",
            )
            Instalment.objects.filter(pk=item.pk).update(state=InstalmentState.DUE)
            payment = PaymentRequest.objects.create(
                proposal=project,
                instalment=item,
                created_by=project.lead,
                submitted_at=timezone.now(),
                checked_by=UserFactory(roles=[Role.FUNDING_OFFICER]),
            )
            PaymentRequest.objects.filter(pk=payment.pk).update(state=state)
            PaymentDocument.objects.create(request=payment, kind="invoice", original_name="a.pdf")
            made.append(payment)

    return make


@pytest.mark.parametrize(
    ("queue", "state", "who"),
    [("check", PaymentState.SUBMITTED, "officer"), ("pay", PaymentState.CHECKED, "finance")],
)
def test_the_queues_run_the_same_queries_for_few_and_many(
    client, project, request, queue, state, who
):
    user = request.getfixturevalue(who)
    url = reverse("projects:payment_queue", args=[queue])
    count = assert_flat_queries(client, user, url, _many_requests(project, state), few=1, many=8)
    assert count == 5


def test_the_project_page_runs_the_same_queries_for_few_and_many_requests(client, project):
    url = reverse("projects:project", args=[project.pk])
    rows = _many_requests(project, PaymentState.SUBMITTED)
    assert_flat_queries(client, project.lead, url, rows, few=1, many=8)


def test_a_requests_page_runs_the_same_queries_for_few_and_many_documents(client, project, finance):
    payment = requested(project)
    url = payment.get_absolute_url()

    def make(count):
        for _ in range(count):
            PaymentDocument.objects.create(request=payment, kind="other", original_name="b.pdf")

    count = assert_flat_queries(client, finance, url, make, few=1, many=8)
    assert count == 6


def test_the_queue_pages_at_fifty(client, project, officer):
    _many_requests(project, PaymentState.SUBMITTED)(51)
    client.force_login(officer)
    url = reverse("projects:payment_queue", args=["check"])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert len(client.get(url + "?page=2").context["page"].object_list) == 1


# The instalment request letter ----------------------------------------------------------------


def test_the_request_letter_follows_the_request(project, officer, finance):
    from reports.pdf.progress import contract_instalments, request_context

    payment = checked(project, officer)
    PaymentRequest.objects.filter(pk=payment.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 1, 10, 9))
    )
    with translation.override("en"):
        context = request_context(project, project.award, contract_instalments(project))
    letter = context["letter"]
    assert context["payment"].pk == payment.pk
    assert letter.date == datetime.date(2025, 1, 10)
    assert letter.enclosures[1:] == [
        "Invoice (invoice.pdf)",
        "Bank account page (bank_page.pdf)",
    ]
    assert context["payment"].checked_by == officer


def test_the_letter_is_finances_once_requested(client, project, personas, finance):
    url = reverse(
        "reports:document", args=["instalment-request-contract", "pdf", project.reference]
    )
    from reports.pdf.progress import may_have_contract_request

    assert not may_have_contract_request(finance, project)
    requested(project)
    assert may_have_contract_request(finance, project)
    assert may_have_contract_request(project.lead, project)
    assert url


def test_finances_dashboard_says_how_many_requests_wait_and_how_much_they_ask(
    client, project, finance
):
    english(finance)
    url = reverse("dashboard_for_role", args=["finance"])
    client.force_login(finance)
    empty = client.get(url).content.decode()
    assert '<div class="fs-3 fw-semibold" id="count-payment-requests">0</div>' in empty
    assert "The oldest was submitted" not in empty
    _many_requests(project, PaymentState.CHECKED)(3)
    _many_requests(project, PaymentState.SUBMITTED)(2)  # still with the officers
    page = client.get(url).content.decode()
    assert '<div class="fs-3 fw-semibold" id="count-payment-requests">3</div>' in page
    assert '<div class="fs-3 fw-semibold" id="amount-payment-requests">3,000.00</div>' in page
    assert "The oldest was submitted on" in page


def test_finances_dashboard_runs_the_same_queries_for_few_and_many_requests(
    client, project, finance
):
    url = reverse("dashboard_for_role", args=["finance"])
    rows = _many_requests(project, PaymentState.CHECKED)
    assert assert_flat_queries(client, finance, url, rows, few=1, many=8) == 3
