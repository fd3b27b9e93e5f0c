"""The demo's mentors: two mentors of the open call's draft, with comments on it, made
through the services; a thread answered and resolved by the team."""

import pytest
from django.core.management import call_command

from proposals.models import DraftShare, MentorThread, ProposalState
from tests.helpers import demo_day

pytestmark = pytest.mark.django_db


def test_the_demo_draft_has_two_mentors_with_comments(settings, tmp_path, monkeypatch):
    demo_day(monkeypatch, "4 Dec 2569")
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    shares = DraftShare.objects.filter(stopped_at__isnull=True).select_related("proposal")
    assert len(shares) == 2
    assert {share.proposal.state for share in shares} == {ProposalState.DRAFT}
    assert {share.proposal.call.is_open for share in shares} == {True}
    threads = MentorThread.objects.order_by("opened_at", "id")
    assert threads.count() == 2
    assert {thread.opened_by_id for thread in threads} == {share.mentor_id for share in shares}
    assert [thread.is_resolved for thread in threads] == [True, False]
