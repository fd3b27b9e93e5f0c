"""The payments workbook: one row per payment request of the programme's funded projects, and
per Thai fiscal year (B.E.) the requests made, checked, paid (with the amount) and rejected."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from indicators.models import FiscalYear, Funder, Programme
from projects.models import Instalment
from projects.payments import services
from reports import documents
from reports.documents import XLSX
from reports.excel import PAYMENTS
from reports.excel.payments import build_payments
from reports.excel.rules import may_export_payments
from tests.factories import UserFactory
from tests.helpers import ANONYMOUS, OUTSIDER, assert_access
from tests.projects.builders import approved_proposal, fund
from tests.projects.payment_builders import pay_instalment, requested
from tests.proposals.lifecycle.conftest import call_for_complete_proposals
from tests.reports.excel_helpers import (
    answers_of,
    column,
    data_of,
    decimal,
    flat_queries,
    header_of,
    open_book,
)

pytestmark = pytest.mark.django_db

D = Decimal
PAID_ON = datetime.date(2025, 1, 5)  # fiscal year 2568


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def programme(officer, finance):
    """Two funded projects: the first's instalment 1 paid on 5 January 2025, 10,000 baht
    short; the second's requested, checked and rejected; a draft request (not a row) and a
    project of another programme."""
    first_call = call_for_complete_proposals(code="SLC-2568")
    second_call = call_for_complete_proposals(code="SLC-2569")
    first = fund(approved_proposal(call=first_call), officer)
    pay_instalment(
        Instalment.objects.get(proposal=first, number=1),
        officer=officer,
        finance=finance,
        paid_on=PAID_ON,
        reference="KTB-0001",
        amount=D("350000.00"),
        shortfall_reason="ค่าปรับ",
    )
    second = fund(approved_proposal(amount=D("600000.00"), call=second_call), officer)
    payment = services.check_request(payment=requested(second), actor=officer)
    services.reject_request(payment=payment, actor=finance, comment="บัญชีผิด")
    requested(second, submit=False)  # a draft again: not in the workbook
    other = Programme.objects.create(
        code="OTHER", name_th="แผนงานอื่น", name_en="Other", funder=Funder.objects.first()
    )
    other.fiscal_years.add(FiscalYear.objects.get(year_be=2568))
    elsewhere = fund(approved_proposal(call=call_for_complete_proposals(programme=other)), officer)
    requested(elsewhere)
    return first_call.programme


def this_year():
    return FiscalYear.year_be_of(timezone.localdate())


def test_each_request_but_drafts_is_a_row(programme, officer, finance):
    book = open_book(build_payments(programme))
    requests = book.worksheets[0]
    assert book.sheetnames == ["Payment requests", "By fiscal year"]
    assert header_of(requests)[:6] == [
        "Reference",
        "Title",
        "Call",
        "Instalment",
        "Instalment amount (baht)",
        "State",
    ]
    assert column(requests, "State") == ["Paid", "Rejected"]
    assert [decimal(v) for v in column(requests, "Instalment amount (baht)")] == [
        D("360000"),
        D("240000"),
    ]
    assert [decimal(v) for v in column(requests, "Amount paid (baht)")] == [D("350000"), None]
    assert column(requests, "Fiscal year paid") == [2568, None]
    assert column(requests, "Fiscal year requested") == [this_year(), this_year()]
    assert column(requests, "Why less was paid") == ["ค่าปรับ", None]
    assert column(requests, "Payment reference") == ["KTB-0001", None]
    assert column(requests, "Checked by") == [officer.display_name] * 2
    assert column(requests, "Decided by") == [finance.display_name] * 2


def test_the_fiscal_years_count_requests_checks_payments_and_rejections(programme):
    years = open_book(build_payments(programme)).worksheets[1]
    rows = data_of(years)
    assert [row[0] for row in rows] == [2568, this_year()]
    paid_year, request_year = rows
    assert (paid_year[4], decimal(paid_year[5])) == (1, D("350000"))
    assert (request_year[1], decimal(request_year[2]), request_year[3], request_year[6]) == (
        2,
        D("600000"),
        2,
        1,
    )


def test_a_call_keeps_its_projects_only(programme):
    book = open_book(build_payments(programme, options={"call": "SLC-2569"}))
    assert column(book.worksheets[0], "State") == ["Rejected"]
    book = open_book(build_payments(programme, options={"call": "NOPE"}))
    assert len(column(book.worksheets[0], "State")) == 2


def test_the_build_runs_the_same_queries_for_few_and_many_requests(officer):
    call = call_for_complete_proposals()

    def make(count):
        for _n in range(count):
            requested(fund(approved_proposal(call=call), officer))

    def build():
        return build_payments(Programme.objects.get(code="TEST-CALLS"), options={})

    assert flat_queries(build, make, few=1, many=4) == 2  # the programme, the requests


def test_who_may_have_it(programme, personas):
    answers = answers_of(may_export_payments, programme, personas)
    assert answers == {
        Role.RESEARCHER.value: False,
        Role.FUNDING_OFFICER.value: True,
        Role.REVIEWER.value: False,
        Role.PROGRAMME_MANAGER.value: False,  # manages no programme
        Role.ADMINISTRATOR.value: True,
        Role.MENTOR.value: False,
        Role.FINANCE.value: True,
        OUTSIDER: False,
        ANONYMOUS: False,
    }
    own_manager = UserFactory(roles=[Role.PROGRAMME_MANAGER])
    programme.managers.add(own_manager)
    assert may_export_payments(own_manager, programme)


def test_the_address_gives_the_file_to_those_people_only(client, programme, personas):
    url = reverse("reports:document", args=["payments", XLSX, programme.code])
    expected = {
        Role.RESEARCHER.value: 404,
        Role.FUNDING_OFFICER.value: 200,
        Role.REVIEWER.value: 404,
        Role.PROGRAMME_MANAGER.value: 404,
        Role.ADMINISTRATOR.value: 200,
        Role.MENTOR.value: 404,
        Role.FINANCE.value: 200,
        OUTSIDER: 404,
        ANONYMOUS: 302,
    }
    assert_access(client, personas, url, expected)


def test_the_export_is_in_the_catalogue():
    assert documents.get("payments", XLSX) is PAYMENTS
    assert (PAYMENTS.scope, PAYMENTS.background) == (documents.PROGRAMME, False)
