import pytest
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEntry
from accounts.services import set_roles
from indicators.models import Funder

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_which_and_the_states(officer):
    funder = Funder.objects.create(name_th="แหล่งทุน", name_en="A funder")
    entry = audit.record(
        actor=officer, action="proposal.submit", obj=funder,
        from_state="draft", to_state="submitted", comment="ส่งแล้ว",
    )  # fmt: skip
    entry.refresh_from_db()
    assert (entry.actor, entry.action, entry.object_id, entry.object_repr) == (
        officer, "proposal.submit", str(funder.pk), "แหล่งทุน",
    )  # fmt: skip
    assert (entry.from_state, entry.to_state, entry.comment) == ("draft", "submitted", "ส่งแล้ว")
    assert list(audit.history(funder)) == [entry]


def test_history_is_newest_first_and_shows_state_changes(
    client, manager, administrator, researcher
):
    set_roles(actor=administrator, user=researcher, roles={"researcher", "reviewer"})
    audit.record(
        actor=administrator, action="proposal.submit", obj=researcher,
        from_state="draft", to_state="submitted", comment="เหตุผล",
    )  # fmt: skip
    client.force_login(manager)
    response = client.get(reverse("history", args=["accounts.user", researcher.pk]))
    entries = [row["entry"] for row in response.context["entries"]]
    assert [e.action for e in entries] == ["proposal.submit", "roles.changed"]
    body = response.content.decode()
    assert "draft → submitted" in body
    assert "เปลี่ยนบทบาท" in body  # the readable label of roles.changed
    assert "เดิม: นักวิจัย ใหม่: นักวิจัย, ผู้ทรงคุณวุฒิ" in body


def test_an_anonymous_actor_is_recorded_as_the_system(researcher):
    entry = audit.record(actor=None, action="roles.changed", obj=researcher)
    assert entry.actor is None
    assert AuditEntry.objects.count() == 1


def test_the_history_page_runs_a_fixed_number_of_queries(
    client, manager, administrator, researcher, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("history", args=["accounts.user", researcher.pk])

    def add(n):
        for _ in range(n):
            audit.record(actor=administrator, action="roles.changed", obj=researcher)

    from tests.helpers import assert_flat_queries

    assert assert_flat_queries(client, manager, url, add, few=1, many=60) == 5
    page = client.get(url).context["page"]  # 50 a page
    assert (page.paginator.count, len(page.object_list)) == (60, 50)
