"""The call edit page sets the report schedule and when the financial report is due; a
schedule that would leave an instalment waiting on a report it never has is refused on its
field, with nothing saved."""

import pytest
from django.urls import reverse

from accounts import audit
from proposals.models import FinancialReporting, ReportCadence
from tests.factories import CallFactory
from tests.proposals.formdata import edit_data

pytestmark = pytest.mark.django_db


def post(client, officer, call, **changes):
    data = edit_data(call)
    data.update(changes)
    client.force_login(officer)
    return client.post(
        reverse("proposals:call_edit", args=[call.code]), data, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_the_edit_page_offers_and_saves_the_schedule(client, officer):
    call = CallFactory(parts=True, is_published=False)
    client.force_login(officer)
    page = client.get(reverse("proposals:call_edit", args=[call.code])).content.decode()
    assert 'name="report_cadence"' in page and 'name="financial_reporting"' in page
    response = post(
        client, officer, call, report_cadence="quarterly", financial_reporting="at_the_end"
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    call.refresh_from_db()
    assert (call.report_cadence, call.financial_reporting) == (
        ReportCadence.QUARTERLY,
        FinancialReporting.AT_THE_END,
    )
    [entry] = audit.history(call).filter(action="call.changed")
    assert entry.data["fields"] == ["report_cadence", "financial_reporting"]


def test_a_yearly_schedule_with_a_six_month_instalment_is_refused_on_its_field(client, officer):
    call = CallFactory(parts=True, is_published=False)
    response = post(client, officer, call, report_cadence="yearly", title_en="Renamed")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["report_cadence"]
    assert "Instalment 2 waits on the 6-month progress report" in errors["report_cadence"][0]
    call.refresh_from_db()
    assert (call.report_cadence, call.title_en) == (ReportCadence.HALF_YEARLY, call.title_en)
    assert call.title_en != "Renamed"
    assert not audit.history(call).filter(action="call.changed").exists()


def test_a_yearly_schedule_is_saved_once_the_instalment_waits_on_the_12_month_report(
    client, officer
):
    call = CallFactory(parts=True, is_published=False)
    response = post(
        client, officer, call, report_cadence="yearly", **{"instalments-1-report_kind": "month_12"}
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    call.refresh_from_db()
    assert call.report_cadence == ReportCadence.YEARLY


def test_the_call_page_says_the_schedule(client, officer):
    call = CallFactory(parts=True, report_cadence=ReportCadence.QUARTERLY)
    client.force_login(officer)
    page = client.get(call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Quarterly: a report every 3 months" in page
