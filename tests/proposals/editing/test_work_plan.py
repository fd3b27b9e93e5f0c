"""The work plan: months within the project's duration, start before end, weights, months."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from proposals.models import Activity
from tests.proposals.editing.posting import assert_refused, cell_errors, said, save

pytestmark = pytest.mark.django_db


def row(name="สำรวจพื้นที่", start=1, end=3, weight="50", deliverable="รายงานการสำรวจ"):
    return {
        "position": "",
        "name": name,
        "start_month": start,
        "end_month": end,
        "deliverable": deliverable,
        "weight_percent": weight,
    }


def test_the_team_plans_activities(client, proposal):
    response = save(
        client,
        proposal.lead,
        proposal,
        "activities",
        new=[row(), row("พัฒนาระบบ", 4, 12, "50")],
    )
    assert response.status_code == 302
    activities = list(Activity.objects.filter(proposal=proposal))
    assert [(a.name, a.start_month, a.end_month) for a in activities] == [
        ("สำรวจพื้นที่", 1, 3),
        ("พัฒนาระบบ", 4, 12),
    ]
    assert AuditEntry.objects.get(action="proposal.work_plan_changed").data["added"] == [
        "สำรวจพื้นที่",
        "พัฒนาระบบ",
    ]


def refused(client, proposal, message, *rows):
    assert_refused(
        client,
        proposal,
        "activities",
        message,
        Activity,
        "proposal.work_plan_changed",
        new=list(rows),
    )


def test_a_month_after_the_projects_duration_is_refused(client, proposal):
    message = said("Choose a month from 1 to %(limit)s (the project's duration).", limit=12)
    refused(client, proposal, message, row(start=2, end=13))
    refused(client, proposal, message, row(start=0, end=2))


def test_without_a_duration_the_calls_longest_is_the_limit(client, proposal):
    proposal.duration_months = None
    proposal.save()
    proposal.call.max_duration_months = 18
    proposal.call.save()
    assert save(client, proposal.lead, proposal, "activities", new=[row(end=18)]).status_code == 302
    message = said("Choose a month from 1 to %(limit)s (the project's duration).", limit=18)
    refused_again = save(client, proposal.lead, proposal, "activities", new=[row(end=19)])
    assert message in cell_errors(refused_again)


def test_an_activity_ending_before_it_starts_is_refused(client, proposal):
    refused(
        client,
        proposal,
        said("The activity must end in or after its first month."),
        row(start=5, end=4),
    )


def test_the_deliverable_is_required(client, proposal):
    response = save(client, proposal.lead, proposal, "activities", new=[row(deliverable="")])
    assert response.status_code == 200
    assert response.context["formset"].errors[0]["deliverable"]
    assert not Activity.objects.exists()


def test_a_weight_over_100_is_refused(client, proposal):
    response = save(client, proposal.lead, proposal, "activities", new=[row(weight="101")])
    assert response.status_code == 200
    assert response.context["formset"].errors[0]["weight_percent"]
    assert not Activity.objects.exists()


def page(client, proposal):
    client.force_login(proposal.lead)
    return client.get(reverse("proposals:edit_activities", args=[proposal.pk]))


def test_weights_not_adding_up_to_100_are_a_warning(client, proposal):
    Activity.objects.create(
        proposal=proposal, name="ก", start_month=1, end_month=2, weight_percent=Decimal("60")
    )
    Activity.objects.create(
        proposal=proposal, name="ข", start_month=2, end_month=3, weight_percent=Decimal("12.5")
    )
    response = page(client, proposal)
    assert response.context["weight_total_text"] == "72.5"
    assert response.context["warnings"] == [
        said("The weights add up to %(total)s%%; they should add up to 100%%.", total="72.5")
    ]


def test_weights_of_100_give_no_warning(client, proposal):
    Activity.objects.create(
        proposal=proposal, name="ก", start_month=1, end_month=2, weight_percent=Decimal("100")
    )
    assert page(client, proposal).context["warnings"] == []


def test_the_months_of_each_activity_are_drawn(client, proposal):
    proposal.duration_months = 4
    proposal.save()
    activity = Activity.objects.create(
        proposal=proposal, name="ก", start_month=2, end_month=3, weight_percent=Decimal("100")
    )
    response = page(client, proposal)
    assert list(response.context["month_numbers"]) == [1, 2, 3, 4]
    assert response.context["gantt"] == [(activity, [False, True, True, False])]
    assert response.content.decode().count('class="p-0 min-w-1-5 bg-primary"') == 2
