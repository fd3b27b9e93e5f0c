"""What every table page shares: all rows or none, rows removed by someone else meanwhile,
more blank rows without JavaScript, and audit entries that read as words."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEntry
from proposals.models import Activity, ProposalMunicipality
from tests.proposals.editing.posting import rows_data, said, save

pytestmark = pytest.mark.django_db


def activity(proposal, name, weight="50"):
    return Activity.objects.create(
        proposal=proposal,
        name=name,
        start_month=1,
        end_month=2,
        deliverable="รายงาน",
        weight_percent=Decimal(weight),
    )


def test_a_row_removed_meanwhile_is_reported_and_nothing_saved(client, proposal):
    first, second = activity(proposal, "ก"), activity(proposal, "ข")
    data = rows_data(proposal, "activities", edit={0: {"name": "ก ใหม่"}, 1: {"name": "ข ใหม่"}})
    second.delete()  # by another member of the team, after the page was opened
    client.force_login(proposal.lead)
    response = client.post(reverse("proposals:edit_activities", args=[proposal.pk]), data)
    assert response.status_code == 200
    errors = response.context["formset"].errors[1]["id"]
    assert errors == [
        said(
            "This row was removed by someone else meanwhile: "
            "reload the page to see the rows as saved."
        )
    ]
    first.refresh_from_db()
    assert first.name == "ก"


def test_rows_exchanging_a_unique_item_are_refused_whole(client, proposal, towns):
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[0], is_lead=True)
    ProposalMunicipality.objects.create(proposal=proposal, municipality=towns[1])
    response = save(
        client,
        proposal.lead,
        proposal,
        "municipalities",
        edit={0: {"municipality": towns[1].pk}, 1: {"municipality": towns[0].pk}},
    )
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert (
        said(
            "These rows could not be stored together (two rows may be exchanging the same item): "
            "nothing was saved. Change one row at a time."
        )
        in shown
    )
    assert list(
        ProposalMunicipality.objects.order_by("id").values_list("municipality", "is_lead")
    ) == [(towns[0].pk, True), (towns[1].pk, False)]
    assert not AuditEntry.objects.exists()


def test_save_and_add_more_rows_works_without_javascript(client, proposal):
    data = rows_data(
        proposal,
        "activities",
        new=[
            {
                "name": "ก",
                "start_month": 1,
                "end_month": 2,
                "deliverable": "ร",
                "weight_percent": "10",
            }
        ],
    )
    client.force_login(proposal.lead)
    url = reverse("proposals:edit_activities", args=[proposal.pk])
    response = client.post(url, {**data, "more_rows": "1"})
    assert response.url == f"{url}?rows=5"
    formset = client.get(response.url).context["formset"]
    assert (len(formset.initial_forms), len(formset.extra_forms)) == (1, 5)


def test_the_history_says_what_changed_in_words(client, proposal):
    activity(proposal, "สำรวจ")
    activity(proposal, "อบรม")
    save(
        client,
        proposal.lead,
        proposal,
        "activities",
        edit={0: {"weight_percent": "60", "deliverable": "แผนที่"}},
        remove=[1],
        new=[
            {
                "name": "ประเมินผล",
                "start_month": 3,
                "end_month": 4,
                "deliverable": "รายงาน",
                "weight_percent": "40",
            }
        ],
    )
    entry = AuditEntry.objects.get(action="proposal.work_plan_changed")
    fields = ", ".join(
        str(Activity._meta.get_field(name).verbose_name)
        for name in entry.data["changed"][0]["fields"]
    )
    assert audit.action_label(entry.action) == said("Work plan changed")
    assert audit.describe(entry) == " ".join(
        [
            said("Added: %(rows)s.", rows="ประเมินผล"),
            said("Changed: %(rows)s.", rows=f"สำรวจ ({fields})"),
            said("Removed: %(rows)s.", rows="อบรม"),
        ]
    )
