"""Retention: administrators set how long each kind of record is kept; the daily task removes
what is past its period and records what it removed; the record of processing activities is
generated from the models."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry, User
from accounts.privacy.erasure import is_erased
from accounts.privacy.models import RetentionKind, RetentionPeriod
from accounts.privacy.processing import activities
from accounts.privacy.retention import apply_retention
from accounts.privacy.services import set_retention
from accounts.tasks import apply_retention as retention_task
from proposals.models import Proposal, ProposalState
from tests.factories import ProposalFactory, UserFactory
from tests.helpers import assert_access

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["privacy:retention", "privacy:processing"])
def test_only_administrators_open_the_retention_pages(client, personas, name):
    expected = {**dict.fromkeys(personas, 403), "administrator": 200, "anonymous": 302}
    assert_access(client, personas, reverse(name), expected)


def test_an_administrator_sets_the_periods_and_each_change_is_audited(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert 'value="1825"' in page  # five years suggested for rejected proposals
    response = client.post(
        reverse("privacy:retention"),
        {
            "rejected_proposals": "730",
            "unused_accounts": "",
            "document_jobs": "14",
            "data_exports": "7",
        },
    )
    assert response.status_code == 302
    assert dict(RetentionPeriod.objects.values_list("kind", "days")) == {
        "rejected_proposals": 730,
        "unused_accounts": None,
        "document_jobs": 14,
        "data_exports": 7,
    }
    assert AuditEntry.objects.filter(action="privacy.retention_set").count() == 4
    bad = client.post(reverse("privacy:retention"), {"rejected_proposals": "-3"})
    assert bad.status_code == 200
    assert RetentionPeriod.objects.get(kind="rejected_proposals").days == 730


def test_the_task_removes_only_what_is_past_its_period_and_says_so(administrator):
    set_retention(
        actor=administrator,
        days_by_kind={
            RetentionKind.REJECTED_PROPOSALS: 365,
            RetentionKind.UNUSED_ACCOUNTS: 3 * 365,
        },
    )
    long_ago = timezone.now() - timedelta(days=400)
    old = ProposalFactory()
    recent = ProposalFactory()
    funded = ProposalFactory()
    Proposal.objects.filter(pk=old.pk).update(state=ProposalState.REJECTED, updated_at=long_ago)
    Proposal.objects.filter(pk=recent.pk).update(state=ProposalState.REJECTED)
    Proposal.objects.filter(pk=funded.pk).update(state=ProposalState.ACTIVE, updated_at=long_ago)
    idle = UserFactory(email="idle@example.org", roles=[])
    User.objects.filter(pk=idle.pk).update(
        date_joined=timezone.now() - timedelta(days=4 * 365), last_login=None
    )
    active = UserFactory(email="active@example.org", roles=[])
    User.objects.filter(pk=active.pk).update(
        date_joined=timezone.now() - timedelta(days=4 * 365), last_login=timezone.now()
    )

    removed = retention_task()

    assert removed["rejected_proposals"] == 1
    assert removed["unused_accounts"] >= 1
    assert set(Proposal.objects.values_list("pk", flat=True)) == {recent.pk, funded.pk}
    assert is_erased(User.objects.get(pk=idle.pk))
    assert not is_erased(User.objects.get(pk=active.pk))
    assert AuditEntry.objects.filter(action="privacy.retention_applied", data__removed=1).exists()
    # Run again: nothing more is due.
    assert apply_retention()["rejected_proposals"] == 0


def test_without_a_period_nothing_is_removed(administrator):
    old = ProposalFactory()
    Proposal.objects.filter(pk=old.pk).update(
        state=ProposalState.REJECTED, updated_at=timezone.now() - timedelta(days=9000)
    )
    assert apply_retention() == {}
    assert Proposal.objects.filter(pk=old.pk).exists()


def test_the_record_of_processing_covers_the_models_that_hold_personal_data(client, administrator):
    labels = {activity.label for activity in activities()}
    assert {"accounts.user", "proposals.teammember", "reviews.review"} <= labels
    assert "indicators.fiscalyear" not in labels
    client.force_login(administrator)
    page = client.get(reverse("privacy:processing")).content.decode()
    assert "มาตรา 24(3)" in page
