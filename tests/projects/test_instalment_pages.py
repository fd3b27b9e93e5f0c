"""The release page of an instalment: officers only; it records a due payment and shows why
an instalment cannot be paid (its report not accepted, paid already, over the budget)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.roles import Role
from projects.models import Instalment, InstalmentState
from proposals.models import ProgressReportKind, Proposal, ProposalState
from tests.helpers import assert_access
from tests.projects.builders import funded_project
from tests.projects.pages import accept, expect, people_around

D = Decimal
pytestmark = pytest.mark.django_db


def url(instalment):
    return reverse("projects:instalment_release", args=[instalment.pk])


def instalment(project, number):
    return Instalment.objects.get(proposal=project, number=number)


def english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def release(client, officer, item, **data):
    client.force_login(officer)
    payment = {"paid_on": "2025-01-15", "payment_reference": "TR-0001", **data}
    return client.post(url(item), payment)


def errors(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_only_funding_officers_open_the_release_page(client, personas, officer):
    project = funded_project(officer)
    people = people_around(project, personas)
    first = instalment(project, 1)
    assert_access(client, people, url(first), expect(404, **{Role.FUNDING_OFFICER.value: 200}))


def test_only_funding_officers_may_post_a_payment(client, personas, officer):
    project = funded_project(officer)
    people = people_around(project, personas)
    first = instalment(project, 1)
    data = {"paid_on": "2025-01-15", "payment_reference": "TR-1"}
    allowed = expect(404, **{Role.FUNDING_OFFICER.value: 302})
    for name, user in people.items():
        if name == Role.FUNDING_OFFICER.value:
            continue
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.post(url(first), data).status_code == allowed[name], name
    assert instalment(project, 1).state == InstalmentState.DUE


def test_an_unknown_instalment_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("projects:instalment_release", args=[999])).status_code == 404


def test_the_page_offers_today_and_shows_the_instalment(client, officer):
    project = funded_project(officer)
    client.force_login(officer)
    response = client.get(url(instalment(project, 1)))
    assert response.context["form"]["paid_on"].value() == timezone.localdate()
    assert response.context["can_release"] is True
    html = response.content.decode()
    assert "360,000.00" in html
    assert f"RDG-{project.pk:04d}" in html  # it is paid on the contract


def test_recording_a_due_payment(client, officer):
    project = funded_project(officer)
    response = release(client, officer, instalment(project, 1))
    assert response.status_code == 302
    assert response.url == reverse("projects:project", args=[project.pk]) + "#instalments"
    paid = instalment(project, 1)
    assert (paid.state, paid.paid_on, paid.payment_reference, paid.released_by) == (
        InstalmentState.RELEASED,
        datetime.date(2025, 1, 15),
        "TR-0001",
        officer,
    )
    assert AuditEntry.objects.filter(action="instalment.release").count() == 1


def test_an_instalment_waiting_for_its_report_says_which_and_is_not_paid(client, officer):
    project = funded_project(officer)
    second = instalment(project, 2)
    client.force_login(english(officer))
    response = client.get(url(second))
    assert response.context["can_release"] is False
    html = response.content.decode()
    assert "it waits for the 6-month progress report to be accepted" in html
    assert 'name="payment_reference"' not in html
    response = release(client, officer, second)
    assert errors(response) == [
        "This instalment waits for the 6-month progress report to be accepted."
    ]
    assert instalment(project, 2).state == InstalmentState.SCHEDULED


def test_once_its_report_is_accepted_the_instalment_is_paid_through_the_page(client, officer):
    project = funded_project(officer)
    accept(project, ProgressReportKind.MONTH_6, officer)
    second = instalment(project, 2)
    assert second.state == InstalmentState.DUE
    response = release(client, officer, second, paid_on=timezone.localdate().isoformat())
    assert response.status_code == 302
    assert instalment(project, 2).state == InstalmentState.RELEASED


def test_a_second_payment_of_the_same_instalment_is_refused(client, officer):
    project = funded_project(officer)
    english(officer)
    first = instalment(project, 1)
    release(client, officer, first)
    response = release(client, officer, first, payment_reference="TR-AGAIN")
    assert errors(response) == ["This instalment is “Released”: nothing was changed."]
    assert instalment(project, 1).payment_reference == "TR-0001"
    assert "TR-0001" in response.content.decode()  # the page shows it as paid now


def test_a_payment_over_the_approved_budget_is_refused(client, officer):
    project = funded_project(officer)
    english(officer)
    Instalment.objects.filter(proposal=project, number=2).update(state=InstalmentState.RELEASED)
    Instalment.objects.filter(proposal=project, number=3).update(
        state=InstalmentState.DUE, amount=D("360000.00")
    )
    release(client, officer, instalment(project, 1))
    response = release(client, officer, instalment(project, 3), payment_reference="TR-3")
    assert errors(response) == [
        "Releasing 360,000.00 baht would pay more than the approved 900,000.00 baht."
    ]
    assert instalment(project, 3).state == InstalmentState.DUE


def test_a_date_in_the_future_is_refused_and_a_missing_reference_shown_beside_it(client, officer):
    project = funded_project(officer)
    english(officer)
    first = instalment(project, 1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = release(client, officer, first, paid_on=tomorrow.isoformat())
    assert errors(response) == ["The payment date cannot be in the future."]
    response = release(client, officer, first, payment_reference="  ")
    assert list(response.context["form"].errors) == ["payment_reference"]
    assert instalment(project, 1).state == InstalmentState.DUE


def test_no_payment_is_recorded_once_the_project_is_closed(client, officer):
    project = funded_project(officer)
    Proposal.objects.filter(pk=project.pk).update(state=ProposalState.CLOSED)
    first = instalment(project, 1)
    client.force_login(english(officer))
    response = client.get(url(first))
    assert response.context["can_release"] is False
    assert "only while the project is active or completed" in response.content.decode()
    response = release(client, officer, first)
    assert errors(response) == ["You may not release this instalment."]
    assert instalment(project, 1).state == InstalmentState.DUE


def test_a_payment_date_is_typed_in_the_buddhist_era_in_thai(client, officer):
    project = funded_project(officer)
    client.force_login(officer)
    page = client.get(url(instalment(project, 1))).content.decode()
    today = timezone.localdate()
    assert f'value="{today:%d/%m}/{today.year + 543}"' in page
    assert "วว/ดด/ปปปป (พ.ศ.)" in page
    response = release(client, officer, instalment(project, 1), paid_on="15/01/2568")
    assert response.status_code == 302
    assert instalment(project, 1).paid_on == datetime.date(2025, 1, 15)


def test_a_payment_date_in_the_wrong_era_is_refused_and_nothing_is_paid(client, officer):
    project = funded_project(officer)
    response = release(client, english(officer), instalment(project, 1), paid_on="15/01/2568")
    assert response.status_code == 200
    assert response.context["form"].errors["paid_on"] == [
        "Type the year in the Common Era: 2568 B.E. is 2025."
    ]
    assert instalment(project, 1).state == InstalmentState.DUE
